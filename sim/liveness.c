/* Register liveness: which registers may still be read after each
 * instruction, mirroring bpf_compute_live_registers() of Linux 7.3's
 * kernel/bpf/liveness.c.
 *
 * How it works
 * ------------
 * A classic backward data-flow analysis: every instruction reads (use) and
 * writes (def) a set of registers; a register is live before I if I reads
 * it, or if it is live after I and I does not write it; it is live after I
 * if it is live before any successor of I. The sets are iterated to a
 * fixed point. Pruning (states.c) marks dead registers NOT_INIT in the
 * current state before comparing it (clean_verifier_state()): a register
 * no later instruction reads cannot make two states differ.
 *
 * The kernel tracks the two 32-bit halves of each register apart (for
 * zero-extension) and ORs them for live_regs_before; whole registers give
 * the same answer here. Simplification: a helper or kfunc call is assumed
 * to read all of R1-R5 (the kernel narrows that to the callee's argument
 * count, bpf_get_call_summary()), which keeps more registers alive and can
 * only cost pruning. Stack-slot liveness (the rest of liveness.c) is not
 * modelled: every stack slot counts as alive.
 */
#include <stdlib.h>

#include "check.h"

#define REG_BIT(r) ((uint16_t)(1u << (r)))
#define CALLER_SAVED 0x3f /* R0-R5 */
#define ARGS 0x3e         /* R1-R5 */

struct live_insn {
	uint16_t def, use, in, out;
};

/* mirrors compute_insn_live_regs() */
static void insn_def_use(const struct bpf_insn *insn, struct live_insn *l)
{
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code), mode = BPF_MODE(insn->code);
	uint16_t src = REG_BIT(insn->src_reg);
	uint16_t dst = REG_BIT(insn->dst_reg);

	l->def = 0;
	l->use = 0xffff;
	switch (class) {
	case BPF_LD:
		if (mode == BPF_IMM && BPF_SIZE(insn->code) == BPF_DW) {
			l->def = dst;
			l->use = 0;
		}
		break;
	case BPF_LDX:
		if (mode == BPF_MEM || mode == BPF_MEMSX) {
			l->def = dst;
			l->use = src;
		}
		break;
	case BPF_ST:
		if (mode == BPF_MEM) {
			l->def = 0;
			l->use = dst;
		}
		break;
	case BPF_STX:
		if (mode == BPF_MEM) {
			l->def = 0;
			l->use = dst | src;
		} else if (mode == BPF_ATOMIC) {
			switch (insn->imm) {
			case BPF_CMPXCHG:
				l->use = REG_BIT(0) | dst | src;
				l->def = REG_BIT(0);
				break;
			case BPF_LOAD_ACQ:
				l->def = dst;
				l->use = src;
				break;
			case BPF_STORE_REL:
				l->def = 0;
				l->use = dst | src;
				break;
			default:
				l->use = dst | src;
				l->def = (insn->imm & BPF_FETCH) ? src : 0;
			}
		}
		break;
	case BPF_ALU:
	case BPF_ALU64:
		l->def = dst;
		if (op == BPF_END)
			l->use = dst;
		else if (op == BPF_MOV)
			l->use = BPF_SRC(insn->code) == BPF_K ? 0 : src;
		else
			l->use = BPF_SRC(insn->code) == BPF_K ? dst : (dst | src);
		break;
	case BPF_JMP:
	case BPF_JMP32:
		switch (op) {
		case BPF_JA:
			l->def = 0;
			l->use = BPF_SRC(insn->code) == BPF_X ? dst : 0;
			break;
		case BPF_JCOND:
			l->def = 0;
			l->use = 0;
			break;
		case BPF_EXIT:
			l->def = 0;
			l->use = REG_BIT(0);
			break;
		case BPF_CALL:
			l->def = CALLER_SAVED;
			l->use = ARGS;
			break;
		default:
			l->def = 0;
			l->use = dst | (BPF_SRC(insn->code) == BPF_X ? src : 0);
		}
		break;
	}
}

/* mirrors bpf_insn_successors() for the instructions modelled */
static int successors(const struct sim_env *env, int t, int succ[2])
{
	const struct bpf_insn *insn = &env->insns[t];
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	int n = 0, next = t + (insn->code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1);

	if (class == BPF_JMP || class == BPF_JMP32) {
		if (op == BPF_EXIT)
			return 0;
		if (op == BPF_JA) {
			if (BPF_SRC(insn->code) == BPF_X)
				return 0;
			/* gotol's 32-bit imm: out-of-range targets (dropped below)
			 * must not overflow int on the way */
			long long to = (long long)t + (class == BPF_JMP ? insn->off : insn->imm) + 1;

			succ[n++] = to < 0 || to >= env->insn_cnt ? -1 : (int)to;
		} else if (op == BPF_CALL) {
			succ[n++] = next;
		} else {
			succ[n++] = next;
			succ[n++] = t + insn->off + 1;
		}
	} else {
		succ[n++] = next;
	}
	for (int i = 0; i < n; i++)
		if (succ[i] < 0 || succ[i] >= env->insn_cnt)
			succ[i--] = succ[--n];
	return n;
}

int sim_compute_live_regs(struct sim_env *env)
{
	struct live_insn *st = calloc((size_t)env->insn_cnt, sizeof(*st));
	bool changed = true;

	free(env->live_regs_before);
	env->live_regs_before = calloc((size_t)env->insn_cnt, sizeof(*env->live_regs_before));
	if (!st || !env->live_regs_before) {
		free(st);
		return -ENOMEM;
	}
	for (int i = 0; i < env->insn_cnt; i++)
		insn_def_use(&env->insns[i], &st[i]);
	/* backward order converges in few passes on forward-flowing code */
	while (changed) {
		changed = false;
		for (int i = env->insn_cnt - 1; i >= 0; i--) {
			int succ[2], n = successors(env, i, succ);
			uint16_t out = 0, in;

			for (int s = 0; s < n; s++)
				out |= st[succ[s]].in;
			in = (uint16_t)((out & ~st[i].def) | st[i].use);
			if (in != st[i].in || out != st[i].out) {
				st[i].in = in;
				st[i].out = out;
				changed = true;
			}
		}
	}
	for (int i = 0; i < env->insn_cnt; i++)
		env->live_regs_before[i] = st[i].in & 0x7ff;
	free(st);
	return 0;
}
