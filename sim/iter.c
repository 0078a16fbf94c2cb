/* Open-coded iterators: bpf_for(), bpf_repeat() and every bpf_iter_<type>
 * kfunc triple (KF_ITER_NEW / KF_ITER_NEXT / KF_ITER_DESTROY), as
 * kernel/bpf/verifier.c of Linux 7.3 checks them.
 *
 * The iterator object lives on the program's stack: struct bpf_iter_<type>
 * of N * 8 bytes takes N slots, each STACK_ITER ('i' in the log). The
 * slots' spilled registers carry what the kernel keeps in reg->iter: the
 * type (btf, btf_id), the state (ACTIVE, DRAINED) and the depth; only the
 * first slot carries the id, a REF_TYPE_PTR reference, so an iterator
 * that is never destroyed is an "Unreleased reference" at exit.
 *
 * _new wants slots that hold no iterator yet, writes them (check_mem_access)
 * and marks them; _next, _destroy and "__iter" arguments of other kfuncs
 * want an initialized iterator of the exact type; _destroy releases the
 * reference. An iterator made by a KF_RCU_PROTECTED constructor is MEM_RCU
 * inside an RCU section; leaving the section makes it PTR_UNTRUSTED
 * (invalidate_rcu_protected_refs), and using it then is "expected an RCU CS".
 *
 * _next is where loops are verified without unrolling them: the current
 * path continues with the iterator DRAINED and R0 = NULL, and a path with
 * the iterator still ACTIVE, R0 not NULL and the depth one higher is
 * queued (process_iter_next_call). Every _next call is a forced
 * checkpoint; when a later iteration reaches it in a state range-within an
 * earlier one whose iterator is ACTIVE, the loop has converged
 * (is_state_visited, states.c). To get there, scalars the previous
 * iteration left imprecise and that changed are widened to unknown
 * (widen_imprecise_scalars). */
#include <errno.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "diagnostics.h"
#include "iter.h"
#include "kfuncs.h"
#include "states.h"

#define ITER_PREFIX "bpf_iter_"

/* mirrors stack_slot_obj_get_spi(env, reg, "iter", nr_slots): the slot
 * index of the object's first (highest) slot, -ERANGE when it lies beyond
 * the allocated stack, -EINVAL after logging why */
static int iter_get_spi(struct sim_env *env, const struct sim_reg *reg, int nr_slots)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int64_t off;
	int spi;

	if (!sim_scalar_is_const(&reg->s, false)) {
		sim_verbose(env, "%s has to be at a constant offset\n", "iter");
		return -EINVAL;
	}
	off = (int64_t)reg->s.var_off.value;
	if (off >= 0 || off % SIM_REG_SIZE) {
		sim_verbose(env, "cannot pass in %s at an offset=%d\n", "iter", (int)off);
		return -EINVAL;
	}
	spi = (int)((-off - 1) / SIM_REG_SIZE);
	if (spi + 1 < nr_slots) {
		sim_verbose(env, "cannot pass in %s at an offset=%d\n", "iter", (int)off);
		return -EINVAL;
	}
	/* is_spi_bounds_valid() */
	if (spi - nr_slots + 1 < 0 || spi >= f->allocated_stack / SIM_REG_SIZE)
		return -ERANGE;
	return spi;
}

const char *sim_iter_type_str(const struct btf *btf, uint32_t btf_id)
{
	const struct btf_type *t = btf && btf_id ? btf__type_by_id(btf, btf_id) : NULL;
	const char *name = t ? btf__name_by_offset(btf, t->name_off) : NULL;

	if (!name || strncmp(name, ITER_PREFIX, sizeof(ITER_PREFIX) - 1))
		return "<invalid>";
	return name + sizeof(ITER_PREFIX) - 1;
}

const char *sim_iter_state_str(uint32_t state)
{
	switch (state) {
	case SIM_ITER_STATE_ACTIVE:
		return "active";
	case SIM_ITER_STATE_DRAINED:
		return "drained";
	case SIM_ITER_STATE_INVALID:
		return "<invalid>";
	default:
		return "<unknown>";
	}
}

/* mirrors btf_check_iter_arg(): the btf id of struct bpf_iter_<type> the
 * argument points to, -EINVAL when it is not such a pointer */
static int check_iter_arg_type(const struct btf *btf, const struct btf_type *proto, int arg_idx)
{
	const struct btf_param *arg;
	const struct btf_type *t;
	const char *name;
	uint32_t id;

	if (!proto || (int)btf_vlen(proto) <= arg_idx)
		return -EINVAL;
	arg = &btf_params(proto)[arg_idx];
	id = arg->type;
	t = btf__type_by_id(btf, id);
	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, id = t->type);
	if (!t || !btf_is_ptr(t))
		return -EINVAL;
	id = t->type;
	t = btf__type_by_id(btf, id);
	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, id = t->type);
	if (!t || !btf_is_struct(t))
		return -EINVAL;
	name = btf__name_by_offset(btf, t->name_off);
	if (!name || strncmp(name, ITER_PREFIX, sizeof(ITER_PREFIX) - 1))
		return -EINVAL;
	return (int)id;
}

/* mirrors mark_stack_slots_iter() */
static int mark_stack_slots_iter(struct sim_env *env, const struct sim_iter_arg *ia,
				 const struct sim_reg *reg, int insn_idx, uint32_t btf_id,
				 int nr_slots)
{
	struct sim_func *f = env->cur->frame[reg->frameno];
	int spi = iter_get_spi(env, reg, nr_slots), id;

	if (spi < 0)
		return spi;
	id = sim_acquire_reference(env, insn_idx, 0);
	if (id < 0)
		return id;
	for (int i = 0; i < nr_slots; i++) {
		struct sim_stack_slot *slot = &f->stack[spi - i];
		struct sim_reg *st = &slot->spilled;

		sim_reg_mark_ptr(st, PTR_TO_STACK); /* no dedicated register type */
		if (ia->kfunc_flags & KF_RCU_PROTECTED)
			st->type |= sim_in_rcu_cs(env) ? MEM_RCU : PTR_UNTRUSTED;
		st->id = i == 0 ? (uint32_t)id : 0;
		st->iter.btf = ia->btf;
		st->iter.btf_id = btf_id;
		st->iter.state = SIM_ITER_STATE_ACTIVE;
		st->iter.depth = 0;
		for (int j = 0; j < SIM_REG_SIZE; j++)
			slot->type[j] = STACK_ITER;
		sim_mark_stack_scratched(env, spi - i);
	}
	return 0;
}

/* mirrors unmark_stack_slots_iter() */
static int unmark_stack_slots_iter(struct sim_env *env, const struct sim_reg *reg, int nr_slots)
{
	struct sim_func *f = env->cur->frame[reg->frameno];
	int spi = iter_get_spi(env, reg, nr_slots);

	if (spi < 0)
		return spi;
	for (int i = 0; i < nr_slots; i++) {
		struct sim_stack_slot *slot = &f->stack[spi - i];

		if (i == 0) {
			int err = sim_release_reference(env, (int)slot->spilled.id);

			if (err)
				return err;
		}
		sim_reg_mark_not_init(&slot->spilled);
		for (int j = 0; j < SIM_REG_SIZE; j++)
			slot->type[j] = STACK_INVALID;
		sim_mark_stack_scratched(env, spi - i);
	}
	return 0;
}

/* mirrors is_iter_reg_valid_uninit(): no byte of the slots is STACK_ITER */
static bool iter_reg_valid_uninit(struct sim_env *env, const struct sim_reg *reg, int nr_slots)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int spi = iter_get_spi(env, reg, nr_slots);

	/* beyond the allocated stack: check_mem_access() grows it next */
	if (spi == -ERANGE)
		return true;
	if (spi < 0)
		return false;
	for (int i = 0; i < nr_slots; i++)
		for (int j = 0; j < SIM_REG_SIZE; j++)
			if (f->stack[spi - i].type[j] == STACK_ITER)
				return false;
	return true;
}

/* mirrors is_iter_reg_valid_init(): 0, -EINVAL (not an initialized
 * iterator of this type) or -EPROTO (used outside its RCU section) */
static int iter_reg_valid_init(struct sim_env *env, const struct sim_reg *reg,
			       const struct btf *btf, uint32_t btf_id, int nr_slots)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int spi = iter_get_spi(env, reg, nr_slots);

	if (spi < 0)
		return -EINVAL;
	for (int i = 0; i < nr_slots; i++) {
		const struct sim_stack_slot *slot = &f->stack[spi - i];
		const struct sim_reg *st = &slot->spilled;

		if (st->type & PTR_UNTRUSTED)
			return -EPROTO;
		/* only the main (first) slot has the id */
		if ((i == 0) != (st->id != 0))
			return -EINVAL;
		if (st->iter.btf != btf || st->iter.btf_id != btf_id)
			return -EINVAL;
		for (int j = 0; j < SIM_REG_SIZE; j++)
			if (slot->type[j] != STACK_ITER)
				return -EINVAL;
	}
	return 0;
}

int sim_process_iter_arg(struct sim_env *env, int regno, int arg_idx, struct sim_iter_arg *ia)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const struct btf_type *t;
	int btf_id, nr_slots, spi, err;
	char tb[64];

	if (reg->type != PTR_TO_STACK)
		return sim_diag_call_arg_err(env, sim_reject(env, -EINVAL, "R%d expected pointer to an iterator on stack\n", regno),
					     regno, ia->func_name,
					     "Pass the address of a stack iterator object for iterator new, next, and destroy calls.",
					     "iterator state must live in verifier-tracked stack memory, but R%d is %s",
					     regno, sim_diag_reg_type_plain(reg->type, tb, sizeof(tb)));
	/* for _new/_next/_destroy btf_check_iter_kfuncs() already enforced
	 * the convention; an "__iter" argument of another kfunc is checked
	 * here */
	btf_id = check_iter_arg_type(ia->btf, ia->proto, arg_idx);
	if (btf_id < 0)
		return sim_reject(env, -EINVAL, "expected valid iter pointer as R%d\n", regno);
	t = btf__type_by_id(ia->btf, (uint32_t)btf_id);
	nr_slots = (int)(t->size / SIM_REG_SIZE);

	if (ia->kfunc_flags & KF_ITER_NEW) {
		/* bpf_iter_<type>_new() wants uninitialized slots */
		if (!iter_reg_valid_uninit(env, reg, nr_slots))
			return sim_diag_res_err(env, sim_reject(env, -EINVAL, "expected uninitialized iter_%s as R%d\n",
					  sim_iter_type_str(ia->btf, (uint32_t)btf_id), regno),
						"iterator is already initialized",
						"Iterator creation requires an uninitialized iterator stack object, but this stack range already contains iterator state.",
						"Use a fresh iterator stack slot, or destroy the existing iterator before reusing the slot.");
		for (int i = 0; i < nr_slots * SIM_REG_SIZE; i += SIM_REG_SIZE) {
			err = sim_check_mem_access(env, regno, i, SIM_REG_SIZE, true, -1, false);
			if (err)
				return err < 0 ? err : -EACCES;
		}
		return mark_stack_slots_iter(env, ia, reg, env->insn_idx, (uint32_t)btf_id, nr_slots);
	}
	/* _next(), _destroy() and any kfunc's __iter argument: initialized */
	err = iter_reg_valid_init(env, reg, ia->btf, (uint32_t)btf_id, nr_slots);
	switch (err) {
	case 0:
		break;
	case -EINVAL:
		return sim_diag_res_err(env, sim_reject(env, err, "expected an initialized iter_%s as R%d\n",
				  sim_iter_type_str(ia->btf, (uint32_t)btf_id), regno),
					"uninitialized iterator use",
					"This iterator operation requires an initialized iterator state object, but the stack range does not contain a live iterator on this path.",
					"Call the matching iterator new kfunc on every path before calling next or destroy, and do not destroy the iterator before this use.");
	case -EPROTO:
		return sim_diag_ctx_required(env, sim_reject(env, err, "expected an RCU CS when using %s\n", ia->func_name),
					     SIM_DIAG_CTX_RCU,
					     "Wrap iterator use in bpf_rcu_read_lock() and bpf_rcu_read_unlock(), keeping all exit paths balanced.",
					     ia->func_name);
	default:
		return err;
	}
	spi = iter_get_spi(env, reg, nr_slots);
	if (spi < 0)
		return spi;
	for (int i = 0; i < nr_slots; i++)
		sim_mark_stack_scratched(env, spi - i);
	/* meta->iter for process_iter_next_call(), meta->ref_obj for R0 */
	ia->found = true;
	ia->spi = spi;
	ia->frameno = reg->frameno;
	ia->ref_id = env->cur->frame[reg->frameno]->stack[spi].spilled.id;
	ia->ref_cnt++;
	if (ia->kfunc_flags & KF_ITER_DESTROY)
		return unmark_stack_slots_iter(env, reg, nr_slots);
	return 0;
}

struct sim_reg *sim_iter_from_state(struct sim_state *st, const struct sim_iter_arg *ia)
{
	return &st->frame[ia->frameno]->stack[ia->spi].spilled;
}

/* mirrors same_callsites() */
static bool same_callsites(const struct sim_state *a, const struct sim_state *b)
{
	if (a->curframe != b->curframe)
		return false;
	for (int fr = (int)a->curframe; fr >= 0; fr--)
		if (a->frame[fr]->callsite != b->frame[fr]->callsite)
			return false;
	return true;
}

/* mirrors find_prev_entry(): the nearest checkpoint at @insn_idx on the
 * current DFS path (branches != 0) with the same call sites */
static struct sim_state *find_prev_entry(struct sim_env *env, const struct sim_state *cur,
					 int insn_idx)
{
	if (!env->explored)
		return NULL;
	/* the list is in stack order: the most recent checkpoint first */
	for (struct sim_explored *sl = *sim_explored_head(env, insn_idx); sl; sl = sl->next) {
		struct sim_state *st = sl->st;

		if (st->insn_idx == (uint32_t)insn_idx && st->branches && same_callsites(st, cur) &&
		    st->dfs_depth < cur->dfs_depth)
			return st;
	}
	return NULL;
}

/* scalars_exact_for_widen(): equal up to the id (type, offset, value) */
static bool scalars_exact_for_widen(const struct sim_reg *a, const struct sim_reg *b)
{
	return a->type == b->type && a->delta == b->delta && a->raw.raw1 == b->raw.raw1 &&
	       a->raw.raw2 == b->raw.raw2 && a->s.var_off.value == b->s.var_off.value &&
	       a->s.var_off.mask == b->s.var_off.mask && a->s.r64.base == b->s.r64.base &&
	       a->s.r64.size == b->s.r64.size && a->s.r32.base == b->s.r32.base &&
	       a->s.r32.size == b->s.r32.size;
}

/* mirrors maybe_widen_reg() */
static void maybe_widen_reg(const struct sim_reg *rold, struct sim_reg *rcur)
{
	if (rold->type != SCALAR_VALUE || rold->type != rcur->type)
		return;
	if (rold->precise || rcur->precise || scalars_exact_for_widen(rold, rcur))
		return;
	sim_reg_mark_unknown(rcur);
}

/* mirrors widen_imprecise_scalars(): forget what changed since the
 * previous iteration unless it was needed precise */
static void widen_imprecise_scalars(const struct sim_state *old, struct sim_state *cur)
{
	for (int fr = (int)old->curframe; fr >= 0; fr--) {
		const struct sim_func *fo = old->frame[fr];
		struct sim_func *fc = cur->frame[fr];
		int n = fo->allocated_stack < fc->allocated_stack ? fo->allocated_stack
								    : fc->allocated_stack;

		for (int i = 0; i < SIM_MAX_REG; i++)
			maybe_widen_reg(&fo->regs[i], &fc->regs[i]);
		for (int i = 0; i < n / SIM_REG_SIZE; i++) {
			if (!sim_slot_is_spill(&fo->stack[i]) || !sim_slot_is_spill(&fc->stack[i]))
				continue;
			maybe_widen_reg(&fo->stack[i].spilled, &fc->stack[i].spilled);
		}
	}
}

/* the two steps above for a callback's return to its call site
 * (prepare_func_exit(), check_call.c) */
void sim_widen_from_prev_entry(struct sim_env *env, struct sim_state *cur, int insn_idx)
{
	struct sim_state *prev = find_prev_entry(env, cur, insn_idx);

	if (prev)
		widen_imprecise_scalars(prev, cur);
}

/* the may_goto case of check_cond_jmp_op(): @queued, the fall-through
 * just pushed, widened against the entry before @from (the checkpoint
 * is_state_visited() made at @insn_idx) */
void sim_widen_queued(struct sim_env *env, const struct sim_state *from, struct sim_state *queued,
		      int insn_idx)
{
	struct sim_state *prev = find_prev_entry(env, from, insn_idx);

	if (prev)
		widen_imprecise_scalars(prev, queued);
}

int sim_process_iter_next_call(struct sim_env *env, int insn_idx, const struct sim_iter_arg *ia)
{
	struct sim_state *cur = env->cur;
	struct sim_reg *it = sim_iter_from_state(cur, ia);

	if (it->iter.state != SIM_ITER_STATE_ACTIVE && it->iter.state != SIM_ITER_STATE_DRAINED)
		return sim_bug(env, "unexpected iterator state %d (%s)", (int)it->iter.state,
			       sim_iter_state_str(it->iter.state));
	if (it->iter.state == SIM_ITER_STATE_ACTIVE) {
		struct sim_state *prev = NULL, *queued;
		struct sim_reg *qit;

		/* replay re-runs one recorded path: no checkpoints there, and
		 * the queued state is not explored again */
		if (!env->replay) {
			/* iter_next() is a forced checkpoint: the parent is the
			 * checkpoint is_state_visited() just made here */
			if (!cur->parent || cur->parent->insn_idx != (uint32_t)insn_idx ||
			    !same_callsites(cur->parent, cur))
				return sim_bug(env, "bad parent state for iter next call");
			/* skip that checkpoint: the previous iteration's entry */
			prev = find_prev_entry(env, cur->parent, insn_idx);
		}
		queued = sim_push_stack(env, insn_idx + 1, insn_idx);
		if (!queued)
			return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
		qit = sim_iter_from_state(queued, ia);
		qit->iter.state = SIM_ITER_STATE_ACTIVE;
		qit->iter.depth++;
		if (prev)
			widen_imprecise_scalars(prev, queued);
		/* mark_ptr_not_null_reg() */
		queued->frame[queued->curframe]->regs[0].type &= ~(uint32_t)PTR_MAYBE_NULL;
	}
	/* the current path: the iterator is drained (depth kept), R0 = NULL */
	it->iter.state = SIM_ITER_STATE_DRAINED;
	sim_reg_mark_known(&sim_cur_regs(env)[0], 0);
	return 0;
}

bool sim_is_iter_next_insn(const struct sim_env *env, int insn_idx)
{
	const struct bpf_insn *insn = &env->insns[insn_idx];
	const struct sim_kfunc_row *row;

	if (insn->code != (BPF_JMP | BPF_CALL) || insn->src_reg != BPF_PSEUDO_KFUNC_CALL)
		return false;
	row = sim_kfunc_lookup(sim_kfunc_call_name(env, insn));
	return row && (row->flags & KF_ITER_NEXT);
}

bool sim_iter_r1_active(const struct sim_state *cur)
{
	const struct sim_reg *r1 = &cur->frame[cur->curframe]->regs[1];
	const struct sim_func *f;
	int64_t off;
	int spi;

	/* btf_check_iter_kfuncs(): the iterator is always the first argument */
	if (r1->type != PTR_TO_STACK || !sim_reg_is_const(r1) || r1->frameno > cur->curframe)
		return false;
	off = (int64_t)r1->s.var_off.value;
	if (off >= 0)
		return false;
	f = cur->frame[r1->frameno];
	spi = (int)((-off - 1) / SIM_REG_SIZE);
	if (spi >= f->allocated_stack / SIM_REG_SIZE || f->stack[spi].type[0] != STACK_ITER)
		return false;
	return f->stack[spi].spilled.iter.state == SIM_ITER_STATE_ACTIVE;
}

bool sim_iter_active_depths_differ(const struct sim_state *old, const struct sim_state *cur)
{
	for (int fr = (int)old->curframe; fr >= 0; fr--) {
		const struct sim_func *f = old->frame[fr], *cf = cur->frame[fr];

		for (int i = 0; i < f->allocated_stack / SIM_REG_SIZE; i++) {
			const struct sim_reg *slot = &f->stack[i].spilled;

			if (f->stack[i].type[0] != STACK_ITER ||
			    slot->iter.state != SIM_ITER_STATE_ACTIVE)
				continue;
			/* the kernel reads cur's slot as is; a shorter stack
			 * cannot hold the same iterator */
			if (i >= cf->allocated_stack / SIM_REG_SIZE ||
			    cf->stack[i].spilled.iter.depth != slot->iter.depth)
				return true;
		}
	}
	return false;
}
