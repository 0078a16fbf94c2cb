/* Register liveness: which registers may still be read after each
 * instruction, mirroring bpf_compute_live_registers() of Linux 7.3's
 * kernel/bpf/liveness.c, and the preparation of the static passes that
 * run before it (struct sim_liveness, stack_liveness.h).
 *
 * How it works
 * ------------
 * A classic backward data-flow analysis: every instruction reads (use) and
 * writes (def) a set of registers; a register is live before I if I reads
 * it, or if it is live after I and I does not write it; it is live after I
 * if it is live before any successor of I. The sets are iterated to a
 * fixed point over the postorder. Pruning (states.c) marks dead registers
 * NOT_INIT in the current state before comparing it
 * (clean_verifier_state()): a register no later instruction reads cannot
 * make two states differ.
 *
 * A helper or kfunc call reads only the registers of its parameters
 * (bpf_get_call_summary(): the prototype's argument count), a bpf-to-bpf
 * call R1-R5. The kernel tracks the two 32-bit halves of each register
 * apart (for zero-extension) and ORs them for live_regs_before; as every
 * def covers both halves, whole registers give the same answer here.
 *
 * Before the fixed point, as bpf_check() does, the CFG postorder, the
 * constant registers, the dead-branch rewrite (const_fold.c) and the
 * stack-slot analysis (stack_liveness.c) run on a private copy of the
 * instructions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "arena.h"
#include "check.h"
#include "kfuncs.h"
#include "object.h"
#include "stack_liveness.h"

#define REG_BIT(r) ((uint16_t)(1u << (r)))
#define CALLER_SAVED 0x3f /* R0-R5 */
#define ARGS 0x3e         /* R1-R5 */

struct live_insn {
	uint16_t def, use, in, out;
	/* the registers whose upper 32 bits it reads (the kernel's mask_hi()
	 * of use), and the upper halves live before and after it: only for
	 * zext_dst, the level-2 table's "; zext" */
	uint16_t use_hi, in_hi, out_hi;
	int abn_exit; /* abnormal_exit_idx() */
};

/* mirrors bpf_get_call_summary(): helpers count their prototype's
 * arguments up to the first ARG_DONTCARE; kfuncs their BTF prototype's
 * parameters (the _impl prototype for KF_IMPLICIT_ARGS); a callee the
 * program may not call has no summary */
int sim_call_num_params(const struct sim_env *env, const struct bpf_insn *insn)
{
	if (insn->code != (BPF_JMP | BPF_CALL) || !env->p)
		return -1;
	if (insn->src_reg == 0) {
		const struct sim_helper_proto *fn = sim_helper_proto(insn->imm);
		int n = 0;

		if (!fn || !sim_helper_allowed(insn->imm, env->p->prog_type))
			return -1;
		while (n < 5 && fn->arg_type[n] != ARG_DONTCARE)
			n++;
		return n;
	}
	if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL) {
		const struct btf_type *proto = sim_kfunc_call_proto(env, insn);

		return proto ? (int)btf_vlen(proto) : -1;
	}
	return -1;
}

/* mirrors the upper halves of compute_insn_live_regs()'s use mask: the
 * registers an instruction reads as 64-bit (a 32-bit operand, src32 or
 * dst32 there, reads only the lower half). Every def covers both halves. */
static uint16_t insn_use_hi(const struct bpf_insn *insn, uint16_t use)
{
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code), mode = BPF_MODE(insn->code);
	bool dw = BPF_SIZE(insn->code) == BPF_DW;
	uint16_t src = REG_BIT(insn->src_reg & 0xf), dst = REG_BIT(insn->dst_reg & 0xf);

	switch (class) {
	case BPF_STX:
		if (mode == BPF_MEM)
			return dst | (dw ? src : 0);
		if (mode != BPF_ATOMIC)
			return use;
		if (insn->imm == BPF_LOAD_ACQ)
			return src;
		if (insn->imm == BPF_CMPXCHG)
			return dst | (dw ? (REG_BIT(0) | src) : 0);
		return dst | (dw ? src : 0);
	case BPF_ALU:
		/* END reads dst as 64-bit (a reg64_mask), the others 32-bit */
		return op == BPF_END ? use : 0;
	case BPF_JMP32:
		/* JA and JCOND use the 64-bit or no masks, conditions dst32/src32 */
		if (op == BPF_JA || op == BPF_JCOND || op == BPF_CALL || op == BPF_EXIT)
			return use;
		return 0;
	default:
		return use;
	}
}

/* mirrors compute_insn_live_regs() */
static void insn_def_use(const struct sim_env *env, const struct bpf_insn *insn,
			 struct live_insn *l)
{
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code), mode = BPF_MODE(insn->code);
	uint16_t src = REG_BIT(insn->src_reg & 0xf);
	uint16_t dst = REG_BIT(insn->dst_reg & 0xf);

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
		case BPF_CALL: {
			int n = sim_call_num_params(env, insn);

			l->def = CALLER_SAVED;
			l->use = ARGS;
			if (n >= 0) /* GENMASK(min(n, 5), 1) */
				l->use = (uint16_t)(((1u << ((n < 5 ? n : 5) + 1)) - 1) & ~1u);
			break;
		}
		default:
			l->def = 0;
			l->use = dst | (BPF_SRC(insn->code) == BPF_X ? src : 0);
		}
		break;
	}
	l->use_hi = insn_use_hi(insn, l->use);
}

/* mirrors bpf_is_reg64() for an instruction defining a register */
static bool insn_is_reg64(struct sim_env *env, const struct bpf_insn *insn)
{
	const struct sim_map_view *arena;

	uint8_t class = BPF_CLASS(insn->code), mode = BPF_MODE(insn->code), op = BPF_OP(insn->code);

	if ((class == BPF_ALU || class == BPF_ALU64) && op == BPF_END && insn->imm != 64)
		return false;
	if (class == BPF_ALU && op != BPF_END)
		return false;
	/* is_addr_space_cast32(): a cast to as(0), or to as(1) of an arena
	 * without user conversion, is translated as a 32-bit move */
	if (insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) && insn->off == BPF_ADDR_SPACE_CAST) {
		if (insn->imm == 1)
			return false;
		arena = insn->imm == 1 << 16 ? sim_prog_arena(env) : NULL;
		if (arena && arena->map && (arena->map->map_flags & BPF_F_NO_USER_CONV))
			return false;
	}
	if (class == BPF_LDX && mode == BPF_MEM && BPF_SIZE(insn->code) != BPF_DW)
		return false;
	if (class == BPF_STX && BPF_SIZE(insn->code) != BPF_DW)
		return false;
	if (class == BPF_LD && (mode == BPF_IND || mode == BPF_ABS))
		return false;
	return true;
}

/* mirrors bpf_insn_def32(): the register whose lower 32 bits alone
 * @insn defines, or -1 */
static int insn_def32(struct sim_env *env, const struct bpf_insn *insn)
{
	uint8_t class = BPF_CLASS(insn->code);
	int reg;

	if (class == BPF_JMP || class == BPF_JMP32 || class == BPF_ST)
		return -1;
	if (class == BPF_STX) { /* bpf_atomic_load_reg() */
		if (BPF_MODE(insn->code) != BPF_ATOMIC)
			return -1;
		reg = insn->imm == BPF_LOAD_ACQ ? insn->dst_reg
		      : insn->imm == BPF_CMPXCHG ? BPF_REG_0
		      : (insn->imm & BPF_FETCH) ? insn->src_reg : -1;
	} else {
		reg = insn->dst_reg;
	}
	return reg < 0 || insn_is_reg64(env, insn) ? -1 : reg;
}

/* check_cfg()'s visit_abnormal_return_insn(): an LD_ABS/LD_IND may
 * return from its subprogram, so the kernel gives it a second successor,
 * the subprogram's exit_idx (the last exit check_subprogs() met in it).
 * Here only the upper-half liveness behind "; zext" follows that edge:
 * the insn reads every register, so its live-before set is the same
 * either way. -1: none. */
static int abnormal_exit_idx(const struct sim_env *env, const struct bpf_insn *insns, int t)
{
	int start = 0, end = env->insn_cnt, exit_idx = -1;

	if (BPF_CLASS(insns[t].code) != BPF_LD ||
	    (BPF_MODE(insns[t].code) != BPF_ABS && BPF_MODE(insns[t].code) != BPF_IND))
		return -1;
	for (int i = 0; env->p && env->p->subprogs && i < env->p->subprog_cnt; i++) {
		int st = env->p->subprogs[i].start;

		if (st <= t && st >= start)
			start = st;
		else if (st > t && st < end)
			end = st;
	}
	for (int i = start; i < end; i++)
		if (insns[i].code == (BPF_JMP | BPF_EXIT) || insns[i].code == (BPF_JMP32 | BPF_EXIT))
			exit_idx = i;
	return exit_idx;
}

/* mirrors bpf_insn_successors(): fall-through first, then the jump; a
 * gotox's jump table (insn_aux_data[].jt) */
static int successors(const struct bpf_insn *insns, int insn_cnt, const struct sim_gotox *gx, int t,
		      int succ[SIM_MAX_SUCC])
{
	const struct bpf_insn *insn = &insns[t];
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
	int n = 0, next = t + (insn->code == (BPF_LD | BPF_IMM | BPF_DW) ? 2 : 1);

	if (class == BPF_JMP || class == BPF_JMP32) {
		if (op == BPF_EXIT)
			return 0;
		if (op == BPF_JA) {
			if (BPF_SRC(insn->code) == BPF_X) {
				const struct sim_gotox_jt *jt = sim_gotox_jt(gx, t);

				for (int i = 0; jt && i < jt->cnt; i++)
					succ[n++] = (int)jt->items[i];
				return n;
			}
			/* gotol's 32-bit imm: out-of-range targets (dropped below)
			 * must not overflow int on the way */
			long long to = (long long)t + (class == BPF_JMP ? insn->off : insn->imm) + 1;

			succ[n++] = to < 0 || to >= insn_cnt ? -1 : (int)to;
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
		if (succ[i] < 0 || succ[i] >= insn_cnt)
			succ[i--] = succ[--n];
	return n;
}

int sim_liveness_successors(const struct sim_liveness *lv, int idx, int succ[SIM_MAX_SUCC])
{
	return successors(lv->insns, lv->insn_cnt, lv->gotox, idx, succ);
}

int sim_liveness_find_subprog(const struct sim_liveness *lv, int off)
{
	int lo = 0, hi = lv->subprog_cnt - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;

		if (lv->sub_start[mid] == off)
			return mid;
		if (lv->sub_start[mid] < off)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* mirrors bpf_is_sync_callback_calling_insn() (cfg.c marks such calls
 * calls_callback) */
static bool is_sync_callback_calling_insn(const struct sim_env *env, const struct bpf_insn *insn)
{
	const char *name;

	if (insn->code != (BPF_JMP | BPF_CALL))
		return false;
	if (insn->src_reg == 0)
		return insn->imm == BPF_FUNC_loop || insn->imm == BPF_FUNC_for_each_map_elem ||
		       insn->imm == BPF_FUNC_find_vma || insn->imm == BPF_FUNC_user_ringbuf_drain;
	if (insn->src_reg != BPF_PSEUDO_KFUNC_CALL)
		return false;
	name = sim_kfunc_call_name(env, insn);
	return name && (!strcmp(name, "bpf_rbtree_add") || !strcmp(name, "bpf_rbtree_add_impl"));
}

void sim_liveness_free(struct sim_liveness *lv)
{
	if (!lv)
		return;
	sim_stack_liveness_free_instances(lv);
	free(lv->insns);
	free(lv->rewritten);
	free(lv->sub_start);
	free(lv->po_start);
	free(lv->postorder);
	free(lv->topo_order);
	free(lv->calls_callback);
	free(lv->caux);
	free(lv);
}

const struct bpf_insn *sim_liveness_insns(const struct sim_env *env)
{
	return env->liveness ? env->liveness->insns : env->insns;
}

/* The passes bpf_check() runs between check_cfg() and
 * bpf_compute_live_registers(). NULL when the program's layout is one the
 * passes cannot take (the verifier rejects it before they would run). */
static struct sim_liveness *prepare(struct sim_env *env)
{
	struct sim_liveness *lv;
	int n = env->insn_cnt, cnt;

	if (!env->p || !env->p->subprogs || n <= 0)
		return NULL;
	/* a register the ISA does not have fails check_and_resolve_insns()
	 * later; the analyses index register arrays, so they do not run */
	for (int i = 0; i < n; i++)
		if (env->insns[i].dst_reg >= SIM_MAX_REG || env->insns[i].src_reg >= SIM_MAX_REG)
			return NULL;
	cnt = env->p->subprog_cnt;
	lv = calloc(1, sizeof(*lv));
	if (!lv)
		return NULL;
	lv->insn_cnt = n;
	lv->gotox = env->gotox;
	lv->subprog_cnt = cnt;
	lv->insns = malloc((size_t)n * sizeof(*lv->insns));
	lv->rewritten = calloc((size_t)n, sizeof(bool));
	lv->calls_callback = calloc((size_t)n, sizeof(bool));
	lv->sub_start = calloc((size_t)cnt + 1, sizeof(int));
	lv->po_start = calloc((size_t)cnt + 1, sizeof(int));
	lv->topo_order = calloc((size_t)cnt + 1, sizeof(int));
	if (!lv->insns || !lv->rewritten || !lv->calls_callback || !lv->sub_start ||
	    !lv->po_start || !lv->topo_order || cnt <= 0)
		goto fail;
	memcpy(lv->insns, env->insns, (size_t)n * sizeof(*lv->insns));
	/* subprog_info: sorted by start, main at 0 */
	for (int i = 0; i < cnt; i++) {
		lv->sub_start[i] = env->p->subprogs[i].start;
		if ((i == 0 && lv->sub_start[0] != 0) ||
		    (i > 0 && lv->sub_start[i] <= lv->sub_start[i - 1]) || lv->sub_start[i] >= n)
			goto fail;
	}
	lv->sub_start[cnt] = n;
	for (int i = 0; i < n; i++) {
		const struct bpf_insn *insn = &lv->insns[i];

		/* check_and_resolve_insns() rejects these first */
		if (insn->dst_reg >= SIM_MAX_REG || insn->src_reg >= SIM_MAX_REG)
			goto fail;
		/* check_subprogs(): jumps stay within their subprogram */
		if (BPF_CLASS(insn->code) == BPF_JMP || BPF_CLASS(insn->code) == BPF_JMP32) {
			int succ[SIM_MAX_SUCC], ns = successors(lv->insns, n, lv->gotox, i, succ);
			int sub = 0;

			while (sub + 1 < cnt && lv->sub_start[sub + 1] <= i)
				sub++;
			for (int s = 0; s < ns; s++)
				if (succ[s] < lv->sub_start[sub] || succ[s] >= lv->sub_start[sub + 1])
					goto fail;
		}
		lv->calls_callback[i] = is_sync_callback_calling_insn(env, insn);
		if (insn->code == (BPF_LD | BPF_IMM | BPF_DW))
			i++;
	}
	if (sim_compute_postorder(lv) || sim_compute_const_regs(env, lv) ||
	    sim_prune_dead_branches(lv))
		goto fail;
	return lv;
fail:
	sim_liveness_free(lv);
	return NULL;
}

int sim_compute_live_regs(struct sim_env *env)
{
	struct live_insn *st = calloc((size_t)env->insn_cnt, sizeof(*st));
	const struct bpf_insn *insns = env->insns;
	struct sim_liveness *lv;
	bool changed = true;

	free(env->live_regs_before);
	free(env->zext_dst);
	sim_liveness_free(env->liveness);
	env->liveness = NULL;
	env->live_regs_before = calloc((size_t)env->insn_cnt, sizeof(*env->live_regs_before));
	env->zext_dst = calloc((size_t)env->insn_cnt, sizeof(*env->zext_dst));
	if (!st || !env->live_regs_before || !env->zext_dst) {
		free(st);
		return -ENOMEM;
	}
	lv = env->liveness = prepare(env);
	if (lv)
		insns = lv->insns;
	for (int i = 0; i < env->insn_cnt; i++) {
		insn_def_use(env, &insns[i], &st[i]);
		st[i].abn_exit = abnormal_exit_idx(env, insns, i);
	}
	/* forward pass: stack accesses through frame-pointer-derived
	 * pointers. Over 10000 subprogram analyses the kernel fails the load
	 * (sim_check_liveness_limit() reports it in the kernel's order); for
	 * calls nested too deep with stack pointers (-EINVAL, no message)
	 * the simulator keeps every slot alive instead */
	if (lv && sim_compute_stack_liveness(env, lv) == -E2BIG)
		env->liveness_calls_exceeded = lv->subprog_calls;
	while (changed) {
		int cnt = lv ? lv->po_cnt : env->insn_cnt;

		changed = false;
		for (int k = 0; k < cnt; k++) {
			/* the kernel walks the postorder; without one, backward
			 * order converges in few passes on forward-flowing code */
			int i = lv ? lv->postorder[k] : env->insn_cnt - 1 - k;
			int succ[SIM_MAX_SUCC], n = successors(insns, env->insn_cnt, env->gotox, i, succ);
			uint16_t out = 0, in, out_hi = 0, in_hi;

			for (int s = 0; s < n; s++) {
				out |= st[succ[s]].in;
				out_hi |= st[succ[s]].in_hi;
			}
			if (st[i].abn_exit >= 0)
				out_hi |= st[st[i].abn_exit].in_hi;
			in = (uint16_t)((out & ~st[i].def) | st[i].use);
			in_hi = (uint16_t)((out_hi & ~st[i].def) | st[i].use_hi);
			if (in != st[i].in || out != st[i].out || in_hi != st[i].in_hi ||
			    out_hi != st[i].out_hi) {
				st[i].in = in;
				st[i].out = out;
				st[i].in_hi = in_hi;
				st[i].out_hi = out_hi;
				changed = true;
			}
		}
	}
	for (int i = 0; i < env->insn_cnt; i++) {
		int def32 = insn_def32(env, &insns[i]);

		env->live_regs_before[i] = st[i].in & 0x7ff;
		env->zext_dst[i] = def32 >= 0 && (st[i].out_hi & REG_BIT(def32));
	}
	free(st);
	return 0;
}

/* mirrors the failure of analyze_subprog() inside bpf_compute_live_registers(),
 * which runs after compute_scc() and before the walk (no insn) */
int sim_check_liveness_limit(struct sim_env *env)
{
	if (!env->liveness_calls_exceeded)
		return 0;
	sim_reject(env, -E2BIG, "liveness analysis exceeded complexity limit (%u calls)\n",
		   env->liveness_calls_exceeded);
	env->err_insn = -1;
	return -E2BIG;
}
