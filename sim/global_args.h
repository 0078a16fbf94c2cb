/* Arguments of BPF subprograms described by BTF (Linux 7.3's
 * btf_prepare_func_args() in kernel/bpf/btf.c, btf_check_func_arg_match()
 * and the global branch of do_check_common() in kernel/bpf/verifier.c):
 * what a global function's prototype promises its body, and what each call
 * must pass to keep that promise. */
#ifndef VERISTEP_SIM_GLOBAL_ARGS_H
#define VERISTEP_SIM_GLOBAL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

struct btf;
struct sim_env;
struct sim_reg;

/* The "arg:<tag>" decl tags of a parameter, as the kernel's enum
 * btf_arg_tag bits (btf_scan_decl_tags()); SIM_ARG_TAG_UNKNOWN: a tag the
 * kernel does not know ("arg#N has unsupported set of tags"). */
enum sim_arg_tag {
	SIM_ARG_TAG_CTX = 1u << 0,
	SIM_ARG_TAG_NONNULL = 1u << 1,
	SIM_ARG_TAG_TRUSTED = 1u << 2,
	SIM_ARG_TAG_UNTRUSTED = 1u << 3,
	SIM_ARG_TAG_NULLABLE = 1u << 4,
	SIM_ARG_TAG_ARENA = 1u << 5,
	SIM_ARG_TAG_UNKNOWN = 1u << 31,
};

/* The decl tags of parameter @arg of BTF FUNC @func_id, a mask of enum
 * sim_arg_tag. */
unsigned sim_btf_arg_tags(const struct btf *btf, uint32_t func_id, int arg);

#define SIM_MAX_GLOBAL_ARGS 5

/* mirrors struct bpf_subprog_arg_info: arg_type is an enum sim_arg_type
 * with the kernel's flag bits (PTR_MAYBE_NULL, PTR_TRUSTED, ...) */
struct sim_subprog_arg {
	uint32_t arg_type;
	uint32_t mem_size;
	uint32_t btf_id;     /* in the kernel BTF */
};

struct sim_subprog_args {
	int cnt;
	struct sim_subprog_arg arg[SIM_MAX_GLOBAL_ARGS];
	char msg[256];       /* the log line of a failure, without "\n" */
};

/* mirrors btf_prepare_func_args() for subprog @subprog: 0, or a negative
 * error with the kernel's log line in a->msg (not yet logged). */
int sim_prepare_func_args(struct sim_env *env, int subprog, struct sim_subprog_args *a);

/* mirrors btf_check_func_arg_match() for a call of global subprog
 * @subprog (@changes_pkt_data: the callee may change packet data).
 * Logs as the kernel does; 0 or a negative error. *@err_is_set: the
 * error line is already the program's (a "Verification failed:" block
 * followed it), the caller's "Caller passes invalid args" line must not
 * replace it. */
int sim_check_global_func_args(struct sim_env *env, int subprog, bool changes_pkt_data,
			       bool *err_is_set);

/* mirrors the global subprogram branch of do_check_common(): R1-R5 of
 * @regs from the prototype. 0, or negative after rejecting. */
int sim_init_global_func_args(struct sim_env *env, int subprog, struct sim_reg *regs);

/* mirrors the main program's btf_prepare_func_args() in
 * do_check_common(): only its log line, the result marks the main
 * program's BTF unreliable, which the simulator does not need */
void sim_prepare_main_func_args(struct sim_env *env);

/* mirrors subprog_returns_void(): the BTF prototype of @subprog returns
 * void (a call leaves R0 unreadable) */
bool sim_subprog_returns_void(const struct sim_env *env, int subprog);

/* The subprog the main program names with "exception_callback:<name>"
 * (env->exception_callback_subprog), 0 if none. */
int sim_exception_cb_subprog(const struct sim_env *env);

#endif
