/* Lab events: the ownership/reference lines of kernel/README.md, printed
 * into the level-2 log at the moment the verifier performs them (between the
 * instruction and its state line) and recorded in the trace. Reference
 * acquire/release and the other ownership changes live in refs.c. */
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
