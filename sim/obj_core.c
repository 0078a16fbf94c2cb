/* CO-RE relocations against the bundled kernel's BTF, with libbpf's own
 * engine (relo_core.c: bpf_core_calc_relo_insn, bpf_core_patch_insn) on the
 * .BTF.ext records libbpf parsed (btf_ext__new). Mirrors
 * bpf_object__relocate_core() and bpf_core_find_cands(): candidates come
 * from vmlinux only (no module BTF), and a relocation that cannot be
 * satisfied is poisoned in the instruction exactly as libbpf does, so the
 * verifier reports it only if the instruction is reachable. */
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "obj_internal.h"

struct cand_cache {
	__u32 local_id;
	struct bpf_core_cand_list list;
};

static struct bpf_core_cand_list *find_cands(struct obj_build *b, struct cand_cache **cache,
					     size_t *n, __u32 local_id)
{
	struct bpf_core_cand local = { .btf = b->btf, .id = local_id };
	const struct btf_type *t = btf__type_by_id(b->btf, local_id);
	struct cand_cache *grown;
	const char *name;

	for (size_t i = 0; i < *n; i++)
		if ((*cache)[i].local_id == local_id)
			return &(*cache)[i].list;
	if (!t)
		return NULL;
	name = btf__name_by_offset(b->btf, t->name_off);
	if (!name || !name[0])
		return NULL;
	grown = realloc(*cache, (*n + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	*cache = grown;
	memset(&grown[*n], 0, sizeof(grown[*n]));
	grown[*n].local_id = local_id;
	if (bpf_core_add_cands(&local, bpf_core_essential_name_len(name), b->vmlinux, "vmlinux", 1,
			       &grown[*n].list))
		return NULL;
	return &(*cache)[(*n)++].list;
}

static int add_core_relo(struct obj_build *b, struct obj_func *f, unsigned insn, bool poisoned,
			 const struct bpf_core_spec *local_spec)
{
	char spec[256];
	int len;

	struct obj_relo *grown = realloc(f->relos, (f->nr_relos + 1) * sizeof(*grown));

	if (!grown)
		return obj_fail(b, "out of memory");
	f->relos = grown;
	memset(&grown[f->nr_relos], 0, sizeof(*grown));
	grown[f->nr_relos].type = OBJ_RELO_CORE;
	grown[f->nr_relos].insn = insn;
	grown[f->nr_relos].map = grown[f->nr_relos].ext = -1;
	grown[f->nr_relos].core_poisoned = poisoned;
	if (poisoned) {
		/* what libbpf's fixup_log_failed_core_relo() prints for it */
		len = bpf_core_format_spec(spec, sizeof(spec), local_spec);
		if (len >= (int)sizeof(spec))
			strcpy(spec + sizeof(spec) - 4, "...");
		grown[f->nr_relos].core_spec = strdup(spec);
		if (!grown[f->nr_relos].core_spec)
			return obj_fail(b, "out of memory");
	}
	f->nr_relos++;
	return 0;
}

/* mirrors bpf_object__relocate_core() */
int obj_core_apply(struct obj_build *b)
{
	const struct btf_ext_info *seg;
	const struct btf_ext_info_sec *sec;
	struct cand_cache *cache = NULL;
	size_t ncache = 0;
	int err = 0;

	if (!b->btf_ext || !b->btf_ext->core_relo_info.len)
		return 0;
	seg = &b->btf_ext->core_relo_info;
	for (sec = seg->info; (const char *)sec < (const char *)seg->info + seg->len && !err;
	     sec = (const void *)((const char *)sec + sizeof(*sec) + seg->rec_size * sec->num_info)) {
		const char *sec_name = btf__name_by_offset(b->btf, sec->sec_name_off);
		ssize_t sec_idx = sec_name ? obj_elf_find_sec(b, sec_name) : -1;

		if (sec_idx < 0) {
			err = obj_fail(b, "CO-RE relocations name missing section '%s'",
				       sec_name ? sec_name : "?");
			break;
		}
		for (__u32 i = 0; i < sec->num_info && !err; i++) {
			const struct bpf_core_relo *rec =
				(const void *)(sec->data + (size_t)i * seg->rec_size);
			struct bpf_core_spec specs[3];
			struct bpf_core_relo_res res;
			struct bpf_core_cand_list *cands = NULL;
			struct obj_func *f;
			unsigned insn;

			if (rec->insn_off % OBJ_INSN_SZ) {
				err = obj_fail(b, "CO-RE relocation #%u in '%s' is misaligned", i, sec_name);
				break;
			}
			f = obj_find_func(b, (size_t)sec_idx, rec->insn_off / OBJ_INSN_SZ);
			if (!f)
				continue; /* libbpf: eliminated weak subprogram */
			insn = rec->insn_off / OBJ_INSN_SZ - f->sec_insn_off;
			if (f->insns[insn].code == (BPF_LD | BPF_IMM | BPF_DW) && insn + 1 >= f->insn_cnt) {
				err = obj_fail(b, "prog '%s': relo #%u: insn #%u (LDIMM64) is truncated",
					       f->name, i, insn);
				break;
			}
			if (rec->kind != BPF_CORE_TYPE_ID_LOCAL) {
				cands = find_cands(b, &cache, &ncache, rec->type_id);
				if (!cands) {
					err = obj_fail(b, "prog '%s': relo #%u: target candidate search failed for [%u]",
						       f->name, i, rec->type_id);
					break;
				}
			}
			memset(specs, 0, sizeof(specs));
			memset(&res, 0, sizeof(res));
			if (bpf_core_calc_relo_insn(f->name, rec, (int)i, b->btf, cands, specs, &res)) {
				err = obj_fail(b, "prog '%s': CO-RE relocation #%u failed: %s", f->name, i,
					       obj_libbpf_msg());
				break;
			}
			if (bpf_core_patch_insn(f->name, &f->insns[insn], (int)insn, rec, (int)i, &res)) {
				err = obj_fail(b, "prog '%s': CO-RE relocation #%u: cannot patch insn %u: %s",
					       f->name, i, insn, obj_libbpf_msg());
				break;
			}
			err = add_core_relo(b, f, insn, res.poison, &specs[0]);
		}
	}
	for (size_t i = 0; i < ncache; i++)
		free(cache[i].list.cands);
	free(cache);
	return err;
}
