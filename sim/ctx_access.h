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

#endif
