/* Legacy packet access: mirrors check_ld_abs() of Linux 7.3
 * (kernel/bpf/verifier.c).
 *
 * BPF_LD | BPF_ABS / BPF_IND loads a byte, half or word of the skb at a
 * constant (ABS) or register + constant (IND) offset into R0. The kernel
 * rewrites each one into a call (bpf_gen_ld_abs()), so the verifier treats
 * it like one: the context must be in R6, R1-R5 are clobbered, R0 becomes
 * an unknown scalar, and because the generated code may leave the program
 * early (with R0 = 0) no reference or lock may be held across it. The
 * reserved-field check (dst R0, off 0, no DW, ABS without src) is done
 * before verification, with the other field checks (opcode.c). */
#include <stdlib.h>

#include <bpf/btf.h>

#include "check.h"
#include "kfuncs.h"

/* mirrors may_access_skb(): the program types whose ctx is an skb the
 * ld_abs rewrite knows */
static bool may_access_skb(uint32_t prog_type)
{
	switch (prog_type) {
	case BPF_PROG_TYPE_SOCKET_FILTER:
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
		return true;
	default:
		return false;
	}
}

/* mirrors check_ld_abs() */
int sim_check_ld_abs(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_state *st = env->cur;
	struct sim_reg *regs = sim_cur_regs(env);
	const int ctx_reg = 6;
	int err;

	if (!may_access_skb(env->p->prog_type))
		return sim_reject(env, -EINVAL,
				  "BPF_LD_[ABS|IND] instructions not allowed for this program type\n");
	/* the rewrite's hidden exit cannot leave a callback */
	for (uint32_t i = st->curframe; i; i--)
		if (st->frame[i]->in_callback_fn)
			return sim_reject(env, -EINVAL, "cannot use BPF_LD_[ABS|IND] within callback\n");
	/* implicit source operand: the skb in R6 */
	err = sim_check_reg_arg(env, ctx_reg, SIM_SRC_OP);
	if (err)
		return err;
	/* gen_ld_abs() may end the program at run time: nothing may leak */
	err = sim_check_resource_leak(env, false, true, "BPF_LD_[ABS|IND]");
	if (err)
		return err;
	if (regs[ctx_reg].type != PTR_TO_CTX)
		return sim_reject(env, -EINVAL, "at the time of BPF_LD_ABS|IND R6 != pointer to skb\n");
	if (BPF_MODE(insn->code) == BPF_IND) {
		err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
		if (err)
			return err;
	}
	/* check_ptr_off_reg(): the context pointer unmodified */
	err = sim_check_ptr_off_reg(env, &regs[ctx_reg], ctx_reg, false);
	if (err < 0)
		return err;
	/* caller-saved registers R0-R5 become unreadable, as after a call */
	for (int i = 0; i <= 5; i++) {
		sim_reg_mark_not_init(&regs[i]);
		sim_check_reg_arg(env, i, SIM_DST_OP_NO_MARK);
	}
	/* R0 holds the loaded value */
	sim_mark_reg_unknown(env, regs, 0);
	/* bpf_gen_ld_abs() emits a hidden "r0 = 0; exit" taken when the
	 * load fails; in a subprog that exit returns to the caller and is
	 * explored: the load's success continues as a pushed branch, the
	 * current path returns 0 to the caller */
	if (st->curframe) {
		struct sim_state *branch;

		sim_mark_reg_scratched(env, 0);
		branch = sim_push_stack(env, env->insn_idx + 1, env->insn_idx);
		if (!branch)
			return sim_bug(env, "out of memory");
		sim_reg_mark_known(&regs[0], 0);
		err = sim_prepare_func_exit(env);
		if (err)
			return err;
		/* prepare_func_exit() set the caller's next instruction */
		return SIM_IDX_UPDATED;
	}
	return 0;
}

/* the whole-program checks name no instruction */
static int no_insn(struct sim_env *env, int err)
{
	env->err_insn = -1;
	return err;
}

/* the half-open instruction range of subprog @i */
static void subprog_range(const struct sim_env *env, int i, int *start, int *end)
{
	*start = env->p->subprogs[i].start;
	*end = i + 1 < env->p->subprog_cnt ? env->p->subprogs[i + 1].start : env->insn_cnt;
}

static bool is_ld_abs(const struct bpf_insn *insn)
{
	return BPF_CLASS(insn->code) == BPF_LD &&
	       (BPF_MODE(insn->code) == BPF_ABS || BPF_MODE(insn->code) == BPF_IND);
}

/* check_subprogs()'s subprog_info[].has_ld_abs */
static bool subprog_has_ld_abs(const struct sim_env *env, int i)
{
	int start, end;

	subprog_range(env, i, &start, &end);
	for (int k = start; k < end; k++)
		if (is_ld_abs(&env->insns[k]))
			return true;
	return false;
}

/* mirrors btf_type_is_small_int() || btf_is_any_enum() of the return type
 * after btf_type_skip_modifiers(); void (id 0) is not a scalar */
static bool btf_scalar_return(const struct btf *btf, uint32_t type_id)
{
	const struct btf_type *t = type_id ? btf__type_by_id(btf, type_id) : NULL;

	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = t->type ? btf__type_by_id(btf, t->type) : NULL;
	if (!t)
		return false;
	return (btf_is_int(t) && t->size <= 8) || btf_is_any_enum(t);
}

/* mirrors the has_ld_abs rule of check_btf_func() (kernel/bpf/check_btf.c)
 * and, without func info, check_abnormal_return(): the hidden exit of
 * ld_abs returns an int, so a subprog with one must return a scalar */
int sim_check_ld_abs_subprogs(struct sim_env *env)
{
	const struct btf *btf = env->p->btf;

	for (int i = 1; i < env->p->subprog_cnt; i++) {
		const struct btf_type *fn, *proto;
		int id;

		if (!subprog_has_ld_abs(env, i))
			continue;
		if (!btf)
			return no_insn(env, sim_reject(env, -EINVAL,
					   "LD_ABS is not allowed in subprogs without BTF\n"));
		id = btf__find_by_name_kind(btf, env->p->subprogs[i].name, BTF_KIND_FUNC);
		fn = id > 0 ? btf__type_by_id(btf, (uint32_t)id) : NULL;
		proto = fn ? btf__type_by_id(btf, fn->type) : NULL;
		if (!proto || !btf_is_func_proto(proto))
			continue;   /* no func info record found: not judged */
		if (!btf_scalar_return(btf, proto->type))
			return no_insn(env, sim_reject(env, -EINVAL,
					   "LD_ABS is only allowed in functions that return 'int'.\n"));
	}
	return 0;
}
