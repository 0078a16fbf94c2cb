/* ELF side of the loader: functions of executable sections and the
 * relocations recorded against their instructions. libbpf keeps these
 * inside struct bpf_object where nothing public reaches them, so they are
 * read again here with libelf, classified exactly as libbpf does at open
 * (bpf_object__add_programs, bpf_object__collect_prog_relos,
 * bpf_program__record_reloc) and kept per function. */
#include <stdlib.h>
#include <string.h>

#include "obj_internal.h"

const char *obj_elf_sec_name(struct obj_build *b, size_t idx)
{
	Elf_Scn *scn = elf_getscn(b->elf, idx);
	GElf_Shdr sh;
	const char *name;

	if (!scn || !gelf_getshdr(scn, &sh))
		return NULL;
	name = elf_strptr(b->elf, b->shstrndx, sh.sh_name);
	return name;
}

Elf_Data *obj_elf_sec_data(struct obj_build *b, size_t idx)
{
	Elf_Scn *scn = elf_getscn(b->elf, idx);

	return scn ? elf_getdata(scn, NULL) : NULL;
}

ssize_t obj_elf_find_sec(struct obj_build *b, const char *name)
{
	for (size_t i = 1; i < b->sec_cnt; i++) {
		const char *n = obj_elf_sec_name(b, i);

		if (n && strcmp(n, name) == 0)
			return (ssize_t)i;
	}
	return -1;
}

const GElf_Sym *obj_elf_sym(struct obj_build *b, size_t i, GElf_Sym *out)
{
	if (i >= b->nr_syms)
		return NULL;
	return gelf_getsym(b->symbols, (int)i, out);
}

const char *obj_elf_sym_name(struct obj_build *b, const GElf_Sym *sym)
{
	const char *name;

	/* relocations against static functions name the section instead */
	if (GELF_ST_TYPE(sym->st_info) == STT_SECTION && sym->st_name == 0)
		name = obj_elf_sec_name(b, sym->st_shndx);
	else
		name = elf_strptr(b->elf, b->strtab_idx, sym->st_name);
	return name ? name : "<?>";
}

static bool sec_is_code(struct obj_build *b, size_t idx, GElf_Shdr *sh)
{
	Elf_Scn *scn = elf_getscn(b->elf, idx);

	return scn && gelf_getshdr(scn, sh) && sh->sh_type == SHT_PROGBITS &&
	       (sh->sh_flags & SHF_EXECINSTR) && sh->sh_size > 0;
}

int obj_elf_init(struct obj_build *b)
{
	GElf_Ehdr eh;

	if (elf_kind(b->elf) != ELF_K_ELF)
		return obj_fail(b, "'%s' is not an ELF file", b->obj->path);
	if (gelf_getclass(b->elf) != ELFCLASS64)
		return obj_fail(b, "'%s' is not a 64-bit ELF file", b->obj->path);
	if (!gelf_getehdr(b->elf, &eh))
		return obj_fail(b, "'%s': corrupt ELF header: %s", b->obj->path, elf_errmsg(-1));
	if (eh.e_shoff > b->obj->size ||
	    (size_t)eh.e_shnum * eh.e_shentsize > b->obj->size - eh.e_shoff)
		return obj_fail(b, "'%s' is truncated (its section table ends past the end of the file)",
				b->obj->path);
	if (eh.e_machine != EM_BPF)
		return obj_fail(b, "'%s' is not a BPF object (ELF machine %u)", b->obj->path,
				eh.e_machine);
	if (eh.e_type != ET_REL)
		return obj_fail(b, "'%s' is not a relocatable BPF object (ELF type %u)",
				b->obj->path, eh.e_type);
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return obj_fail(b, "'%s': big-endian BPF objects are not supported", b->obj->path);
	if (elf_getshdrstrndx(b->elf, &b->shstrndx) || elf_getshdrnum(b->elf, &b->sec_cnt))
		return obj_fail(b, "'%s': corrupt ELF section table: %s", b->obj->path,
				elf_errmsg(-1));

	for (size_t i = 1; i < b->sec_cnt; i++) {
		Elf_Scn *scn = elf_getscn(b->elf, i);
		GElf_Shdr sh;
		const char *name;

		if (!scn || !gelf_getshdr(scn, &sh))
			return obj_fail(b, "'%s': corrupt ELF section %zu", b->obj->path, i);
		name = obj_elf_sec_name(b, i);
		if (!name)
			return obj_fail(b, "'%s': ELF section %zu has no name", b->obj->path, i);
		if (sh.sh_type == SHT_SYMTAB) {
			b->symbols = elf_getdata(scn, NULL);
			if (!b->symbols || sh.sh_entsize != sizeof(Elf64_Sym))
				return obj_fail(b, "'%s': corrupt symbol table", b->obj->path);
			b->nr_syms = b->symbols->d_size / sizeof(Elf64_Sym);
			b->strtab_idx = sh.sh_link;
		} else if (strcmp(name, ".text") == 0 && sec_is_code(b, i, &sh)) {
			b->text_shndx = i;
		}
	}
	if (!b->symbols)
		return obj_fail(b, "'%s' has no symbol table", b->obj->path);
	return 0;
}

static int cmp_funcs(const void *pa, const void *pb)
{
	const struct obj_func *a = pa, *c = pb;

	if (a->sec_idx != c->sec_idx)
		return a->sec_idx < c->sec_idx ? -1 : 1;
	return a->sec_insn_off < c->sec_insn_off ? -1 : a->sec_insn_off > c->sec_insn_off;
}

/* mirrors bpf_object__add_programs() */
int obj_elf_collect_funcs(struct obj_build *b)
{
	for (size_t s = 1; s < b->sec_cnt; s++) {
		GElf_Shdr sh;
		Elf_Data *data;

		if (!sec_is_code(b, s, &sh))
			continue;
		data = obj_elf_sec_data(b, s);
		if (!data || !data->d_buf || data->d_size != sh.sh_size)
			return obj_fail(b, "'%s': cannot read section '%s'", b->obj->path,
					obj_elf_sec_name(b, s));
		for (size_t i = 0; i < b->nr_syms; i++) {
			GElf_Sym sym;
			struct obj_func *f, *grown;

			if (!obj_elf_sym(b, i, &sym) || sym.st_shndx != s ||
			    GELF_ST_TYPE(sym.st_info) != STT_FUNC)
				continue;
			if (sym.st_value + sym.st_size > data->d_size ||
			    sym.st_value + sym.st_size < sym.st_value ||
			    sym.st_value % OBJ_INSN_SZ || sym.st_size % OBJ_INSN_SZ || !sym.st_size)
				return obj_fail(b, "'%s': function '%s' crosses the bounds of section '%s'",
						b->obj->path, obj_elf_sym_name(b, &sym),
						obj_elf_sec_name(b, s));
			grown = realloc(b->funcs, (b->nr_funcs + 1) * sizeof(*grown));
			if (!grown)
				return obj_fail(b, "out of memory");
			b->funcs = grown;
			f = &b->funcs[b->nr_funcs];
			memset(f, 0, sizeof(*f));
			f->name = obj_elf_sym_name(b, &sym);
			f->sec_idx = s;
			f->sec_name = obj_elf_sec_name(b, s);
			f->sec_insn_off = (unsigned)(sym.st_value / OBJ_INSN_SZ);
			f->insn_cnt = (unsigned)(sym.st_size / OBJ_INSN_SZ);
			f->global = GELF_ST_BIND(sym.st_info) != STB_LOCAL;
			f->hidden = f->global && (GELF_ST_VISIBILITY(sym.st_other) == STV_HIDDEN ||
						  GELF_ST_VISIBILITY(sym.st_other) == STV_INTERNAL);
			f->is_subprog = s == b->text_shndx;
			f->insns = malloc(sym.st_size);
			if (!f->insns)
				return obj_fail(b, "out of memory");
			b->nr_funcs++;
			memcpy(f->insns, (const char *)data->d_buf + sym.st_value, sym.st_size);
			if (!f->is_subprog && !f->global)
				return obj_fail(b, "'%s': program '%s' is static, which libbpf does not support",
						b->obj->path, f->name);
		}
	}
	if (b->nr_funcs)
		qsort(b->funcs, b->nr_funcs, sizeof(*b->funcs), cmp_funcs);
	return 0;
}

/* mirrors find_prog_by_sec_insn() */
struct obj_func *obj_find_func(struct obj_build *b, size_t sec_idx, size_t insn)
{
	for (size_t i = 0; i < b->nr_funcs; i++) {
		struct obj_func *f = &b->funcs[i];

		if (f->sec_idx == sec_idx && insn >= f->sec_insn_off &&
		    insn < (size_t)f->sec_insn_off + f->insn_cnt)
			return f;
	}
	return NULL;
}

struct obj_func *obj_find_func_by_name(struct obj_build *b, const char *name)
{
	for (size_t i = 0; i < b->nr_funcs; i++)
		if (strcmp(b->funcs[i].name, name) == 0)
			return &b->funcs[i];
	return NULL;
}

void obj_funcs_free(struct obj_func *funcs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(funcs[i].insns);
		for (size_t j = 0; j < funcs[i].nr_relos; j++)
			free(funcs[i].relos[j].core_spec);
		free(funcs[i].relos);
	}
	free(funcs);
}

static bool insn_is_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL);
}

static bool insn_is_ldimm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

static int map_by_section(struct obj_build *b, const char *sec, const char *name)
{
	for (size_t i = 0; i < b->obj->nr_maps; i++) {
		const struct sim_map *m = &b->obj->maps[i];

		if (m->section && strcmp(m->section, sec) == 0 &&
		    (!name || strcmp(m->name, name) == 0))
			return (int)i;
	}
	return -1;
}

/* mirrors bpf_program__record_reloc() */
static int record_reloc(struct obj_build *b, struct obj_func *f, struct obj_relo *r,
			const GElf_Sym *sym, size_t sym_idx, const char *sym_name)
{
	const struct bpf_insn *insn = &f->insns[r->insn];
	int bind = GELF_ST_BIND(sym->st_info), type = GELF_ST_TYPE(sym->st_info);
	const char *sec;

	r->sym_name = sym_name;
	if (!insn_is_call(insn) && !insn_is_ldimm64(insn))
		return obj_fail(b, "prog '%s': invalid relocation against '%s' for insn %u (code 0x%x)",
				f->name, sym_name, r->insn, insn->code);
	if (insn_is_ldimm64(insn) && r->insn + 1 >= f->insn_cnt)
		return obj_fail(b, "prog '%s': LD_IMM64 at insn %u is truncated", f->name, r->insn);

	if (sym->st_shndx == SHN_UNDEF && (bind == STB_GLOBAL || bind == STB_WEAK) &&
	    type == STT_NOTYPE) {
		r->ext = obj_extern_find_by_sym(b, sym_idx);
		if (r->ext < 0)
			return obj_fail(b, "prog '%s': no extern found for '%s'", f->name, sym_name);
		r->type = insn_is_call(insn) ? OBJ_RELO_EXTERN_CALL : OBJ_RELO_EXTERN_LD64;
		return 0;
	}
	if (insn_is_call(insn)) {
		if (insn->src_reg != BPF_PSEUDO_CALL)
			return obj_fail(b, "prog '%s': incorrect bpf_call opcode at insn %u",
					f->name, r->insn);
		if (!sym->st_shndx || sym->st_shndx != b->text_shndx)
			return obj_fail(b, "prog '%s': bad call relocation against '%s' in section '%s'",
					f->name, sym_name, obj_elf_sec_name(b, sym->st_shndx));
		if (sym->st_value % OBJ_INSN_SZ)
			return obj_fail(b, "prog '%s': bad call relocation against '%s'", f->name,
					sym_name);
		r->type = OBJ_RELO_CALL;
		r->sym_off = (unsigned)sym->st_value;
		return 0;
	}
	if (!sym->st_shndx || sym->st_shndx >= SHN_LORESERVE)
		return obj_fail(b, "prog '%s': relocation against '%s' in special section 0x%x",
				f->name, sym_name, sym->st_shndx);
	if (sym->st_shndx == b->text_shndx &&
	    ((bind == STB_LOCAL && type == STT_SECTION) ||
	     ((bind == STB_GLOBAL || bind == STB_WEAK) && type == STT_FUNC))) {
		if (sym->st_value % OBJ_INSN_SZ || insn->imm % OBJ_INSN_SZ)
			return obj_fail(b, "prog '%s': bad subprogram address relocation against '%s'",
					f->name, sym_name);
		r->type = OBJ_RELO_SUBPROG_ADDR;
		r->sym_off = (unsigned)sym->st_value;
		return 0;
	}
	sec = obj_elf_sec_name(b, sym->st_shndx);
	if (!sec)
		return obj_fail(b, "prog '%s': relocation against '%s' in a nameless section",
				f->name, sym_name);
	/* jump table data: the map is made per program at link time
	 * (obj_jumptables.c) */
	if (strcmp(sec, ".jumptables") == 0) {
		r->type = OBJ_RELO_INSN_ARRAY;
		r->sym_off = (unsigned)sym->st_value;
		r->sym_size = (unsigned)sym->st_size;
		return 0;
	}
	if (strcmp(sec, ".maps") == 0) {
		r->map = map_by_section(b, sec, sym_name);
		if (r->map < 0)
			return obj_fail(b, "prog '%s': no map found for '%s'", f->name, sym_name);
		r->type = OBJ_RELO_LD64;
		return 0;
	}
	if (obj_arena_sec(sec))           /* obj_arena.c */
		return obj_arena_record_reloc(b, f, r, sym);
	if (strncmp(sec, ".data", 5) && strncmp(sec, ".rodata", 7) && strncmp(sec, ".bss", 4) &&
	    strncmp(sec, ".percpu", 7))   /* 7.3: per-CPU globals, a PERCPU_ARRAY */
		return obj_fail(b, "prog '%s': relocation against '%s' in section '%s' is not supported",
				f->name, sym_name, sec);
	r->map = map_by_section(b, sec, NULL);
	if (r->map < 0)
		return obj_fail(b, "prog '%s': no global data map for section '%s'", f->name, sec);
	r->type = OBJ_RELO_DATA;
	r->sym_off = (unsigned)sym->st_value;
	return 0;
}

/* mirrors bpf_object__collect_prog_relos() */
static int collect_section_relos(struct obj_build *b, size_t rel_idx, const GElf_Shdr *rsh)
{
	Elf_Data *data = obj_elf_sec_data(b, rel_idx), *target;
	size_t sec_idx = rsh->sh_info, nrels;
	GElf_Shdr tsh;

	if (sec_idx >= b->sec_cnt || !sec_is_code(b, sec_idx, &tsh))
		return 0; /* relocations of data, BTF, struct_ops: not code */
	target = obj_elf_sec_data(b, sec_idx);
	if (!data || !target || rsh->sh_entsize != sizeof(Elf64_Rel))
		return obj_fail(b, "'%s': corrupt relocation section '%s'", b->obj->path,
				obj_elf_sec_name(b, rel_idx));
	nrels = data->d_size / sizeof(Elf64_Rel);
	for (size_t i = 0; i < nrels; i++) {
		GElf_Rel rel;
		GElf_Sym sym;
		size_t sym_idx, insn;
		struct obj_func *f;
		struct obj_relo *grown;

		if (!gelf_getrel(data, (int)i, &rel))
			return obj_fail(b, "'%s': cannot read relocation %zu of '%s'", b->obj->path,
					i, obj_elf_sec_name(b, rel_idx));
		sym_idx = GELF_R_SYM(rel.r_info);
		if (!obj_elf_sym(b, sym_idx, &sym))
			return obj_fail(b, "'%s': relocation %zu names missing symbol %zu",
					b->obj->path, i, sym_idx);
		if (sym.st_shndx >= b->sec_cnt && sym.st_shndx < SHN_LORESERVE)
			return obj_fail(b, "'%s': symbol %zu points to missing section %u",
					b->obj->path, sym_idx, sym.st_shndx);
		if (rel.r_offset % OBJ_INSN_SZ || rel.r_offset >= target->d_size)
			return obj_fail(b, "'%s': relocation %zu has bad offset 0x%zx", b->obj->path,
					i, (size_t)rel.r_offset);
		insn = rel.r_offset / OBJ_INSN_SZ;
		f = obj_find_func(b, sec_idx, insn);
		if (!f)
			continue; /* libbpf: overridden weak function */
		grown = realloc(f->relos, (f->nr_relos + 1) * sizeof(*grown));
		if (!grown)
			return obj_fail(b, "out of memory");
		f->relos = grown;
		memset(&grown[f->nr_relos], 0, sizeof(*grown));
		grown[f->nr_relos].insn = (unsigned)(insn - f->sec_insn_off);
		grown[f->nr_relos].map = grown[f->nr_relos].ext = -1;
		if (record_reloc(b, f, &grown[f->nr_relos], &sym, sym_idx, obj_elf_sym_name(b, &sym)))
			return -1;
		f->nr_relos++;
	}
	return 0;
}

int obj_elf_collect_relos(struct obj_build *b)
{
	for (size_t i = 1; i < b->sec_cnt; i++) {
		Elf_Scn *scn = elf_getscn(b->elf, i);
		GElf_Shdr sh;

		if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type != SHT_REL)
			continue;
		if (collect_section_relos(b, i, &sh))
			return -1;
	}
	return 0;
}
