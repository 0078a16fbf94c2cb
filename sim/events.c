/* Lab events: the ownership/reference lines of kernel/README.md, printed
 * into the level-2 log at the moment the verifier performs them (between the
 * instruction and its state line) and recorded in the trace. Reference
 * acquire/release live here too, since every such change is an event. */
#include <stdio.h>

#include "check.h"
#include "trace_internal.h"

static void emit(struct sim_env *env, const char *line)
{
	if (env->replay)
		return;
	if (env->log_level >= 2)
		sim_verbose(env, "%s\n", line);
	sim_trace_event(env->trace, SIM_EV_LAB, "%s", line);
}

void sim_event_acquire(struct sim_env *env, int ref_id, int insn)
{
	char b[96];

	snprintf(b, sizeof(b), "lab: acquire ref=%d insn=%d", ref_id, insn);
	emit(env, b);
}

void sim_event_release(struct sim_env *env, int ref_id, int insn)
{
	char b[96];

	snprintf(b, sizeof(b), "lab: release ref=%d insn=%d", ref_id, insn);
	emit(env, b);
}

void sim_event_non_owning(struct sim_env *env, int ref_id, const char *regs, int insn,
			  const char *kfunc)
{
	char b[512];

	snprintf(b, sizeof(b), "lab: non-owning ref=%d regs=%s insn=%d by=%s", ref_id,
		 regs && *regs ? regs : "-", insn, kfunc);
	emit(env, b);
}

void sim_event_invalidate(struct sim_env *env, const char *regs, int insn, const char *cause)
{
	char b[512];

	if (!regs || !*regs)
		return;
	snprintf(b, sizeof(b), "lab: invalidate regs=%s insn=%d cause=%s", regs, insn, cause);
	emit(env, b);
}

void sim_event_rcu_untrusted(struct sim_env *env, const char *regs, int insn, const char *cause)
{
	char b[512];

	if (!regs || !*regs)
		return;
	snprintf(b, sizeof(b), "lab: rcu-untrusted regs=%s insn=%d cause=%s", regs, insn, cause);
	emit(env, b);
}

void sim_event_lock_acquire(struct sim_env *env, int id, int insn)
{
	char b[96];

	snprintf(b, sizeof(b), "lab: lock-acquire id=%d insn=%d", id, insn);
	emit(env, b);
}

void sim_event_lock_release(struct sim_env *env, int id, int insn)
{
	char b[96];

	snprintf(b, sizeof(b), "lab: lock-release id=%d insn=%d", id, insn);
	emit(env, b);
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

/* mirrors release_reference(): drop the ref, scrub registers holding it */
int sim_release_reference(struct sim_env *env, int id)
{
	struct sim_state *st = env->cur;
	int idx = sim_state_find_ref(st, id, SIM_REF_TYPE_PTR);

	if (idx < 0)
		return sim_reject(env, -EINVAL, "release reference id=%d not found\n", id);
	sim_state_remove_ref(st, idx);
	sim_event_release(env, id, env->insn_idx);
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < SIM_MAX_REG + f->allocated_stack / SIM_REG_SIZE; k++) {
			struct sim_reg *r;

			if (k < SIM_MAX_REG) {
				r = &f->regs[k];
			} else {
				if (!sim_slot_is_spill(&f->stack[k - SIM_MAX_REG]))
					continue;
				r = &f->stack[k - SIM_MAX_REG].spilled;
			}
			if (r->type != SCALAR_VALUE && r->id == (uint32_t)id)
				sim_reg_mark_unknown(r);
		}
	}
	return 0;
}
