/* Strongly connected components of the instruction graph and the SCC
 * visits of the verification walk, as Linux 7.3 keeps them
 * (bpf_compute_scc() in kernel/bpf/cfg.c, maybe_enter_scc(),
 * maybe_exit_scc() and add_scc_backedge() in kernel/bpf/states.c).
 *
 * The level-2 lines "SCC enter (...)", "SCC exit (...)" and
 * "SCC backedge (...)" are printed where the kernel prints them (they also
 * decide whether the state after an instruction shares its line,
 * print_insn_state()), and the backedges count towards peak_states. A
 * visit with pending backedges makes states.c compare its finished
 * checkpoints range-within (incomplete_read_marks()); when the visit is
 * left, the backedges' precision is propagated to a fixed point
 * (propagate_backedges()). Pruning decisions stay in states.c. */
#ifndef VERISTEP_SIM_SCC_H
#define VERISTEP_SIM_SCC_H

#include <stdbool.h>

struct sim_env;
struct sim_state;

/* Allocate the per-instruction tables (before the cfg marks). */
int sim_scc_init(struct sim_env *env);
/* mark_calls_callback(): @t calls a callback synchronously (an implicit
 * loop: its own SCC even alone). */
void sim_scc_mark_calls_callback(struct sim_env *env, int t);
/* mirrors bpf_calls_callback() */
bool sim_scc_calls_callback(const struct sim_env *env, int t);
/* insn_aux_data[t].scc: the SCC @t belongs to, 0 in no loop (the
 * level-2 "Live regs before insn" table prints it) */
unsigned sim_scc_of(const struct sim_env *env, int t);
/* mirrors bpf_compute_scc(); after the marks. */
int sim_scc_compute(struct sim_env *env);
/* Forget the visits (free_states() after each do_check_common()). */
void sim_scc_reset(struct sim_env *env);
void sim_scc_free(struct sim_env *env);

/* mirrors maybe_enter_scc() for a new checkpoint @st */
int sim_scc_enter(struct sim_env *env, const struct sim_state *st);
/* mirrors maybe_exit_scc() for @st whose last branch ended, with
 * propagate_backedges(); < 0 on error */
int sim_scc_exit(struct sim_env *env, const struct sim_state *st);
/* mirrors add_scc_backedge(): @old, the checkpoint a loop hit matched;
 * @cur (copied) the state that matched it */
int sim_scc_add_backedge(struct sim_env *env, const struct sim_state *old,
			 const struct sim_state *cur);
/* mirrors incomplete_read_marks(): @st's SCC visit has pending backedges */
bool sim_scc_incomplete_read_marks(struct sim_env *env, const struct sim_state *st);
/* the backedges currently held (update_peak_states()) */
unsigned sim_scc_num_backedges(const struct sim_env *env);

#endif
