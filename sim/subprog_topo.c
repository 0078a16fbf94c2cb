/* sort_subprogs_topo() of Linux 7.3: the call graph must be acyclic.
 *
 * After check_cfg() and the attach checks, and before any instruction is
 * walked, the kernel orders the subprograms leaves first with a depth-first
 * walk of the call graph (bpf-to-bpf calls and callback references). A call
 * back into a subprogram still on the walk's stack is refused: "recursive
 * call from A() to B()" (a callback reference closing a cycle is allowed:
 * it is called asynchronously or by a helper). The error names no
 * instruction.
 *
 * The kernel scans each subprogram's instructions in check_cfg()'s
 * post-order; the simulator scans them from the last to the first, which is
 * that order for straight-line code. Only which cycle gets named could
 * differ, when a subprogram closes several. Every instruction is reachable
 * here (check_cfg() refused the others), so no reachability filter is
 * needed. */
#include <stdlib.h>

#include "check.h"

static bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

static bool is_pseudo_func(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW) && insn->src_reg == BPF_PSEUDO_FUNC;
}

static int subprog_end(const struct sim_env *env, int i)
{
	return i + 1 < env->p->subprog_cnt ? env->p->subprogs[i + 1].start : env->insn_cnt;
}

/* mirrors sort_subprogs_topo() (its cycle check; the order is not kept) */
int sim_check_call_graph(struct sim_env *env)
{
	int cnt = env->p->subprog_cnt, top = 0, err = 0;
	unsigned char *color;   /* 0 unvisited, 1 on the stack, 2 done */
	int *stack;

	if (cnt <= 1)
		return 0;
	color = calloc((size_t)cnt, 1);
	stack = calloc((size_t)cnt, sizeof(*stack));
	if (!color || !stack) {
		free(color);
		free(stack);
		return sim_bug(env, "out of memory");
	}
	for (int i = 0; i < cnt && !err; i++) {
		if (color[i])
			continue;
		color[i] = 1;
		stack[top++] = i;
		while (top > 0 && !err) {
			int cur = stack[top - 1];
			bool pushed = false;

			for (int idx = subprog_end(env, cur) - 1;
			     idx >= env->p->subprogs[cur].start && !pushed && !err; idx--) {
				const struct bpf_insn *insn = &env->insns[idx];
				int callee;

				if (!is_pseudo_call(insn) && !is_pseudo_func(insn))
					continue;
				callee = sim_find_subprog(env, idx + insn->imm + 1);
				if (callee < 0) {
					err = sim_bug(env, "no subprog starts at insn %d",
						      idx + insn->imm + 1);
					break;
				}
				if (color[callee] == 2 || (color[callee] == 1 && is_pseudo_func(insn)))
					continue;
				if (color[callee] == 1) {
					err = sim_reject(env, -EINVAL, "recursive call from %s() to %s()\n",
							 env->p->subprogs[cur].name,
							 env->p->subprogs[callee].name);
					env->err_insn = -1;   /* before the walk */
					break;
				}
				color[callee] = 1;
				stack[top++] = callee;
				pushed = true;
			}
			if (!pushed && !err) {
				color[cur] = 2;
				top--;
			}
		}
	}
	free(color);
	free(stack);
	return err;
}
