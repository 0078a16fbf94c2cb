/* Global __arena variables (section .addr_space.1), as libbpf (of the 7.3
 * tree, tools/lib/bpf/libbpf.c) places them: in the program's one ARENA
 * map, at its end, and an LD_IMM64 of one becomes a BPF_PSEUDO_MAP_VALUE
 * load of the arena map at the variable's offset there. */
#include <stddef.h>
#include <string.h>

#include "obj_internal.h"

#define ARENA_SEC ".addr_space.1"
#define ARENA_PAGE_SZ 4096u

bool obj_arena_sec(const char *sec)
{
	return sec && strcmp(sec, ARENA_SEC) == 0;
}

int obj_arena_map(struct obj_build *b)
{
	/* obj->arena_map_idx (bpf_object__init_maps()): libbpf's open has
	 * already refused an object with two ARENA maps */
	for (size_t i = 0; i < b->obj->nr_maps; i++)
		if (b->obj->maps[i].type == BPF_MAP_TYPE_ARENA)
			return (int)i;
	return -1;
}

int obj_arena_record_reloc(struct obj_build *b, const struct obj_func *f, struct obj_relo *r,
			   const GElf_Sym *sym)
{
	/* mirrors bpf_program__record_reloc(), "arena data relocation" */
	r->map = obj_arena_map(b);
	if (r->map < 0)
		return obj_fail(b, "prog '%s': bad arena data relocation at insn %u, no arena maps defined",
				f->name, r->insn);
	r->type = OBJ_RELO_DATA;
	r->sym_off = (unsigned)sym->st_value;
	return 0;
}

unsigned obj_arena_data_off(struct obj_build *b, int map)
{
	/* bpf_object_prepare(): "place globals at the end of the arena",
	 * arena_data_off = bpf_map_mmap_sz() (max_entries pages) minus the
	 * section rounded up to pages (the kernel supports the full-range
	 * LD_IMM64 offset, FEAT_LDIMM64_FULL_RANGE_OFF) */
	ssize_t sec = obj_elf_find_sec(b, ARENA_SEC);
	Elf_Data *d = sec > 0 ? obj_elf_sec_data(b, (size_t)sec) : NULL;
	size_t data_sz = d ? d->d_size : 0;
	size_t mmap_sz = (size_t)b->obj->maps[map].max_entries * ARENA_PAGE_SZ;
	size_t alloc_sz = (data_sz + ARENA_PAGE_SZ - 1) / ARENA_PAGE_SZ * ARENA_PAGE_SZ;

	return alloc_sz <= mmap_sz ? (unsigned)(mmap_sz - alloc_sz) : 0;
}
