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

/* mirrors btf_type_str() */
const char *sim_btf_kind_str(const struct btf_type *t)
{
	static const char *const names[] = {
		[BTF_KIND_UNKN] = "UNKNOWN",	 [BTF_KIND_INT] = "INT",
		[BTF_KIND_PTR] = "PTR",		 [BTF_KIND_ARRAY] = "ARRAY",
		[BTF_KIND_STRUCT] = "STRUCT",	 [BTF_KIND_UNION] = "UNION",
		[BTF_KIND_ENUM] = "ENUM",	 [BTF_KIND_FWD] = "FWD",
		[BTF_KIND_TYPEDEF] = "TYPEDEF",	 [BTF_KIND_VOLATILE] = "VOLATILE",
		[BTF_KIND_CONST] = "CONST",	 [BTF_KIND_RESTRICT] = "RESTRICT",
		[BTF_KIND_FUNC] = "FUNC",	 [BTF_KIND_FUNC_PROTO] = "FUNC_PROTO",
		[BTF_KIND_VAR] = "VAR",		 [BTF_KIND_DATASEC] = "DATASEC",
		[BTF_KIND_FLOAT] = "FLOAT",	 [BTF_KIND_DECL_TAG] = "DECL_TAG",
		[BTF_KIND_TYPE_TAG] = "TYPE_TAG", [BTF_KIND_ENUM64] = "ENUM64",
	};
	unsigned k = t ? btf_kind(t) : 0;

	return k < sizeof(names) / sizeof(names[0]) && names[k] ? names[k] : "UNKNOWN";
}

/* mirrors __btf_resolve_size(): the size of @t with arrays multiplied out
 * and modifiers/typedefs followed; -1 for a type without one (a FUNC, a
 * VOID, a chain over 32 deep) or a size over U32_MAX */
int64_t sim_btf_resolve_size(const struct btf *btf, const struct btf_type *t)
{
	uint64_t nelems = 1, size;

	for (int i = 0; t && i < 32; i++) {
		switch (btf_kind(t)) {
		case BTF_KIND_INT:
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
		case BTF_KIND_ENUM:
		case BTF_KIND_FLOAT:
		case BTF_KIND_ENUM64:
			size = t->size;
			goto resolved;
		case BTF_KIND_PTR:
			size = 8;
			goto resolved;
		case BTF_KIND_TYPEDEF:
		case BTF_KIND_VOLATILE:
		case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT:
		case BTF_KIND_TYPE_TAG:
			t = btf__type_by_id(btf, t->type);
			break;
		case BTF_KIND_ARRAY:
			if (nelems && btf_array(t)->nelems > UINT32_MAX / nelems)
				return -1;
			nelems *= btf_array(t)->nelems;
			t = btf__type_by_id(btf, btf_array(t)->type);
			break;
		default:
			return -1;
		}
	}
	return -1;
resolved:
	if (nelems && size > UINT32_MAX / nelems)
		return -1;
	return (int64_t)(nelems * size);
}
