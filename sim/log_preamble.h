/* The level-2 log Linux 7.3's verifier writes before the walk.
 *
 * bpf_check() logs, at BPF_LOG_LEVEL2 only (level 1 prints none of it),
 * in this order, each part only if the passes before it succeeded:
 *
 *   func#0 @0                       add_subprogs(), every subprogram start
 *   topo_order[0] = name            sort_subprogs_topo(), callees first
 *   subprog#0: analyzing (depth 0)...      bpf_compute_subprog_arg_access():
 *     1: (bf) r2 = r10	r2: _ -> fp0+0     the arg-tracking fixed point,
 *   arg JOIN insn 8 -> 9 r0: ...          per pass and join,
 *   subprog#0 name:                       the converged facts per insn,
 *   stack use/def subprog#0 name (d0,cs0):  the use/def masks of every
 *                                           (subprogram, call site) instance
 *   Live regs before insn:          bpf_compute_live_registers()
 *
 * The simulator computes the analyses up front (liveness.c runs when the
 * environment is set up), so stack_liveness.c writes its lines into
 * env->liveness_log while it analyses, and verifier.c prints each part
 * here at the point of bpf_check() where the kernel prints it: an error
 * of a pass in between (check_cfg()'s "unreachable insn", the LSM hook
 * check, recursion, the liveness complexity limit) ends the log before
 * the later parts, as in the kernel. */
#ifndef VERISTEP_SIM_LOG_PREAMBLE_H
#define VERISTEP_SIM_LOG_PREAMBLE_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/bpf.h>

#include "print.h"

struct sim_env;

/* the kernel's env->log.level & BPF_LOG_LEVEL2 (and not a replay) */
bool sim_preamble_enabled(const struct sim_env *env);

/* add_subprogs(): "func#%d @%d" per subprogram */
void sim_preamble_subprogs(struct sim_env *env);
/* sort_subprogs_topo(): "topo_order[%d] = %s" for @order's @cnt entries */
void sim_preamble_topo_order(struct sim_env *env, const int *order, int cnt);
/* bpf_compute_live_registers(): what the stack analysis logged, then the
 * "Live regs before insn:" table unless the analysis gave up */
void sim_preamble_liveness(struct sim_env *env);

/* For stack_liveness.c, writing into env->liveness_log. */
/* bpf_verbose_insn() of instruction @idx as the kernel has it then (after
 * bpf_prune_dead_branches()) */
void sim_preamble_insn(struct sim_env *env, struct sim_strbuf *sb, int idx);
/* verbose_arg_track(): "_", "?", "IMP%x", "fp%d ?" or "fp%d%+d|..." */
void sim_preamble_arg_track(struct sim_strbuf *sb, int frame, unsigned mask, int off_cnt,
			    const int16_t *off);
/* fmt_subprog(): "subprog#%d" and " NAME" when the subprogram has one */
void sim_preamble_subprog_name(const struct sim_env *env, struct sim_strbuf *sb, int subprog);
/* bpf_vlog_reset(): cut @sb back to @len characters */
void sim_preamble_reset(struct sim_strbuf *sb, size_t len);

#endif
