/* Static liveness shared by liveness.c (registers), const_fold.c and
 * stack_liveness.c (stack slots): the control-flow view the kernel's
 * analyses run on, and the stack-slot queries pruning makes.
 *
 * Linux 7.3 runs, before do_check() (bpf_check()):
 *   bpf_compute_postorder()    per-subprogram DFS postorder of the CFG
 *   bpf_compute_const_regs()   constant registers at every instruction
 *   bpf_prune_dead_branches()  conditional jumps with a constant outcome
 *                              become "goto" (and the postorder is redone)
 *   sort_subprogs_topo()       callees before callers
 *   bpf_compute_live_registers() -> bpf_compute_subprog_arg_access()
 *                              register liveness, and stack-slot liveness
 *                              per (subprogram, call site) instance
 * The simulator runs the same passes in the same order on a private copy
 * of the instructions (struct sim_liveness), so that the liveness facts
 * match the kernel's. The copy's rewritten branches are not fed back into
 * do_check(): see sim_liveness_rewritten().
 */
#ifndef VERISTEP_SIM_STACK_LIVENESS_H
#define VERISTEP_SIM_STACK_LIVENESS_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/bpf.h>

#include "state.h"

struct sim_env;

/* 4-byte halves of the 512-byte stack (kernel: spis_t, STACK_SLOTS) */
#define SIM_HALF_SLOTS 128
struct sim_spis {
	uint64_t v[2];
};

/* mirrors the const_reg_* fields of struct bpf_insn_aux_data */
struct sim_const_aux {
	uint16_t mask;          /* scalar constants fitting 32 bits */
	uint16_t map_mask;      /* map pointers: val is the map index */
	uint16_t subprog_mask;  /* subprogram pointers: val is the subprog */
	uint32_t vals[10];      /* R0-R9 */
};

struct sim_func_instance;

/* mirrors struct live_stack_query */
struct sim_live_stack_query {
	struct sim_func_instance *instances[SIM_MAX_FRAMES];
	uint32_t callsites[SIM_MAX_FRAMES];
	uint32_t curframe;
	uint32_t insn_idx;
};

struct sim_liveness {
	struct bpf_insn *insns;   /* the program after bpf_prune_dead_branches() */
	int insn_cnt;
	bool *rewritten;          /* insns[i] is a pruned conditional jump */
	int subprog_cnt;
	int *sub_start;           /* subprog_cnt + 1 entries, sorted, [cnt] = insn_cnt */
	int *po_start;            /* subprog_cnt + 1 entries into postorder */
	int *postorder;
	int po_cnt;
	int *topo_order;          /* subprog_topo_order */
	bool *calls_callback;     /* bpf_calls_callback() */
	struct sim_const_aux *caux;
	/* stack liveness (stack_liveness.c); disabled: every slot alive */
	bool stack_ok;
	struct sim_func_instance **buckets; /* hash of instances */
	uint32_t subprog_calls;
	struct sim_live_stack_query q;
	const struct sim_gotox *gotox; /* gotox jump tables (check_gotox.c) */
};

/* bpf_insn_successors() of one instruction, at most: a gotox has its jump
 * table's targets (check_gotox.c refuses bigger tables as unsupported) */
#define SIM_MAX_SUCC 512
/* liveness.c: bpf_insn_successors() on @lv's instructions (0-2 of them, or
 * a gotox's targets; out-of-range targets dropped) */
int sim_liveness_successors(const struct sim_liveness *lv, int idx, int succ[SIM_MAX_SUCC]);
/* liveness.c: mirrors bpf_get_call_summary(): the number of parameters of
 * the helper or kfunc @insn calls, or -1 when there is no summary */
int sim_call_num_params(const struct sim_env *env, const struct bpf_insn *insn);
/* liveness.c: mirrors bpf_find_subprog(): the subprog starting at @off, or -1 */
int sim_liveness_find_subprog(const struct sim_liveness *lv, int off);

/* const_fold.c: mirrors bpf_compute_const_regs() and
 * bpf_prune_dead_branches() (which recomputes the postorder) */
int sim_compute_const_regs(const struct sim_env *env, struct sim_liveness *lv);
int sim_prune_dead_branches(struct sim_liveness *lv);
/* const_fold.c: mirrors bpf_compute_postorder() */
int sim_compute_postorder(struct sim_liveness *lv);

/* stack_liveness.c: mirrors bpf_compute_subprog_arg_access(); on failure
 * stack liveness is off and every slot counts as alive */
int sim_compute_stack_liveness(struct sim_env *env, struct sim_liveness *lv);
void sim_liveness_free(struct sim_liveness *lv);
void sim_stack_liveness_free_instances(struct sim_liveness *lv);
/* mirrors bpf_live_stack_query_init(): @st is about to be cleaned */
void sim_live_stack_query_init(struct sim_env *env, const struct sim_state *st);
/* mirrors bpf_stack_slot_alive(): @half_spi 2*spi is slot_type[0..3] of
 * slot spi (fp-(8*spi+4)..fp-(8*spi+1)), 2*spi+1 slot_type[4..7] */
bool sim_stack_slot_alive(struct sim_env *env, uint32_t frameno, uint32_t half_spi);
/* Whether bpf_prune_dead_branches() turned conditional jump @idx into a
 * goto (the simulator's do_check() still sees the original jump). */
bool sim_liveness_rewritten(const struct sim_env *env, int idx);
/* Debug listing in the layout of the kernel's "stack use/def" block,
 * without the instruction text: "IDX: use: ... def: ..." per instruction
 * (tests, tools). Returns a malloc'ed string or NULL. */
char *sim_stack_liveness_dump(const struct sim_env *env);

#endif
