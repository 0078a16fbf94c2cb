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
/* What replaying needs of the walk's analyses to clean states where the
 * walk did (live registers, stack liveness, prune points: verifier.c);
 * the trace keeps it and frees it with itself. */
struct sim_replay_analysis;
void sim_trace_keep_analysis(struct sim_trace *t, struct sim_replay_analysis *a);
void sim_replay_analysis_free(struct sim_replay_analysis *a);
/* Re-run @n steps (instruction indices @insns) over @st (verifier.c), each
 * preceded by the walk's cleaning of dead registers and stack halves where
 * it checked for an equivalent state; then, when @clean_at >= 0, the
 * cleaning the walk did at instruction @clean_at (the next step's, before
 * the log printed this one's state). @a may be NULL: no cleaning. */
int sim_replay(const struct sim_prog_view *view, const struct sim_replay_analysis *a,
	       struct sim_state *st, uint32_t id_gen, int insn_idx, const uint32_t *insns,
	       size_t n, int next_insn, int clean_at);

#endif
