/* Pruning (states.c): the explored-state lists of one verification. */
#ifndef VERISTEP_SIM_STATES_H
#define VERISTEP_SIM_STATES_H

#include <stdbool.h>

struct sim_env;
struct sim_state;

/* mirrors bpf_is_state_visited(): 1 the current path is safe (pruned),
 * 0 continue, < 0 error (infinite loop, out of memory) */
int sim_is_state_visited(struct sim_env *env, int insn_idx);
/* mirrors clean_verifier_state(): dead registers and stack halves of @st
 * (at st->insn_idx) cleared, as each equivalence check starts with */
void sim_clean_verifier_state(struct sim_env *env, struct sim_state *st);
/* mirrors bpf_update_branch_counts(): a path below @st ended */
int sim_update_branch_counts(struct sim_env *env, struct sim_state *st);
/* mirrors propagate_precision(): mark in @cur's parents what @old has
 * precise; *changed tells whether a mark was added */
int sim_propagate_precision(struct sim_env *env, const struct sim_state *old,
			    struct sim_state *cur, bool *changed);
struct sim_explored;
/* mirrors bpf_explored_state(): the explored-state bucket of @insn_idx for
 * the current state's innermost call site */
struct sim_explored **sim_explored_head(struct sim_env *env, int insn_idx);
/* mirrors free_states(): empty the lists between two walks */
void sim_states_reset(struct sim_env *env);
/* Free every explored and evicted checkpoint. */
void sim_states_free(struct sim_env *env);

#endif
