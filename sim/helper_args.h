/* Helper-argument rules of check_func_arg() that do not depend on the
 * call's bookkeeping (helper_args.c), and check_map_func_compatibility()
 * (helper_map_compat.c). */
#ifndef VERISTEP_SIM_HELPER_ARGS_H
#define VERISTEP_SIM_HELPER_ARGS_H

#include <stdbool.h>
#include <stdint.h>

struct sim_env;
struct sim_reg;
struct sim_map_view;

/* mirrors check_func_arg_reg_off(): the offsets a pointer of its type may
 * carry when passed as an argument of type @arg_type */
int sim_helper_arg_reg_off(struct sim_env *env, const struct sim_reg *reg, int regno,
			   uint32_t arg_type);
/* mirrors check_arg_const_str(): R@regno points to a NUL-terminated string
 * in a frozen read-only array map */
int sim_helper_arg_const_str(struct sim_env *env, int regno);
/* mirrors check_ptr_alignment() with strict_alignment_once */
int sim_helper_arg_aligned(struct sim_env *env, const struct sim_reg *reg, int off, int size);
/* mirrors check_map_access_type(): BPF_F_RDONLY_PROG / BPF_F_WRONLY_PROG */
int sim_check_map_access_type(struct sim_env *env, const struct sim_reg *reg, int off, int size,
			      bool write);
/* mirrors check_bpf_snprintf_call(): the format in R3 for R5/8 values */
int sim_helper_snprintf_fmt(struct sim_env *env);
/* mirrors check_map_func_compatibility(), both directions */
int sim_check_map_func_compatibility(struct sim_env *env, const struct sim_map_view *map,
				     int func_id);

#endif
