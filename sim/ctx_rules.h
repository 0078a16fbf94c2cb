/* Internals of the context-access rules (ctx_access.c, ctx_sock.c,
 * ctx_cgroup.c): the field-range notation the kernel's is_valid_access()
 * functions are written in, and each file's per-type entry points. Not a
 * public API: the verifier uses ctx_access.h. */
#ifndef VERISTEP_SIM_CTX_RULES_H
#define VERISTEP_SIM_CTX_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ctx_access.h"

/* offsetofend() */
#define CTX_END(T, f) (offsetof(T, f) + sizeof(((T *)0)->f))
/* bpf_ctx_range(T, f) as [first byte, last byte] */
#define CTX_RANGE(T, f) (int)offsetof(T, f), (int)CTX_END(T, f) - 1
/* bpf_ctx_range_till(T, a, b) */
#define CTX_TILL(T, a, b) (int)offsetof(T, a), (int)CTX_END(T, b) - 1
/* bpf_ctx_range_ptr(T, f) on a 64-bit kernel: the 8-byte __bpf_md_ptr */
#define CTX_PTR(T, f) (int)offsetof(T, f), (int)offsetof(T, f) + 7
/* is @off inside bpf_ctx_range(T, f)? */
#define CTX_IN(off, T, f) ((off) >= (int)offsetof(T, f) && (off) < (int)CTX_END(T, f))
#define CTX_IN_TILL(off, T, a, b) ((off) >= (int)offsetof(T, a) && (off) < (int)CTX_END(T, b))
#define CTX_IN_PTR(off, T, f) ((off) >= (int)offsetof(T, f) && (off) < (int)offsetof(T, f) + 8)
#define CTX_N(a) (sizeof(a) / sizeof((a)[0]))

/* mirrors bpf_ctx_narrow_access_ok() */
static inline bool ctx_narrow_ok(int size, int size_default)
{
	return size <= size_default && (size & (size - 1)) == 0;
}

/* mirrors bpf_ctx_wide_access_ok(): an aligned u64 inside an array field */
static inline bool ctx_wide_ok(int off, int size, int field_off, int field_end)
{
	return size == 8 && off >= field_off && off + 8 <= field_end && off % 8 == 0;
}

/* ctx_sock.c: contexts of socket-level program types (net/core/filter.c) */
bool sim_ctx_cg_sock(uint32_t attach_type, struct sim_ctx_access *a);
bool sim_ctx_sock_addr(uint32_t attach_type, struct sim_ctx_access *a);
bool sim_ctx_sock_ops(struct sim_ctx_access *a);
bool sim_ctx_sk_msg(struct sim_ctx_access *a);
bool sim_ctx_sk_reuseport(struct sim_ctx_access *a);
bool sim_ctx_sk_lookup(struct sim_ctx_access *a);

/* ctx_cgroup.c: contexts defined in kernel/bpf/cgroup.c */
bool sim_ctx_cgroup_dev(struct sim_ctx_access *a);
bool sim_ctx_sysctl(struct sim_ctx_access *a);
bool sim_ctx_sockopt(uint32_t attach_type, struct sim_ctx_access *a);

#endif
