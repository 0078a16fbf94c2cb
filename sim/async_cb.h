/* bpf_timer fields and async callbacks (async_cb.c). */
#ifndef VERISTEP_SIM_ASYNC_CB_H
#define VERISTEP_SIM_ASYNC_CB_H

#include <stdbool.h>
#include <stdint.h>

#include "kfuncs.h"

struct sim_env;
struct sim_reg;
struct sim_map_view;

/* mirrors check_map_field_pointer(): R@regno points at the map value's
 * @field (SIM_FIELD_TIMER, _WORKQUEUE, _TASK_WORK); its map goes to *@map */
int sim_check_map_field_pointer(struct sim_env *env, int regno, enum sim_field_type field,
				const struct sim_map_view **map);

/* mirrors check_map_field_pointer() for a bpf_timer (process_timer_func()):
 * R@regno points at the map value's struct bpf_timer; its map goes to
 * *@map. 0, or a negative error. */
int sim_process_timer_func(struct sim_env *env, int regno, const struct sim_map_view **map);

/* mirrors process_map_ptr_arg(): the map R@regno names must be the one
 * the timer of the argument before it lives in (*@map, NULL if none). */
int sim_process_map_ptr_arg(struct sim_env *env, int regno, const struct sim_map_view **map);

/* mirrors push_callback_call() for bpf_timer_set_callback() and
 * bpf_wq_set_callback(): push_async_cb() with set_timer_callback_state()
 * (R1 of the call: the timer's or workqueue's map value). The callback is
 * verified later as a path of its own, starting in a fresh state (frame 0,
 * the caller's state does not matter); @sleepable: is_async_cb_sleepable().
 * 0, or a negative error. */
int sim_push_async_callback(struct sim_env *env, int subprog, bool sleepable);

/* The same for bpf_task_work_schedule_signal/_resume():
 * set_task_work_schedule_callback_state() (R3 of the call: the map),
 * sleepable, any s32 returned. */
int sim_push_task_work_callback(struct sim_env *env, int subprog);

#endif
