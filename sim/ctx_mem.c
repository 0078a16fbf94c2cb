/* Loads and stores through the context and through the pointers only a
 * context hands out: mirrors check_mem_access()'s PTR_TO_CTX branch with
 * check_ctx_access()/__check_ctx_access(), and its PTR_TO_FLOW_KEYS
 * (check_flow_keys_access()), PTR_TO_TP_BUFFER (check_tp_buffer_access())
 * and PTR_TO_BUF (check_buffer_access()) branches, of Linux 7.3.
 *
 * The context rule itself (which offset is a valid field of which type)
 * is the program type's is_valid_access(), in ctx_access.c. A context
 * the kernel rewrites (convert_ctx_access) must be dereferenced at its
 * original address; one it does not rewrite (tracing, cgroup/dev,
 * netfilter ...) may be moved by a constant first. A syscall program's
 * context is plain memory: check_mem.c bounds it to U16_MAX bytes first.
 */
#include "check.h"
#include "ctx_access.h"
#include "kfuncs.h"

/* mirrors check_ctx_access() and __check_ctx_access(), and the load's
 * destination register as check_mem_access() sets it */
int sim_check_ctx_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			 int size, bool write, int value_regno, bool is_ldsx)
{
	const struct sim_prog_view *p = env->p;
	struct sim_ctx_access a;
	struct sim_reg *dst;
	int64_t o;
	int valid, err;

	if (p->prog_type != BPF_PROG_TYPE_SYSCALL) {
		err = sim_check_ptr_off_reg(env, reg, regno, !sim_ctx_converted(p->prog_type));
		if (err)
			return err;
	}
	o = (int64_t)off + (int64_t)sim_scalar_umax(&reg->s);
	a = (struct sim_ctx_access){ .off = (int)o, .size = size, .write = write, .ldsx = is_ldsx };
	valid = o == (int)o ? sim_ctx_access(p, &a) : 0;
	if (valid < 0)
		return sim_unsupported(env, "context access for program type %u", p->prog_type);
	if (!valid) {
		err = sim_reject(env, -EACCES, "invalid bpf_context access off=%d size=%d\n", (int)o,
				 size);
		sim_verbose_linfo(env, env->insn_idx, "; ");
		return err;
	}
	if (write || value_regno < 0)
		return 0;
	dst = &sim_cur_regs(env)[value_regno];
	if (a.reg_type == SCALAR_VALUE) {
		sim_reg_mark_unknown(dst);
		return 0;
	}
	/* a pointer field: known zero offset, of the field's type */
	sim_reg_mark_ptr(dst, a.reg_type);
	if (sim_base_type(a.reg_type) == PTR_TO_BTF_ID) {
		dst->btf = a.btf;
		dst->btf_id = a.btf_id;
	}
	if (a.reg_type & PTR_MAYBE_NULL)
		dst->id = ++env->id_gen;
	return 0;
}

/* mirrors check_flow_keys_access(): constant offsets inside
 * struct bpf_flow_keys */
int sim_check_flow_keys_access(struct sim_env *env, int regno, int off, int size, bool write,
			       int value_regno)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	int64_t o;

	if (!sim_reg_is_const(reg)) {
		char tn[64];

		tnum_strn(tn, sizeof(tn), reg->s.var_off);
		return sim_reject(env, -EACCES,
				  "R%d invalid variable offset to flow keys: off=%d, var_off=%s\n",
				  regno, off, tn);
	}
	o = (int64_t)off + (int64_t)reg->s.var_off.value;
	/* the kernel folds the offset into an int */
	if ((int)o < 0 || (uint64_t)(int64_t)(int)o + (uint64_t)size > sizeof(struct bpf_flow_keys))
		return sim_reject(env, -EACCES, "invalid access to flow keys off=%d size=%d\n",
				  (int)o, size);
	if (!write && value_regno >= 0)
		sim_reg_mark_unknown(&sim_cur_regs(env)[value_regno]);
	return 0;
}

/* mirrors __check_buffer_access(): a constant, non-negative offset; the
 * buffer's size is checked when the program is attached (max_tp_access,
 * max_rdonly_access, max_rdwr_access) */
static int buffer_access(struct sim_env *env, const char *buf_info, int regno, int off)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	char tn[64];

	if (!sim_reg_is_const(reg)) {
		tnum_strn(tn, sizeof(tn), reg->s.var_off);
		return sim_reject(env, -EACCES,
				  "R%d invalid variable buffer offset: off=%d, var_off=%s\n", regno,
				  off, tn);
	}
	if ((int64_t)reg->s.var_off.value + off < 0)
		return sim_reject(env, -EACCES,
				  "R%d invalid negative %s buffer offset: off=%d, var_off=%lld\n",
				  regno, buf_info, off, (long long)reg->s.var_off.value);
	return 0;
}

/* mirrors check_tp_buffer_access() */
int sim_check_tp_buffer_access(struct sim_env *env, int regno, int off, int size, bool write,
			       int value_regno)
{
	int err = buffer_access(env, "tracepoint", regno, off);

	(void)size;
	if (!err && !write && value_regno >= 0)
		sim_reg_mark_unknown(&sim_cur_regs(env)[value_regno]);
	return err;
}

/* mirrors check_mem_access()'s PTR_TO_BUF branch and check_buffer_access() */
int sim_check_buffer_access(struct sim_env *env, int regno, int off, int size, bool write,
			    int value_regno)
{
	uint32_t type = sim_cur_regs(env)[regno].type;
	bool rdonly = type & MEM_RDONLY;
	char tb[96];
	int err;

	(void)size;
	if (rdonly && write)
		return sim_reject(env, -EACCES, "R%d cannot write into %s\n", regno,
				  sim_reg_type_str(type, tb, sizeof(tb)));
	err = buffer_access(env, rdonly ? "rdonly" : "rdwr", regno, off);
	if (!err && value_regno >= 0 && (rdonly || !write))
		sim_reg_mark_unknown(&sim_cur_regs(env)[value_regno]);
	return err;
}
