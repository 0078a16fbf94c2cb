/* Reachability half of bpf_check_cfg() (kernel/bpf/cfg.c in Linux 7.3).
 *
 * The kernel's depth-first walk of the control-flow graph ends with a scan
 * that refuses any instruction the walk never explored ("unreachable insn
 * N") and any jump landing on the second half of an ld_imm64 ("jump into
 * the middle of ldimm64 insn N"). With CAP_BPF a back-edge only ends the
 * walk along that edge, so what the scan sees is plain reachability from
 * the entry over visit_insn()'s edges:
 *   - non-jumps fall through (ld_imm64 is two slots);
 *   - ld_imm64 of a callback address (BPF_PSEUDO_FUNC) and bpf-to-bpf calls
 *     also reach the callee (visit_func_call_insn(..., visit_callee));
 *   - other calls fall through; exit ends the path;
 *   - ja has one edge, conditional jumps two.
 * Jump ranges were checked before (check_subprogs(), verifier.c). The
 * walk also starts at the exception callback; the simulator does not know
 * which subprogram that is, so every subprogram start is a root (this can
 * only miss a subprogram that is called from dead code alone). Indirect
 * jumps (gotox) reach their jump table's targets (check_gotox.c, whose
 * check_cfg() part ran first). Unprivileged back-edges are not modelled. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "diagnostics.h"

static void push(int *stack, int *top, unsigned char *seen, int n, int w)
{
	if (w < 0 || w >= n || seen[w])
		return;
	seen[w] = 1;
	stack[(*top)++] = w;
}

int sim_check_cfg_reachable(struct sim_env *env)
{
	int n = env->insn_cnt, top = 0, err = 0;
	unsigned char *seen;
	int *stack;

	if (n <= 0)
		return 0;
	seen = calloc((size_t)n, 1);
	stack = calloc((size_t)n, sizeof(*stack));
	if (!seen || !stack) {
		free(seen);
		free(stack);
		return sim_bug(env, "out of memory");
	}
	push(stack, &top, seen, n, 0);
	for (int i = 0; i < env->p->subprog_cnt; i++)
		push(stack, &top, seen, n, (int)env->p->subprogs[i].start);
	while (top > 0) {
		int t = stack[--top];
		const struct bpf_insn *insn = &env->insns[t];
		uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

		if (insn->code == (BPF_LD | BPF_IMM | BPF_DW)) {
			push(stack, &top, seen, n, t + 2);
			if (insn->src_reg == BPF_PSEUDO_FUNC)
				push(stack, &top, seen, n, (int)((int64_t)t + insn->imm + 1));
			continue;
		}
		if (class != BPF_JMP && class != BPF_JMP32) {
			push(stack, &top, seen, n, t + 1);
			continue;
		}
		switch (op) {
		case BPF_EXIT:
			break;
		case BPF_CALL:
			push(stack, &top, seen, n, t + 1);
			if (insn->src_reg == BPF_PSEUDO_CALL)
				push(stack, &top, seen, n, (int)((int64_t)t + insn->imm + 1));
			break;
		case BPF_JA:
			if (BPF_SRC(insn->code) == BPF_X) { /* visit_gotox_insn() */
				const struct sim_gotox_jt *jt = sim_gotox_jt(env->gotox, t);

				for (int i = 0; jt && i < jt->cnt; i++)
					push(stack, &top, seen, n, (int)jt->items[i]);
				break;
			}
			push(stack, &top, seen, n,
			     (int)((int64_t)t + (class == BPF_JMP ? insn->off : insn->imm) + 1));
			break;
		default:
			push(stack, &top, seen, n, t + 1);
			push(stack, &top, seen, n, t + insn->off + 1);
			break;
		}
	}
	/* the final scan of bpf_check_cfg(), in instruction order */
	for (int i = 0; i < n && !err; i++) {
		char reason[128];

		env->insn_idx = i;
		if (!seen[i]) {
			err = sim_reject(env, -EINVAL, "unreachable insn %d\n", i);
			snprintf(reason, sizeof(reason),
				 "Instruction %d is not reachable from the program entry point.", i);
			sim_diag_program_structure(env, i, "unreachable instruction",
						   "Remove the unreachable instruction or add valid control flow that reaches it.",
						   reason);
		} else if (env->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW)) {
			if (i + 1 < n && seen[i + 1]) {
				err = sim_reject(env, -EINVAL, "jump into the middle of ldimm64 insn %d\n", i);
				snprintf(reason, sizeof(reason),
					 "Control flow reaches the second half of the ldimm64 instruction pair that starts at instruction %d.",
					 i);
				sim_diag_program_structure(env, i, "jump into ldimm64 immediate",
							   "Target the first instruction of the ldimm64 pair, or restructure the jump target.",
							   reason);
			}
			i++;
		}
	}
	/* bpf_check_cfg() runs before do_check(): the kernel's log names no
	 * instruction the error happened at */
	if (err)
		env->err_insn = -1;
	env->insn_idx = 0;
	free(seen);
	free(stack);
	return err;
}
