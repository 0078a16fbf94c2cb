/* What a program attaches to, as libbpf works it out at load time
 * (libbpf_prepare_prog_load(), libbpf_find_attach_btf_id(),
 * bpf_map__init_kern_struct_ops()), resolved in the bundled vmlinux BTF:
 *   - BTF-attached tracing/LSM/iter programs: the name after '/' in the
 *     section, looked up with the kernel's prefix ("btf_trace_" TYPEDEF for
 *     tp_btf, "bpf_lsm_"/"bpf_iter_" FUNC, plain FUNC otherwise);
 *   - struct_ops programs: the member of the struct_ops map they fill, whose
 *     index becomes the expected attach type;
 *   - sleepable: libbpf's SEC_SLEEPABLE section definitions are exactly the
 *     ".s" flavours plus "syscall". */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "obj_internal.h"

static bool section_sleepable(const char *sec)
{
	size_t n = strcspn(sec, "/");

	if (n == 7 && strncmp(sec, "syscall", 7) == 0)
		return true;
	return n >= 2 && sec[n - 2] == '.' && sec[n - 1] == 's';
}

/* the attach types of libbpf's SEC_ATTACH_BTF section definitions */
static const bool btf_attach_types[__MAX_BPF_ATTACH_TYPE] = {
	[BPF_TRACE_RAW_TP] = true,
	[BPF_TRACE_FENTRY] = true,
	[BPF_TRACE_FEXIT] = true,
	[BPF_MODIFY_RETURN] = true,
	[BPF_TRACE_FSESSION] = true,
	[BPF_TRACE_ITER] = true,
	[BPF_LSM_MAC] = true,
	[BPF_LSM_CGROUP] = true,
};

static bool attaches_by_btf(const struct sim_prog *p)
{
	if (p->type != BPF_PROG_TYPE_TRACING && p->type != BPF_PROG_TYPE_LSM)
		return false;
	return (unsigned)p->expected_attach_type < __MAX_BPF_ATTACH_TYPE &&
	       btf_attach_types[p->expected_attach_type];
}

/* libbpf resolves attach targets when it loads each program
 * (libbpf_prepare_prog_load()): a missing one stops that program only,
 * the others of the object still load and are verified. */
static int __attribute__((format(printf, 3, 4))) refuse(struct obj_build *b, struct sim_prog *p,
							 const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(p->load_error);
	p->load_error = strdup(msg);
	return p->load_error ? 0 : obj_fail(b, "out of memory");
}

int obj_attach_resolve(struct obj_build *b, struct sim_prog *p)
{
	const char *slash = strchr(p->section, '/'), *prefix = "";
	char full[256];
	int kind = BTF_KIND_FUNC, id;

	p->sleepable = section_sleepable(p->section);
	if (p->type == BPF_PROG_TYPE_EXT)
		return obj_fail(b, "prog '%s': freplace programs need a target program, not supported",
				p->name);
	if (!attaches_by_btf(p))
		return 0;
	if (!slash || !slash[1])
		return refuse(b, p, "prog '%s': no BTF-based attach target is specified", p->name);
	p->attach_target = strdup(slash + 1);
	if (!p->attach_target)
		return obj_fail(b, "out of memory");
	btf_get_kernel_prefix_kind(p->expected_attach_type, &prefix, &kind);
	snprintf(full, sizeof(full), "%s%s", prefix, p->attach_target);
	id = btf__find_by_name_kind(b->vmlinux, full, (__u32)kind);
	if (id <= 0)
		return refuse(b, p, "prog '%s': attach target '%s' not found in the kernel's BTF",
			      p->name, full);
	p->attach_btf_id = (unsigned)id;
	return 0;
}

static int find_member(const struct btf *btf, const struct btf_type *t, unsigned bit_off)
{
	const struct btf_member *m = btf_members(t);

	for (unsigned i = 0; i < btf_vlen(t); i++, m++)
		if (btf_member_bit_offset(t, i) == bit_off)
			return (int)i;
	(void)btf;
	return -1;
}

static int member_by_name(const struct btf *btf, const struct btf_type *t, const char *name)
{
	const struct btf_member *m = btf_members(t);

	for (unsigned i = 0; i < btf_vlen(t); i++, m++)
		if (strcmp(btf__name_by_offset(btf, m->name_off), name) == 0)
			return (int)i;
	return -1;
}

static struct sim_prog *prog_by_name(struct obj_build *b, const char *name)
{
	for (size_t i = 0; i < b->obj->nr_progs; i++)
		if (strcmp(b->obj->progs[i].name, name) == 0)
			return &b->obj->progs[i];
	return NULL;
}

/* one relocation of a .struct_ops section: a function pointer member */
static int struct_ops_member(struct obj_build *b, size_t sec, const GElf_Rel *rel)
{
	GElf_Sym fsym, vsym;
	const char *fname, *vname = NULL, *mname, *tname;
	const struct btf_type *lt, *kt;
	const struct btf_member *lm;
	struct sim_struct_ops_member *grown, *m;
	struct sim_prog *p;
	int map, mi, ki, kid;

	if (!obj_elf_sym(b, GELF_R_SYM(rel->r_info), &fsym))
		return obj_fail(b, "'%s': struct_ops relocation names a missing symbol", b->obj->path);
	fname = obj_elf_sym_name(b, &fsym);
	for (size_t i = 0; i < b->nr_syms && !vname; i++) {
		if (obj_elf_sym(b, i, &vsym) && vsym.st_shndx == sec &&
		    GELF_ST_TYPE(vsym.st_info) == STT_OBJECT && rel->r_offset >= vsym.st_value &&
		    rel->r_offset < vsym.st_value + vsym.st_size)
			vname = obj_elf_sym_name(b, &vsym);
	}
	map = vname ? sim_object_find_map(b->obj, vname) : -1;
	if (map < 0)
		return obj_fail(b, "'%s': struct_ops relocation at 0x%zx is in no struct_ops map",
				b->obj->path, (size_t)rel->r_offset);
	lt = btf__type_by_id(b->btf, b->obj->maps[map].btf_value_type_id);
	if (!lt || !btf_is_struct(lt))
		return obj_fail(b, "struct_ops map '%s' has no struct type", vname);
	mi = find_member(b->btf, lt, (unsigned)(rel->r_offset - vsym.st_value) * 8);
	if (mi < 0)
		return obj_fail(b, "struct_ops map '%s': no member at offset %zu", vname,
				(size_t)(rel->r_offset - vsym.st_value));
	lm = btf_members(lt) + mi;
	mname = btf__name_by_offset(b->btf, lm->name_off);
	tname = btf__name_by_offset(b->btf, lt->name_off);
	kid = btf__find_by_name_kind(b->vmlinux, tname, BTF_KIND_STRUCT);
	kt = kid > 0 ? btf__type_by_id(b->vmlinux, (unsigned)kid) : NULL;
	if (!kt)
		return obj_fail(b, "struct_ops map '%s': struct '%s' is not in the kernel's BTF",
				vname, tname);
	ki = member_by_name(b->vmlinux, kt, mname);
	if (ki < 0)
		return obj_fail(b, "struct_ops map '%s': member '%s' is not in the kernel's struct '%s'",
				vname, mname, tname);
	grown = realloc(b->obj->st_ops, (b->obj->nr_st_ops + 1) * sizeof(*grown));
	if (!grown)
		return obj_fail(b, "out of memory");
	b->obj->st_ops = grown;
	m = &grown[b->obj->nr_st_ops++];
	m->map = map;
	m->member = mname;
	m->member_idx = (unsigned)ki;
	m->prog = fname;
	p = prog_by_name(b, fname);
	if (p && p->type == BPF_PROG_TYPE_STRUCT_OPS) {
		/* mirrors bpf_map__init_kern_struct_ops(): the member index is
		 * the expected attach type, the kernel struct the target */
		free(p->attach_target);
		p->attach_target = strdup(mname);
		if (!p->attach_target)
			return obj_fail(b, "out of memory");
		p->attach_btf_id = (unsigned)kid;
		p->expected_attach_type = (enum bpf_attach_type)ki;
	}
	return 0;
}

int obj_struct_ops_collect(struct obj_build *b)
{
	for (size_t i = 1; i < b->sec_cnt; i++) {
		Elf_Scn *scn = elf_getscn(b->elf, i);
		GElf_Shdr sh;
		const char *target;
		Elf_Data *data;

		if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type != SHT_REL)
			continue;
		target = obj_elf_sec_name(b, sh.sh_info);
		if (!target || strncmp(target, ".struct_ops", 11))
			continue;
		data = elf_getdata(scn, NULL);
		if (!data || sh.sh_entsize != sizeof(Elf64_Rel))
			return obj_fail(b, "'%s': corrupt relocations for '%s'", b->obj->path, target);
		for (size_t r = 0; r < data->d_size / sizeof(Elf64_Rel); r++) {
			GElf_Rel rel;

			if (!gelf_getrel(data, (int)r, &rel))
				return obj_fail(b, "'%s': corrupt relocations for '%s'", b->obj->path,
						target);
			if (struct_ops_member(b, sh.sh_info, &rel))
				return -1;
		}
	}
	return 0;
}
