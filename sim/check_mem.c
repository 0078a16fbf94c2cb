/* Loads and stores: mirrors check_mem_access() and its per-pointer-kind
 * branches (stack spill/fill, map values, packet, ctx, PTR_TO_MEM) of 7.3.
 *
 * In 7.3 a pointer's whole offset lives in its var_off/r64, so an access
 * "*(size *)(reg + off)" covers [smin(reg) + off, smax(reg) + off + size).
 * Loads run as root (CAP_BPF + CAP_PERFMON): uninitialised stack may be
 * read, pointers may be leaked into maps, which the kernel then allows. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dynptr.h"
#include "ctx_access.h"
#include "diagnostics.h"
#include "helper_args.h"
#include "kfuncs.h"
#include "object.h"

#define MAX_PACKET_OFF 0xffff

static int size_bytes(int bpf_size)
{
	static const int bytes[] = { [BPF_W >> 3] = 4, [BPF_H >> 3] = 2, [BPF_B >> 3] = 1,
				     [BPF_DW >> 3] = 8 };
	return bytes[bpf_size >> 3];
}

/* ---- context ------------------------------------------------------------- */

/* The context rules (each program type's is_valid_access()) and
 * check_ctx_access() live in ctx_access.c and ctx_mem.c. */

/* mirrors init_reg_state()'s R1: the context */
void sim_init_ctx_reg(struct sim_env *env, struct sim_reg *r)
{
	(void)env;
	sim_reg_mark_ptr(r, PTR_TO_CTX);
}

/* ---- memory regions ------------------------------------------------------ */

/* mirrors __check_mem_access() */
static int mem_access_error(struct sim_env *env, const struct sim_reg *reg, int regno,
			    int64_t off, int size, uint32_t mem_size, bool zero_ok)
{
	bool size_ok = size > 0 || (size == 0 && zero_ok);

	if (off >= 0 && size_ok && (uint64_t)off + (uint64_t)size <= mem_size)
		return 0;
	switch (reg->type) {
	case PTR_TO_MAP_KEY:
		return sim_reject(env, -EACCES, "invalid access to map key, key_size=%d off=%d size=%d\n",
				  mem_size, (int)off, size);
	case PTR_TO_MAP_VALUE:
		return sim_reject(env, -EACCES,
				  "invalid access to map value, value_size=%d off=%d size=%d\n",
				  mem_size, (int)off, size);
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_PACKET_END:
		return sim_reject(env, -EACCES,
				  "invalid access to packet, off=%d size=%d, R%d(id=%d,off=%d,r=%d)\n",
				  (int)off, size, regno, reg->id, (int)off, mem_size);
	default:
		return sim_reject(env, -EACCES, "invalid access to memory, mem_size=%u off=%d size=%d\n",
				  mem_size, (int)off, size);
	}
}

/* mirrors check_mem_region_access() */
static int check_mem_region_access(struct sim_env *env, const struct sim_reg *reg, int regno,
				   int off, int size, uint32_t mem_size, bool zero_ok)
{
	int64_t smin = sim_scalar_smin(&reg->s);
	int err;

	if (smin < 0 && (smin == INT64_MIN || off + smin != (int64_t)(int32_t)(off + smin) ||
			 smin + off < 0)) {
		return sim_diag_mem_bounds(env, sim_reject(env, -EACCES,
				  "R%d min value is negative, either use unsigned index or do a if (index >=0) check.\n",
				  regno), reg, regno, off, size, mem_size, SIM_DIAG_BOUNDS_MIN_NEGATIVE);
	}
	err = mem_access_error(env, reg, regno, smin + off, size, mem_size, zero_ok);
	if (err)
		return sim_diag_mem_bounds(env, sim_reject(env, -EACCES, "R%d min value is outside of the allowed memory range\n",
				  regno), reg, regno, off, size, mem_size, SIM_DIAG_BOUNDS_MIN_OUTSIDE);
	if (sim_scalar_umax(&reg->s) >= BPF_MAX_VAR_OFF)
		return sim_diag_mem_bounds(env, sim_reject(env, -EACCES,
				  "R%d unbounded memory access, make sure to bounds check any such access\n",
				  regno), reg, regno, off, size, mem_size, SIM_DIAG_BOUNDS_UNBOUNDED);
	err = mem_access_error(env, reg, regno, (int64_t)sim_scalar_umax(&reg->s) + off, size,
			       mem_size, zero_ok);
	if (err)
		return sim_diag_mem_bounds(env, sim_reject(env, -EACCES, "R%d max value is outside of the allowed memory range\n",
				  regno), reg, regno, off, size, mem_size, SIM_DIAG_BOUNDS_MAX_OUTSIDE);
	return 0;
}

int sim_check_map_region(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			 int size, uint32_t mem_size)
{
	return check_mem_region_access(env, reg, regno, off, size, mem_size, false);
}

/* ---- stack --------------------------------------------------------------- */

static struct sim_func *reg_func(struct sim_env *env, const struct sim_reg *reg)
{
	return env->cur->frame[reg->frameno];
}

/* mirrors check_stack_access_within_bounds() (+ grow_stack_state) */
static int check_stack_bounds(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			      int size, bool write)
{
	const char *extra = write ? " write to" : " read from";
	int64_t min_off, max_off;

	if (sim_reg_is_const(reg)) {
		min_off = (int64_t)reg->s.var_off.value + off;
		max_off = min_off + size;
	} else {
		if (sim_scalar_smax(&reg->s) >= BPF_MAX_VAR_OFF ||
		    sim_scalar_smin(&reg->s) <= -BPF_MAX_VAR_OFF)
			return sim_reject(env, -EACCES, "invalid unbounded variable-offset%s stack R%d\n",
					  extra, regno);
		min_off = sim_scalar_smin(&reg->s) + off;
		max_off = sim_scalar_smax(&reg->s) + off + size;
	}
	if (min_off < -SIM_MAX_STACK || max_off > 0 || size < 0) {
		if (sim_reg_is_const(reg))
			return sim_reject(env, -EACCES, "invalid%s stack R%d off=%lld size=%d\n", extra,
					  regno, (long long)min_off, size);
		{
			/* the kernel formats var_off with tnum_strn() (0 prints as 0x0) */
			char tn_buf[48];

			tnum_strn(tn_buf, sizeof(tn_buf), reg->s.var_off);
			return sim_reject(env, -EACCES,
					  "invalid variable-offset%s stack R%d var_off=%s off=%d size=%d\n",
					  extra, regno, tn_buf, off, size);
		}
	}
	if (sim_grow_stack(env, reg_func(env, reg), (int)-min_off))
		return sim_bug(env, "out of memory");
	return 0;
}

/* mirrors scrub_special_slot(): a data write into a slot destroys what it
 * held: the spilled register, and every byte of a spill, dynptr, iterator
 * or IRQ flag becomes MISC (scrub_spilled_slot(); a dynptr's or iterator's
 * reference stays, and leaks) */
static void scrub_special_slot(struct sim_stack_slot *s)
{
	uint8_t last = s->type[SIM_REG_SIZE - 1];

	sim_reg_mark_not_init(&s->spilled);
	if (last == STACK_SPILL || last == STACK_DYNPTR || last == STACK_ITER ||
	    last == STACK_IRQ_FLAG)
		for (int i = 0; i < SIM_REG_SIZE; i++)
			if (s->type[i] != STACK_INVALID && s->type[i] != STACK_POISON)
				s->type[i] = STACK_MISC;
}

/* mirrors save_register_state() */
static void save_register_state(struct sim_func *f, int spi, const struct sim_reg *reg, int size)
{
	struct sim_stack_slot *s = &f->stack[spi];

	s->spilled = *reg;
	for (int i = SIM_REG_SIZE; i > SIM_REG_SIZE - size; i--)
		s->type[i - 1] = STACK_SPILL;
	for (int i = 0; i < SIM_REG_SIZE - size; i++)
		if (s->type[i] != STACK_ZERO && s->type[i] != STACK_INVALID &&
		    s->type[i] != STACK_POISON)
			s->type[i] = STACK_MISC;   /* mark_stack_slot_misc() */
}

/* mirrors check_stack_write_fixed_off() */
static int stack_write_fixed(struct sim_env *env, struct sim_func *f, int off, int size,
			     int value_regno, const struct bpf_insn *insn)
{
	struct sim_func *cur = sim_cur_frame(env->cur);
	int slot = -off - 1, spi = slot / SIM_REG_SIZE;
	struct sim_reg *reg = value_regno >= 0 ? &cur->regs[value_regno] : NULL;
	struct sim_stack_slot *s = &f->stack[spi];
	bool spilled = false;
	/* destroy_if_dynptr_stack_slot(): a write ends a dynptr (dynptr.c) */
	int derr = sim_destroy_if_dynptr_stack_slot(env, f, spi);

	if (derr)
		return derr;
	sim_mark_stack_scratched(env, spi);
	if (reg && !(off % SIM_REG_SIZE) && reg->type == SCALAR_VALUE) {
		bool fits = sim_scalar_width(&reg->s) <= 8 * size;

		if (fits) {
			if (reg->id & SIM_ADD_CONST) {
				reg->id = 0;
				reg->delta = 0;
			}
			if (!reg->id && !sim_reg_is_const(reg))
				reg->id = ++env->id_gen;
		}
		save_register_state(f, spi, reg, size);
		if (!fits) {
			s->spilled.id = 0;
			s->spilled.delta = 0;
		}
		spilled = true;
	} else if (!reg && !(off % SIM_REG_SIZE) && BPF_CLASS(insn->code) == BPF_ST) {
		struct sim_reg tmp;

		sim_reg_mark_known(&tmp, (uint64_t)(int64_t)insn->imm);
		save_register_state(f, spi, &tmp, size);
		spilled = true;
	} else if (reg && sim_reg_is_pointer(reg)) {
		if (size != SIM_REG_SIZE)
			return sim_reject(env, -EACCES, "invalid size of register spill\n");
		if (f != cur && reg->type == PTR_TO_STACK)
			return sim_reject(env, -EINVAL,
					  "cannot spill pointers to stack into stack frame of the caller\n");
		save_register_state(f, spi, reg, size);
		spilled = true;
	} else {
		uint8_t type = STACK_MISC;

		scrub_special_slot(s);
		if ((reg && sim_reg_is_null(reg)) ||
		    (!reg && BPF_CLASS(insn->code) == BPF_ST && insn->imm == 0)) {
			/* STACK_ZERO is not a spill backtracking can follow:
			 * the zero must be precise where it came from */
			if (reg) {
				int err = sim_mark_chain_precision(env, value_regno);

				if (err)
					return err;
			}
			type = STACK_ZERO;
		}
		for (int i = 0; i < size; i++)
			s->type[(slot - i) % SIM_REG_SIZE] = type;
	}
	if (spilled)
		return sim_push_jmp_history(env, env->cur, SIM_INSN_F_STACK_ACCESS, (uint32_t)spi,
					    f->frameno, 0);
	return 0;
}

/* mirrors mark_reg_stack_read(): bytes that are all zero (STACK_ZERO, or
 * spilled registers known to be 0) give 0, else unknown; the zero spills
 * it relied on become precise */
static int mark_reg_stack_read(struct sim_env *env, struct sim_func *f, int min_off, int max_off,
			       int dst_regno)
{
	struct sim_reg *dst = &sim_cur_frame(env->cur)->regs[dst_regno];
	uint64_t zero_spill_mask = 0;
	int zeros = 0;

	for (int i = min_off; i < max_off; i++) {
		int slot = -i - 1, spi = slot / SIM_REG_SIZE;
		uint8_t t = f->stack[spi].type[slot % SIM_REG_SIZE];
		const struct sim_reg *spilled = &f->stack[spi].spilled;

		sim_mark_stack_scratched(env, spi);
		if (t == STACK_ZERO) {
			zeros++;
			continue;
		}
		/* bpf_register_is_null() */
		if (t == STACK_SPILL && spilled->type == SCALAR_VALUE &&
		    tnum_equals_const(spilled->s.var_off, 0)) {
			zero_spill_mask |= 1ull << spi;
			zeros++;
			continue;
		}
		break;
	}
	if (zeros != max_off - min_off) {
		sim_reg_mark_unknown(dst);
		return 0;
	}
	sim_reg_mark_known(dst, 0);
	if (!zero_spill_mask)
		return 0;
	for (uint32_t spi = 0; spi < 64; spi++)
		if (zero_spill_mask & (1ull << spi))
			sim_bt_set_frame_slot(&env->bt, f->frameno, spi);
	return sim_mark_chain_precision_batch(env, env->cur);
}

/* mirrors check_stack_read_fixed_off() */
static int stack_read_fixed(struct sim_env *env, struct sim_func *f, int off, int size,
			    int dst_regno)
{
	struct sim_func *cur = sim_cur_frame(env->cur);
	int slot = -off - 1, spi = slot / SIM_REG_SIZE;
	struct sim_stack_slot *s = &f->stack[spi];
	struct sim_reg *reg = &s->spilled;
	uint8_t *stype = s->type;
	bool fill = false;
	int err;

	sim_mark_stack_scratched(env, spi);
	if (sim_slot_is_spill(s)) {
		int spill_size = 1;

		for (int i = SIM_REG_SIZE - 1; i > 0 && stype[i - 1] == STACK_SPILL; i--)
			spill_size++;
		if (size != SIM_REG_SIZE || spill_size != SIM_REG_SIZE) {
			if (reg->type != SCALAR_VALUE)
				return sim_reject(env, -EACCES, "invalid size of register fill\n");
			if (dst_regno < 0)
				return 0;
			/* bpf_stack_narrow_access_ok(), little endian */
			if (size <= spill_size && !(off % SIM_REG_SIZE)) {
				if (size == 4 && spill_size == 4 && sim_scalar_width(&reg->s) <= 32) {
					if (reg->id & SIM_ADD_CONST)
						reg->id = 0;
					if (!reg->id && !sim_reg_is_const(reg))
						reg->id = ++env->id_gen;
				}
				cur->regs[dst_regno] = *reg;
				if (sim_scalar_width(&reg->s) > size * 8) {
					cur->regs[dst_regno].id = 0;
					cur->regs[dst_regno].delta = 0;
				}
				fill = true;
			} else {
				int spill_cnt = 0, zero_cnt = 0;

				for (int i = 0; i < size; i++) {
					uint8_t t = stype[(slot - i) % SIM_REG_SIZE];

					if (t == STACK_SPILL)
						spill_cnt++;
					else if (t == STACK_ZERO)
						zero_cnt++;
					else if (t == STACK_POISON)
						return sim_reject(env, -EACCES,
								  "reading from stack off %d+%d size %d, slot poisoned by dead code elimination\n",
								  off, i, size);
				}
				if (spill_cnt == size && sim_reg_is_const(reg) &&
				    reg->s.var_off.value == 0) {
					sim_reg_mark_known(&cur->regs[dst_regno], 0);
					fill = true; /* this is a register fill */
				} else if (zero_cnt == size)
					sim_reg_mark_known(&cur->regs[dst_regno], 0);
				else if ((err = mark_reg_stack_read(env, f, off, off + size,
								    dst_regno)))
					return err;
			}
		} else if (dst_regno >= 0) {
			if (reg->type == SCALAR_VALUE) {
				if (reg->id & SIM_ADD_CONST) {
					reg->id = 0;
					reg->delta = 0;
				}
				if (!reg->id && !sim_reg_is_const(reg))
					reg->id = ++env->id_gen;
			}
			cur->regs[dst_regno] = *reg;
		}
		if (size == SIM_REG_SIZE && spill_size == SIM_REG_SIZE)
			fill = true;
		if (fill)
			return sim_push_jmp_history(env, env->cur, SIM_INSN_F_STACK_ACCESS,
						    (uint32_t)spi, f->frameno, 0);
		return 0;
	}
	for (int i = 0; i < size; i++) {
		uint8_t t = stype[(slot - i) % SIM_REG_SIZE];

		if (t == STACK_POISON)
			return sim_reject(env, -EACCES,
					  "reading from stack off %d+%d size %d, slot poisoned by dead code elimination\n",
					  off, i, size);
		/* dynptr, iterator and IRQ flag bytes are not data */
		if (t == STACK_DYNPTR || t == STACK_ITER || t == STACK_IRQ_FLAG)
			return sim_diag_stack_read_uninit(env, sim_reject(env, -EACCES, "invalid read from stack off %d+%d size %d\n",
					  off, i, size), off, i, size);
	}
	if (dst_regno >= 0)
		return mark_reg_stack_read(env, f, off, off + size, dst_regno);
	return 0;
}

/* mirrors check_stack_write_var_off() for a privileged loader: every byte
 * the write may touch becomes MISC (ZERO stays ZERO, and a spilled 0 stays,
 * when a zero is written), spilled registers and special slots in range
 * are scrubbed, and a zero that kept a slot is relied on (precise) */
static int stack_write_var_off(struct sim_env *env, struct sim_func *f, int min_off, int max_off,
			       int value_regno, const struct bpf_insn *insn)
{
	const struct sim_reg *value = value_regno >= 0 ? &sim_cur_regs(env)[value_regno] : NULL;
	bool writing_zero = value ? sim_reg_is_null(value)
				  : BPF_CLASS(insn->code) == BPF_ST && insn->imm == 0;
	bool zero_used = false;
	int err;

	for (int i = min_off; i < max_off; i++) {
		/* destroy_if_dynptr_stack_slot() (dynptr.c) */
		err = sim_destroy_if_dynptr_stack_slot(env, f, (-i - 1) / SIM_REG_SIZE);
		if (err)
			return err;
	}
	for (int i = min_off; i < max_off; i++) {
		int slot = -i - 1, spi = slot / SIM_REG_SIZE;
		struct sim_stack_slot *s = &f->stack[spi];
		uint8_t *stype = &s->type[slot % SIM_REG_SIZE];

		sim_mark_stack_scratched(env, spi);
		if (writing_zero && *stype == STACK_SPILL && sim_slot_is_spilled_scalar(s) &&
		    tnum_equals_const(s->spilled.s.var_off, 0)) {
			zero_used = true;
			continue;
		}
		scrub_special_slot(s);
		if (writing_zero && *stype == STACK_ZERO) {
			zero_used = true;
			continue;
		}
		*stype = STACK_MISC;
	}
	/* backtracking does not follow STACK_ZERO: the written zero is precise */
	if (zero_used && value_regno >= 0 && (err = sim_mark_chain_precision(env, value_regno)))
		return err;
	sim_diag_record_stack_range(env, f, min_off, max_off);
	return 0;
}

static int check_stack_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			      int size, bool write, int value_regno, const struct bpf_insn *insn)
{
	struct sim_func *f = reg_func(env, reg);
	int err = check_stack_bounds(env, reg, regno, off, size, write);
	int abs_off;

	if (err)
		return err;
	if (!sim_reg_is_const(reg)) {
		int64_t lo = sim_scalar_smin(&reg->s) + off, hi = sim_scalar_smax(&reg->s) + off + size;

		if (write)
			return stack_write_var_off(env, f, (int)lo, (int)hi, value_regno, insn);
		/* check_stack_read_var_off() */
		if (value_regno >= 0)
			return mark_reg_stack_read(env, f, (int)lo, (int)hi, value_regno);
		return 0;
	}
	abs_off = (int)((int64_t)reg->s.var_off.value + off);
	if (write)
		return stack_write_fixed(env, f, abs_off, size, value_regno, insn);
	return stack_read_fixed(env, f, abs_off, size, value_regno);
}

/* ---- read-only maps ------------------------------------------------------ */

/* mirrors bpf_map_is_rdonly() + map_direct_value_addr: the program cannot
 * write the map (BPF_F_RDONLY_PROG) and the loader froze it. libbpf freezes
 * exactly its .rodata* and .kconfig maps (bpf_object__populate_internal_map()),
 * which are single-entry arrays (array_map_direct_value_addr()); their
 * contents are the object's initial value. */
static const struct sim_map *frozen_rdonly_map(const struct sim_map_view *v)
{
	const struct sim_map *m = v ? v->map : NULL;

	if (!m || !m->global_data || !(m->map_flags & BPF_F_RDONLY_PROG))
		return NULL;
	if (m->type != BPF_MAP_TYPE_ARRAY || !m->initial_value)
		return NULL;
	return m;
}

/* mirrors check_map_mem_read(): a load with a constant offset from a frozen
 * read-only map gives the value stored there (bpf_map_direct_read()), any
 * other load an unknown scalar */
static int map_mem_read(struct sim_env *env, const struct sim_reg *reg, int off, int size,
			int value_regno, bool is_ldsx)
{
	struct sim_reg *dst = &sim_cur_regs(env)[value_regno];
	const struct sim_map *m = frozen_rdonly_map(reg->map);
	const uint8_t *p;
	uint64_t val = 0, map_off;
	bool precise;

	if (!m || !sim_scalar_is_const(&reg->s, false)) {
		sim_reg_mark_unknown(dst);
		return 0;
	}
	/* array_map_direct_value_addr(): one entry, offset inside the value */
	map_off = (uint64_t)(int64_t)off + reg->s.var_off.value;
	if (m->max_entries != 1)
		return -ENOTSUP;
	if (map_off >= m->value_size)
		return -EINVAL;
	if (map_off + (uint64_t)size > m->initial_size) /* not in the image: zeroes */
		p = NULL;
	else
		p = (const uint8_t *)m->initial_value + map_off;
	if (p) {
		switch (size) { /* little-endian BPF target */
		case 1: val = is_ldsx ? (uint64_t)(int64_t)(int8_t)p[0] : p[0]; break;
		case 2: {
			uint16_t v16;

			memcpy(&v16, p, 2);
			val = is_ldsx ? (uint64_t)(int64_t)(int16_t)v16 : v16;
			break;
		}
		case 4: {
			uint32_t v32;

			memcpy(&v32, p, 4);
			val = is_ldsx ? (uint64_t)(int64_t)(int32_t)v32 : v32;
			break;
		}
		case 8: memcpy(&val, p, 8); break;
		default: return -EINVAL;
		}
	}
	/* __mark_reg_known() clears what precedes var_off, not precise */
	precise = dst->precise;
	sim_reg_mark_known(dst, val);
	dst->precise = precise;
	return 0;
}

/* ---- the dispatcher ----------------------------------------------------- */

static const struct bpf_insn *cur_insn(struct sim_env *env)
{
	return &env->insns[env->insn_idx];
}

/* mirrors check_mem_access() */
int sim_check_mem_access(struct sim_env *env, int regno, int off, int size, bool write,
			 int value_regno, bool is_ldsx)
{
	struct sim_reg *regs = sim_cur_regs(env);
	struct sim_reg *reg = &regs[regno];
	uint32_t base = sim_base_type(reg->type);
	char tb[96];
	int err = 0;

	/* check_ptr_alignment(): stack accesses are always strict (spill
	 * tracking relies on it); other pointers only under
	 * BPF_F_STRICT_ALIGNMENT, which x86 does not force */
	if (reg->type == PTR_TO_STACK && size != 1 &&
	    !tnum_is_aligned(tnum_add(reg->s.var_off, tnum_const((uint64_t)(int64_t)off)),
			     (uint64_t)size)) {
		tnum_strn(tb, sizeof(tb), reg->s.var_off);
		return sim_reject(env, -EACCES, "misaligned stack access off %s+%d size %d\n", tb, off,
				  size);
	}
	if (reg->type == PTR_TO_MAP_KEY) {
		if (write)
			return sim_reject(env, -EACCES, "write to change key R%d not allowed\n", regno);
		err = check_mem_region_access(env, reg, regno, off, size, reg->map->key_size, false);
		if (err)
			return err;
		if (value_regno >= 0)
			sim_reg_mark_unknown(&regs[value_regno]);
	} else if (reg->type == PTR_TO_MAP_VALUE &&
		   (err = sim_insn_array_access(env, regno, off, size, write, value_regno)) != 1) {
		return err; /* a jump table (check_gotox.c) */
	} else if (reg->type == PTR_TO_MAP_VALUE) {
		const struct sim_map_view *m = reg->map;

		err = sim_check_map_access_type(env, reg, off, size, write);
		if (!err)
			err = check_mem_region_access(env, reg, regno, off, size,
						      m ? m->value_size : 0, false);
		if (!err)   /* kptr / lock / graph fields: kfuncs.h */
			err = sim_check_map_kptr_access(env, regno, off, size, write, value_regno);
		if (err)
			return err < 0 ? err : 0;
		if (!write && value_regno >= 0)
			err = map_mem_read(env, reg, off, size, value_regno, is_ldsx);
	} else if (base == PTR_TO_MEM) {
		bool rdonly = reg->type & MEM_RDONLY;

		if (reg->type & PTR_MAYBE_NULL)
			return sim_diag_bad_deref(env, sim_reject(env, -EACCES, "R%d invalid mem access '%s'\n", regno,
					  sim_reg_type_str(reg->type, tb, sizeof(tb))), env->insn_idx, regno, reg->type);
		if (write && rdonly)
			return sim_reject(env, -EACCES, "R%d cannot write into %s\n", regno,
					  sim_reg_type_str(reg->type, tb, sizeof(tb)));
		if (!(rdonly && (reg->type & PTR_UNTRUSTED)))
			err = check_mem_region_access(env, reg, regno, off, size, reg->mem_size, false);
		if (!err && value_regno >= 0 && (!write || rdonly))
			sim_reg_mark_unknown(&regs[value_regno]);
	} else if (reg->type == PTR_TO_CTX && env->p->prog_type == BPF_PROG_TYPE_STRUCT_OPS) {
		/* btf_ctx_access() of the struct_ops member (struct_ops.c) */
		err = sim_struct_ops_ctx_access(env, reg, regno, off, size, write, value_regno);
	} else if (reg->type == PTR_TO_CTX && sim_btf_ctx_prog(env->p)) {
		err = sim_btf_ctx_access(env, reg, regno, off, size, write, value_regno);
	} else if (reg->type == PTR_TO_CTX) {
		/* check_ctx_access(): a syscall program's context is memory
		 * of U16_MAX bytes; the rest is ctx_mem.c's */
		if (env->p->prog_type == BPF_PROG_TYPE_SYSCALL)
			err = check_mem_region_access(env, reg, regno, off, size, 0xffff, false);
		if (!err)
			err = sim_check_ctx_access(env, reg, regno, off, size, write, value_regno,
						   is_ldsx);
	} else if (reg->type == PTR_TO_STACK) {
		err = check_stack_access(env, reg, regno, off, size, write, value_regno, cur_insn(env));
	} else if (sim_reg_is_pkt_pointer(reg)) {
		if (write && !sim_may_access_direct_pkt_data(env->p->prog_type, true))
			return sim_reject(env, -EACCES, "cannot write into packet\n");
		if (reg->range < 0)
			return sim_reject(env, -EINVAL, "R%d offset is outside of the packet\n", regno);
		err = check_mem_region_access(env, reg, regno, off, size, (uint32_t)reg->range, false);
		if (!err && !write && value_regno >= 0)
			sim_reg_mark_unknown(&regs[value_regno]);
	} else if (reg->type == PTR_TO_FLOW_KEYS) {
		err = sim_check_flow_keys_access(env, regno, off, size, write, value_regno);
	} else if (reg->type == PTR_TO_TP_BUFFER) {
		err = sim_check_tp_buffer_access(env, regno, off, size, write, value_regno);
	} else if (base == PTR_TO_BUF && !(reg->type & PTR_MAYBE_NULL)) {
		err = sim_check_buffer_access(env, regno, off, size, write, value_regno);
	} else if (base == PTR_TO_BTF_ID && !(reg->type & PTR_MAYBE_NULL)) {
		/* the loaded scalar is then narrowed to the access size below,
		 * as check_mem_access() does for every region */
		err = sim_check_ptr_to_btf_access(env, regno, off, size, write, value_regno);
	} else if (reg->type == CONST_PTR_TO_MAP) {
		/* btf_access.c (issue 4) */
		err = sim_check_ptr_to_map_access(env, regno, off, size, write, value_regno);
	} else if (reg->type == PTR_TO_SOCKET || reg->type == PTR_TO_SOCK_COMMON ||
		   reg->type == PTR_TO_TCP_SOCK || reg->type == PTR_TO_XDP_SOCK) {
		/* mirrors check_mem_access() for type_is_sk_pointer() and
		 * check_sock_access() */
		if (write)
			return sim_reject(env, -EACCES, "R%d cannot write into %s\n", regno,
					  sim_reg_type_str(reg->type, tb, sizeof(tb)));
		if (sim_scalar_smin(&reg->s) < 0)
			return sim_reject(env, -EACCES,
					  "R%d min value is negative, either use unsigned index or do a if (index >=0) check.\n",
					  regno);
		if (!sim_sock_access_ok(reg->type, off, size))
			return sim_reject(env, -EACCES, "R%d invalid %s access off=%d size=%d\n",
					  regno, sim_reg_type_str(reg->type, tb, sizeof(tb)), off, size);
		if (value_regno >= 0)
			sim_reg_mark_unknown(&regs[value_regno]);
	} else if (reg->type == PTR_TO_ARENA) {
		if (!write && value_regno >= 0)
			sim_reg_mark_unknown(&regs[value_regno]);
	} else {
		err = sim_reject(env, -EACCES, "R%d invalid mem access '%s'\n", regno,
				 sim_reg_type_str(reg->type, tb, sizeof(tb)));
		sim_diag_bad_deref(env, 0, env->insn_idx, regno, reg->type);
		return err;
	}
	if (!err && size < SIM_REG_SIZE && value_regno >= 0 && !write &&
	    regs[value_regno].type == SCALAR_VALUE) {
		if (!is_ldsx) {
			sim_scalar_coerce_to_size(&regs[value_regno].s, size);
		} else {
			bool no_sext = sim_scalar_umax(&regs[value_regno].s) < (1ull << (size * 8 - 1));

			sim_scalar_coerce_to_size_sx(&regs[value_regno].s, size);
			if (!no_sext) {
				regs[value_regno].id = 0;
				regs[value_regno].delta = 0;
			}
		}
	}
	return err;
}

/* mirrors check_load_mem() */
/* mirrors bpf_may_fault_on_deref(): loads the kernel makes BPF_PROBE_MEM */
static bool sim_may_fault_on_deref(uint32_t type)
{
	return type == PTR_TO_BTF_ID || (type & PTR_UNTRUSTED);
}

/* mirrors reg_type_mismatch_ok(): types one insn may see interchangeably */
static bool reg_type_mismatch_ok(uint32_t type)
{
	switch (sim_base_type(type)) {
	case PTR_TO_CTX:
	case PTR_TO_SOCKET:
	case PTR_TO_SOCK_COMMON:
	case PTR_TO_TCP_SOCK:
	case PTR_TO_XDP_SOCK:
	case PTR_TO_BTF_ID:
	case PTR_TO_ARENA:
		return false;
	case PTR_TO_MEM:
		return !sim_may_fault_on_deref(type);
	default:
		return true;
	}
}

static bool ptr_to_mem_or_btf_id(uint32_t type)
{
	return sim_base_type(type) == PTR_TO_MEM || sim_base_type(type) == PTR_TO_BTF_ID;
}

/* mirrors merge_ptr_types() */
static uint32_t merge_ptr_types(uint32_t a, uint32_t b)
{
	bool to_mem = sim_base_type(a) == PTR_TO_MEM || sim_base_type(b) == PTR_TO_MEM;
	uint32_t merged = to_mem ? PTR_TO_MEM : PTR_TO_BTF_ID;

	if (sim_may_fault_on_deref(a) || sim_may_fault_on_deref(b))
		merged |= to_mem ? MEM_RDONLY | PTR_UNTRUSTED : PTR_UNTRUSTED;
	else
		merged |= (a | b) & MEM_RDONLY;
	return merged;
}

/* mirrors save_aux_ptr_type(): an instruction is rewritten once for the
 * pointer type it accesses, so every path must reach it with the same
 * kind of pointer (ctx, sockets, BTF pointers are rewritten differently) */
static int save_aux_ptr_type(struct sim_env *env, uint32_t type, bool allow_trust_mismatch)
{
	uint32_t *prev;

	if (env->replay)
		return 0;
	if (!env->aux_ptr_type) {
		env->aux_ptr_type = calloc((size_t)env->insn_cnt, sizeof(*env->aux_ptr_type));
		if (!env->aux_ptr_type)
			return sim_bug(env, "out of memory");
	}
	prev = &env->aux_ptr_type[env->insn_idx];
	if (*prev == NOT_INIT) {
		*prev = type;
	} else if (type != *prev && (!reg_type_mismatch_ok(type) || !reg_type_mismatch_ok(*prev))) {
		if (allow_trust_mismatch && ptr_to_mem_or_btf_id(type) && ptr_to_mem_or_btf_id(*prev))
			*prev = merge_ptr_types(type, *prev);
		else
			return sim_reject(env, -EINVAL, "same insn cannot be used with different pointers\n");
	}
	return 0;
}

int sim_check_load(struct sim_env *env, const struct bpf_insn *insn)
{
	int err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
	uint32_t src_type;

	if (err)
		return err;
	err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP_NO_MARK);
	if (err)
		return err;
	src_type = sim_cur_regs(env)[insn->src_reg].type;
	err = sim_check_mem_access(env, insn->src_reg, insn->off, size_bytes(BPF_SIZE(insn->code)),
				   false, insn->dst_reg, BPF_MODE(insn->code) == BPF_MEMSX);
	/* check_load_mem(): ldx allows a trusted/untrusted mismatch */
	return err ? err : save_aux_ptr_type(env, src_type, true);
}

/* mirrors check_store_reg() */
int sim_check_store_reg(struct sim_env *env, const struct bpf_insn *insn)
{
	int err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
	uint32_t dst_type;

	if (err)
		return err;
	err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
	if (err)
		return err;
	/* check_store_reg() */
	dst_type = sim_cur_regs(env)[insn->dst_reg].type;
	err = sim_check_mem_access(env, insn->dst_reg, insn->off,
				   size_bytes(BPF_SIZE(insn->code)), true, insn->src_reg, false);
	return err ? err : save_aux_ptr_type(env, dst_type, false);
}

/* the BPF_ST case of do_check_insn() */
int sim_check_store_imm(struct sim_env *env, const struct bpf_insn *insn)
{
	int err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
	uint32_t dst_type;

	if (err)
		return err;
	/* do_check_insn()'s BPF_ST case */
	dst_type = sim_cur_regs(env)[insn->dst_reg].type;
	err = sim_check_mem_access(env, insn->dst_reg, insn->off,
				   size_bytes(BPF_SIZE(insn->code)), true, -1, false);
	return err ? err : save_aux_ptr_type(env, dst_type, false);
}

/* mirrors atomic_ptr_type_ok() for a load-acquire or store-release: not
 * into the context, packets, flow keys or sockets; an arena is fine (the
 * x86-64 JIT supports both there); a load-acquire from memory that may
 * fault (is_load_acq_unsafe(): untrusted or plain BTF pointers) is not, as
 * it is never turned into a fault-handled probe load */
static bool atomic_acq_rel_ptr_ok(const struct sim_reg *reg, const struct bpf_insn *insn)
{
	uint32_t t = reg->type, base = sim_base_type(t);

	if (t == PTR_TO_CTX || base == PTR_TO_PACKET || base == PTR_TO_PACKET_META ||
	    t == PTR_TO_FLOW_KEYS || t == PTR_TO_SOCKET || t == PTR_TO_SOCK_COMMON ||
	    t == PTR_TO_TCP_SOCK || t == PTR_TO_XDP_SOCK)
		return false;
	if (t == PTR_TO_ARENA)
		return true;
	return !(insn->imm == BPF_LOAD_ACQ && (t == PTR_TO_BTF_ID || (t & PTR_UNTRUSTED)));
}

/* mirrors check_atomic_load(): check_load_mem() with strict alignment and
 * no trusted/untrusted mismatch allowed */
static int check_atomic_load(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *regs = sim_cur_regs(env);
	int size = size_bytes(BPF_SIZE(insn->code)), err;
	uint32_t src_type;
	char tb[96];

	err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
	if (err)
		return err;
	if (!atomic_acq_rel_ptr_ok(&regs[insn->src_reg], insn))
		return sim_reject(env, -EACCES, "BPF_ATOMIC loads from R%d %s is not allowed\n",
				  insn->src_reg,
				  sim_reg_type_str(regs[insn->src_reg].type, tb, sizeof(tb)));
	err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP_NO_MARK);
	if (err)
		return err;
	src_type = regs[insn->src_reg].type;
	err = sim_helper_arg_aligned(env, &regs[insn->src_reg], insn->off, size);
	if (!err)
		err = sim_check_mem_access(env, insn->src_reg, insn->off, size, false, insn->dst_reg,
					   false);
	return err ? err : save_aux_ptr_type(env, src_type, false);
}

/* mirrors check_atomic_store(): check_store_reg() with strict alignment,
 * then the pointer kind */
static int check_atomic_store(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *regs = sim_cur_regs(env);
	int size = size_bytes(BPF_SIZE(insn->code)), err;
	uint32_t dst_type;
	char tb[96];

	err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
	if (!err)
		err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
	if (err)
		return err;
	dst_type = regs[insn->dst_reg].type;
	err = sim_helper_arg_aligned(env, &regs[insn->dst_reg], insn->off, size);
	if (!err)
		err = sim_check_mem_access(env, insn->dst_reg, insn->off, size, true, insn->src_reg,
					   false);
	if (!err)
		err = save_aux_ptr_type(env, dst_type, false);
	if (err)
		return err;
	if (!atomic_acq_rel_ptr_ok(&regs[insn->dst_reg], insn))
		return sim_reject(env, -EACCES, "BPF_ATOMIC stores into R%d %s is not allowed\n",
				  insn->dst_reg,
				  sim_reg_type_str(regs[insn->dst_reg].type, tb, sizeof(tb)));
	return 0;
}

/* mirrors check_atomic(): the common read-modify-write forms */
int sim_check_atomic(struct sim_env *env, const struct bpf_insn *insn)
{
	int size = size_bytes(BPF_SIZE(insn->code));
	int load_reg;
	int err;

	switch (insn->imm) {
	case BPF_ADD: case BPF_ADD | BPF_FETCH: case BPF_AND: case BPF_AND | BPF_FETCH:
	case BPF_OR: case BPF_OR | BPF_FETCH: case BPF_XOR: case BPF_XOR | BPF_FETCH:
	case BPF_XCHG: case BPF_CMPXCHG:
		break;
	case BPF_LOAD_ACQ:
		return check_atomic_load(env, insn);
	case BPF_STORE_REL:
		return check_atomic_store(env, insn);
	default:
		return sim_reject(env, -EINVAL, "BPF_ATOMIC uses invalid atomic opcode %02x\n",
				  insn->imm);
	}
	if (size != 4 && size != 8)
		return sim_reject(env, -EINVAL, "invalid atomic operand size\n");
	err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
	if (err)
		return err;
	err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
	if (err)
		return err;
	if (insn->imm == BPF_CMPXCHG) {
		err = sim_check_reg_arg(env, 0, SIM_SRC_OP);
		if (err)
			return err;
		if (sim_is_pointer_value(env, 0))
			return sim_reject(env, -EACCES, "R%d leaks addr into mem\n", 0);
	}
	/* check_atomic_rmw(): is_pointer_value(), which a privileged loader
	 * (allow_ptr_leaks) never trips, so atomic_ptr_type_ok() speaks first */
	if (sim_is_pointer_value(env, insn->src_reg))
		return sim_reject(env, -EACCES, "R%d leaks addr into mem\n", insn->src_reg);
	{
		uint32_t t = sim_cur_regs(env)[insn->dst_reg].type;

		if (t == PTR_TO_CTX || sim_base_type(t) == PTR_TO_PACKET ||
		    sim_base_type(t) == PTR_TO_PACKET_META || t == PTR_TO_FLOW_KEYS ||
		    t == PTR_TO_SOCKET || t == PTR_TO_SOCK_COMMON || t == PTR_TO_TCP_SOCK ||
		    t == PTR_TO_XDP_SOCK ||
		    /* is_arena_reg(): bpf_jit_supports_insn(insn, true), x86-64
		     * has no fetching and/or/xor on arena memory */
		    (t == PTR_TO_ARENA && (insn->code == (BPF_STX | BPF_ATOMIC | BPF_W) ||
					   insn->code == (BPF_STX | BPF_ATOMIC | BPF_DW)) &&
		     (insn->imm == (BPF_AND | BPF_FETCH) || insn->imm == (BPF_OR | BPF_FETCH) ||
		      insn->imm == (BPF_XOR | BPF_FETCH))))
			return sim_reject(env, -EACCES, "BPF_ATOMIC stores into R%d %s is not allowed\n",
					  insn->dst_reg,
					  t == PTR_TO_CTX ? "ctx" : sim_reg_type_str(t, (char[96]){ 0 }, 96));
	}
	load_reg = insn->imm == BPF_CMPXCHG ? 0 : (insn->imm & BPF_FETCH) ? insn->src_reg : -1;
	/* check_atomic_rmw() passes strict_alignment_once: check_mem_access()
	 * begins with check_ptr_alignment(), strict for every pointer kind */
	err = sim_helper_arg_aligned(env, &sim_cur_regs(env)[insn->dst_reg], insn->off, size);
	if (!err)
		err = sim_check_mem_access(env, insn->dst_reg, insn->off, size, false, load_reg,
					   false);
	if (err)
		return err;
	/* check_atomic_rmw(): recorded between the read and the write */
	err = save_aux_ptr_type(env, sim_cur_regs(env)[insn->dst_reg].type, false);
	if (err)
		return err;
	return sim_check_mem_access(env, insn->dst_reg, insn->off, size, true, -1, false);
}

/* mirrors check_ld_imm() */
int sim_check_ld_imm(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *dst;
	const struct sim_insn_reloc *rel;
	int err;

	if (BPF_SIZE(insn->code) != BPF_DW)
		return sim_reject(env, -EINVAL, "invalid BPF_LD_IMM insn\n");
	err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP);
	if (err)
		return err;
	dst = &sim_cur_regs(env)[insn->dst_reg];
	if (insn->src_reg == 0) {
		uint64_t imm = (uint64_t)(uint32_t)insn[0].imm | ((uint64_t)(uint32_t)insn[1].imm << 32);

		sim_reg_mark_known(dst, imm);
		return 0;
	}
	rel = env->p->relocs ? &env->p->relocs[env->insn_idx] : NULL;
	if ((insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_IDX ||
	     insn->src_reg == BPF_PSEUDO_MAP_VALUE || insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) &&
	    rel && rel->map_idx >= 0 && rel->map_idx < env->p->map_cnt) {
		const struct sim_map_view *m = &env->p->maps[rel->map_idx];

		if ((rel->map_value || insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
		     insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) && m->type == BPF_MAP_TYPE_ARENA) {
			/* an arena global: its user address, a scalar
			 * (addr_space_cast makes it a pointer) */
			sim_reg_mark_unknown(dst);
		} else if (rel->map_value || insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
		    insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) {
			sim_reg_mark_ptr(dst, PTR_TO_MAP_VALUE);
			sim_scalar_mark_known(&dst->s, rel->map_off + (uint32_t)insn[1].imm * 0);
		} else {
			sim_reg_mark_ptr(dst, CONST_PTR_TO_MAP);
		}
		dst->map = m;
		return 0;
	}
	if (insn->src_reg == BPF_PSEUDO_FUNC)
		return sim_ld_imm_func(env, insn);   /* callbacks.c */
	if (insn->src_reg == BPF_PSEUDO_BTF_ID)
		return sim_ld_imm_ksym(env, insn);   /* percpu.c */
	return sim_unsupported(env, "ld_imm64 with src_reg %d without relocation", insn->src_reg);
}
