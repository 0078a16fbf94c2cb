/* Sync callbacks of helpers: bpf_loop(), bpf_for_each_map_elem() and
 * bpf_find_vma(), mirroring
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
 * bpf_for_each_map_elem's callback_fn(map, key, value, ctx) gets the map,
 * a key and a value of it (set_map_elem_callback_state(), only for the
 * maps whose ops have map_set_for_each_callback_args) and bpf_find_vma's
 * callback_fn(task, vma, ctx) the task and a struct vm_area_struct
 * (set_find_vma_callback_state()). Async callbacks (bpf_timer, bpf_wq)
 * start from a fresh state instead: async_cb.c.
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

#include <bpf/btf.h>

#include "callbacks_core.h"
#include "check.h"
#include "dynptr.h"

/* the kernel-internal ENOTSUPP (include/linux/errno.h) */
#define SIM_ENOTSUPP 524

typedef int callback_state_fn(struct sim_env *env, const struct sim_func *caller,
			      struct sim_func *callee);

/* mirrors set_loop_callback_state() */
static int set_loop_callback_state(struct sim_env *env, const struct sim_func *caller,
				   struct sim_func *callee)
{
	(void)env;
	sim_reg_mark_unknown(&callee->regs[1]);
	callee->regs[2] = caller->regs[3];
	callee->callback_ret_min = 0;
	callee->callback_ret_max = 1;
	return 0;
}

/* the maps whose ops have map_set_for_each_callback_args and
 * map_for_each_callback (arraymap.c, hashtab.c) */
static bool map_has_for_each_callback(uint32_t map_type)
{
	switch (map_type) {
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_RHASH:
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
		return true;
	default:
		return false;
	}
}

/* a register pointing at offset 0 of the map @like names, as
 * __mark_reg_known_zero() leaves it */
static void mark_map_ptr(struct sim_reg *reg, uint32_t type, const struct sim_reg *like)
{
	sim_reg_mark_ptr(reg, type);
	reg->map = like->map;
	reg->map_uid = like->map_uid;
}

/* mirrors set_map_elem_callback_state() with
 * map_set_for_each_callback_args(): callback_fn(map, key, value, ctx) */
static int set_map_elem_callback_state(struct sim_env *env, const struct sim_func *caller,
				       struct sim_func *callee)
{
	const struct sim_reg *map = &caller->regs[1];

	if (!map->map || !map_has_for_each_callback(map->map->type))
		return sim_reject(env, -SIM_ENOTSUPP, "callback function not allowed for map\n");
	callee->regs[1] = caller->regs[1];
	mark_map_ptr(&callee->regs[2], PTR_TO_MAP_KEY, map);
	mark_map_ptr(&callee->regs[3], PTR_TO_MAP_VALUE, map);
	callee->regs[3].id = ++env->id_gen;
	/* pointer to stack or null */
	callee->regs[4] = caller->regs[3];
	callee->callback_ret_min = 0;
	callee->callback_ret_max = 1;
	return 0;
}

/* mirrors set_find_vma_callback_state(): callback_fn(task, vma, ctx) */
static int set_find_vma_callback_state(struct sim_env *env, const struct sim_func *caller,
				       struct sim_func *callee)
{
	int vma = env->p->vmlinux_btf ? btf__find_by_name_kind(env->p->vmlinux_btf,
							       "vm_area_struct", BTF_KIND_STRUCT)
				      : -1;

	/* btf_tracing_ids[BTF_TRACING_TYPE_VMA] */
	if (vma <= 0)
		return sim_unsupported(env, "no struct vm_area_struct in the kernel BTF");
	callee->regs[1] = caller->regs[1];
	sim_reg_mark_ptr(&callee->regs[2], PTR_TO_BTF_ID);
	callee->regs[2].btf = env->p->vmlinux_btf;
	callee->regs[2].btf_id = (uint32_t)vma;
	/* pointer to stack or null */
	callee->regs[3] = caller->regs[4];
	callee->callback_ret_min = 0;
	callee->callback_ret_max = 1;
	return 0;
}

/* mirrors set_user_ringbuf_callback_state(): callback_fn(const struct
 * bpf_dynptr *dynptr, void *ctx), the dynptr a CONST_PTR_TO_DYNPTR */
static int set_user_ringbuf_callback_state(struct sim_env *env, const struct sim_func *caller,
					   struct sim_func *callee)
{
	sim_mark_dynptr_cb_reg(env, &callee->regs[1], SIM_DYNPTR_TYPE_LOCAL);
	callee->regs[2] = caller->regs[3];
	callee->callback_ret_min = 0;
	callee->callback_ret_max = 1;
	return 0;
}

static callback_state_fn *const callback_state[] = {
	[BPF_FUNC_for_each_map_elem] = set_map_elem_callback_state,
	[BPF_FUNC_find_vma] = set_find_vma_callback_state,
	[BPF_FUNC_loop] = set_loop_callback_state,
	[BPF_FUNC_user_ringbuf_drain] = set_user_ringbuf_callback_state,
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

/* mirrors push_callback_call()'s frame setup (setup_func_entry()): a path
 * pushed at the callback's first instruction, in a new frame that @set
 * fills (its R1-R5 start unreadable), a callback frame of the caller */
int sim_push_callback_frame(struct sim_env *env, int subprog, sim_callback_setup_fn *set,
			    const void *arg)
{
	struct sim_state *st;
	struct sim_func *callee;
	int err;

	if (subprog <= 0 || subprog >= env->p->subprog_cnt)
		return sim_bug(env, "callback subprog %d out of range", subprog);
	st = sim_push_stack(env, env->p->subprogs[subprog].start, env->insn_idx);
	if (!st)
		return sim_bug(env, "out of memory");
	if (st->curframe + 1 >= SIM_MAX_FRAMES)
		return sim_reject(env, -E2BIG, "the call stack of %d frames is too deep\n",
				  st->curframe + 2);
	callee = sim_func_new(st->curframe + 1, env->insn_idx, (uint32_t)subprog);
	if (!callee)
		return sim_bug(env, "out of memory");
	err = set(env, st->frame[st->curframe], callee, arg);
	if (err) {
		free(callee->stack);
		free(callee);
		return err;
	}
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

/* a helper's set_*_callback_state(), which takes no argument */
static int helper_setup(struct sim_env *env, const struct sim_func *caller, struct sim_func *callee,
			const void *arg)
{
	const struct { callback_state_fn *fn; } *h = arg;

	return h->fn(env, caller, callee);
}

int sim_push_helper_callback(struct sim_env *env, int func_id, int subprog)
{
	const struct { callback_state_fn *fn; } h = { setter_of(func_id) };

	if (!h.fn)
		return sim_unsupported(env, "callback of helper #%d", func_id);
	return sim_push_callback_frame(env, subprog, helper_setup, &h);
}
