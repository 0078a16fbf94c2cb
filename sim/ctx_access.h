/* Context access rules per program type (ctx_access.c). */
#ifndef VERISTEP_SIM_CTX_ACCESS_H
#define VERISTEP_SIM_CTX_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

struct sim_ctx_access {
	int off, size;      /* in: constant offset into the context, size in bytes */
	bool write;         /* in: a store */
	bool ldsx;          /* in: a sign-extending load */
	uint32_t reg_type;  /* out: the loaded register's type (SCALAR_VALUE or a pointer) */
};

/* mirrors the program type's is_valid_access(): 1 valid, 0 invalid
 * ("invalid bpf_context access"), -1 the program type is not modelled */
int sim_ctx_access(uint32_t prog_type, struct sim_ctx_access *a);

/* mirrors check_sock_access()'s per-type is_valid_access() for the
 * socket pointers (PTR_TO_SOCKET, _SOCK_COMMON, _TCP_SOCK, _XDP_SOCK) */
bool sim_sock_access_ok(uint32_t reg_type, int off, int size);

/* ctx_btf.c: the BTF context of tracing (tp_btf, fentry, fexit,
 * fmod_ret) and LSM programs, mirroring btf_ctx_access() */
struct sim_env;
struct sim_reg;
struct sim_prog_view;
bool sim_btf_ctx_prog(const struct sim_prog_view *p);
/* 0 valid (the loaded register is set), < 0 rejected or unsupported */
int sim_btf_ctx_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
		       int size, bool write, int value_regno);

#endif
