/* sort_subprogs_topo() of Linux 7.3: callees before callers, and the call
 * graph must be acyclic.
 *
 * After check_cfg(), the attach checks and bpf_prune_dead_branches(), and
 * before any instruction is walked, the kernel orders the subprograms
 * leaves first with a depth-first walk of the call graph (bpf-to-bpf calls
 * and callback references), scanning each subprogram's instructions in
 * the CFG postorder (the one recomputed after dead branches became gotos:
 * a call only a dead branch reaches is not an edge). A call back into a
 * subprogram still on the walk's stack is refused: "recursive call from
 * A() to B()" (a callback reference closing a cycle is allowed: it is
 * called asynchronously or by a helper). The error names no instruction.
 *
 * The order is used twice: the stack-slot analysis walks it
 * (stack_liveness.c) and, at log level 2, the kernel prints it
 * ("topo_order[%d] = %s", log_preamble.c). One implementation serves both
 * (sim_sort_subprogs_topo()). Without the static passes' postorder (a
 * layout they could not take) each subprogram is scanned from its last
 * instruction to its first, which is the postorder for straight-line code.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diagnostics.h"
#include "log_preamble.h"
#include "stack_liveness.h"

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

/* the @k-th instruction of subprogram @sub in scan order, or -1 past the end */
static int scan_insn(const struct sim_env *env, const struct sim_liveness *lv, int sub, int k)
{
	if (lv) {
		int j = lv->po_start[sub] + k;

		return j < lv->po_start[sub + 1] ? lv->postorder[j] : -1;
	}
	return subprog_end(env, sub) - 1 - k >= env->p->subprogs[sub].start
		       ? subprog_end(env, sub) - 1 - k : -1;
}

/* mirrors sort_subprogs_topo() */
int sim_sort_subprogs_topo(const struct sim_env *env, const struct sim_liveness *lv, int *order,
			   struct sim_topo_cycle *cycle)
{
	int cnt = lv ? lv->subprog_cnt : env->p->subprog_cnt, top = 0, n = 0, ret = 0;
	const struct bpf_insn *insns = lv ? lv->insns : env->insns;
	unsigned char *color = calloc((size_t)cnt + 1, 1);   /* 0 new, 1 on the stack, 2 done */
	int *stack = calloc((size_t)cnt + 1, sizeof(*stack));

	if (!color || !stack) {
		ret = -ENOMEM;
		goto out;
	}
	for (int i = 0; i < cnt; i++) {
		if (color[i])
			continue;
		color[i] = 1;
		stack[top++] = i;
		while (top > 0) {
			int cur = stack[top - 1], idx;
			bool pushed = false;

			for (int k = 0; (idx = scan_insn(env, lv, cur, k)) >= 0; k++) {
				const struct bpf_insn *insn = &insns[idx];
				/* the program is not validated yet when the stack
				 * liveness asks (check_subprogs() follows): the
				 * target may be anywhere */
				int64_t t64 = (int64_t)idx + insn->imm + 1;
				int callee, target = t64 < 0 || t64 > INT32_MAX ? -1 : (int)t64;

				if (!is_pseudo_call(insn) && !is_pseudo_func(insn))
					continue;
				callee = lv ? sim_liveness_find_subprog(lv, target) : sim_find_subprog(env, target);
				if (callee < 0) {
					if (cycle)
						cycle->from = cycle->to = target;
					ret = -EFAULT;
					goto out;
				}
				if (color[callee] == 2)
					continue;
				if (color[callee] == 1) {
					if (is_pseudo_func(insn))
						continue;
					if (cycle) {
						cycle->from = cur;
						cycle->to = callee;
						cycle->insn = idx;
					}
					ret = -EINVAL;
					goto out;
				}
				color[callee] = 1;
				stack[top++] = callee;
				pushed = true;
				break;
			}
			if (!pushed) {
				color[cur] = 2;
				if (order)
					order[n++] = cur;
				top--;
			}
		}
	}
out:
	free(color);
	free(stack);
	return ret;
}

/* the check sort_subprogs_topo() makes in bpf_check(), and its level-2
 * lines on success */
int sim_check_call_graph(struct sim_env *env)
{
	int cnt = env->p->subprog_cnt, err;
	struct sim_topo_cycle cyc = { -1, -1, -1 };
	int *order = calloc((size_t)cnt + 1, sizeof(*order));

	if (!order)
		return sim_bug(env, "out of memory");
	err = sim_sort_subprogs_topo(env, env->liveness, order, &cyc);
	if (err == -ENOMEM) {
		err = sim_bug(env, "out of memory");
	} else if (err == -EFAULT) {
		err = sim_bug(env, "no subprog starts at insn %d", cyc.from);
	} else if (err) {
		err = sim_reject(env, -EINVAL, "recursive call from %s() to %s()\n",
				 env->p->subprogs[cyc.from].name ? env->p->subprogs[cyc.from].name : "",
				 env->p->subprogs[cyc.to].name ? env->p->subprogs[cyc.to].name : "");
		env->err_insn = -1;   /* before the walk */
		/* sort_subprogs_topo(): bpf_diag_program_structure() */
		sim_diag_program_structure(env, cyc.insn, "recursive subprogram call",
					   "Rewrite the recursion as an explicit bounded loop, or split the logic so subprogram calls do not form a cycle.",
					   "This bpf2bpf call would make the subprogram call graph recursive. The verifier requires a finite, acyclic call graph so it can bound stack depth and analysis.");
	} else {
		sim_preamble_topo_order(env, order, cnt);
	}
	free(order);
	return err;
}
