/* SCCs of the instruction graph and the SCC visits of the walk: see scc.h.
 *
 * How it works
 * ------------
 * bpf_compute_scc() numbers the strongly connected components of the
 * intraprocedural instruction graph (a call's only successor is the next
 * instruction) with an iterative Tarjan/Pearce walk; only loops get a
 * number: components of two or more instructions, a self-jump, or a call
 * of a synchronous callback (the callback may run again: an implicit
 * loop). The numbers are the order in which components complete, so the
 * walk below follows the kernel's exactly: roots in instruction order,
 * successors fall-through first, then the jump target.
 *
 * During the walk, a state's "callchain" is the call sites of its frames
 * down to the first frame whose instruction is in a loop, plus that loop's
 * number. Each callchain has one visit. A new checkpoint inside a loop
 * whose visit has no entry state becomes the entry ("SCC enter"); when the
 * entry's last branch ends the visit is left ("SCC exit"); a loop hit in
 * is_state_visited() adds a backedge ("SCC backedge"): a copy of the state
 * that matched, kept with the checkpoint it matched. That checkpoint may
 * gain precision marks later, from paths explored after the match; on
 * leaving the visit those marks are carried into each backedge's parents
 * (propagate_precision()) until nothing changes, then the backedges go. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scc.h"
#include "stack_liveness.h"
#include "states.h"

#define SCC_CALLSITES (SIM_MAX_FRAMES - 1)

/* mirrors struct bpf_scc_callchain */
struct callchain {
	uint32_t callsites[SCC_CALLSITES];
	uint32_t scc;
};

/* mirrors struct bpf_scc_backedge: a copy of the state that matched an
 * earlier checkpoint of the loop, and that checkpoint */
struct backedge {
	struct backedge *next;
	struct sim_state *st;
	const struct sim_state *equal_state;
};

/* mirrors struct bpf_scc_visit */
struct visit {
	struct callchain cc;
	const struct sim_state *entry;   /* compared, never dereferenced */
	struct backedge *backedges;
	unsigned num_backedges;
};

struct sim_scc {
	uint32_t *scc;          /* per insn, 0: in no loop */
	uint8_t *calls_cb;      /* per insn: bpf_calls_callback() */
	struct visit *visits;
	int nvisits, cap;
	unsigned num_backedges; /* env->num_backedges */
};

unsigned sim_scc_of(const struct sim_env *env, int t)
{
	return env->scc && env->scc->scc && t >= 0 && t < env->insn_cnt ? env->scc->scc[t] : 0;
}

int sim_scc_init(struct sim_env *env)
{
	struct sim_scc *s = calloc(1, sizeof(*s));

	if (!s)
		return -ENOMEM;
	env->scc = s;
	s->scc = calloc((size_t)env->insn_cnt, sizeof(*s->scc));
	s->calls_cb = calloc((size_t)env->insn_cnt, 1);
	return s->scc && s->calls_cb ? 0 : -ENOMEM;
}

void sim_scc_mark_calls_callback(struct sim_env *env, int t)
{
	if (env->scc && env->scc->calls_cb && t >= 0 && t < env->insn_cnt)
		env->scc->calls_cb[t] = 1;
}

bool sim_scc_calls_callback(const struct sim_env *env, int t)
{
	return env->scc && env->scc->calls_cb && t >= 0 && t < env->insn_cnt && env->scc->calls_cb[t];
}

/* mirrors bpf_insn_successors(): fall-through first, then the jump */
static int successors(const struct sim_env *env, int t, int succ[SIM_MAX_SUCC])
{
	const struct bpf_insn *insn = &env->insns[t];
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	bool jmp = class == BPF_JMP || class == BPF_JMP32;
	bool can_jump = jmp && op != BPF_EXIT && op != BPF_CALL;
	bool can_fall = !jmp || (op != BPF_EXIT && op != BPF_JA);
	int n = 0;

	if (jmp && op == BPF_JA && BPF_SRC(insn->code) == BPF_X) {
		/* gotox: its jump table (check_gotox.c) */
		const struct sim_gotox_jt *jt = sim_gotox_jt(env->gotox, t);

		for (int i = 0; jt && i < jt->cnt; i++)
			succ[n++] = (int)jt->items[i];
		return n;
	}
	if (can_fall)
		succ[n++] = t + (insn->code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1);
	if (can_jump)
		succ[n++] = t + (class == BPF_JMP32 && op == BPF_JA ? insn->imm : insn->off) + 1;
	/* the kernel checked the targets in check_cfg(); stay in bounds */
	for (int i = 0; i < n; i++)
		if (succ[i] < 0 || succ[i] >= env->insn_cnt)
			succ[i--] = succ[--n];
	return n;
}

int sim_scc_compute(struct sim_env *env)
{
	const uint32_t not_on_stack = UINT32_MAX;
	struct sim_scc *s = env->scc;
	int cnt = env->insn_cnt;
	uint32_t *stack = calloc((size_t)cnt, sizeof(*stack));
	uint32_t *pre = calloc((size_t)cnt, sizeof(*pre));
	uint32_t *low = calloc((size_t)cnt, sizeof(*low));
	uint32_t *dfs = calloc((size_t)cnt, sizeof(*dfs));
	uint32_t next_pre = 1, next_scc = 1;
	int err = 0;

	if (!s || !stack || !pre || !low || !dfs) {
		err = -ENOMEM;
		goto out;
	}
	for (int i = 0; i < cnt; i++) {
		int stack_sz = 0, dfs_sz = 1;

		if (pre[i])
			continue;
		dfs[0] = (uint32_t)i;
		while (dfs_sz) {
			uint32_t w = dfs[dfs_sz - 1], t;
			int succ[SIM_MAX_SUCC], n, j;
			bool assign, descended = false;

			if (!pre[w]) {
				low[w] = pre[w] = next_pre++;
				stack[stack_sz++] = w;
			}
			n = successors(env, (int)w, succ);
			for (j = 0; j < n; j++) {
				if (pre[succ[j]]) {
					if (low[succ[j]] < low[w])
						low[w] = low[succ[j]];
				} else {
					dfs[dfs_sz++] = (uint32_t)succ[j];
					descended = true;
					break;
				}
			}
			if (descended)
				continue;
			/* something above w on the stack is reachable from it:
			 * w stays on the stack */
			if (low[w] < pre[w]) {
				dfs_sz--;
				continue;
			}
			/* a loop: two or more insns, a self-jump, or an implicit
			 * loop through a callback */
			assign = stack[stack_sz - 1] != w;
			for (j = 0; j < n; j++)
				if (succ[j] == (int)w)
					assign = true;
			if (s->calls_cb[w])
				assign = true;
			do {
				t = stack[--stack_sz];
				low[t] = not_on_stack;
				if (assign)
					s->scc[t] = next_scc;
			} while (t != w);
			if (assign)
				next_scc++;
			dfs_sz--;
		}
	}
out:
	free(stack);
	free(pre);
	free(low);
	free(dfs);
	return err;
}

/* mirrors bpf_frame_insn_idx() */
static uint32_t frame_insn_idx(const struct sim_state *st, uint32_t frame)
{
	return frame == st->curframe ? st->insn_idx : (uint32_t)st->frame[frame + 1]->callsite;
}

/* mirrors compute_scc_callchain(): false when no frame is in a loop */
static bool compute_callchain(const struct sim_env *env, const struct sim_state *st,
			      struct callchain *cc)
{
	memset(cc, 0, sizeof(*cc));
	for (uint32_t i = 0; i <= st->curframe; i++) {
		uint32_t idx = frame_insn_idx(st, i);
		uint32_t scc = idx < (uint32_t)env->insn_cnt ? env->scc->scc[idx] : 0;

		if (scc) {
			cc->scc = scc;
			return true;
		}
		if (i == st->curframe || i >= SCC_CALLSITES)
			return false;
		cc->callsites[i] = idx;
	}
	return false;
}

static struct visit *lookup(struct sim_scc *s, const struct callchain *cc)
{
	for (int i = 0; i < s->nvisits; i++)
		if (!memcmp(&s->visits[i].cc, cc, sizeof(*cc)))
			return &s->visits[i];
	return NULL;
}

/* mirrors format_callchain(): "(callsite,...,scc)" */
static void print_callchain(struct sim_env *env, const char *what, const struct callchain *cc)
{
	char buf[128];
	int n = 0;

	if (env->log_level < 2 || !sim_logging(env))
		return;
	n += snprintf(buf + n, sizeof(buf) - (size_t)n, "(");
	for (int i = 0; i < SCC_CALLSITES && cc->callsites[i]; i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%u,", cc->callsites[i]);
	snprintf(buf + n, sizeof(buf) - (size_t)n, "%u)", cc->scc);
	sim_verbose(env, "SCC %s %s\n", what, buf);
}

int sim_scc_enter(struct sim_env *env, const struct sim_state *st)
{
	struct sim_scc *s = env->scc;
	struct callchain cc;
	struct visit *v;

	if (!s || env->replay || !compute_callchain(env, st, &cc))
		return 0;
	v = lookup(s, &cc);
	if (!v) {
		if (s->nvisits == s->cap) {
			int cap = s->cap ? s->cap * 2 : 8;
			struct visit *nv = realloc(s->visits, (size_t)cap * sizeof(*nv));

			if (!nv)
				return -ENOMEM;
			s->visits = nv;
			s->cap = cap;
		}
		v = &s->visits[s->nvisits++];
		memset(v, 0, sizeof(*v));
		v->cc = cc;
	}
	if (!v->entry) {
		v->entry = st;
		print_callchain(env, "enter", &cc);
	}
	return 0;
}

/* mirrors bpf_free_backedges() */
static void free_backedges(struct visit *v)
{
	for (struct backedge *b = v->backedges, *n; b; b = n) {
		n = b->next;
		sim_state_free(b->st);
		free(b);
	}
	v->backedges = NULL;
}

#define MAX_BACKEDGE_ITERS 64

/* mirrors propagate_backedges(): the marks each backedge's matched
 * checkpoint gathered since the match (from paths explored later) are
 * carried into the backedge's parents, until nothing changes; then the
 * backedges go and the visit's read marks are complete */
static int propagate_backedges(struct sim_env *env, struct visit *v)
{
	bool changed;
	int i = 0, err;

	do {
		if (i++ > MAX_BACKEDGE_ITERS) {
			if (env->log_level >= 2 && sim_logging(env))
				sim_verbose(env, "propagate_backedges: too many iterations\n");
			for (struct backedge *b = v->backedges; b; b = b->next)
				sim_mark_all_scalars_precise(env, b->st);
			break;
		}
		changed = false;
		for (struct backedge *b = v->backedges; b; b = b->next) {
			err = sim_propagate_precision(env, b->equal_state, b->st, &changed);
			if (err < 0)
				return err;
		}
	} while (changed);
	free_backedges(v);
	return 0;
}

int sim_scc_exit(struct sim_env *env, const struct sim_state *st)
{
	struct sim_scc *s = env->scc;
	struct callchain cc;
	struct visit *v;

	if (!s || env->replay || !compute_callchain(env, st, &cc))
		return 0;
	v = lookup(s, &cc);
	if (!v || v->entry != st)
		return 0;
	print_callchain(env, "exit", &cc);
	v->entry = NULL;
	s->num_backedges -= v->num_backedges;
	v->num_backedges = 0;
	return propagate_backedges(env, v);
}

int sim_scc_add_backedge(struct sim_env *env, const struct sim_state *old,
			 const struct sim_state *cur)
{
	struct sim_scc *s = env->scc;
	struct callchain cc;
	struct backedge *b;
	struct visit *v;

	if (!s || env->replay || !compute_callchain(env, old, &cc))
		return 0;
	v = lookup(s, &cc);
	if (!v)
		return 0;
	b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->st = sim_state_dup(cur);
	if (!b->st) {
		free(b);
		return -ENOMEM;
	}
	b->st->insn_idx = old->insn_idx;
	b->equal_state = old;
	print_callchain(env, "backedge", &cc);
	b->next = v->backedges;
	v->backedges = b;
	v->num_backedges++;
	s->num_backedges++;
	return 0;
}

bool sim_scc_incomplete_read_marks(struct sim_env *env, const struct sim_state *st)
{
	struct callchain cc;
	struct visit *v;

	if (!env->scc || !compute_callchain(env, st, &cc))
		return false;
	v = lookup(env->scc, &cc);
	return v && v->num_backedges;
}

unsigned sim_scc_num_backedges(const struct sim_env *env)
{
	return env->scc ? env->scc->num_backedges : 0;
}

void sim_scc_reset(struct sim_env *env)
{
	if (!env->scc)
		return;
	for (int i = 0; i < env->scc->nvisits; i++)
		free_backedges(&env->scc->visits[i]);
	env->scc->nvisits = 0;
	env->scc->num_backedges = 0;
}

void sim_scc_free(struct sim_env *env)
{
	if (!env->scc)
		return;
	for (int i = 0; i < env->scc->nvisits; i++)
		free_backedges(&env->scc->visits[i]);
	free(env->scc->scc);
	free(env->scc->calls_cb);
	free(env->scc->visits);
	free(env->scc);
	env->scc = NULL;
}
