/* Open-coded iterators (iter.c): bpf_iter_<type>_new / _next / _destroy
 * kfuncs and the iterator's stack slots, as Linux 7.3 models them. */
#ifndef VERISTEP_SIM_ITER_H
#define VERISTEP_SIM_ITER_H

#include <stdbool.h>
#include <stdint.h>

struct btf;
struct btf_type;
struct sim_env;
struct sim_reg;
struct sim_state;

/* What process_iter_arg() needs of the kfunc (the kernel's
 * bpf_call_arg_meta) and what it leaves there for the rest of the call. */
struct sim_iter_arg {
	const struct btf *btf;          /* the kfunc's BTF */
	const struct btf_type *proto;   /* its FUNC_PROTO */
	const char *func_name;
	uint32_t kfunc_flags;           /* KF_* of the kfunc */
	/* out (meta->iter, meta->ref_obj): an initialized iterator's slot */
	bool found;
	int spi;
	uint32_t frameno;
	uint32_t ref_id;                /* the iterator's reference id */
	int ref_cnt;                    /* update_ref_obj() calls */
};

/* mirrors process_iter_arg() for argument @arg_idx in R@regno */
int sim_process_iter_arg(struct sim_env *env, int regno, int arg_idx, struct sim_iter_arg *ia);
/* mirrors process_iter_next_call(): forks the ACTIVE (R0 != NULL) path,
 * the current one continues DRAINED with R0 = 0 */
int sim_process_iter_next_call(struct sim_env *env, int insn_idx, const struct sim_iter_arg *ia);
/* mirrors get_iter_from_state() */
struct sim_reg *sim_iter_from_state(struct sim_state *st, const struct sim_iter_arg *ia);

/* find_prev_entry() + widen_imprecise_scalars(): @cur, back at
 * @insn_idx, forgets imprecise scalars that changed since the nearest
 * checkpoint there on the current path */
void sim_widen_from_prev_entry(struct sim_env *env, struct sim_state *cur, int insn_idx);
void sim_widen_queued(struct sim_env *env, const struct sim_state *from, struct sim_state *queued,
		      int insn_idx);

/* insn_aux->is_iter_next: the call at @insn_idx is a KF_ITER_NEXT kfunc */
bool sim_is_iter_next_insn(const struct sim_env *env, int insn_idx);
/* the iterator R1 of @cur points to is ACTIVE (is_state_visited() at an
 * iter_next() call, once states_equal() vouched for R1) */
bool sim_iter_r1_active(const struct sim_state *cur);
/* mirrors iter_active_depths_differ() */
bool sim_iter_active_depths_differ(const struct sim_state *old, const struct sim_state *cur);

/* mirrors iter_type_str() / iter_state_str() of log.c */
const char *sim_iter_type_str(const struct btf *btf, uint32_t btf_id);
const char *sim_iter_state_str(uint32_t state);

#endif
