/* Small BTF walks every part of the verifier needs. */
#ifndef VERISTEP_SIM_BTF_UTIL_H
#define VERISTEP_SIM_BTF_UTIL_H

#include <stdint.h>

struct btf;
struct btf_type;

/* mirrors btf_type_skip_modifiers() with typedefs: the type @id names once
 * const/volatile/restrict/type tags and typedefs are peeled off; its id in
 * *@res_id when given. NULL for an id the BTF does not have (garbage input
 * must not crash the walk). */
const struct btf_type *sim_btf_skip_mods(const struct btf *btf, uint32_t id, uint32_t *res_id);

#endif
