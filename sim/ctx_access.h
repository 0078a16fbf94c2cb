/* Context access rules per program type (ctx_access.c, ctx_sock.c,
 * ctx_cgroup.c, ctx_btf.c) and the memory checks of the context and of the
 * pointers it hands out (ctx_mem.c). */
#ifndef VERISTEP_SIM_CTX_ACCESS_H
#define VERISTEP_SIM_CTX_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

struct btf;
struct sim_env;
struct sim_reg;
struct sim_prog_view;

/* mirrors struct bpf_insn_access_aux, reduced to what the rules use */
struct sim_ctx_access {
	int off, size;      /* in: constant offset into the context, size in bytes */
	bool write;         /* in: a store */
	bool ldsx;          /* in: a sign-extending load */
	uint32_t reg_type;  /* out: the loaded register's type (SCALAR_VALUE or a pointer) */
	const struct btf *btf; /* out: for PTR_TO_BTF_ID loads */
	uint32_t btf_id;
};

/* mirrors the program type's is_valid_access(): 1 valid, 0 invalid
 * ("invalid bpf_context access"), -1 the program type is not modelled */
int sim_ctx_access(const struct sim_prog_view *p, struct sim_ctx_access *a);

/* the program type's bpf_verifier_ops has a convert_ctx_access(): its
 * context is rewritten, so it may only be dereferenced unmodified */
bool sim_ctx_converted(uint32_t prog_type);

/* mirrors may_access_direct_pkt_data() for a load or store (fn == NULL) */
bool sim_may_access_direct_pkt_data(uint32_t prog_type, bool write);

/* mirrors check_sock_access()'s per-type is_valid_access() for the
 * socket pointers (PTR_TO_SOCKET, _SOCK_COMMON, _TCP_SOCK, _XDP_SOCK) */
bool sim_sock_access_ok(uint32_t reg_type, int off, int size);

/* ctx_mem.c: check_mem_access()'s PTR_TO_CTX branch after the syscall
 * region check (check_ctx_access() and the load's register), and its
 * branches for pointers a context hands out: 0 or the error */
int sim_check_ctx_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			 int size, bool write, int value_regno, bool is_ldsx);
int sim_check_flow_keys_access(struct sim_env *env, int regno, int off, int size, bool write,
			       int value_regno);
int sim_check_tp_buffer_access(struct sim_env *env, int regno, int off, int size, bool write,
			       int value_regno);
int sim_check_buffer_access(struct sim_env *env, int regno, int off, int size, bool write,
			    int value_regno);

/* ctx_btf.c: the BTF context of tracing (tp_btf, fentry, fexit,
 * fmod_ret, iter) and LSM programs, mirroring btf_ctx_access() */
bool sim_btf_ctx_prog(const struct sim_prog_view *p);
/* 0 valid (the loaded register is set), < 0 rejected or unsupported */
int sim_btf_ctx_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
		       int size, bool write, int value_regno);
/* mirrors get_func_retval_range(): an LSM_MAC program's hook return
 * range; false when there is none (void hook, or not LSM_MAC) */
bool sim_lsm_retval_range(const struct sim_prog_view *p, int *minval, int *maxval);
/* the BTF function the program attaches to returns void */
bool sim_btf_attach_returns_void(const struct sim_prog_view *p);

#endif
