/* Reference state: who owns an object, and when a pointer stops being usable.
 *
 * Linux 7.3 keeps one table per verifier state (state->refs): acquired
 * pointer references (REF_TYPE_PTR: id, acquiring insn, parent id), held
 * locks and IRQ flags. Unlike older kernels there is no ref_obj_id in the
 * register: a register holds reference N when reg->id == N and N is in the
 * table (reg_is_referenced()). Releasing N scrubs every register and spilled
 * slot with id N or parent_id N (release_reference(), iteratively for
 * children); handing N to a graph (bpf_list_push_*, bpf_rbtree_add) drops
 * it from the table and turns its registers into non-owning references
 * (ref_convert_owning_non_owning()), which live until the lock is released
 * (invalidate_non_owning_refs(), only at unlock in 7.3). Ending the last RCU
 * read section (or preempt-disable / spin-lock region) makes MEM_RCU
 * pointers untrusted (invalidate_rcu_protected_refs()).
 *
 * Every change prints its lab event (events.c) with the registers touched,
 * walked in bpf_for_each_reg_in_vstate order: frame 0 up, R0..R10, then
 * spilled slots from fp-8 down. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "diagnostics.h"
#include "dynptr.h"
#include "kfuncs.h"

struct reg_list {
	char buf[512];
	int len;
};

/* one name in the kernel patch's lab_regs_add() spelling */
static void list_add(struct reg_list *l, const struct sim_state *st, uint32_t frameno, int k)
{
	char frame[16] = "", name[24];
	int left = (int)sizeof(l->buf) - l->len;

	if (frameno != st->curframe)
		snprintf(frame, sizeof(frame), "f%u.", frameno);
	if (k < SIM_MAX_REG)
		snprintf(name, sizeof(name), "R%d", k);
	else
		snprintf(name, sizeof(name), "fp-%d", (k - SIM_MAX_REG + 1) * SIM_REG_SIZE);
	if (left > 1) {
		int n = snprintf(l->buf + l->len, (size_t)left, "%s%s%s", l->len ? "," : "", frame, name);

		l->len += n < left ? n : left - 1;
	}
}

/* mirrors bpf_for_each_reg_in_vstate(): @fn on every register and spilled
 * pointer; @fn returns true to name the register in @l */
typedef bool (*reg_fn)(struct sim_env *env, struct sim_reg *r, void *ctx);

static void for_each_reg_mask(struct sim_env *env, reg_fn fn, void *ctx, struct reg_list *l,
			      bool iter_slots)
{
	struct sim_state *st = env->cur;

	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			struct sim_reg *r = sim_func_walk_reg(f, k);

			/* mask 1 << STACK_ITER: iterator slots too (iter.c) */
			if (!r && iter_slots &&
			    f->stack[k - SIM_MAX_REG].type[SIM_REG_SIZE - 1] == STACK_ITER)
				r = &f->stack[k - SIM_MAX_REG].spilled;
			if (!r)
				continue;
			if (fn(env, r, ctx) && l)
				list_add(l, st, fi, k);
		}
	}
}

static void for_each_reg(struct sim_env *env, reg_fn fn, void *ctx, struct reg_list *l)
{
	for_each_reg_mask(env, fn, ctx, l, false);
}

/* mirrors acquire_reference() */
int sim_acquire_reference(struct sim_env *env, int insn_idx, int parent_id)
{
	struct sim_ref *r = sim_state_add_ref(env->cur);

	if (!r)
		return sim_bug(env, "out of memory");
	r->type = SIM_REF_TYPE_PTR;
	r->id = (int)++env->id_gen;
	r->insn = insn_idx;
	r->parent_id = parent_id;
	sim_event_acquire(env, r->id, insn_idx);
	return r->id;
}

/* mirrors release_reference_nomark() */
int sim_release_reference_nomark(struct sim_env *env, int id)
{
	int idx = sim_state_find_ref(env->cur, id, SIM_REF_TYPE_PTR);

	if (idx < 0)
		return -EINVAL;
	sim_state_remove_ref(env->cur, idx);
	sim_event_release(env, id, env->insn_idx);
	return 0;
}

struct release_ctx {
	uint32_t id;
	uint32_t children[64];
	int nchildren;
};

static bool scrub_released(struct sim_env *env, struct sim_reg *r, void *ctx)
{
	struct release_ctx *c = ctx;

	(void)env;
	if (r->type == NOT_INIT)
		return false;
	if (r->id != c->id && r->parent_id != c->id)
		return false;
	if (r->parent_id == c->id && r->id && c->nchildren < 64)
		c->children[c->nchildren++] = r->id;
	/* mark_reg_invalid() for a privileged loader: unknown scalar */
	sim_reg_mark_unknown(r);
	return true;
}

/* mirrors release_reference(): drop @id, scrub its registers and those
 * derived from it */
int sim_release_reference(struct sim_env *env, int id)
{
	struct sim_state *st = env->cur;
	uint32_t stack[64];
	int n = 0;

	if (sim_state_find_ref(st, id, SIM_REF_TYPE_PTR) >= 0)
		sim_release_reference_nomark(env, id);
	stack[n++] = (uint32_t)id;
	while (n) {
		struct release_ctx c = { .id = stack[--n] };

		for (uint32_t i = 0; i < st->acquired_refs; i++)
			if (st->refs[i].type == SIM_REF_TYPE_PTR &&
			    st->refs[i].parent_id == (int)c.id)
				return sim_reject(env, -EINVAL,
						  "Leaking reference id=%d alloc_insn=%d. Release it first.\n",
						  st->refs[i].id, st->refs[i].insn);
		for_each_reg(env, scrub_released, &c, NULL);
		/* mask 1 << STACK_DYNPTR: dynptr slots too (dynptr.c) */
		sim_dynptr_release_slots(env, c.id, c.children, &c.nchildren, 64);
		for (int i = 0; i < c.nchildren && n < 64; i++)
			stack[n++] = c.children[i];
	}
	return 0;
}

/* mirrors reg_is_referenced() */
bool sim_reg_is_referenced(const struct sim_env *env, const struct sim_reg *reg)
{
	return reg->id && sim_state_find_ref(env->cur, (int)reg->id, SIM_REF_TYPE_PTR) >= 0;
}

/* mirrors release_reg() (dynptr release arguments: sim_unmark_stack_slots_dynptr()) */
int sim_release_reg(struct sim_env *env, struct sim_reg *reg)
{
	if (sim_reg_is_null(reg))
		return 0;
	if (sim_reg_is_referenced(env, reg))
		return sim_release_reference(env, (int)reg->id);
	return -EINVAL;
}

/* mirrors in_rcu_cs(): RCU read section, preemption disabled, a spin lock
 * held, or a program that is never sleepable */
bool sim_in_rcu_cs(const struct sim_env *env)
{
	const struct sim_state *st = env->cur;

	return st->active_rcu_locks || st->active_locks || st->active_preempt_locks ||
	       st->active_irq_id || !st->in_sleepable; /* in_sleepable(): async callbacks differ */
}

/* mirrors ref_set_non_owning() */
int sim_ref_set_non_owning(struct sim_env *env, struct sim_reg *reg)
{
	struct sim_record rec;

	if (!env->cur->active_locks)
		return sim_bug(env, "ref_set_non_owning w/o active lock");
	if (reg->type & NON_OWN_REF)
		return sim_bug(env, "NON_OWN_REF already set");
	reg->type |= NON_OWN_REF;
	if (sim_reg_btf_record(env, reg, &rec) && rec.refcount_off >= 0)
		reg->type |= MEM_RCU;
	return 0;
}

struct convert_ctx {
	uint32_t id;
};

static bool make_non_owning(struct sim_env *env, struct sim_reg *r, void *ctx)
{
	struct convert_ctx *c = ctx;

	if (r->type == SCALAR_VALUE || r->type == NOT_INIT || r->id != c->id)
		return false;
	r->id = 0;
	sim_ref_set_non_owning(env, r);
	return true;
}

/* mirrors ref_convert_owning_non_owning() */
void sim_ref_convert_owning_non_owning(struct sim_env *env, uint32_t id, const char *by)
{
	struct convert_ctx c = { .id = id };
	struct reg_list l = { .len = 0 };

	sim_release_reference_nomark(env, (int)id);
	for_each_reg(env, make_non_owning, &c, &l);
	sim_event_non_owning(env, (int)id, l.buf, env->insn_idx, by);
}

static bool drop_non_owning(struct sim_env *env, struct sim_reg *r, void *ctx)
{
	(void)env;
	(void)ctx;
	/* type_is_non_owning_ref(): MEM_ALLOC | NON_OWN_REF, not untrusted */
	if (sim_base_type(r->type) != PTR_TO_BTF_ID ||
	    (r->type & (MEM_ALLOC | NON_OWN_REF | PTR_UNTRUSTED)) != (MEM_ALLOC | NON_OWN_REF))
		return false;
	sim_reg_mark_unknown(r);
	return true;
}

/* mirrors invalidate_non_owning_refs() */
void sim_invalidate_non_owning_refs(struct sim_env *env, const char *cause)
{
	struct reg_list l = { .len = 0 };

	for_each_reg(env, drop_non_owning, NULL, &l);
	sim_event_invalidate(env, l.buf, env->insn_idx, cause);
}

static bool demote_rcu(struct sim_env *env, struct sim_reg *r, void *ctx)
{
	(void)env;
	(void)ctx;
	if (r->type == SCALAR_VALUE || !(r->type & MEM_RCU))
		return false;
	sim_diag_mod_begin(env, r);   /* bpf_diag_mod_begin(BPF_DIAG_MOD_WRITE) */
	r->type &= ~(MEM_RCU | PTR_MAYBE_NULL | NON_OWN_REF);
	r->type |= PTR_UNTRUSTED;
	sim_diag_mod_end(env);
	return true;
}

/* mirrors invalidate_rcu_protected_refs() */
void sim_invalidate_rcu_protected_refs(struct sim_env *env, const char *cause)
{
	struct reg_list l = { .len = 0 };

	/* clear_mask: spilled registers and iterators */
	for_each_reg_mask(env, demote_rcu, NULL, &l, true);
	sim_event_rcu_untrusted(env, l.buf, env->insn_idx, cause);
}
