/* Small BTF walks every part of the verifier needs (btf_util.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

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

uint32_t sim_btf_ctx_convert_type(const struct btf *vmlinux, uint32_t prog_type, bool kern)
{
	const char *pt = libbpf_bpf_prog_type_str((enum bpf_prog_type)prog_type);
	const struct btf_type *conv;
	const struct btf_member *m;
	char want[96];
	int id, n;

	if (!vmlinux || !pt)
		return 0;
	id = btf__find_by_name_kind(vmlinux, "bpf_ctx_convert", BTF_KIND_STRUCT);
	if (id <= 0)
		return 0;
	n = snprintf(want, sizeof(want), "BPF_PROG_TYPE_");
	for (; *pt && n + 1 < (int)sizeof(want); pt++)
		want[n++] = (char)toupper((unsigned char)*pt);
	snprintf(want + n, sizeof(want) - (size_t)n, kern ? "_kern" : "_prog");
	conv = btf__type_by_id(vmlinux, (uint32_t)id);
	m = btf_members(conv);
	for (int i = 0; i < (int)btf_vlen(conv); i++, m++)
		if (!strcmp(btf__name_by_offset(vmlinux, m->name_off), want))
			return m->type;
	return 0;
}
