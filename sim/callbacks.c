/* Callback function pointers and the callbacks the verifier runs.
 *
 * check_ld_imm() for BPF_PSEUDO_FUNC gives a PTR_TO_FUNC register naming a
 * subprogram. bpf_rbtree_add's less() callback is verified the way 7.3 does
 * sync callbacks (push_callback_call() + setup_func_entry() +
 * set_rbtree_add_callback_state()): at the kfunc call a copy of the state is
 * pushed with a new frame for the callback, R1 and R2 non-owning references
 * to the tree's node type (the lock is still held: the callback runs under
 * it), R3-R5 unreadable, return range [0, 1]; the caller's path goes on
 * after the call and the callback path is explored when it is popped.
 *
 * After the callback's exit the path goes back to the call site, as in
 * 7.3 (prepare_func_exit(), check_call.c): the call instruction is a forced
 * checkpoint inside its own SCC (scc.c), so is_state_visited() compares
 * the returning state with the checkpoint taken before the call; range
 * within it, the iteration changed nothing and the path ends ("from 29 to
 * 18: safe", an "SCC backedge"); otherwise the call is checked again and
 * pushes the next iteration of the callback.
 */
#include <stdlib.h>

#include "callbacks_core.h"
#include "check.h"
#include "kfuncs.h"

/* mirrors check_ld_imm() for BPF_PSEUDO_FUNC */
int sim_ld_imm_func(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *dst = &sim_cur_regs(env)[insn->dst_reg];
	int target = env->insn_idx + insn->imm + 1;
	int subprog = sim_find_subprog(env, target);

	if (subprog < 0)
		return sim_bug(env, "no subprog starts at insn %d", target);
	if (env->p->no_func_info)
		return sim_reject(env, -EINVAL, "missing btf func_info\n");
	if (env->p->subprogs[subprog].global)
		return sim_reject(env, -EINVAL, "callback function not static\n");
	sim_reg_mark_ptr(dst, PTR_TO_FUNC);
	dst->subprogno = (uint32_t)subprog;
	return 0;
}

/* mirrors set_rbtree_add_callback_state(): both arguments are non-owning
 * references to nodes of the tree's value type; R0 is 0 or 1 */
static int set_rbtree_add_callback_state(struct sim_env *env, const struct sim_func *caller,
					 struct sim_func *callee, const void *arg)
{
	const struct sim_field *root = arg;

	(void)caller;
	for (int r = 1; r <= 2; r++) {
		struct sim_reg *reg = &callee->regs[r];
		struct sim_record rec;

		/* mark_reg_graph_node() + ref_set_non_owning() */
		sim_reg_mark_ptr(reg, PTR_TO_BTF_ID | MEM_ALLOC);
		reg->btf = root->root_btf;
		reg->btf_id = root->value_btf_id;
		sim_scalar_mark_known(&reg->s, root->node_off);
		reg->type |= NON_OWN_REF;
		if (sim_reg_btf_record(env, reg, &rec) && rec.refcount_off >= 0)
			reg->type |= MEM_RCU;
	}
	callee->callback_ret_min = 0;
	callee->callback_ret_max = 1;
	return 0;
}

/* mirrors push_callback_call() with set_rbtree_add_callback_state() */
int sim_push_rbtree_add_callback(struct sim_env *env, int subprog, const struct sim_field *root)
{
	int err;

	if (subprog <= 0 || subprog >= env->p->subprog_cnt)
		return sim_bug(env, "callback subprog %d out of range", subprog);
	if (!root || !root->value_btf_id)
		return -EFAULT;
	err = sim_push_callback_frame(env, subprog, set_rbtree_add_callback_state, root);
	if (!err)
		sim_cur_frame(env->cur)->callback_depth = 0;
	return err;
}
