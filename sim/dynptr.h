/* BPF dynptrs (dynptr.c): struct bpf_dynptr objects on the program's stack
 * and the CONST_PTR_TO_DYNPTR registers callbacks and global functions
 * get, as Linux 7.3's kernel/bpf/verifier.c checks them. */
#ifndef VERISTEP_SIM_DYNPTR_H
#define VERISTEP_SIM_DYNPTR_H

#include <stdbool.h>
#include <stdint.h>

struct btf;
struct sim_env;
struct sim_func;
struct sim_reg;

/* mirrors enum bpf_dynptr_type (include/linux/bpf.h) */
enum sim_dynptr_type {
	SIM_DYNPTR_TYPE_INVALID,
	SIM_DYNPTR_TYPE_LOCAL,
	SIM_DYNPTR_TYPE_RINGBUF,
	SIM_DYNPTR_TYPE_SKB,
	SIM_DYNPTR_TYPE_XDP,
	SIM_DYNPTR_TYPE_SKB_META,
	SIM_DYNPTR_TYPE_FILE,
};

/* mirrors DYNPTR_TYPE_FLAG_MASK */
#define SIM_DYNPTR_TYPE_FLAG_MASK                                                   \
	(DYNPTR_TYPE_LOCAL | DYNPTR_TYPE_RINGBUF | DYNPTR_TYPE_SKB | DYNPTR_TYPE_XDP | \
	 DYNPTR_TYPE_SKB_META | DYNPTR_TYPE_FILE)

/* mirrors struct bpf_dynptr_desc: the last initialized dynptr argument of
 * a call (meta->dynptr); type INVALID until one was seen */
struct sim_dynptr_desc {
	uint32_t type;
	uint32_t id;
	uint32_t parent_id;
};

/* mirrors process_dynptr_func() for the dynptr argument in R@regno.
 * @arg_type is ARG_PTR_TO_DYNPTR with the kernel's flags (DYNPTR_TYPE_*,
 * MEM_UNINIT to construct one, OBJ_RELEASE to destroy one); @ref_obj_id
 * and @ref_obj_cnt are meta->ref_obj (the referenced arguments seen so
 * far: a constructed dynptr's parent). @dynptr is meta->dynptr (NULL for
 * a global function's argument). 0 or a negative error after the log. */
int sim_process_dynptr_func(struct sim_env *env, int regno, int insn_idx, const char *call_name,
			    uint32_t arg_type, uint32_t ref_obj_id, int ref_obj_cnt,
			    struct sim_dynptr_desc *dynptr);

/* mirrors unmark_stack_slots_dynptr(): release_reg() of a dynptr release
 * argument (bpf_ringbuf_submit_dynptr, bpf_dynptr_file_discard ...) */
int sim_unmark_stack_slots_dynptr(struct sim_env *env, const struct sim_reg *reg);

/* mirrors destroy_if_dynptr_stack_slot(): a write over slot @spi of @f
 * destroys the dynptr there (and its slices); the last dynptr of a
 * referenced object may not be overwritten */
int sim_destroy_if_dynptr_stack_slot(struct sim_env *env, struct sim_func *f, int spi);

/* The STACK_DYNPTR part of release_reference(): dynptr slots whose id or
 * parent_id is @id are invalidated (invalidate_dynptr()); the ids of those
 * derived from @id are appended to @children (at most @max) */
void sim_dynptr_release_slots(struct sim_env *env, uint32_t id, uint32_t *children, int *n,
			      int max);

/* mirrors __mark_dynptr_reg() for a callback's or a global function's
 * argument (mark_dynptr_cb_reg()): CONST_PTR_TO_DYNPTR of @type, new id */
void sim_mark_dynptr_cb_reg(struct sim_env *env, struct sim_reg *reg, uint32_t type);

/* mirrors get_dynptr_type_flag(): the DYNPTR_TYPE_* register flag */
uint32_t sim_dynptr_type_flag(uint32_t type);
/* mirrors dynptr_type_str() of log.c */
const char *sim_dynptr_type_str(uint32_t type);
/* mirrors btf_is_dynptr_ptr(): @type_id is a pointer to struct bpf_dynptr */
bool sim_btf_is_dynptr_ptr(const struct btf *btf, uint32_t type_id);

#endif
