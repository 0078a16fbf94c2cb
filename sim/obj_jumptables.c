/* Jump tables: what libbpf makes of the .jumptables section.
 *
 * clang emits a switch's jump table as an array of u64 byte offsets into
 * .jumptables, one symbol per table, and loads its address with an LD_IMM64
 * relocated against that symbol. libbpf (create_jt_map()) turns each table a
 * program references into its own BPF_MAP_TYPE_INSN_ARRAY map named
 * ".jumptables" (key 4 bytes, value struct bpf_insn_array_value, one entry
 * per table slot), stores in each entry's orig_off the target as an
 * instruction index of the final program, freezes the map, and makes the
 * LD_IMM64 a BPF_PSEUDO_MAP_VALUE load of it. Here the map joins the
 * object's map table (the LD_IMM64 then names it by index, as for global
 * data) and its initial value is the array of orig_off values; the kernel's
 * verifier reads them as bpf_insn_array's values (bpf_insn_array_init()). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "obj_internal.h"

#define JT_ENTRY_SIZE 8

/* the function @r belongs to: the one whose relocation array holds it */
static const struct obj_func *relo_func(struct obj_build *b, const struct obj_relo *r)
{
	for (size_t i = 0; i < b->nr_funcs; i++) {
		const struct obj_func *f = &b->funcs[i];

		if (f->nr_relos && r >= f->relos && r < f->relos + f->nr_relos)
			return f;
	}
	return NULL;
}

/* mirrors find_jt_map(): one map per (program, table) */
static int find_jt_map(struct obj_build *b, unsigned sym_off, size_t first_map)
{
	for (size_t i = first_map; i < b->obj->nr_maps; i++) {
		const struct sim_map *m = &b->obj->maps[i];

		if (m->type == BPF_MAP_TYPE_INSN_ARRAY && m->jt_off == sym_off)
			return (int)i;
	}
	return -1;
}

/* mirrors create_jt_map(): libbpf's checks and warnings, in its order */
int obj_jumptable_map(struct obj_build *b, const struct obj_relo *r, size_t first_map)
{
	struct sim_object *obj = b->obj;
	const struct obj_func *f = relo_func(b, r);
	unsigned max_entries = r->sym_size / JT_ENTRY_SIZE;
	ssize_t shndx = obj_elf_find_sec(b, ".jumptables");
	Elf_Data *data = shndx > 0 ? obj_elf_sec_data(b, (size_t)shndx) : NULL;
	struct sim_map *maps, *m;
	uint32_t *offs;
	int idx = find_jt_map(b, r->sym_off, first_map);

	if (idx >= 0)
		return idx;
	if (!f)
		return obj_fail(b, "jump table relocation of an unknown function");
	if (r->sym_off % JT_ENTRY_SIZE)
		return obj_fail(b, "map '.jumptables': jumptable start %u should be multiple of %u",
				r->sym_off, JT_ENTRY_SIZE);
	if (r->sym_size % JT_ENTRY_SIZE)
		return obj_fail(b, "map '.jumptables': jumptable size %d should be multiple of %u",
				(int)r->sym_size, JT_ENTRY_SIZE);
	/* bpf_map_create(): insn_array_alloc_check() wants max_entries > 0 */
	if (!max_entries)
		return obj_fail(b, "map '.jumptables': empty jump table at %u", r->sym_off);
	if (!data || !data->d_buf)
		return obj_fail(b, "map '.jumptables': ELF file is missing jump table data");
	if ((size_t)r->sym_off + r->sym_size > data->d_size)
		return obj_fail(b, "map '.jumptables': jumptables_data size is %zu, trying to access %u",
				(size_t)data->d_size, r->sym_off + r->sym_size);
	offs = calloc(max_entries, sizeof(*offs));
	if (!offs)
		return obj_fail(b, "out of memory");
	for (unsigned i = 0; i < max_entries; i++) {
		uint64_t v, off;

		memcpy(&v, (const char *)data->d_buf + r->sym_off + (size_t)i * JT_ENTRY_SIZE, sizeof(v));
		/* relative to the start of the main function, not the section
		 * of the function holding the LD_IMM64 */
		off = v / sizeof(struct bpf_insn) - f->sec_insn_off + f->sub_insn_off;
		if (off > UINT32_MAX) {
			free(offs);
			return obj_fail(b, "map '.jumptables': invalid jump table value 0x%llx at offset %u",
					(unsigned long long)v, r->sym_off + i * JT_ENTRY_SIZE);
		}
		offs[i] = (uint32_t)off;
	}
	maps = realloc(obj->maps, (obj->nr_maps + 1) * sizeof(*maps));
	if (!maps) {
		free(offs);
		return obj_fail(b, "out of memory");
	}
	obj->maps = maps;
	m = &maps[obj->nr_maps];
	memset(m, 0, sizeof(*m));
	m->name = ".jumptables";
	m->section = ".jumptables";
	m->type = BPF_MAP_TYPE_INSN_ARRAY;
	m->key_size = 4;
	m->value_size = sizeof(struct bpf_insn_array_value);
	m->max_entries = max_entries;
	m->map_flags = BPF_F_RDONLY_PROG; /* insn_array_alloc() forces it */
	m->inner_map = -1;
	m->initial_value = offs;
	m->initial_size = (size_t)max_entries * sizeof(*offs);
	m->jt_off = r->sym_off;
	return (int)obj->nr_maps++;
}

void obj_jumptables_free(struct sim_object *obj)
{
	for (size_t i = 0; i < obj->nr_maps; i++)
		if (obj->maps[i].type == BPF_MAP_TYPE_INSN_ARRAY && obj->maps[i].section &&
		    strcmp(obj->maps[i].section, ".jumptables") == 0)
			free((void *)(uintptr_t)obj->maps[i].initial_value);
}
