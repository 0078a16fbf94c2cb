/* Sync callbacks of helpers (callbacks_core.c). */
#ifndef VERISTEP_SIM_CALLBACKS_CORE_H
#define VERISTEP_SIM_CALLBACKS_CORE_H

#include <stdbool.h>

struct sim_env;
struct sim_func;

/* fills a callback's entry frame (a set_*_callback_state()) */
typedef int sim_callback_setup_fn(struct sim_env *env, const struct sim_func *caller,
				  struct sim_func *callee, const void *arg);

/* mirrors push_callback_call()'s frame setup: pushes a path entering
 * subprogram @subprog as a callback frame that @set fills from @arg */
int sim_push_callback_frame(struct sim_env *env, int subprog, sim_callback_setup_fn *set,
			    const void *arg);

/* Whether helper @func_id runs a callback synchronously and the
 * simulator models it (set_*_callback_state() below). */
bool sim_helper_callback_modelled(int func_id);

/* mirrors push_callback_call() for helper @func_id calling subprogram
 * @subprog: pushes a path that enters the callback with the entry state
 * the kernel's set_*_callback_state() gives it. The caller's path goes on
 * after the call. 0, or a negative error. */
int sim_push_helper_callback(struct sim_env *env, int func_id, int subprog);

#endif
