/* BPF exceptions: bpf_throw() (Linux 7.3).
 *
 * A bpf_throw() call unwinds every frame and ends the program: the walk
 * treats it as an exit of the whole program ("exception exit",
 * process_bpf_exit_full(..., true)). With the default exception callback
 * the cookie in R1 becomes the program's return value, so it must lie in
 * the program type's return range (check_return_code(env, BPF_REG_1));
 * references and locks still held are leaks, in any frame. After the walk,
 * check_max_stack_depth() refuses a bpf_throw() reachable inside a callback
 * frame, which cannot be unwound (stack_depth.c).
 *
 * Not modelled: a custom exception callback (the main program's
 * "exception_callback:" decl tag), which the kernel verifies as a second
 * entry point: such programs are reported unsupported. */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "global_args.h"

/* bpf_is_throw_kfunc() on a kfunc call (check_max_stack_depth_subprog()
 * tests off == 0 first, as this does) */
bool sim_is_throw_kfunc(const struct sim_env *env, const struct bpf_insn *insn)
{
	const struct btf *vml = env->p->vmlinux_btf;
	const struct btf_type *t;

	if (insn->code != (BPF_JMP | BPF_CALL) || insn->src_reg != BPF_PSEUDO_KFUNC_CALL ||
	    insn->off || !vml || insn->imm <= 0)
		return false;
	t = btf__type_by_id(vml, (uint32_t)insn->imm);
	return t && btf_is_func(t) && !strcmp(btf__name_by_offset(vml, t->name_off), "bpf_throw");
}

/* the bpf_throw block of check_kfunc_call(), before the call clobbers
 * the argument registers */
int sim_throw_call(struct sim_env *env)
{
	/* bpf_find_exception_callback_insn_off() (global_args.c) */
	if (sim_exception_cb_subprog(env) > 0)
		return sim_unsupported(env, "bpf_throw with a custom exception callback");
	/* the default callback returns the cookie: the program's return range */
	return sim_check_return_code_reg(env, 1);
}

/* process_bpf_exit_full(env, NULL, true): the path ends here */
int sim_throw_exit(struct sim_env *env)
{
	int err = sim_check_resource_leak(env, true, true, "bpf_throw");

	return err ? err : SIM_PROCESS_EXIT;
}
