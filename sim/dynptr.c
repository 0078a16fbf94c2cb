/* BPF dynptrs, as kernel/bpf/verifier.c of Linux 7.3 checks them.
 *
 * A struct bpf_dynptr is 16 bytes on the program's stack: two slots, each
 * STACK_DYNPTR ('d' in the log), whose spilled registers carry what the
 * kernel keeps there (__mark_dynptr_reg()): type CONST_PTR_TO_DYNPTR, the
 * dynptr's kind (local, ringbuf, skb, xdp, skb_meta, file), which slot is
 * the first (the higher address: fp-16 of a dynptr at fp-16 is the first,
 * fp-8 the second), an id of its own and a parent_id. The log shows the
 * pair once, at the first slot: "fp-16=dynptr_local(id=1)".
 *
 * Constructors (bpf_dynptr_from_mem, bpf_ringbuf_reserve_dynptr,
 * bpf_dynptr_from_skb/xdp/..., bpf_dynptr_clone) take an uninitialized
 * argument (MEM_UNINIT): the 16 bytes are written (check_mem_access) and
 * marked. A ringbuf or file dynptr owns a reference: the constructor
 * acquires one (an "intermediate" reference, parent of the dynptr) and the
 * dynptr's parent_id names it, so an unreleased ringbuf dynptr is an
 * "Unreleased reference" at exit, and bpf_ringbuf_submit_dynptr /
 * discard_dynptr (OBJ_RELEASE) release it: every dynptr, clone and slice
 * derived from it goes with it (release_reference() walks id and parent_id
 * through registers, spilled pointers and dynptr slots).
 *
 * Every other dynptr argument wants an initialized dynptr of a matching
 * kind: a pointer to the first slot of one on the stack, or a
 * CONST_PTR_TO_DYNPTR (the argument a bpf_user_ringbuf_drain callback or a
 * global function gets; it cannot be released). A slice (bpf_dynptr_data
 * helper, bpf_dynptr_slice/_rdwr kfuncs) is memory whose parent_id is the
 * dynptr's id, so it dies with the dynptr; the slice kfuncs return NULL
 * when the data is not contiguous, which the program must check.
 *
 * Writing over a dynptr's slots destroys it and its slices
 * (destroy_if_dynptr_stack_slot()); the last dynptr of a referenced object
 * may not be overwritten ("cannot overwrite referenced dynptr").
 */
#include <errno.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_util.h"
#include "check.h"
#include "diagnostics.h"
#include "dynptr.h"

#define DYNPTR_NR_SLOTS 2       /* BPF_DYNPTR_NR_SLOTS: 16 bytes */

/* mirrors stack_slot_obj_get_spi(env, reg, "dynptr", BPF_DYNPTR_NR_SLOTS):
 * the first (highest) slot, -ERANGE beyond the allocated stack, -EINVAL
 * after logging why */
static int dynptr_get_spi(struct sim_env *env, const struct sim_reg *reg)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int64_t off;
	int spi;

	if (!sim_scalar_is_const(&reg->s, false)) {
		sim_verbose(env, "%s has to be at a constant offset\n", "dynptr");
		return -EINVAL;
	}
	off = (int64_t)reg->s.var_off.value;
	if (off >= 0 || off % SIM_REG_SIZE) {
		sim_verbose(env, "cannot pass in %s at an offset=%d\n", "dynptr", (int)off);
		return -EINVAL;
	}
	spi = (int)((-off - 1) / SIM_REG_SIZE);
	if (spi + 1 < DYNPTR_NR_SLOTS) {
		sim_verbose(env, "cannot pass in %s at an offset=%d\n", "dynptr", (int)off);
		return -EINVAL;
	}
	/* is_spi_bounds_valid() */
	if (spi - DYNPTR_NR_SLOTS + 1 < 0 || spi >= f->allocated_stack / SIM_REG_SIZE)
		return -ERANGE;
	return spi;
}

/* mirrors arg_to_dynptr_type() */
static uint32_t arg_to_dynptr_type(uint32_t arg_type)
{
	switch (arg_type & SIM_DYNPTR_TYPE_FLAG_MASK) {
	case DYNPTR_TYPE_LOCAL:
		return SIM_DYNPTR_TYPE_LOCAL;
	case DYNPTR_TYPE_RINGBUF:
		return SIM_DYNPTR_TYPE_RINGBUF;
	case DYNPTR_TYPE_SKB:
		return SIM_DYNPTR_TYPE_SKB;
	case DYNPTR_TYPE_XDP:
		return SIM_DYNPTR_TYPE_XDP;
	case DYNPTR_TYPE_SKB_META:
		return SIM_DYNPTR_TYPE_SKB_META;
	case DYNPTR_TYPE_FILE:
		return SIM_DYNPTR_TYPE_FILE;
	default:
		return SIM_DYNPTR_TYPE_INVALID;
	}
}

uint32_t sim_dynptr_type_flag(uint32_t type)
{
	switch (type) {
	case SIM_DYNPTR_TYPE_LOCAL:
		return DYNPTR_TYPE_LOCAL;
	case SIM_DYNPTR_TYPE_RINGBUF:
		return DYNPTR_TYPE_RINGBUF;
	case SIM_DYNPTR_TYPE_SKB:
		return DYNPTR_TYPE_SKB;
	case SIM_DYNPTR_TYPE_XDP:
		return DYNPTR_TYPE_XDP;
	case SIM_DYNPTR_TYPE_SKB_META:
		return DYNPTR_TYPE_SKB_META;
	case SIM_DYNPTR_TYPE_FILE:
		return DYNPTR_TYPE_FILE;
	default:
		return 0;
	}
}

const char *sim_dynptr_type_str(uint32_t type)
{
	switch (type) {
	case SIM_DYNPTR_TYPE_LOCAL:
		return "local";
	case SIM_DYNPTR_TYPE_RINGBUF:
		return "ringbuf";
	case SIM_DYNPTR_TYPE_SKB:
		return "skb";
	case SIM_DYNPTR_TYPE_XDP:
		return "xdp";
	case SIM_DYNPTR_TYPE_SKB_META:
		return "skb_meta";
	case SIM_DYNPTR_TYPE_FILE:
		return "file";
	case SIM_DYNPTR_TYPE_INVALID:
		return "<invalid>";
	default:
		return "<unknown>";
	}
}

/* mirrors dynptr_type_referenced(): these own a reference */
static bool dynptr_type_referenced(uint32_t type)
{
	return type == SIM_DYNPTR_TYPE_RINGBUF || type == SIM_DYNPTR_TYPE_FILE;
}

/* mirrors __mark_dynptr_reg() */
static void mark_dynptr_reg(struct sim_reg *reg, uint32_t type, bool first_slot, uint32_t id,
			    uint32_t parent_id)
{
	/* the type means nothing in a STACK_DYNPTR slot, but a callback's
	 * argument needs it: set it always, as the kernel does */
	sim_reg_mark_ptr(reg, CONST_PTR_TO_DYNPTR);
	reg->id = id;
	reg->parent_id = parent_id;
	reg->dynptr.type = type;
	reg->dynptr.first_slot = first_slot;
}

void sim_mark_dynptr_cb_reg(struct sim_env *env, struct sim_reg *reg, uint32_t type)
{
	mark_dynptr_reg(reg, type, true, ++env->id_gen, 0);
}

/* mirrors invalidate_dynptr(): both slots of the dynptr starting (lower
 * address) at @lo become invalid */
static void invalidate_dynptr(struct sim_stack_slot *lo)
{
	for (int k = 0; k < DYNPTR_NR_SLOTS; k++) {
		for (int j = 0; j < SIM_REG_SIZE; j++)
			lo[k].type[j] = STACK_INVALID;
		sim_reg_mark_not_init(&lo[k].spilled);
	}
}

void sim_dynptr_release_slots(struct sim_env *env, uint32_t id, uint32_t *children, int *n,
			      int max)
{
	struct sim_state *st = env->cur;

	/* bpf_for_each_reg_in_vstate_mask(..., 1 << STACK_DYNPTR): frames up,
	 * slots from fp-8 down */
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];
		int nslots = f->allocated_stack / SIM_REG_SIZE;

		for (int spi = 0; spi < nslots; spi++) {
			struct sim_stack_slot *s = &f->stack[spi];
			struct sim_stack_slot *lo;

			if (s->type[SIM_REG_SIZE - 1] != STACK_DYNPTR)
				continue;
			if (s->spilled.id != id && s->spilled.parent_id != id)
				continue;
			if (s->spilled.parent_id == id && s->spilled.id && *n < max)
				children[(*n)++] = s->spilled.id;
			/* the pair: the first slot is the higher one */
			lo = s->spilled.dynptr.first_slot ? s - 1 : s;
			if (lo < f->stack || lo + 1 >= f->stack + nslots)
				continue;
			invalidate_dynptr(lo);
		}
	}
}

/* mirrors dynptr_ref_cnt(): first slots of dynptrs sharing @parent_id */
static int dynptr_ref_cnt(struct sim_env *env, uint32_t parent_id)
{
	const struct sim_state *st = env->cur;
	int cnt = 0;

	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		const struct sim_func *f = st->frame[fi];

		for (int spi = 0; spi < f->allocated_stack / SIM_REG_SIZE; spi++) {
			const struct sim_stack_slot *s = &f->stack[spi];

			if (s->type[0] != STACK_DYNPTR || !s->spilled.dynptr.first_slot)
				continue;
			if (s->spilled.parent_id == parent_id)
				cnt++;
		}
	}
	return cnt;
}

int sim_destroy_if_dynptr_stack_slot(struct sim_env *env, struct sim_func *f, int spi)
{
	const struct sim_reg *first;
	int err;

	if (spi < 0 || spi >= f->allocated_stack / SIM_REG_SIZE)
		return 0;
	/* STACK_DYNPTR is never set partially: byte 0 tells */
	if (f->stack[spi].type[0] != STACK_DYNPTR)
		return 0;
	/* reposition to the first slot */
	if (!f->stack[spi].spilled.dynptr.first_slot)
		spi++;
	if (spi >= f->allocated_stack / SIM_REG_SIZE)
		return sim_bug(env, "dynptr second slot without its first");
	first = &f->stack[spi].spilled;
	/* the last dynptr of a referenced object keeps its release path */
	if (dynptr_type_referenced(first->dynptr.type) &&
	    dynptr_ref_cnt(env, first->parent_id) <= 1) {
		err = sim_reject(env, -EINVAL, "cannot overwrite referenced dynptr\n");
		sim_diag_res(env, env->insn_idx, "referenced dynptr overwrite",
			     "This stack slot contains a dynptr that owns or protects a referenced resource. Overwriting the last dynptr for that resource would lose the verifier-tracked release path.",
			     "Release or clone the dynptr so another live dynptr still tracks the referenced resource before overwriting this stack slot.");
		return err;
	}
	/* invalidate the dynptr and any slices derived from it */
	err = sim_release_reference(env, (int)first->id);
	if (!err) {
		sim_mark_stack_scratched(env, spi);
		sim_mark_stack_scratched(env, spi - 1);
	}
	return err;
}

/* mirrors is_dynptr_reg_valid_uninit() */
static bool dynptr_reg_valid_uninit(struct sim_env *env, const struct sim_reg *reg)
{
	int spi;

	if (reg->type == CONST_PTR_TO_DYNPTR)
		return false;
	spi = dynptr_get_spi(env, reg);
	/* beyond the allocated stack: check_mem_access() grows it next.
	 * Existing unreferenced dynptrs there are destroyed when the new one
	 * is marked; referenced ones refuse it there */
	return spi >= 0 || spi == -ERANGE;
}

/* mirrors is_dynptr_reg_valid_init() */
static bool dynptr_reg_valid_init(struct sim_env *env, const struct sim_reg *reg)
{
	const struct sim_func *f;
	int spi;

	/* a CONST_PTR_TO_DYNPTR is the first slot of an initialized dynptr */
	if (reg->type == CONST_PTR_TO_DYNPTR)
		return true;
	spi = dynptr_get_spi(env, reg);
	if (spi < 0)
		return false;
	f = env->cur->frame[reg->frameno];
	if (!f->stack[spi].spilled.dynptr.first_slot)
		return false;
	for (int j = 0; j < SIM_REG_SIZE; j++)
		if (f->stack[spi].type[j] != STACK_DYNPTR || f->stack[spi - 1].type[j] != STACK_DYNPTR)
			return false;
	return true;
}

/* mirrors dynptr_reg_type() (dynptr_get_spi() logs, as the kernel's does) */
static uint32_t dynptr_reg_type(struct sim_env *env, const struct sim_reg *reg)
{
	int spi;

	if (reg->type == CONST_PTR_TO_DYNPTR)
		return reg->dynptr.type;
	spi = dynptr_get_spi(env, reg);
	if (spi < 0)
		return SIM_DYNPTR_TYPE_INVALID;
	return env->cur->frame[reg->frameno]->stack[spi].spilled.dynptr.type;
}

/* mirrors is_dynptr_type_expected(): a bare ARG_PTR_TO_DYNPTR takes any */
static bool dynptr_type_expected(struct sim_env *env, const struct sim_reg *reg, uint32_t arg_type)
{
	if (arg_type == ARG_PTR_TO_DYNPTR)
		return true;
	return dynptr_reg_type(env, reg) == arg_to_dynptr_type(arg_type);
}

/* mirrors mark_stack_slots_dynptr() */
static int mark_stack_slots_dynptr(struct sim_env *env, const struct sim_reg *reg,
				   uint32_t arg_type, int insn_idx, uint32_t ref_obj_id,
				   int ref_obj_cnt, const struct sim_dynptr_desc *dynptr)
{
	struct sim_func *f = env->cur->frame[reg->frameno];
	uint32_t type, parent_id = 0, id;
	int spi = dynptr_get_spi(env, reg), err;

	if (spi < 0)
		return spi;
	/* [d1][d1][d2][d2]: marking the middle pair destroys both d1 and d2 */
	err = sim_destroy_if_dynptr_stack_slot(env, f, spi);
	if (err)
		return err;
	err = sim_destroy_if_dynptr_stack_slot(env, f, spi - 1);
	if (err)
		return err;
	for (int j = 0; j < SIM_REG_SIZE; j++) {
		f->stack[spi].type[j] = STACK_DYNPTR;
		f->stack[spi - 1].type[j] = STACK_DYNPTR;
	}
	type = arg_to_dynptr_type(arg_type);
	if (type == SIM_DYNPTR_TYPE_INVALID)
		return -EINVAL;
	if (!dynptr || dynptr->type == SIM_DYNPTR_TYPE_INVALID) {
		/* a constructor: validate_ref_obj(), the referenced parent */
		if (ref_obj_cnt > 1)
			return sim_bug(env, "function expects only one referenced object but got %d\n",
				       ref_obj_cnt);
		parent_id = ref_obj_id;
		if (dynptr_type_referenced(type)) {
			/* an intermediate reference for the object: releasing
			 * the dynptr releases it, and every clone with it */
			int ref = sim_acquire_reference(env, insn_idx, (int)parent_id);

			if (ref < 0)
				return ref;
			parent_id = (uint32_t)ref;
		}
	} else {
		/* bpf_dynptr_clone(): the clone shares its parent */
		parent_id = dynptr->parent_id;
	}
	/* mark_dynptr_stack_regs() */
	id = ++env->id_gen;
	mark_dynptr_reg(&f->stack[spi].spilled, type, true, id, parent_id);
	mark_dynptr_reg(&f->stack[spi - 1].spilled, type, false, id, parent_id);
	return 0;
}

int sim_unmark_stack_slots_dynptr(struct sim_env *env, const struct sim_reg *reg)
{
	const struct sim_reg *first;
	int spi = dynptr_get_spi(env, reg);

	if (spi < 0)
		return spi;
	/* a referenced dynptr releases its parent reference, which takes
	 * every clone and slice along; an unreferenced one only itself */
	first = &env->cur->frame[reg->frameno]->stack[spi].spilled;
	return sim_release_reference(env, dynptr_type_referenced(first->dynptr.type)
						  ? (int)first->parent_id
						  : (int)first->id);
}

int sim_process_dynptr_func(struct sim_env *env, int regno, int insn_idx, const char *call_name,
			    uint32_t arg_type, uint32_t ref_obj_id, int ref_obj_cnt,
			    struct sim_dynptr_desc *dynptr)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];
	char tb[96];

	if (reg->type != PTR_TO_STACK && reg->type != CONST_PTR_TO_DYNPTR) {
		int err = sim_reject(env, -EINVAL,
				     "R%d expected pointer to stack or const struct bpf_dynptr\n", regno);

		sim_diag_call_arg(env, insn_idx, regno, call_name,
				  "Pass the address of a stack dynptr object, or use a const dynptr pointer returned by the verifier-supported path.",
				  "a dynptr argument must be a pointer to a dynptr stack slot or a verifier-provided const struct bpf_dynptr, but R%d is %s",
				  regno, sim_diag_reg_type_plain(reg->type, tb, sizeof(tb)));
		return err;
	}
	if (arg_type & MEM_UNINIT) {
		/* a constructor: 16 bytes of stack that hold no dynptr yet */
		if (!dynptr_reg_valid_uninit(env, reg)) {
			int err = sim_reject(env, -EINVAL, "Dynptr has to be an uninitialized dynptr\n");

			sim_diag_res(env, insn_idx, "dynptr is already initialized",
				     "This kfunc constructs a dynptr and requires an uninitialized dynptr stack slot, but the selected slot already holds dynptr state.",
				     "Use a fresh stack dynptr slot, or release/destroy the existing dynptr before reusing the slot.");
			return err;
		}
		/* written 8 bytes (BPF_DW) at a time */
		for (int off = 0; off < DYNPTR_NR_SLOTS * SIM_REG_SIZE; off += SIM_REG_SIZE) {
			int err = sim_check_mem_access(env, regno, off, SIM_REG_SIZE, true, -1, false);

			if (err)
				return err < 0 ? err : -EACCES;
		}
		reg = &sim_cur_regs(env)[regno];
		return mark_stack_slots_dynptr(env, reg, arg_type, insn_idx, ref_obj_id, ref_obj_cnt,
					       dynptr);
	}
	/* OBJ_RELEASE, or an initialized dynptr the call uses */
	if (reg->type == CONST_PTR_TO_DYNPTR && (arg_type & OBJ_RELEASE)) {
		int err = sim_reject(env, -EINVAL, "CONST_PTR_TO_DYNPTR cannot be released\n");

		sim_diag_res(env, insn_idx, "const dynptr release",
			     "This release operation was given a const dynptr. Const dynptr values are verifier-provided views and cannot be released by the program.",
			     "Release only mutable dynptrs that the program initialized or reserved.");
		return err;
	}
	if (!dynptr_reg_valid_init(env, reg)) {
		int err = sim_reject(env, -EINVAL, "Expected an initialized dynptr as R%d\n", regno);

		sim_diag_res(env, insn_idx, "uninitialized dynptr use",
			     "This operation requires an initialized dynptr, but the stack slot does not currently hold a valid dynptr on this path.",
			     "Initialize the dynptr on every path before this call, and avoid overwriting or releasing it before this use.");
		return err;
	}
	if (!dynptr_type_expected(env, reg, arg_type & ~OBJ_RELEASE)) {
		uint32_t expected = arg_to_dynptr_type(arg_type);
		uint32_t actual = dynptr_reg_type(env, reg);
		int err = sim_reject(env, -EINVAL, "Expected a dynptr of type %s as R%d\n",
				     sim_dynptr_type_str(expected), regno);

		sim_diag_call_arg(env, insn_idx, regno, call_name,
				  "Use a dynptr constructor that matches this operation, or call an operation that accepts the dynptr's current type.",
				  "the dynptr is initialized with backing object type %s, but this operation expects dynptr type %s",
				  sim_dynptr_type_str(actual), sim_dynptr_type_str(expected));
		return err;
	}
	if (reg->type != CONST_PTR_TO_DYNPTR) {
		int spi = dynptr_get_spi(env, reg);

		if (spi < 0)
			return spi;
		sim_mark_stack_scratched(env, spi);
		sim_mark_stack_scratched(env, spi - 1);
		reg = &env->cur->frame[reg->frameno]->stack[spi].spilled;
	}
	if (dynptr) {
		dynptr->type = reg->dynptr.type;
		dynptr->id = reg->id;
		dynptr->parent_id = reg->parent_id;
	}
	return 0;
}

bool sim_btf_is_dynptr_ptr(const struct btf *btf, uint32_t type_id)
{
	const struct btf_type *t = btf ? sim_btf_skip_mods(btf, type_id, NULL) : NULL;
	const char *name;

	if (!t || !btf_is_ptr(t))
		return false;
	t = sim_btf_skip_mods(btf, t->type, NULL);
	if (!t || !btf_is_struct(t))
		return false;
	name = btf__name_by_offset(btf, t->name_off);
	return name && !strcmp(name, "bpf_dynptr");
}
