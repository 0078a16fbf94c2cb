/* The trace of one verification: every processed instruction is a step.
 *
 * A step records only which path it belongs to and which instruction it
 * processed (8 bytes); events (branch pushed, path popped, state pruned,
 * error, lab ownership events) sit in a side array indexed by step. Full
 * states are kept as snapshots: "the state before step S" at the start of
 * every path and every K steps along a path. Materialising step N restores
 * the nearest snapshot at or before N on N's path and re-runs the
 * deterministic interpreter over the steps in between (sim_replay), so
 * random access costs at most K instruction checks, and memory stays near
 * 8 bytes per step plus one state per path start and per K steps.
 */
#ifndef VERISTEP_SIM_TRACE_H
#define VERISTEP_SIM_TRACE_H

#include <stddef.h>
#include <stdint.h>

#include "state.h"
#include "verifier.h"

#define SIM_EVENT_KINDS(X)                                          \
	X(SIM_EV_PUSH, "push", "a branch was pushed for later")      \
	X(SIM_EV_POP, "pop", "a pending branch was resumed")          \
	X(SIM_EV_PRUNED, "pruned", "an equivalent state was seen: safe") \
	X(SIM_EV_ERROR, "error", "the program was rejected here")     \
	X(SIM_EV_LAB, "lab", "a reference/ownership event")

enum sim_event_kind {
#define SIM_EV_ENUM(e, name, help) e,
	SIM_EVENT_KINDS(SIM_EV_ENUM)
#undef SIM_EV_ENUM
};

const char *sim_event_kind_name(enum sim_event_kind kind);

struct sim_trace_event {
	enum sim_event_kind kind;
	const char *text;   /* "12" for push/pop/pruned targets, the lab line, the error */
};

/* A materialised step: the state after the step's instruction ran (for a
 * pruned step, the state that was found safe). */
struct sim_state_view {
	size_t step;
	uint32_t path;
	int insn_idx;
	struct sim_state *state;   /* owned: release with sim_state_view_release() */
};

size_t sim_trace_steps(const struct sim_trace *t);
int sim_trace_step_info(const struct sim_trace *t, size_t step, uint32_t *path, int *insn_idx);
size_t sim_trace_event_count(const struct sim_trace *t, size_t step);
int sim_trace_event_at(const struct sim_trace *t, size_t step, size_t i,
		       struct sim_trace_event *ev);
/* 0 on success, -1 if step is out of range or replay failed. */
int sim_trace_state_at(const struct sim_trace *t, size_t step, struct sim_state_view *out);
void sim_state_view_release(struct sim_state_view *v);
/* Bytes the trace holds (steps, events, snapshots): the cost figure. */
size_t sim_trace_bytes(const struct sim_trace *t);
const struct sim_prog_view *sim_trace_prog(const struct sim_trace *t);

#endif
