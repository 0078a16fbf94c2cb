/* Helper-argument rules of Linux 7.3's check_func_arg() that stand on
 * their own: the offset a pointer argument may carry
 * (check_func_arg_reg_off()), the constant string of ARG_PTR_TO_CONST_STR
 * (check_arg_const_str()), the alignment of MEM_ALIGNED arguments
 * (check_ptr_alignment()) and the read/write permission of map memory
 * (check_map_access_type()). check_call.c calls them in the kernel's
 * order. */
#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "check.h"
#include "helper_args.h"
#include "kfuncs.h"
#include "object.h"
#include "tnum.h"

/* mirrors __check_func_arg_reg_off() with btf_id_fixed_off_ok; the
 * release-argument part stays in check_call.c */
int sim_helper_arg_reg_off(struct sim_env *env, const struct sim_reg *reg, int regno,
			   uint32_t arg_type)
{
	switch (reg->type) {
	/* both fixed and variable offsets allowed */
	case PTR_TO_STACK:
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_MAP_KEY:
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MEM:
	case PTR_TO_MEM | MEM_RDONLY:
	case PTR_TO_MEM | MEM_RINGBUF:
	case PTR_TO_BUF:
	case PTR_TO_BUF | MEM_RDONLY:
	case PTR_TO_ARENA:
	case SCALAR_VALUE:
		return 0;
	/* a fixed offset only */
	case PTR_TO_BTF_ID:
	case PTR_TO_BTF_ID | MEM_ALLOC:
	case PTR_TO_BTF_ID | PTR_TRUSTED:
	case PTR_TO_BTF_ID | MEM_RCU:
	case PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF:
	case PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF | MEM_RCU:
		return sim_check_ptr_off_reg(env, reg, regno, true);
	case PTR_TO_CTX:
		/* is_var_ctx_off_allowed(): the syscall context passed as
		 * memory (the flags count: ARG_PTR_TO_CTX_OR_NULL is not
		 * ARG_PTR_TO_CTX) */
		if (arg_type != ARG_PTR_TO_CTX && env->p->prog_type == BPF_PROG_TYPE_SYSCALL)
			return 0;
		return sim_check_ptr_off_reg(env, reg, regno, false);
	default:
		return sim_check_ptr_off_reg(env, reg, regno, false);
	}
}

/* bpf_map_is_rdonly(): BPF_F_RDONLY_PROG and frozen; libbpf freezes its
 * .rodata and .kconfig maps, the only internal maps it makes read-only */
static bool map_is_rdonly(const struct sim_map *m)
{
	return m && m->global_data && (m->map_flags & BPF_F_RDONLY_PROG);
}

/* mirrors check_arg_const_str() */
int sim_helper_arg_const_str(struct sim_env *env, int regno)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const struct sim_map_view *v = reg->map;
	const struct sim_map *m = v ? v->map : NULL;
	const uint8_t *img;
	uint64_t map_off;
	int err;

	if (reg->type != PTR_TO_MAP_VALUE || !v)
		return -EINVAL;
	if (v->type == BPF_MAP_TYPE_INSN_ARRAY)
		return sim_reject(env, -EACCES,
				  "R%d points to insn_array map which cannot be used as const string\n",
				  regno);
	if (v->type == BPF_MAP_TYPE_PERCPU_ARRAY)
		return sim_reject(env, -EACCES,
				  "R%d points to percpu_array map which cannot be used as const string\n",
				  regno);
	if (!map_is_rdonly(m))
		return sim_reject(env, -EACCES, "R%d does not point to a readonly map'\n", regno);
	if (!sim_scalar_is_const(&reg->s, false))
		return sim_reject(env, -EACCES, "R%d is not a constant address'\n", regno);
	/* map_direct_value_addr: array maps only */
	if (v->type != BPF_MAP_TYPE_ARRAY)
		return sim_reject(env, -EACCES, "no direct value access support for this map type\n");
	map_off = reg->s.var_off.value;
	err = sim_check_map_helper_access(env, regno, 0, (int)(v->value_size - map_off));
	if (err)
		return err;
	/* array_map_direct_value_addr(): one element, offset inside it */
	if (v->max_entries != 1 || map_off >= v->value_size)
		return sim_reject(env, -EINVAL, "direct value access on string failed\n");
	/* strnchr(): the bytes past the object's image are zeroes */
	img = m->initial_value;
	for (uint64_t i = map_off; i < v->value_size; i++)
		if (i >= m->initial_size || !img || !img[i])
			return 0;
	return sim_reject(env, -EINVAL, "string is not zero-terminated\n");
}

/* mirrors check_generic_ptr_alignment() / check_pkt_ptr_alignment() */
static int misaligned(struct sim_env *env, const struct sim_reg *reg, const char *desc, int off,
		      int size, int ip_align)
{
	char tn[48];

	if (size == 1 || tnum_is_aligned(tnum_add(reg->s.var_off,
						  tnum_const((uint64_t)(int64_t)(ip_align + off))),
					 (uint64_t)size))
		return 0;
	tnum_strn(tn, sizeof(tn), reg->s.var_off);
	if (ip_align)
		return sim_reject(env, -EACCES, "misaligned packet access off %d+%s+%d size %d\n",
				  ip_align, tn, off, size);
	return sim_reject(env, -EACCES, "misaligned %saccess off %s+%d size %d\n", desc, tn, off,
			  size);
}

/* mirrors check_ptr_alignment() with strict_alignment_once: every pointer
 * kind is checked strictly */
int sim_helper_arg_aligned(struct sim_env *env, const struct sim_reg *reg, int off, int size)
{
	const char *desc = "";

	switch (reg->type) {
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
		/* NET_IP_ALIGN emulated as 2 in strict mode */
		return misaligned(env, reg, "", off, size, 2);
	case PTR_TO_FLOW_KEYS:
		desc = "flow keys ";
		break;
	case PTR_TO_MAP_KEY:
		desc = "key ";
		break;
	case PTR_TO_MAP_VALUE:
		desc = "value ";
		break;
	case PTR_TO_CTX:
		desc = "context ";
		break;
	case PTR_TO_STACK:
		desc = "stack ";
		break;
	case PTR_TO_SOCKET:
		desc = "sock ";
		break;
	case PTR_TO_SOCK_COMMON:
		desc = "sock_common ";
		break;
	case PTR_TO_TCP_SOCK:
		desc = "tcp_sock ";
		break;
	case PTR_TO_XDP_SOCK:
		desc = "xdp_sock ";
		break;
	case PTR_TO_ARENA:
		return 0;
	default:
		break;
	}
	return misaligned(env, reg, desc, off, size, 0);
}

/* mirrors check_map_access_type() with bpf_map_flags_to_cap() */
int sim_check_map_access_type(struct sim_env *env, const struct sim_reg *reg, int off, int size,
			      bool write)
{
	const struct sim_map_view *v = reg->map;
	unsigned flags = v && v->map ? v->map->map_flags : 0;
	long long at = (long long)sim_scalar_smin(&reg->s) + off;

	if (write && (flags & BPF_F_RDONLY_PROG))
		return sim_reject(env, -EACCES,
				  "write into map forbidden, value_size=%d off=%lld size=%d\n",
				  v ? (int)v->value_size : 0, at, size);
	if (!write && (flags & BPF_F_WRONLY_PROG) && !(flags & BPF_F_RDONLY_PROG))
		return sim_reject(env, -EACCES,
				  "read from map forbidden, value_size=%d off=%lld size=%d\n",
				  v ? (int)v->value_size : 0, at, size);
	return 0;
}

/* mirrors the validation pass of bpf_bprintf_prepare() (raw_args NULL, no
 * buffers): every conversion is one the helper knows and there are no
 * more of them than @num_args */
static bool bprintf_fmt_ok(const char *fmt, size_t fmt_size, unsigned num_args)
{
	unsigned num_spec = 0;

	for (size_t i = 0; i < fmt_size; i++) {
		unsigned char c = (unsigned char)fmt[i];

		/* bytes >= 0x80 pass; ASCII control bytes do not */
		if (c < 0x80 && !isprint(c) && !isspace(c))
			return false;
		if (fmt[i] != '%')
			continue;
		if (fmt[i + 1] == '%') {
			i++;
			continue;
		}
		if (num_spec >= num_args)
			return false;
		i++;
		if ((unsigned char)fmt[i] >= 0x80)
			return false;
		/* optional "[0 +-][num]" width */
		while (fmt[i] == '0' || fmt[i] == '+' || fmt[i] == '-' || fmt[i] == ' ')
			i++;
		if (fmt[i] >= '1' && fmt[i] <= '9') {
			i++;
			while (fmt[i] >= '0' && fmt[i] <= '9')
				i++;
		}
		if (fmt[i] == 'p') {
			char n = fmt[i + 1];

			if (n == 0 || isspace((unsigned char)n) || ispunct((unsigned char)n)) {
				num_spec++;
				continue;
			}
			if ((n == 'k' || n == 'u') && fmt[i + 2] == 's') {
				i += 2;
				goto fmt_str;
			}
			if (n == 'K' || n == 'x' || n == 's' || n == 'S' || n == 'B') {
				i++;
				num_spec++;
				continue;
			}
			/* only %pI4, %pi4, %pI6 and %pi6 */
			if ((n != 'i' && n != 'I') || (fmt[i + 2] != '4' && fmt[i + 2] != '6'))
				return false;
			i += 2;
			num_spec++;
			continue;
		} else if (fmt[i] == 's') {
fmt_str:
			if (fmt[i + 1] != 0 && !isspace((unsigned char)fmt[i + 1]) &&
			    !ispunct((unsigned char)fmt[i + 1]))
				return false;
			num_spec++;
			continue;
		} else if (fmt[i] == 'c') {
			num_spec++;
			continue;
		}
		if (fmt[i] == 'l')
			i++;
		if (fmt[i] == 'l')
			i++;
		if (fmt[i] != 'i' && fmt[i] != 'd' && fmt[i] != 'u' && fmt[i] != 'x' &&
		    fmt[i] != 'X')
			return false;
		num_spec++;
	}
	return true;
}

/* mirrors check_bpf_snprintf_call(): R3 already passed
 * check_arg_const_str(), so it is a constant offset into a frozen
 * one-element array whose image holds a NUL-terminated string */
int sim_helper_snprintf_fmt(struct sim_env *env)
{
	const struct sim_reg *regs = sim_cur_regs(env);
	const struct sim_reg *fmt_reg = &regs[3], *len_reg = &regs[5];
	const struct sim_map *m = fmt_reg->map ? fmt_reg->map->map : NULL;
	uint64_t off = fmt_reg->s.var_off.value, len;
	char buf[4096];

	/* data must be an array of u64; the kernel refuses without a line */
	if (len_reg->s.var_off.value % 8)
		return sim_reject(env, -EINVAL, "%s", "");
	if (!m)
		return sim_bug(env, "snprintf format without a map");
	len = m->value_size > off ? m->value_size - off : 0;
	if (len >= sizeof(buf))
		return sim_unsupported(env, "snprintf format of %llu bytes", (unsigned long long)len);
	for (uint64_t i = 0; i < len; i++) {
		const uint8_t *img = m->initial_value;

		buf[i] = off + i < m->initial_size && img ? (char)img[off + i] : 0;
	}
	buf[len] = 0;
	if (!bprintf_fmt_ok(buf, strlen(buf), (unsigned)(len_reg->s.var_off.value / 8)))
		return sim_reject(env, -EINVAL, "Invalid format string\n");
	return 0;
}
