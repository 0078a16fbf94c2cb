/* Small BTF walks every part of the verifier needs (btf_util.h). */
#include <bpf/btf.h>

#include "btf_util.h"

const struct btf_type *sim_btf_skip_mods(const struct btf *btf, uint32_t id, uint32_t *res_id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}
