/* bpf_timer map-value fields and async callbacks, mirroring
 * check_map_field_pointer(), process_map_ptr_arg(), push_async_cb() and
 * set_timer_callback_state() of Linux 7.3's kernel/bpf/verifier.c.
 *
 * How it works
 * ------------
 * A bpf_timer lives in a map value (btf_record.c finds it as a special
 * field); the timer helpers take a pointer to it (ARG_PTR_TO_TIMER), which
 * must sit at the constant offset of the record's timer, and remember the
 * map, so that bpf_timer_init()'s map argument can be checked against it.
 *
 * bpf_timer_set_callback() names a subprogram that the kernel runs later,
 * from a timer interrupt, not while the program runs: unlike a sync
 * callback (callbacks_core.c) it does not start from a copy of the
 * caller's state. push_async_cb() queues a fresh state whose only frame
 * (frame 0) is the callback, with R1 the map, R2 the key and R3 the value
 * (set_timer_callback_state()), never sleepable, returning 0
 * (in_async_callback_fn: check_return_code() says "At async callback
 * return"). Its exit is a program exit: references and locks must be gone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "async_cb.h"
#include "check.h"
#include "kfuncs.h"
#include "object.h"

/* include/linux/bpf_verifier.h (verifier.c has its own copy) */
#define BPF_COMPLEXITY_LIMIT_JMP_SEQ 8192

/* whether the map of @m is the inner-map template of a map-in-map: its
 * values are reached through lookups whose map_uid the simulator does not
 * track */
static bool is_inner_map_template(const struct sim_env *env, const struct sim_map_view *m)
{
	for (int i = 0; i < env->p->map_cnt; i++) {
		const struct sim_map *om = env->p->maps[i].map;

		if (om && om->inner_map >= 0 && om->inner_map < env->p->map_cnt &&
		    &env->p->maps[om->inner_map] == m)
			return true;
	}
	return false;
}

/* mirrors check_map_field_pointer(): R@regno points at the map value's
 * field of type @field (a bpf_timer, bpf_wq or bpf_task_work) */
int sim_check_map_field_pointer(struct sim_env *env, int regno, enum sim_field_type field,
				const struct sim_map_view **map)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const char *sname = sim_field_type_name(field);
	struct sim_record rec;
	int field_off = -1;

	if (!sim_reg_is_const(reg))
		return sim_reject(env, -EINVAL,
				  "R%d doesn't have constant offset. %s has to be at the constant offset\n",
				  regno, sname);
	if (!reg->map || !sim_map_value_type(reg->map) || !env->p->btf)
		return sim_unsupported(env, "%s in a map without value BTF", sname);
	if (is_inner_map_template(env, reg->map))
		return sim_unsupported(env, "%s in an inner map (map_uid)", sname);
	if (!sim_reg_btf_record(env, reg, &rec) || !(rec.field_mask & field))
		return sim_reject(env, -EINVAL, "map '%.15s' has no valid %s\n", reg->map->name, sname);
	/* map_check_btf(): other map types cannot hold these fields, the
	 * map is never created (-EOPNOTSUPP) and no verifier runs */
	if (reg->map->type != BPF_MAP_TYPE_HASH && reg->map->type != BPF_MAP_TYPE_RHASH &&
	    reg->map->type != BPF_MAP_TYPE_LRU_HASH && reg->map->type != BPF_MAP_TYPE_ARRAY)
		return sim_unsupported(env, "%s in a map of type %u", sname, reg->map->type);
	for (int i = 0; i < rec.cnt; i++)
		if (rec.fields[i].type == field) {
			field_off = (int)rec.fields[i].off;
			break;
		}
	if ((uint64_t)(int64_t)field_off != reg->s.var_off.value)
		return sim_reject(env, -EINVAL, "off %lld doesn't point to 'struct %s' that is at %d\n",
				  (long long)reg->s.var_off.value, sname, field_off);
	if (*map)
		return sim_bug(env, "Two map pointers in a %s helper", sname);
	*map = reg->map;
	return 0;
}

/* mirrors process_timer_func() (CONFIG_PREEMPT_RT is off) */
int sim_process_timer_func(struct sim_env *env, int regno, const struct sim_map_view **map)
{
	return sim_check_map_field_pointer(env, regno, SIM_FIELD_TIMER, map);
}

/* mirrors process_map_ptr_arg() */
int sim_process_map_ptr_arg(struct sim_env *env, int regno, const struct sim_map_view **map)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const char *obj_name = "workqueue";
	struct sim_reg value = { .type = PTR_TO_MAP_VALUE };
	struct sim_record rec;

	/* map_uid stays 0 outside inner maps, which the field side refuses
	 * (is_inner_map_template()); comparing the maps is enough */
	if (!*map || *map == reg->map) {
		*map = reg->map;
		return 0;
	}
	value.map = *map;
	if (sim_reg_btf_record(env, &value, &rec)) {
		if (rec.field_mask & SIM_FIELD_TIMER)
			obj_name = "timer";
		else if (rec.field_mask & SIM_FIELD_TASK_WORK)
			obj_name = "bpf_task_work";
	}
	return sim_reject(env, -EINVAL,
			  "%s pointer in R%d map_uid=%d doesn't match map pointer in R%d map_uid=%d\n",
			  obj_name, regno - 1, 0, regno, (int)reg->map_uid);
}

/* mirrors set_timer_callback_state() and
 * set_task_work_schedule_callback_state(): callback_fn(map, key, value)
 * of the map @mapreg (the caller's timer/wq value or task_work map),
 * returning a value in [@ret_min, @ret_max] */
static void set_async_callback_state(struct sim_env *env, const struct sim_reg *mapreg,
				     struct sim_func *callee, int32_t ret_min, int32_t ret_max)
{
	sim_reg_mark_ptr(&callee->regs[1], CONST_PTR_TO_MAP);
	callee->regs[1].map = mapreg->map;
	callee->regs[1].map_uid = mapreg->map_uid;
	sim_reg_mark_ptr(&callee->regs[2], PTR_TO_MAP_KEY);
	callee->regs[2].map = mapreg->map;
	callee->regs[2].map_uid = mapreg->map_uid;
	sim_reg_mark_ptr(&callee->regs[3], PTR_TO_MAP_VALUE);
	callee->regs[3].map = mapreg->map;
	callee->regs[3].map_uid = mapreg->map_uid;
	callee->regs[3].id = ++env->id_gen;
	callee->in_async_callback_fn = true;
	callee->callback_ret_min = ret_min;
	callee->callback_ret_max = ret_max;
}

/* mirrors push_async_cb(): a fresh state, not a copy of the caller's */
static struct sim_state *push_async_cb(struct sim_env *env, int subprog, bool sleepable)
{
	struct sim_state *parent = env->replay ? NULL : env->cur->parent;
	int start = env->p->subprogs[subprog].start;
	struct sim_state *st, *fresh;
	struct sim_func *f;

	/* push_async_cb()'s own complexity message */
	if (!env->replay && env->stack_size + 1 > BPF_COMPLEXITY_LIMIT_JMP_SEQ) {
		sim_reject(env, -E2BIG, "The sequence of %d jumps is too complex for async cb.\n",
			   env->stack_size + 1);
		return NULL;
	}
	st = sim_push_stack(env, start, env->insn_idx);
	if (!st)
		return NULL;
	/* sim_push_stack() copied the caller's state and counted a branch of
	 * its parent; the async state has no parent */
	if (parent && parent->branches)
		parent->branches--;
	fresh = sim_state_new();
	f = sim_func_new(0, -1, (uint32_t)subprog);
	if (!fresh || !f) {
		sim_state_free(fresh);
		free(f);
		return NULL;
	}
	/* init_func_state() + init_reg_state(): R1-R9 unreadable, R10 fp */
	sim_reg_mark_ptr(&f->regs[SIM_FP], PTR_TO_STACK);
	f->regs[SIM_FP].frameno = 0;
	fresh->frame[0] = f;
	fresh->curframe = 0;
	fresh->branches = 1;
	fresh->in_sleepable = sleepable;
	/* the kernel's stack element is zeroed: first_insn_idx 0 until the
	 * first checkpoint ("mark_precise: frame0: last_idx 25 first_idx 0") */
	if (sim_state_copy(st, fresh)) {
		sim_state_free(fresh);
		return NULL;
	}
	sim_state_free(fresh);
	/* mark_verifier_state_scratched() */
	env->all_scratched = true;
	return st;
}

static int push_async_callback(struct sim_env *env, int subprog, bool sleepable, int mapregno,
			       int32_t ret_min, int32_t ret_max)
{
	const struct sim_reg *mapreg = &sim_cur_regs(env)[mapregno];
	struct sim_state *st;

	if (subprog <= 0 || subprog >= env->p->subprog_cnt)
		return sim_bug(env, "callback subprog %d out of range", subprog);
	st = push_async_cb(env, subprog, sleepable);
	if (!st)
		return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
	set_async_callback_state(env, mapreg, st->frame[0], ret_min, ret_max);
	return 0;
}

int sim_push_async_callback(struct sim_env *env, int subprog, bool sleepable)
{
	/* set_timer_callback_state(): R1's map, callback_ret_range [0, 0] */
	return push_async_callback(env, subprog, sleepable, 1, 0, 0);
}

int sim_push_task_work_callback(struct sim_env *env, int subprog)
{
	/* is_async_cb_sleepable(): always sleepable;
	 * set_task_work_schedule_callback_state(): R3's map, any s32 */
	return push_async_callback(env, subprog, true, 3, INT32_MIN, INT32_MAX);
}
