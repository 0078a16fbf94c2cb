/* Pruning: the explored-state lists and state equivalence, mirroring
 * kernel/bpf/states.c of Linux 7.3.
 *
 * How it works
 * ------------
 * At every prune point do_check() asks is_state_visited() whether the
 * current state is covered by one explored earlier at the same instruction.
 * Each instruction has a list of explored states (checkpoints). A
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
 * Simplification: no precision or liveness marks yet, so every scalar is
 * compared as if precise and no dead register is cleaned: this can only
 * cost pruning (more processed instructions than the kernel), never accept
 * a program the kernel rejects.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
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

/* mirrors check_scalar_ids(): a 0 id is a fresh unique id */
static bool check_scalar_ids(uint32_t old_id, uint32_t cur_id, struct idmap *m, uint32_t *tmp)
{
	if (!old_id)
		old_id = ++*tmp | 0x20000000u;
	if (!cur_id)
		cur_id = ++*tmp | 0x20000000u;
	return check_ids(old_id, cur_id, m);
}

/* mirrors range_within() */
static bool range_within(const struct sim_scalar *o, const struct sim_scalar *c)
{
	return sim_scalar_smin(o) <= sim_scalar_smin(c) && sim_scalar_smax(o) >= sim_scalar_smax(c) &&
	       sim_scalar_umin(o) <= sim_scalar_umin(c) && sim_scalar_umax(o) >= sim_scalar_umax(c) &&
	       sim_scalar_s32_min(o) <= sim_scalar_s32_min(c) &&
	       sim_scalar_s32_max(o) >= sim_scalar_s32_max(c) &&
	       sim_scalar_u32_min(o) <= sim_scalar_u32_min(c) &&
	       sim_scalar_u32_max(o) >= sim_scalar_u32_max(c);
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
		/* no precision tracking yet: every scalar compares as precise,
		 * which can only cost pruning */
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
		if (rcur->range < rold->range)
			return false;
		if (!check_ids(rold->id, rcur->id, m))
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

static bool is_spilled_scalar_const_zero(const struct sim_stack_slot *s)
{
	return sim_slot_is_spilled_scalar(s) && sim_reg_is_const(&s->spilled) &&
	       s->spilled.s.var_off.value == 0;
}

/* mirrors stacksafe() */
static bool stacksafe(const struct sim_func *old, const struct sim_func *cur, struct idmap *m,
		      uint32_t *tmp, enum exact_level exact)
{
	for (int i = 0; i < old->allocated_stack; i++) {
		int spi = i / SIM_REG_SIZE, b = i % SIM_REG_SIZE;
		const struct sim_stack_slot *os = &old->stack[spi];
		const struct sim_stack_slot *cs = i < cur->allocated_stack ? &cur->stack[spi] : NULL;
		uint8_t ot = os->type[b];
		uint8_t ct = cs ? cs->type[b] : STACK_INVALID;

		if (exact == EXACT) {
			if (ot != ct)
				return false;
			if (b == SIM_REG_SIZE - 1 && sim_slot_is_spill(os) &&
			    !sim_reg_equal(&os->spilled, &cs->spilled))
				return false;
			continue;
		}
		if (ot == STACK_INVALID)
			continue;
		if (ot == STACK_MISC && ct != STACK_INVALID && ct != STACK_POISON &&
		    !(ct == STACK_SPILL && cs->spilled.type != SCALAR_VALUE))
			continue;
		if (ot == STACK_ZERO && cs && (ct == STACK_ZERO || is_spilled_scalar_const_zero(cs)))
			continue;
		if (ot != ct)
			return false;
		if (b != SIM_REG_SIZE - 1)
			continue;
		if (ot == STACK_SPILL && !regsafe(&os->spilled, &cs->spilled, m, tmp, exact))
			return false;
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
	m.cnt = 0;
	for (uint32_t i = 0; i <= old->curframe; i++)
		if (old->frame[i]->callsite != cur->frame[i]->callsite)
			return false;
	for (uint32_t i = 0; i <= old->curframe; i++) {
		const struct sim_func *of = old->frame[i], *cf = cur->frame[i];

		if (of->in_callback_fn != cf->in_callback_fn)
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
			int nslots = f->allocated_stack / SIM_REG_SIZE;

			for (int k = 0; k < SIM_MAX_REG + nslots; k++) {
				struct sim_reg *r;
				uint32_t id;
				int j;

				if (k < SIM_MAX_REG) {
					r = &f->regs[k];
				} else {
					if (!sim_slot_is_spill(&f->stack[k - SIM_MAX_REG]))
						continue;
					r = &f->stack[k - SIM_MAX_REG].spilled;
				}
				if (r->type != SCALAR_VALUE || !r->id)
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
	if (!sl->in_free_list || sl->st->branches)
		return;
	*sl->pprev = sl->next;
	if (sl->next)
		sl->next->pprev = sl->pprev;
	sim_state_free(sl->st);
	free(sl);
	env->free_list_size--;
}

/* mirrors bpf_update_branch_counts() */
void sim_update_branch_counts(struct sim_env *env, struct sim_state *st)
{
	struct sim_explored *sl = NULL;

	while (st) {
		struct sim_state *parent;
		struct sim_explored *parent_sl;

		if (!st->branches || --st->branches)
			break;
		parent = st->parent;
		parent_sl = parent ? parent->explored_node : NULL;
		if (sl)
			maybe_free_explored(env, sl);
		st = parent;
		sl = parent_sl;
	}
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
	uint32_t cur = env->cur_states + env->free_list_size;

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
	return is_may_goto_insn_at(env, insn_idx);
}

/* mirrors bpf_is_state_visited(): 1 prune, 0 continue, <0 error */
int sim_is_state_visited(struct sim_env *env, int insn_idx)
{
	struct sim_state *cur = env->cur;
	struct sim_explored *sl, *next;
	uint32_t n;
	bool force_new_state = is_force_checkpoint(env, insn_idx);
	bool add_new_state = force_new_state;
	int states_cnt = 0;

	if (env->jmps_processed - env->prev_jmps_processed >= 2 &&
	    env->insn_processed - env->prev_insn_processed >= 8)
		add_new_state = true;

	for (sl = env->explored[insn_idx]; sl; sl = next) {
		next = sl->next;
		states_cnt++;
		if (sl->st->branches) {
			/* may_goto: an iteration that reached a state within an
			 * earlier one, with a different may_goto depth, converged */
			if (is_may_goto_insn_at(env, insn_idx) &&
			    sl->st->may_goto_depth != cur->may_goto_depth &&
			    states_equal(sl->st, cur, RANGE_WITHIN)) {
				sl->hit_cnt++;
				return 1;
			}
			/* the cheap test first: types and ids equal */
			if (states_maybe_looping(sl->st, cur) && states_equal(sl->st, cur, EXACT) &&
			    sl->st->may_goto_depth == cur->may_goto_depth &&
			    sl->st->callback_unroll_depth == cur->callback_unroll_depth) {
				sim_verbose_linfo(env, insn_idx, "; ");
				sim_reject(env, -EINVAL, "infinite loop detected at insn %d\n", insn_idx);
				if (sim_logging(env)) {
					struct sim_out out = sim_strbuf_out(&env->log);

					sim_verbose(env, "cur state:");
					sim_print_state(&out, cur, cur->curframe, NULL);
					sim_verbose(env, "old state:");
					sim_print_state(&out, sl->st, cur->curframe, NULL);
				}
				return -EINVAL;
			}
			/* inside a loop: checkpoints every 20 jumps / 100 insns */
			if (!force_new_state && env->jmps_processed - env->prev_jmps_processed < 20 &&
			    env->insn_processed - env->prev_insn_processed < 100)
				add_new_state = false;
			goto miss;
		}
		if (states_equal(sl->st, cur, NOT_EXACT)) {
			sl->hit_cnt++;
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
	clear_singular_ids(cur);
	cur->branches = 1;
	sl->st = sim_state_dup(cur);
	if (!sl->st) {
		free(sl);
		return sim_bug(env, "out of memory");
	}
	sl->st->insn_idx = (uint32_t)insn_idx;
	sl->st->explored_node = sl;
	cur->parent = sl->st;
	cur->first_insn_idx = (uint32_t)insn_idx;
	cur->dfs_depth = sl->st->dfs_depth + 1;
	list_push(&env->explored[insn_idx], sl);
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
