/* Sync callbacks of helpers: bpf_loop() and friends, mirroring
 * push_callback_call() and the set_*_callback_state() functions of Linux
 * 7.3's kernel/bpf/verifier.c.
 *
 * How it works
 * ------------
 * A helper that calls a BPF subprogram synchronously (bpf_loop's
 * callback_fn(u32 index, void *ctx)) is verified like a call: at the
 * helper call a copy of the caller's state is pushed with a new frame for
 * the callback (setup_func_entry()); what the callback's registers hold
 * on entry is the helper's business, described by one setter per helper
 * (set_loop_callback_state(): R1 the index, an unknown scalar; R2 the
 * caller's R3, the context; R3-R5 unreadable; return value in [0, 1]).
 * The caller's own path goes on after the call, with the helper's return
 * value; the callback's path is explored when it is popped; at its exit
 * check_call.c checks the return range and goes back to the call site,
 * where the call is pruned or checked again (see callbacks.c).
 *
 * The callback's subprogram comes from the PTR_TO_FUNC the helper got
 * (ARG_PTR_TO_FUNC, check_call.c); this file only builds the entry state.
 */
#include <stdbool.h>
#include <stdlib.h>

#include "callbacks_core.h"
#include "check.h"

typedef void callback_state_fn(const struct sim_func *caller, struct sim_func *callee);

/* mirrors set_loop_callback_state() */
static void set_loop_callback_state(const struct sim_func *caller, struct sim_func *callee)
{
	sim_reg_mark_unknown(&callee->regs[1]);
	callee->regs[2] = caller->regs[3];
	callee->callback_ret_min = 0;
	callee->callback_ret_max = 1;
}

static callback_state_fn *const callback_state[] = {
	[BPF_FUNC_loop] = set_loop_callback_state,
};

static callback_state_fn *setter_of(int func_id)
{
	return func_id > 0 && (size_t)func_id < sizeof(callback_state) / sizeof(callback_state[0])
		       ? callback_state[func_id]
		       : NULL;
}

bool sim_helper_callback_modelled(int func_id)
{
	return setter_of(func_id) != NULL;
}

int sim_push_helper_callback(struct sim_env *env, int func_id, int subprog)
{
	callback_state_fn *set_state = setter_of(func_id);
	struct sim_state *st;
	struct sim_func *callee;

	if (!set_state)
		return sim_unsupported(env, "callback of helper #%d", func_id);
	if (subprog <= 0 || subprog >= env->p->subprog_cnt)
		return sim_bug(env, "callback subprog %d out of range", subprog);
	st = sim_push_stack(env, env->p->subprogs[subprog].start, env->insn_idx);
	if (!st)
		return sim_bug(env, "out of memory");
	/* setup_func_entry() */
	if (st->curframe + 1 >= SIM_MAX_FRAMES)
		return sim_reject(env, -E2BIG, "the call stack of %d frames is too deep\n",
				  st->curframe + 2);
	callee = sim_func_new(st->curframe + 1, env->insn_idx, (uint32_t)subprog);
	if (!callee)
		return sim_bug(env, "out of memory");
	/* R1-R5 start unreadable unless the setter fills them */
	set_state(st->frame[st->curframe], callee);
	sim_reg_mark_ptr(&callee->regs[SIM_FP], PTR_TO_STACK);
	callee->regs[SIM_FP].frameno = (uint8_t)callee->frameno;
	callee->in_callback_fn = true;
	/* init_func_state() marks the whole state scratched: the caller's
	 * next instruction line shows every live register (e.g. "19: R10=fp0") */
	env->all_scratched = true;
	if (st->frame[st->curframe + 1]) {
		free(st->frame[st->curframe + 1]->stack);
		free(st->frame[st->curframe + 1]);
	}
	st->frame[st->curframe + 1] = callee;
	st->curframe++;
	st->callback_unroll_depth++;
	st->frame[st->curframe - 1]->callback_depth++;
	return 0;
}
