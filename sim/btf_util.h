/* Small BTF walks every part of the verifier needs. */
#ifndef VERISTEP_SIM_BTF_UTIL_H
#define VERISTEP_SIM_BTF_UTIL_H

#include <stdbool.h>
#include <stdint.h>

struct btf;
struct btf_type;

/* mirrors btf_type_skip_modifiers() with typedefs: the type @id names once
 * const/volatile/restrict/type tags and typedefs are peeled off; its id in
 * *@res_id when given. NULL for an id the BTF does not have (garbage input
 * must not crash the walk). */
const struct btf_type *sim_btf_skip_mods(const struct btf *btf, uint32_t id, uint32_t *res_id);

/* the type of struct bpf_ctx_convert's member "BPF_PROG_TYPE_<X>_prog"
 * (@kern false: the context the program sees) or "..._kern" (the kernel's
 * own context struct) in the kernel BTF @vmlinux; 0 when there is none */
/* mirrors __btf_resolve_size() (not libbpf's btf__resolve_size(), which
 * sizes more kinds): -1 for a type without a size */
int64_t sim_btf_resolve_size(const struct btf *btf, const struct btf_type *t);

/* btf_type_str(): "STRUCT", "PTR", ... ("UNKNOWN" for NULL) */
const char *sim_btf_kind_str(const struct btf_type *t);

uint32_t sim_btf_ctx_convert_type(const struct btf *vmlinux, uint32_t prog_type, bool kern);

#endif
