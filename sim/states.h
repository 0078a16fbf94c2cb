/* Pruning (states.c): the explored-state lists of one verification. */
#ifndef VERISTEP_SIM_STATES_H
#define VERISTEP_SIM_STATES_H

struct sim_env;
struct sim_state;

/* mirrors bpf_is_state_visited(): 1 the current path is safe (pruned),
 * 0 continue, < 0 error (infinite loop, out of memory) */
int sim_is_state_visited(struct sim_env *env, int insn_idx);
/* mirrors bpf_update_branch_counts(): a path below @st ended */
void sim_update_branch_counts(struct sim_env *env, struct sim_state *st);
/* Free every explored and evicted checkpoint. */
void sim_states_free(struct sim_env *env);

#endif
