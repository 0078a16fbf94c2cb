/* The "Verification failed:" block of Linux 7.3 (kernel/bpf/diagnostics.c),
 * printed into the level-1/2 log right after the classic error line. */
#ifndef VERISTEP_SIM_DIAGNOSTICS_H
#define VERISTEP_SIM_DIAGNOSTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct btf;
struct sim_env;

/* The categories, as the kernel names them. */
#define SIM_DIAG_REGISTER_TYPE_SAFETY "Register Type Safety"
#define SIM_DIAG_MEMORY_SAFETY "Memory Safety"
#define SIM_DIAG_PROGRAM_STRUCTURE "Program Structure"
#define SIM_DIAG_CALL_TYPE_SAFETY "Call Type Safety"
#define SIM_DIAG_RESOURCE_LIFETIME_SAFETY "Resource Lifetime Safety"
#define SIM_DIAG_EXECUTION_CONTEXT_SAFETY "Execution Context Safety"
#define SIM_DIAG_POLICY "Policy"

/* enum bpf_diag_context_kind: the regions a path can be inside */
enum sim_diag_ctx {
	SIM_DIAG_CTX_NONE,
	SIM_DIAG_CTX_RCU,
	SIM_DIAG_CTX_PREEMPT,
	SIM_DIAG_CTX_IRQ,
	SIM_DIAG_CTX_LOCK,
};
/* mirrors diag_context_name(): "RCU read lock region" ... */
const char *sim_diag_ctx_name(enum sim_diag_ctx kind);

/* mirrors bpf_diag_source(): the "At"-style location of @insn_idx with the
 * "^-- @label: @msg" annotation and the instruction context */
void sim_diag_source(struct sim_env *env, int insn_idx, const char *label, const char *msg);
/* mirrors bpf_diag_res(): "Resource Lifetime Safety" block */
void sim_diag_res(struct sim_env *env, int insn_idx, const char *problem, const char *reason,
		  const char *suggestion);
/* mirrors bpf_diag_unreadable_reg() (never-initialized variant) */
void sim_diag_unreadable_reg(struct sim_env *env, int insn_idx, int regno);
/* enum bpf_diag_invalid_deref_kind */
enum sim_diag_deref {
	SIM_DIAG_DEREF_SCALAR,
	SIM_DIAG_DEREF_NULLABLE_PTR,
	SIM_DIAG_DEREF_MODIFIED_PTR,
	SIM_DIAG_DEREF_INVALID_PTR,
};
/* mirrors bpf_diag_invalid_deref() for register @regno of type @type */
void sim_diag_invalid_deref(struct sim_env *env, int insn_idx, int regno, uint32_t type,
			    enum sim_diag_deref kind, int64_t offset);
/* the same, the kind chosen as check_mem_access()'s last branch does;
 * returns @err (the caller's sim_reject() result) */
int sim_diag_bad_deref(struct sim_env *env, int err, int insn_idx, int regno, uint32_t type);
/* __check_ptr_off_reg(): bpf_diag_invalid_deref(MODIFIED_PTR); returns @err */
int sim_diag_modified_ptr(struct sim_env *env, int err, int regno, uint32_t type, int64_t off);
/* mirrors bpf_diag_leak() */
void sim_diag_leak(struct sim_env *env, int ref_id, int alloc_insn, int fail_insn);
/* mirrors bpf_diag_invalid_deref(BPF_DIAG_DEREF_SCALAR) */
void sim_diag_deref_scalar(struct sim_env *env, int insn_idx, int regno);
/* mirrors bpf_diag_program_structure(): @reason already formatted */
void sim_diag_program_structure(struct sim_env *env, int insn_idx, const char *problem,
				const char *suggestion, const char *reason);
/* the same, for check_subprogs() (before line info is loaded) */
void sim_diag_program_structure_early(struct sim_env *env, int insn_idx, const char *problem,
				      const char *suggestion, const char *reason);
/* mirrors bpf_diag_fmt_btf_type(): "(struct foo *)" into @buf */
const char *sim_diag_fmt_btf_type(const struct btf *btf, uint32_t type_id, char *buf, size_t size);
/* mirrors bpf_diag_reg_type_plain(): "a context pointer" ... */
const char *sim_diag_reg_type_plain(uint32_t type, char *buf, size_t size);
/* mirrors bpf_diag_call_arg_fmt() for register argument @regno */
void sim_diag_call_arg(struct sim_env *env, int insn_idx, int regno, const char *call_name,
		       const char *suggestion, const char *reason_fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* the same, returning @err (the caller's sim_reject() result) */
int sim_diag_call_arg_err(struct sim_env *env, int err, int regno, const char *call_name,
			  const char *suggestion, const char *reason_fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* check_reg_type(): a helper argument of none of the @n accepted @types */
void sim_diag_arg_types(struct sim_env *env, int regno, const char *call_name, uint32_t type,
			const uint32_t *types, int n);
/* check_reg_type(): a nullable pointer passed where NULL is not allowed;
 * returns @err */
int sim_diag_null_arg(struct sim_env *env, int err, int regno, const char *call_name);
/* the four bound errors of check_mem_region_access() */
enum sim_diag_bounds {
	SIM_DIAG_BOUNDS_MIN_NEGATIVE,
	SIM_DIAG_BOUNDS_MIN_OUTSIDE,
	SIM_DIAG_BOUNDS_UNBOUNDED,
	SIM_DIAG_BOUNDS_MAX_OUTSIDE,
};
struct sim_reg;
/* mirrors bpf_diag_mem_bounds() as check_mem_region_access() calls it;
 * returns @err (the caller's sim_reject() result) */
int sim_diag_mem_bounds(struct sim_env *env, int err, const struct sim_reg *reg, int regno,
			int off, int size, uint32_t mem_size, enum sim_diag_bounds kind);

/* the rejections of adjust_ptr_min_max_vals() */
enum sim_diag_ptr_arith {
	SIM_DIAG_PTR_32BIT,
	SIM_DIAG_PTR_NULL,
	SIM_DIAG_PTR_KIND,
	SIM_DIAG_PTR_OFF_SCALAR,
	SIM_DIAG_PTR_OFF_PTR,
	SIM_DIAG_PTR_SUB_FROM_SCALAR,
	SIM_DIAG_PTR_SUB_STACK,
	SIM_DIAG_PTR_BITWISE,
	SIM_DIAG_PTR_OPERATOR,
	SIM_DIAG_PTR_OFF_RESULT,
};
/* mirrors adjust_ptr_min_max_vals()'s bpf_diag_register_type() calls for
 * @kind (@op: the operator's bpf_alu_string); returns @err */
int sim_diag_ptr_arith(struct sim_env *env, int err, enum sim_diag_ptr_arith kind, int ptr_regno,
		       int dst, uint32_t ptr_type, const char *op);

/* The execution-context blocks; each returns @err (the caller's
 * sim_reject() result) and takes the operation as a printf format. */
/* mirrors bpf_diag_ctx_forbidden(): the region is the innermost active one
 * (RCU, preemption, IRQ, lock), else the non-sleepable program */
int sim_diag_ctx_forbidden(struct sim_env *env, int err, const char *suggestion,
			   const char *op_fmt, ...) __attribute__((format(printf, 4, 5)));
/* mirrors bpf_diag_ctx_active() */
int sim_diag_ctx_active(struct sim_env *env, int err, enum sim_diag_ctx kind,
			const char *suggestion, const char *op_fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* mirrors bpf_diag_ctx_required() */
int sim_diag_ctx_required(struct sim_env *env, int err, enum sim_diag_ctx kind,
			  const char *suggestion, const char *operation);
/* mirrors bpf_diag_ctx_underflow() */
int sim_diag_ctx_underflow(struct sim_env *env, int err, enum sim_diag_ctx kind,
			   const char *suggestion, const char *operation);
/* mirrors bpf_diag_policy() */
int sim_diag_policy(struct sim_env *env, int err, const char *reason, const char *suggestion,
		    const char *op_fmt, ...) __attribute__((format(printf, 5, 6)));
struct sim_ref;
/* mirrors bpf_diag_lock(): @lock, when not NULL, is the active lock shown
 * in the "Active lock" section */
int sim_diag_lock(struct sim_env *env, int err, const char *problem, const char *reason,
		  const char *suggestion, const struct sim_ref *lock);
/* mirrors bpf_diag_irq() with bpf_diag_irq_depth() of the current state */
int sim_diag_irq(struct sim_env *env, int err, const char *problem, const char *suggestion,
		 const char *reason_fmt, ...) __attribute__((format(printf, 5, 6)));
/* mirrors bpf_diag_stack_read_uninit() -> bpf_diag_memory(): byte @i of
 * a @size-byte stack read at @off is not data; returns @err */
int sim_diag_stack_read_uninit(struct sim_env *env, int err, int off, int i, int size);
/* sim_diag_res() at env->insn_idx; returns @err */
int sim_diag_res_err(struct sim_env *env, int err, const char *problem, const char *reason,
		     const char *suggestion);

/* diag_history.c: the event log of the path being walked */
void sim_diag_free(struct sim_env *env);
/* mirrors bpf_diag_event_log_save() / _restore() (push_stack(), pop_stack()) */
uint64_t sim_diag_log_save(struct sim_env *env);
void sim_diag_log_restore(struct sim_env *env, uint64_t pos);
/* do_check(): the conditional edge that led to env->insn_idx */
void sim_diag_record_edge(struct sim_env *env);
/* around do_check_insn(): what the instruction wrote (the kernel's
 * bpf_diag_mod_begin()/_end() and bpf_diag_record_*() sites) */
void sim_diag_insn_begin(struct sim_env *env);
void sim_diag_insn_end(struct sim_env *env);
/* the call's records (caller-saved scrubs, references, R0) made now, not
 * at sim_diag_insn_end(): check_kfunc_call() records R0 before
 * process_iter_next_call() forks the path */
void sim_diag_call_recorded(struct sim_env *env);
/* mirrors bpf_diag_mod_begin(@reg, NULL, BPF_DIAG_MOD_WRITE) and
 * bpf_diag_mod_end(): a write of @reg (a register or a spilled slot of
 * any frame) that the per-instruction recording does not see, such as
 * invalidate_rcu_protected_refs()'s demotions */
void sim_diag_mod_begin(struct sim_env *env, const struct sim_reg *reg);
void sim_diag_mod_end(struct sim_env *env);
/* mirrors bpf_diag_record_scrub(@reg, BPF_DIAG_MOD_WRITE) before a
 * write overwrites the spilled value @reg of a stack slot */
void sim_diag_record_scrub_write(struct sim_env *env, const struct sim_reg *reg);
/* mirrors bpf_diag_record_ref_acquire() for a reference taken outside any
 * instruction (a struct_ops program's __ref arguments at entry) */
void sim_diag_record_ref_acquire(struct sim_env *env, int insn_idx, int ref_id);
/* mirrors bpf_diag_record_scrub_stack(BPF_DIAG_MOD_VAR_WRITE): a
 * variable-offset write may have touched bytes [@min_off, @max_off) of the
 * stack of frame @f */
struct sim_func;
void sim_diag_record_stack_range(struct sim_env *env, const struct sim_func *f, int min_off,
				 int max_off);
/* clear_all_pkt_pointers()'s bpf_diag_record_scrub(PKT_DATA_CHANGE) of
 * every packet pointer of the current state, before they are cleared */
void sim_diag_record_pkt_change(struct sim_env *env);
/* mirrors diag_print_history() for a register of the current frame, and
 * for an owned reference */
void sim_diag_print_reg_history(struct sim_env *env, int regno);
void sim_diag_print_ref_history(struct sim_env *env, uint32_t ref_id);
/* mirrors bpf_diag_record_context(): @kind entered or left at @insn_idx,
 * @depth the region's depth after the change */
void sim_diag_record_context(struct sim_env *env, int insn_idx, enum sim_diag_ctx kind, bool enter,
			     uint32_t depth);
/* mirrors diag_print_history() with BPF_DIAG_HISTORY_SCOPE_CONTEXT */
void sim_diag_print_ctx_history(struct sim_env *env, enum sim_diag_ctx kind, uint32_t depth);
struct sim_state;
/* mirrors bpf_diag_irq_depth(): the IRQ flags the state holds */
uint32_t sim_diag_irq_depth(const struct sim_state *st);
/* the register's last recorded change left it NOT_INIT */
bool sim_diag_reg_invalidated(struct sim_env *env, int regno);

#endif
