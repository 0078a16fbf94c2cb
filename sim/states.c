/* Pruning: the explored-state lists and state equivalence, mirroring
 * kernel/bpf/states.c of Linux 7.3.
 *
 * How it works
 * ------------
 * At every prune point do_check() asks is_state_visited() whether the
 * current state is covered by one explored earlier at the same instruction.
 * Explored states (checkpoints) sit in lists keyed, as the kernel's hash
 * buckets are, by the instruction xor the innermost frame's call site, so
 * one instruction's checkpoints from another call site are usually apart
 * (and a list may hold another instruction's, which are skipped). A
 * checkpoint whose subtree is still being explored (branches > 0) cannot
 * prove anything yet; it only serves to detect infinite loops. A finished
 * one (branches == 0) covers the current state when states_equal() says
 * every register and stack slot it relied on is at least as general.
 *
 * What keeps this fast is the kernel's bookkeeping, copied here:
 * - a checkpoint is only added after 2 jumps and 8 instructions since the
 *   last one (20 jumps / 100 instructions inside a loop), so a tight loop
 *   of 1M instructions leaves ~10k checkpoints, not 500k;
 * - every miss while a new checkpoint is being added counts against a
 *   checkpoint; one that misses more than 3 (+3 per hit) times is evicted
 *   from its list, even while its subtree is live. Evicted checkpoints go
 *   to a free list and are freed once their last branch ends
 *   (update_branch_counts), because children still point at them;
 * - the cheap test first: a live checkpoint is compared exactly only when
 *   states_maybe_looping() (types and ids equal) says it might be a loop.
 * So each list stays a few entries long and a visit costs O(1) compares.
 *
 * Precision and liveness: before comparing, dead registers of the current
 * state are cleared (clean_verifier_state, liveness.c); an imprecise scalar
 * in a finished checkpoint matches anything (regsafe); on a hit the old
 * state's precise scalars are backtracked into the current path's parents
 * (propagate_precision, backtrack.c); a new checkpoint forgets inherited
 * precise marks and starts an empty jump history. Dead stack halves are
 * poisoned by the same cleaning (stack_liveness.c); POISON compares as
 * INVALID.
 *
 * SCCs (scc.c): a new checkpoint inside a loop may enter its SCC visit, a
 * loop hit adds a backedge, the entry's last branch leaves it; these print
 * the kernel's "SCC enter/backedge/exit" lines and count in peak_states.
 * While a visit has backedges, its finished checkpoints are compared
 * range-within (their precision marks are not final: incomplete_read_marks);
 * on leaving it the backedges get the marks (propagate_backedges, scc.c).
 * At a callback-calling instruction, a live checkpoint range-within the
 * state returning from the callback ends that path (calls_callback()).
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "iter.h"
#include "scc.h"
#include "stack_liveness.h"
#include "states.h"
#include "trace_internal.h"

/* ---- state equivalence (mirrors kernel/bpf/states.c) ------------------- */

#define SIM_ID_MAP_SIZE 600

struct idmap {
	uint32_t old[SIM_ID_MAP_SIZE], cur[SIM_ID_MAP_SIZE];
	int cnt;
};

/* mirrors check_ids(): a consistent one-to-one mapping of old to cur ids */
static bool check_ids(uint32_t old_id, uint32_t cur_id, struct idmap *m)
{
	if (!old_id && !cur_id)
		return true;
	if (!old_id || !cur_id)
		return false;
	for (int i = 0; i < m->cnt; i++) {
		if (m->old[i] == old_id)
			return m->cur[i] == cur_id;
		if (m->cur[i] == cur_id)
			return false;
	}
	if (m->cnt == SIM_ID_MAP_SIZE)
		return false;
	m->old[m->cnt] = old_id;
	m->cur[m->cnt++] = cur_id;
	return true;
}

/* mirrors check_scalar_ids(): an old scalar without id is independent, any
 * link in cur only adds constraints; a cur scalar without id gets a fresh
 * unique one; a linked (ADD_CONST) pair must also map its base ids */
static bool check_scalar_ids(uint32_t old_id, uint32_t cur_id, struct idmap *m, uint32_t *tmp)
{
	if (!old_id)
		return true;
	if (!cur_id)
		cur_id = ++*tmp | 0x20000000u;
	if (!check_ids(old_id, cur_id, m))
		return false;
	if (old_id & SIM_ADD_CONST)
		return check_ids(old_id & ~SIM_ADD_CONST, cur_id & ~SIM_ADD_CONST, m);
	return true;
}

/* mirrors range_within(): cur's arcs lie within old's (cnum subsets, which
 * is not the same as comparing the min/max views of the arcs) */
static bool range_within(const struct sim_scalar *o, const struct sim_scalar *c)
{
	return cnum64_is_subset(o->r64, c->r64) && cnum32_is_subset(o->r32, c->r32);
}

static bool scalar_within(const struct sim_scalar *o, const struct sim_scalar *c)
{
	return range_within(o, c) && tnum_in(o->var_off, c->var_off);
}

enum exact_level { NOT_EXACT, EXACT, RANGE_WITHIN };

/* mirrors regsafe() */
static bool regsafe(const struct sim_reg *rold, const struct sim_reg *rcur, struct idmap *m,
		    uint32_t *tmp, enum exact_level exact)
{
	if (exact == EXACT)
		return sim_reg_equal(rold, rcur);
	if (rold->type == NOT_INIT)
		return true;
	if (rold->type != rcur->type)
		return false;
	switch (sim_base_type(rold->type)) {
	case SCALAR_VALUE:
		/* an imprecise scalar of a finished checkpoint never mattered */
		if (!rold->precise && exact == NOT_EXACT)
			return true;
		if (rold->id && (rold->id & SIM_ADD_CONST) != (rcur->id & SIM_ADD_CONST))
			return false;
		if ((rold->id & SIM_ADD_CONST) && rold->delta != rcur->delta)
			return false;
		if (!check_scalar_ids(rold->id, rcur->id, m, tmp))
			return false;
		return scalar_within(&rold->s, &rcur->s);
	case PTR_TO_MAP_KEY:
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MEM:
	case PTR_TO_BUF:
	case PTR_TO_TP_BUFFER:
		if (memcmp(&rold->raw, &rcur->raw, sizeof(rold->raw)))
			return false;
		return scalar_within(&rold->s, &rcur->s) && check_ids(rold->id, rcur->id, m) &&
		       check_ids(rold->parent_id, rcur->parent_id, m) && rold->delta == rcur->delta;
	case PTR_TO_PACKET_META:
	case PTR_TO_PACKET:
		if (rold->range < 0 || rcur->range < 0) {
			/* [BEYOND|AT]_PKT_END markers must match */
			if (rold->range != rcur->range)
				return false;
		} else if (rcur->range < rold->range) {
			return false;
		}
		if (!check_ids(rold->id, rcur->id, m))
			return false;
		/* pointers sharing an id keep their displacement */
		if (rold->id && rold->s.r64.base != rcur->s.r64.base)
			return false;
		return scalar_within(&rold->s, &rcur->s);
	case PTR_TO_STACK:
		if (rold->frameno != rcur->frameno)
			return false;
		return scalar_within(&rold->s, &rcur->s) && rold->delta == rcur->delta;
	default:
		return memcmp(&rold->raw, &rcur->raw, sizeof(rold->raw)) == 0 &&
		       scalar_within(&rold->s, &rcur->s) && check_ids(rold->id, rcur->id, m) &&
		       check_ids(rold->parent_id, rcur->parent_id, m) && rold->delta == rcur->delta;
	}
}

static bool is_spilled_scalar_after(const struct sim_stack_slot *s, int im)
{
	return s->type[im] == STACK_SPILL && s->spilled.type == SCALAR_VALUE;
}

/* is_stack_misc_after(), as root loads (allow_uninit_stack) */
static bool is_stack_misc_after(const struct sim_stack_slot *s, int im)
{
	for (int i = im; i < SIM_REG_SIZE; i++)
		if (s->type[i] != STACK_MISC && s->type[i] != STACK_INVALID &&
		    s->type[i] != STACK_POISON)
			return false;
	return true;
}

/* mirrors scalar_reg_for_stack(): the scalar a slot half holds, if any */
static const struct sim_reg *scalar_reg_for_stack(const struct sim_stack_slot *s, int im,
						  const struct sim_reg *unbound)
{
	if (is_spilled_scalar_after(s, im))
		return &s->spilled;
	if (is_stack_misc_after(s, im))
		return unbound;
	return NULL;
}

static uint8_t poison_as_invalid(uint8_t t)
{
	return t == STACK_POISON ? STACK_INVALID : t;
}

/* mirrors stacksafe(), as root loads it (allow_uninit_stack) */
static bool stacksafe(const struct sim_func *old, const struct sim_func *cur, struct idmap *m,
		      uint32_t *tmp, enum exact_level exact)
{
	struct sim_reg unbound;

	sim_reg_mark_unknown(&unbound);
	for (int i = 0; i < old->allocated_stack; i++) {
		int spi = i / SIM_REG_SIZE, im = i % SIM_REG_SIZE;
		const struct sim_stack_slot *os = &old->stack[spi];
		const struct sim_stack_slot *cs = i < cur->allocated_stack ? &cur->stack[spi] : NULL;
		uint8_t ot = os->type[im];

		if (exact == EXACT &&
		    (!cs || poison_as_invalid(ot) != poison_as_invalid(cs->type[im])))
			return false;
		if (ot == STACK_INVALID || ot == STACK_POISON || ot == STACK_MISC)
			continue;
		if (!cs)
			return false;
		if (im == 0 || im == 4) {
			const struct sim_reg *o = scalar_reg_for_stack(os, im, &unbound);
			const struct sim_reg *c = scalar_reg_for_stack(cs, im, &unbound);

			if (o && c) {
				if (!regsafe(o, c, m, tmp, exact))
					return false;
				i += im == 0 ? SIM_REG_SIZE - 1 : 3;
				continue;
			}
		}
		if (ot != cs->type[im])
			return false;
		if (im != SIM_REG_SIZE - 1)
			continue;
		switch (os->type[SIM_REG_SIZE - 1]) {
		case STACK_SPILL:
			if (!regsafe(&os->spilled, &cs->spilled, m, tmp, exact))
				return false;
			break;
		case STACK_MISC:
		case STACK_ZERO:
		case STACK_INVALID:
		case STACK_POISON:
			break;
		case STACK_DYNPTR:
			/* dynptr.c: kind, first slot, id and parent id */
			if (os->spilled.dynptr.type != cs->spilled.dynptr.type ||
			    os->spilled.dynptr.first_slot != cs->spilled.dynptr.first_slot ||
			    !check_ids(os->spilled.id, cs->spilled.id, m) ||
			    !check_ids(os->spilled.parent_id, cs->spilled.parent_id, m))
				return false;
			break;
		case STACK_ITER:
			/* the depth is not compared: it only keeps the
			 * infinite-loop check quiet between iterations
			 * (iter_active_depths_differ()) */
			if (os->spilled.type != cs->spilled.type ||
			    os->spilled.iter.btf != cs->spilled.iter.btf ||
			    os->spilled.iter.btf_id != cs->spilled.iter.btf_id ||
			    os->spilled.iter.state != cs->spilled.iter.state ||
			    !check_ids(os->spilled.id, cs->spilled.id, m))
				return false;
			break;
		default:
			/* dynptr/iter/irq slots: same kind and ids (simplified) */
			if (os->spilled.type != cs->spilled.type ||
			    !check_ids(os->spilled.id, cs->spilled.id, m) ||
			    memcmp(&os->spilled.raw, &cs->spilled.raw, sizeof(os->spilled.raw)))
				return false;
		}
	}
	return true;
}

/* mirrors refsafe() */
static bool refsafe(const struct sim_state *old, const struct sim_state *cur, struct idmap *m)
{
	if (old->acquired_refs != cur->acquired_refs || old->active_locks != cur->active_locks ||
	    old->active_preempt_locks != cur->active_preempt_locks ||
	    old->active_rcu_locks != cur->active_rcu_locks)
		return false;
	if (!check_ids(old->active_irq_id, cur->active_irq_id, m) ||
	    !check_ids(old->active_lock_id, cur->active_lock_id, m) ||
	    old->active_lock_ptr != cur->active_lock_ptr)
		return false;
	for (uint32_t i = 0; i < old->acquired_refs; i++) {
		if (old->refs[i].type != cur->refs[i].type ||
		    !check_ids((uint32_t)old->refs[i].id, (uint32_t)cur->refs[i].id, m))
			return false;
		if (old->refs[i].type == SIM_REF_TYPE_PTR &&
		    !check_ids((uint32_t)old->refs[i].parent_id, (uint32_t)cur->refs[i].parent_id, m))
			return false;
		if ((old->refs[i].type & SIM_REF_TYPE_LOCK_MASK) &&
		    old->refs[i].lock_ptr != cur->refs[i].lock_ptr)
			return false;
	}
	return true;
}

/* mirrors func_states_equal() + states_equal() */
static bool states_equal(const struct sim_state *old, const struct sim_state *cur,
			 enum exact_level exact)
{
	static struct idmap m;
	uint32_t tmp = 0;

	if (old->curframe != cur->curframe)
		return false;
	if (old->speculative && !cur->speculative)
		return false;
	/* async callbacks (async_cb.c) run sleepable or not, whatever the
	 * program is */
	if (old->in_sleepable != cur->in_sleepable)
		return false;
	m.cnt = 0;
	for (uint32_t i = 0; i <= old->curframe; i++)
		if (old->frame[i]->callsite != cur->frame[i]->callsite)
			return false;
	for (uint32_t i = 0; i <= old->curframe; i++) {
		const struct sim_func *of = old->frame[i], *cf = cur->frame[i];

		if (of->in_callback_fn != cf->in_callback_fn)
			return false;
		/* func_states_equal(): a state that already ran a callback
		 * more times does not cover one that ran it fewer times */
		if (of->callback_depth > cf->callback_depth)
			return false;
		for (int r = 0; r < SIM_MAX_REG; r++)
			if (!regsafe(&of->regs[r], &cf->regs[r], &m, &tmp, exact))
				return false;
		if (!stacksafe(of, cf, &m, &tmp, exact))
			return false;
	}
	return refsafe(old, cur, &m);
}

/* mirrors states_maybe_looping() */
static bool states_maybe_looping(const struct sim_state *old, const struct sim_state *cur)
{
	const struct sim_func *fo, *fc;

	if (old->curframe != cur->curframe)
		return false;
	fo = old->frame[old->curframe];
	fc = cur->frame[cur->curframe];
	for (int i = 0; i < SIM_MAX_REG; i++)
		if (memcmp(&fo->regs[i], &fc->regs[i], offsetof(struct sim_reg, s)))
			return false;
	return true;
}

/* mirrors bpf_clear_singular_ids() */
static void clear_singular_ids(struct sim_state *st)
{
	uint32_t ids[256], cnt[256];
	int n = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (uint32_t fi = 0; fi <= st->curframe; fi++) {
			struct sim_func *f = st->frame[fi];

			for (int k = 0; k < sim_func_walk_len(f); k++) {
				struct sim_reg *r = sim_func_walk_reg(f, k);
				uint32_t id;
				int j;

				if (!r || r->type != SCALAR_VALUE || !r->id)
					continue;
				id = r->id & ~SIM_ADD_CONST;
				for (j = 0; j < n && ids[j] != id; j++)
					;
				if (pass == 0) {
					if (j == n) {
						if (n == 256)
							continue;
						ids[n] = id;
						cnt[n++] = 0;
					}
					cnt[j]++;
				} else if (j < n && cnt[j] == 1) {
					r->id = 0;
					r->delta = 0;
				}
			}
		}
	}
}

/* mirrors maybe_free_verifier_state(): an evicted checkpoint goes when no
 * branch below it is still being explored */
static void maybe_free_explored(struct sim_env *env, struct sim_explored *sl)
{
	/* a pending backedge's parents must stay (propagate_backedges()) */
	if (!sl->in_free_list || sl->st->branches || sim_scc_incomplete_read_marks(env, sl->st))
		return;
	*sl->pprev = sl->next;
	if (sl->next)
		sl->next->pprev = sl->pprev;
	sim_state_free(sl->st);
	free(sl);
	env->free_list_size--;
}

/* mirrors bpf_update_branch_counts() */
int sim_update_branch_counts(struct sim_env *env, struct sim_state *st)
{
	struct sim_explored *sl = NULL;
	int err;

	while (st) {
		struct sim_state *parent;
		struct sim_explored *parent_sl;

		if (!st->branches || --st->branches)
			break;
		/* maybe_exit_scc(): "SCC exit", then propagate_backedges() */
		err = sim_scc_exit(env, st);
		if (err)
			return err;
		parent = st->parent;
		parent_sl = parent ? parent->explored_node : NULL;
		if (sl)
			maybe_free_explored(env, sl);
		st = parent;
		sl = parent_sl;
	}
	return 0;
}

static void list_unlink(struct sim_explored *sl)
{
	*sl->pprev = sl->next;
	if (sl->next)
		sl->next->pprev = sl->pprev;
}

static void list_push(struct sim_explored **head, struct sim_explored *sl)
{
	sl->next = *head;
	if (sl->next)
		sl->next->pprev = &sl->next;
	sl->pprev = head;
	*head = sl;
}

static void update_peak_states(struct sim_env *env)
{
	uint32_t cur = env->cur_states + env->free_list_size + sim_scc_num_backedges(env);

	if (env->peak_states < cur)
		env->peak_states = cur;
}

static bool is_may_goto_insn_at(const struct sim_env *env, int insn_idx)
{
	const struct bpf_insn *insn = &env->insns[insn_idx];

	return insn->code == (BPF_JMP | BPF_JCOND) && insn->src_reg == BPF_MAY_GOTO;
}

/* mirrors bpf_is_force_checkpoint(): cfg.c forces checkpoints at may_goto
 * (and, not modelled yet, callback-calling and iterator-next calls) so
 * that loop convergence can be detected there */
static bool is_force_checkpoint(const struct sim_env *env, int insn_idx)
{
	return env->force_checkpoint[insn_idx] || is_may_goto_insn_at(env, insn_idx);
}

/* mirrors __clean_func_state(): dead registers become NOT_INIT; a dead
 * 4-byte half of a stack slot becomes STACK_POISON (stack_liveness.c), so
 * it cannot make two states differ and reading it is an error. Dynptr,
 * iterator and IRQ-flag slots stay (their overwrite and double-create
 * checks look at them); a scalar spill whose high half dies degrades to
 * raw bytes, a pointer spill stays whole. */
static void clean_func_state(struct sim_env *env, struct sim_func *f, uint16_t live_regs,
			     uint32_t frame)
{
	for (int r = 0; r < SIM_FP; r++)
		if (!(live_regs & (1u << r)))
			sim_reg_mark_not_init(&f->regs[r]);
	for (int i = 0; i < f->allocated_stack / SIM_REG_SIZE; i++) {
		struct sim_stack_slot *s = &f->stack[i];
		bool lo_live = sim_stack_slot_alive(env, frame, (uint32_t)i * 2);
		bool hi_live = sim_stack_slot_alive(env, frame, (uint32_t)i * 2 + 1);
		uint8_t stype = s->type[SIM_REG_SIZE - 1];
		int start, end;

		if (lo_live && hi_live)
			continue;
		if (stype == STACK_DYNPTR || stype == STACK_ITER || stype == STACK_IRQ_FLAG)
			continue;
		start = !lo_live ? 0 : SIM_REG_SIZE / 2;
		end = !hi_live ? SIM_REG_SIZE : SIM_REG_SIZE / 2;
		if (!hi_live) {
			if (lo_live && stype == STACK_SPILL) {
				if (s->spilled.type != SCALAR_VALUE)
					continue;
				/* STACK_ZERO would need mark_chain_precision() */
				if (sim_reg_is_null(&s->spilled))
					continue;
				for (int j = 0; j < SIM_REG_SIZE / 2; j++)
					if (s->type[j] == STACK_SPILL)
						s->type[j] = STACK_MISC;
			}
			sim_reg_mark_not_init(&s->spilled);
		}
		for (int j = start; j < end; j++)
			s->type[j] = STACK_POISON;
	}
}

/* mirrors clean_verifier_state(): each frame is cleaned at its own
 * instruction, outer frames at their call site (bpf_frame_insn_idx()) */
void sim_clean_verifier_state(struct sim_env *env, struct sim_state *st)
{
	if (!env->live_regs_before)
		return;
	sim_live_stack_query_init(env, st);
	for (uint32_t i = 0; i <= st->curframe; i++) {
		uint32_t ip = i == st->curframe ? st->insn_idx : (uint32_t)st->frame[i + 1]->callsite;

		clean_func_state(env, st->frame[i], env->live_regs_before[ip], i);
	}
}

/* mirrors mark_all_scalars_imprecise() */
static void mark_all_scalars_imprecise(struct sim_state *st)
{
	for (uint32_t i = 0; i <= st->curframe; i++) {
		struct sim_func *f = st->frame[i];

		for (int j = 0; j < SIM_FP; j++)
			if (f->regs[j].type == SCALAR_VALUE)
				f->regs[j].precise = false;
		for (int j = 0; j < f->allocated_stack / SIM_REG_SIZE; j++)
			if (sim_slot_is_spill(&f->stack[j]) && f->stack[j].spilled.type == SCALAR_VALUE)
				f->stack[j].spilled.precise = false;
	}
}

/* mirrors propagate_precision(): what the old state needed precise, the
 * current path's parents need too */
int sim_propagate_precision(struct sim_env *env, const struct sim_state *old,
			    struct sim_state *cur, bool *changed)
{
	bool log = env->log_level >= 2 && sim_logging(env);

	for (int fr = (int)old->curframe; fr >= 0; fr--) {
		const struct sim_func *f = old->frame[fr];
		bool first = true;

		for (int i = 0; i < SIM_FP; i++) {
			if (f->regs[i].type != SCALAR_VALUE || !f->regs[i].precise)
				continue;
			if (log) {
				if (first)
					sim_verbose(env, "frame %d: propagating r%d", fr, i);
				else
					sim_verbose(env, ",r%d", i);
			}
			sim_bt_set_frame_reg(&env->bt, (uint32_t)fr, (uint32_t)i);
			first = false;
		}
		for (int i = 0; i < f->allocated_stack / SIM_REG_SIZE; i++) {
			const struct sim_reg *r = &f->stack[i].spilled;

			if (!sim_slot_is_spill(&f->stack[i]) || r->type != SCALAR_VALUE ||
			    !r->precise)
				continue;
			if (log) {
				if (first)
					sim_verbose(env, "frame %d: propagating fp%d", fr,
						    (-i - 1) * SIM_REG_SIZE);
				else
					sim_verbose(env, ",fp%d", (-i - 1) * SIM_REG_SIZE);
			}
			sim_bt_set_frame_slot(&env->bt, (uint32_t)fr, (uint32_t)i);
			first = false;
		}
		if (!first && log)
			sim_verbose(env, "\n");
	}
	return sim_mark_chain_precision_changed(env, cur, changed);
}

/* mirrors bpf_explored_state(): the lists are hash buckets keyed by the
 * instruction and the innermost frame's call site, so a bucket may hold
 * checkpoints of other instructions; one instruction's checkpoints from
 * different call sites usually sit apart (and do not count against each
 * other's misses or keep each other from being added) */
struct sim_explored **sim_explored_head(struct sim_env *env, int insn_idx)
{
	const struct sim_state *cur = env->cur;
	int callsite = cur->frame[cur->curframe]->callsite;

	return &env->explored[(uint32_t)(insn_idx ^ callsite) % (uint32_t)env->insn_cnt];
}

/* mirrors bpf_is_state_visited(): 1 prune, 0 continue, <0 error */
int sim_is_state_visited(struct sim_env *env, int insn_idx)
{
	struct sim_state *cur = env->cur;
	struct sim_explored *sl, *next, **head;
	uint32_t n;
	bool force_new_state = env->test_state_freq || is_force_checkpoint(env, insn_idx) ||
			       cur->jmp_history_cnt > 40;
	bool add_new_state = force_new_state;
	bool loop;   /* the kernel's: a loop hit adds an SCC backedge (log, peak_states) */
	int states_cnt = 0, err;

	if (env->jmps_processed - env->prev_jmps_processed >= 2 &&
	    env->insn_processed - env->prev_insn_processed >= 8)
		add_new_state = true;

	/* keep cleaning the current state as registers become dead */
	sim_clean_verifier_state(env, cur);

	head = sim_explored_head(env, insn_idx);
	for (sl = *head; sl; sl = next) {
		next = sl->next;
		states_cnt++;
		if (sl->st->insn_idx != (uint32_t)insn_idx)
			continue;
		loop = false;
		if (sl->st->branches) {
			/* open-coded iterators: at an iter_next() call a state
			 * range-within an earlier iteration's, with the iterator
			 * still ACTIVE, means the loop converged; no
			 * infinite-loop check here (see iter.c) */
			if (sim_is_iter_next_insn(env, insn_idx)) {
				if (states_equal(sl->st, cur, RANGE_WITHIN) && sim_iter_r1_active(cur)) {
					loop = true;
					goto hit;
				}
				goto skip_inf_loop_check;
			}
			/* may_goto: an iteration that reached a state within an
			 * earlier one, with a different may_goto depth, converged */
			if (is_may_goto_insn_at(env, insn_idx) &&
			    sl->st->may_goto_depth != cur->may_goto_depth &&
			    states_equal(sl->st, cur, RANGE_WITHIN)) {
				loop = true;
				goto hit;
			}
			/* a callback's return to its call site: an iteration
			 * range-within an earlier one converged */
			if (sim_scc_calls_callback(env, insn_idx)) {
				if (states_equal(sl->st, cur, RANGE_WITHIN)) {
					loop = true;
					goto hit;
				}
				goto skip_inf_loop_check;
			}
			/* the cheap test first: types and ids equal */
			if (states_maybe_looping(sl->st, cur) && states_equal(sl->st, cur, EXACT) &&
			    !sim_iter_active_depths_differ(sl->st, cur) &&
			    sl->st->may_goto_depth == cur->may_goto_depth &&
			    sl->st->callback_unroll_depth == cur->callback_unroll_depth) {
				sim_verbose_linfo(env, insn_idx, "; ");
				sim_reject(env, -EINVAL, "infinite loop detected at insn %d\n", insn_idx);
				/* found before insn_idx is printed: the log's last
				 * instruction, the one the error follows, is the
				 * previous one (as for the complexity limit) */
				if (env->prev_insn_idx >= 0)
					env->err_insn = env->prev_insn_idx;
				if (sim_logging(env)) {
					struct sim_out out = sim_strbuf_out(&env->log);

					sim_verbose(env, "cur state:");
					sim_print_state(&out, cur, cur->curframe, NULL);
					sim_verbose(env, "old state:");
					sim_print_state(&out, sl->st, cur->curframe, NULL);
				}
				return -EINVAL;
			}
skip_inf_loop_check:
			/* inside a loop: checkpoints every 20 jumps / 100 insns */
			if (!force_new_state && env->jmps_processed - env->prev_jmps_processed < 20 &&
			    env->insn_processed - env->prev_insn_processed < 100)
				add_new_state = false;
			goto miss;
		}
		loop = sim_scc_incomplete_read_marks(env, sl->st);
		if (states_equal(sl->st, cur, loop ? RANGE_WITHIN : NOT_EXACT)) {
hit:
			sl->hit_cnt++;
			/* the old state's precise scalars must be precise on this
			 * path too (its parents may still be compared later) */
			err = 0;
			if (env->jmp_point[insn_idx])
				err = sim_push_jmp_history(env, cur, 0, 0, 0, 0);
			if (!err) {
				bool changed = false;

				err = sim_propagate_precision(env, sl->st, cur, &changed);
			}
			if (err)
				return err < 0 ? err : sim_bug(env, "precision propagation failed");
			if (loop) {
				/* add_scc_backedge(): "SCC backedge"; a copy of
				 * the current state remembers what it matched */
				if (sim_scc_add_backedge(env, sl->st, cur))
					return sim_bug(env, "out of memory");
				update_peak_states(env);
			}
			return 1;
		}
miss:
		/* misses only count while a new checkpoint is being added, so
		 * loop iterations do not evict what earlier ones recorded */
		if (add_new_state)
			sl->miss_cnt++;
		/* a checkpoint may miss more often before eviction: evicting
		 * it too early would hinder loop convergence */
		n = force_new_state && sl->st->branches ? 64 : 3;
		if (sl->miss_cnt > sl->hit_cnt * n + n) {
			/* unlikely to help pruning: evict it (kernel: free_list) */
			list_unlink(sl);
			sl->in_free_list = true;
			list_push(&env->free_list, sl);
			env->free_list_size++;
			env->cur_states--;
			maybe_free_explored(env, sl);
		}
	}
	if (env->max_states_per_insn < (uint32_t)states_cnt)
		env->max_states_per_insn = (uint32_t)states_cnt;
	if (!add_new_state)
		return 0;

	sl = calloc(1, sizeof(*sl));
	if (!sl)
		return sim_bug(env, "out of memory");
	env->total_states++;
	env->cur_states++;
	update_peak_states(env);
	env->prev_jmps_processed = env->jmps_processed;
	env->prev_insn_processed = env->insn_processed;
	/* forget precise marks inherited: see backtrack.c */
	mark_all_scalars_imprecise(cur);
	clear_singular_ids(cur);
	cur->branches = 1;
	sl->st = sim_state_dup(cur);
	if (!sl->st) {
		free(sl);
		return sim_bug(env, "out of memory");
	}
	sl->st->insn_idx = (uint32_t)insn_idx;
	sl->st->explored_node = sl;
	/* maybe_enter_scc(): "SCC enter" */
	if (sim_scc_enter(env, sl->st))
		return sim_bug(env, "out of memory");
	cur->parent = sl->st;
	cur->first_insn_idx = (uint32_t)insn_idx;
	cur->dfs_depth = sl->st->dfs_depth + 1;
	cur->jmp_history_top = 0;   /* bpf_clear_jmp_history() */
	cur->jmp_history_cnt = 0;
	list_push(head, sl);
	return 0;
}

static void free_list(struct sim_explored *sl)
{
	for (struct sim_explored *n; sl; sl = n) {
		n = sl->next;
		sim_state_free(sl->st);
		free(sl);
	}
}

/* mirrors free_states() at the end of do_check_common(): the next walk
 * (a global subprogram) starts with empty lists; like the kernel, the
 * state counters (peak_states) are not reset */
void sim_states_reset(struct sim_env *env)
{
	if (env->explored)
		for (int i = 0; i < env->insn_cnt; i++) {
			free_list(env->explored[i]);
			env->explored[i] = NULL;
		}
	free_list(env->free_list);
	env->free_list = NULL;
}

void sim_states_free(struct sim_env *env)
{
	if (env->explored)
		for (int i = 0; i < env->insn_cnt; i++)
			free_list(env->explored[i]);
	free_list(env->free_list);
	env->free_list = NULL;
	free(env->explored);
	env->explored = NULL;
}
