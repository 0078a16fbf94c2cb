/* The recording side of the trace, used by the interpreter only. */
#ifndef VERISTEP_SIM_TRACE_INTERNAL_H
#define VERISTEP_SIM_TRACE_INTERNAL_H

#include "trace.h"

struct sim_trace *sim_trace_new(const struct sim_prog_view *view,
				const struct sim_verify_opts *opts);
/* Record a step; returns its index. NULL trace: no-op returning 0. */
uint32_t sim_trace_step(struct sim_trace *t, uint32_t path, uint32_t insn);
/* Attach an event to the last step. */
void sim_trace_event(struct sim_trace *t, enum sim_event_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
uint32_t sim_trace_snapshot_every(const struct sim_trace *t);
/* Remember the state before step @step. */
void sim_trace_snapshot(struct sim_trace *t, uint32_t step, const struct sim_state *st,
			uint32_t id_gen, int insn_idx, int prev_insn_idx);
void sim_trace_finish(struct sim_trace *t, enum sim_verdict verdict, const char *error,
		      int error_insn, uint32_t processed, int log_level, char *log, size_t log_len);
void sim_trace_own_view(struct sim_trace *t, struct sim_prog_view *v,
			void (*free_view)(struct sim_prog_view *));
/* Re-run @n steps (instruction indices @insns) over @st (verifier.c). */
int sim_replay(const struct sim_prog_view *view, struct sim_state *st, uint32_t id_gen,
	       int insn_idx, const uint32_t *insns, size_t n, int next_insn);

#endif
