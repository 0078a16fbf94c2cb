/* The "Verification failed:" block of Linux 7.3 (kernel/bpf/diagnostics.c),
 * printed into the level-1/2 log right after the classic error line. */
#ifndef VERISTEP_SIM_DIAGNOSTICS_H
#define VERISTEP_SIM_DIAGNOSTICS_H

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

/* mirrors bpf_diag_res(): "Resource Lifetime Safety" block */
void sim_diag_res(struct sim_env *env, int insn_idx, const char *problem, const char *reason,
		  const char *suggestion);
/* mirrors bpf_diag_unreadable_reg() (never-initialized variant) */
void sim_diag_unreadable_reg(struct sim_env *env, int insn_idx, int regno);
/* mirrors bpf_diag_invalid_deref(BPF_DIAG_DEREF_SCALAR) */
void sim_diag_deref_scalar(struct sim_env *env, int insn_idx, int regno);
/* mirrors bpf_diag_program_structure(): @reason already formatted */
void sim_diag_program_structure(struct sim_env *env, int insn_idx, const char *problem,
				const char *suggestion, const char *reason);
/* mirrors bpf_diag_fmt_btf_type(): "(struct foo *)" into @buf */
const char *sim_diag_fmt_btf_type(const struct btf *btf, uint32_t type_id, char *buf, size_t size);
/* mirrors bpf_diag_reg_type_plain(): "a context pointer" ... */
const char *sim_diag_reg_type_plain(uint32_t type, char *buf, size_t size);
/* mirrors bpf_diag_call_arg_fmt() for register argument @regno */
void sim_diag_call_arg(struct sim_env *env, int insn_idx, int regno, const char *call_name,
		       const char *suggestion, const char *reason_fmt, ...)
	__attribute__((format(printf, 6, 7)));

#endif
