/* Externs: kfuncs and typed ksyms (.ksyms) and .kconfig variables, resolved
 * against the bundled kernel's BTF instead of the running kernel's. Mirrors
 * bpf_object__collect_externs() (which symbols are externs, their order) and
 * bpf_object__resolve_externs()/bpf_object__resolve_ksyms_btf_id() (how they
 * resolve, which failures are errors and which weak externs stay unset).
 * Error text follows libbpf's warnings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "obj_internal.h"

/* LINUX_KERNEL_VERSION as libbpf computes it from uname() inside the guest:
 * KERNEL_VERSION(7, 3, 4) for the bundled 7.3.4 kernel. */
#define OBJ_KERNEL_VERSION ((7u << 16) + (3u << 8) + 4u)

/* libbpf's "virtual" .kconfig externs and the values the bundled kernel gives
 * them (bpf_object__resolve_externs()). */
static const struct {
	const char *name;
	unsigned long long value;
} virtual_kcfg[] = {
	{ "LINUX_KERNEL_VERSION", OBJ_KERNEL_VERSION },
	{ "LINUX_HAS_BPF_COOKIE", 1 },
	{ "LINUX_HAS_SYSCALL_WRAPPER", 1 }, /* x86-64 */
};

/* mirrors find_extern_btf_id() */
static int find_extern_btf_id(const struct btf *btf, const char *name)
{
	unsigned n = btf__type_cnt(btf);

	for (unsigned i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (!btf_is_var(t) && !btf_is_func(t))
			continue;
		if (strcmp(btf__name_by_offset(btf, t->name_off), name))
			continue;
		if (btf_is_var(t) && btf_var(t)->linkage != BTF_VAR_GLOBAL_EXTERN)
			return -1;
		if (btf_is_func(t) && btf_vlen(t) != BTF_FUNC_EXTERN)
			return -1;
		return (int)i;
	}
	return -1;
}

/* mirrors find_extern_sec_btf_id() */
static const char *extern_sec_name(const struct btf *btf, unsigned ext_id)
{
	unsigned n = btf__type_cnt(btf);

	for (unsigned i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const struct btf_var_secinfo *vs;

		if (!btf_is_datasec(t))
			continue;
		vs = btf_var_secinfos(t);
		for (unsigned j = 0; j < btf_vlen(t); j++, vs++)
			if (vs->type == ext_id)
				return btf__name_by_offset(btf, t->name_off);
	}
	return NULL;
}

/* mirrors cmp_externs() */
static int cmp_externs(const void *pa, const void *pb)
{
	const struct obj_extern *a = pa, *c = pb;

	if (a->type != c->type)
		return a->type < c->type ? -1 : 1;
	if (a->type == OBJ_EXT_KCFG) {
		if (a->kcfg_align != c->kcfg_align)
			return a->kcfg_align > c->kcfg_align ? -1 : 1;
		if (a->kcfg_size != c->kcfg_size)
			return a->kcfg_size < c->kcfg_size ? -1 : 1;
	}
	return strcmp(a->name, c->name);
}

int obj_extern_collect(struct obj_build *b)
{
	const struct btf *btf = b->elf_btf;
	unsigned off = 0;

	for (size_t i = 0; i < b->nr_syms; i++) {
		GElf_Sym sym;
		const char *name, *sec;
		const struct btf_type *t;
		struct obj_extern *e, *grown;
		int bind, id;

		if (!obj_elf_sym(b, i, &sym))
			return obj_fail(b, "'%s': cannot read symbol %zu", b->obj->path, i);
		bind = GELF_ST_BIND(sym.st_info);
		if (sym.st_shndx != SHN_UNDEF || (bind != STB_GLOBAL && bind != STB_WEAK) ||
		    GELF_ST_TYPE(sym.st_info) != STT_NOTYPE)
			continue;
		name = obj_elf_sym_name(b, &sym);
		if (!name[0])
			continue;
		if (!btf)
			return obj_fail(b, "extern '%s' needs BTF, and '%s' has none", name,
					b->obj->path);
		id = find_extern_btf_id(btf, name);
		if (id <= 0)
			return obj_fail(b, "failed to find BTF for extern '%s'", name);
		sec = extern_sec_name(btf, (unsigned)id);
		if (!sec)
			return obj_fail(b, "failed to find BTF for extern '%s' section", name);
		grown = realloc(b->exts, (b->nr_exts + 1) * sizeof(*grown));
		if (!grown)
			return obj_fail(b, "out of memory");
		b->exts = grown;
		e = &b->exts[b->nr_exts++];
		memset(e, 0, sizeof(*e));
		t = btf__type_by_id(btf, (unsigned)id);
		e->name = name;
		e->sym_idx = i;
		e->weak = bind == STB_WEAK;
		e->btf_id = (unsigned)id;
		e->is_func = btf_is_func(t);
		snprintf(e->essent_name, sizeof(e->essent_name), "%.*s",
			 (int)bpf_core_essential_name_len(name), name);
		if (strcmp(sec, ".kconfig") == 0) {
			int size = btf__resolve_size(btf, t->type), align = btf__align_of(btf, t->type);

			if (e->is_func)
				return obj_fail(b, "extern function %s is unsupported under .kconfig section",
						name);
			if (size <= 0 || align <= 0)
				return obj_fail(b, "extern (kcfg) '%s': type is unsupported", name);
			e->type = OBJ_EXT_KCFG;
			e->kcfg_size = (unsigned)size;
			e->kcfg_align = (unsigned)align;
		} else if (strcmp(sec, ".ksyms") == 0) {
			e->type = OBJ_EXT_KSYM;
			if (e->is_func)
				e->local_type_id = t->type;
			else
				skip_mods_and_typedefs(btf, t->type, &e->local_type_id);
		} else {
			return obj_fail(b, "unrecognized extern section '%s'", sec);
		}
	}
	if (b->nr_exts)
		qsort(b->exts, b->nr_exts, sizeof(*b->exts), cmp_externs);
	for (size_t i = 0; i < b->nr_exts; i++) {
		struct obj_extern *e = &b->exts[i];

		if (e->type != OBJ_EXT_KCFG)
			continue;
		e->kcfg_off = (off + e->kcfg_align - 1) / e->kcfg_align * e->kcfg_align;
		off = e->kcfg_off + e->kcfg_size;
	}
	return 0;
}

int obj_extern_find_by_sym(struct obj_build *b, size_t sym_idx)
{
	for (size_t i = 0; i < b->nr_exts; i++)
		if (b->exts[i].sym_idx == sym_idx)
			return (int)i;
	return -1;
}

/* mirrors find_ksym_btf_id(): vmlinux first, then each module's BTF (own
 * types only: a split BTF also answers for its base) */
static int find_ksym_btf_id(struct obj_build *b, const char *name, unsigned kind,
			    const struct btf **btf, int *fd_idx)
{
	const struct sim_object *obj = b->obj;
	int id = btf__find_by_name_kind(obj->base_vmlinux, name, kind);

	*btf = obj->base_vmlinux;
	*fd_idx = 0;
	for (size_t i = 0; id <= 0 && i < obj->nr_modules; i++) {
		id = btf__find_by_name_kind_own(obj->modules[i], name, kind);
		*btf = obj->modules[i];
		*fd_idx = (int)i + 1;
	}
	return id;
}

/* mirrors bpf_object__resolve_ksym_func_btf_id() */
static int resolve_kfunc(struct obj_build *b, struct obj_extern *e)
{
	const struct btf *kbtf;
	int fd_idx;
	int id = find_ksym_btf_id(b, e->essent_name, BTF_KIND_FUNC, &kbtf, &fd_idx);
	const struct btf_type *kf;

	if (id <= 0) {
		if (e->weak)
			return 0;
		return obj_fail(b, "extern (func ksym) '%s': not found in kernel or module BTFs",
				e->name);
	}
	kf = btf__type_by_id(kbtf, (unsigned)id);
	if (bpf_core_types_are_compat(b->elf_btf, e->local_type_id, kbtf, kf->type) <= 0) {
		if (e->weak)
			return 0;
		return obj_fail(b, "extern (func ksym) '%s': func_proto [%u] incompatible with %s [%u]",
				e->name, e->local_type_id,
				fd_idx ? b->obj->module_names[fd_idx - 1] : "vmlinux", kf->type);
	}
	e->is_set = true;
	e->kernel_btf_id = (unsigned)id;
	e->btf_fd_idx = fd_idx;
	return 0;
}

/* mirrors bpf_object__resolve_ksym_var_btf_id() */
static int resolve_ksym_var(struct obj_build *b, struct obj_extern *e)
{
	int id = btf__find_by_name_kind(b->vmlinux, e->name, BTF_KIND_VAR);
	__u32 targ_type_id = 0;

	if (id <= 0) {
		if (e->weak)
			return 0;
		return obj_fail(b, "extern (var ksym) '%s': not found in kernel BTF", e->name);
	}
	skip_mods_and_typedefs(b->vmlinux, btf__type_by_id(b->vmlinux, (unsigned)id)->type,
			       &targ_type_id);
	if (bpf_core_types_are_compat(b->elf_btf, e->local_type_id, b->vmlinux, targ_type_id) <= 0)
		return obj_fail(b, "extern (var ksym) '%s': incompatible types, expected [%u], but kernel has [%u]",
				e->name, e->local_type_id, targ_type_id);
	e->is_set = true;
	e->kernel_btf_id = (unsigned)id;
	return 0;
}

static int set_kcfg_value(struct obj_build *b, struct obj_extern *e)
{
	unsigned long long value = 0;
	bool known = false;

	for (size_t i = 0; i < sizeof(virtual_kcfg) / sizeof(virtual_kcfg[0]); i++) {
		if (strcmp(e->name, virtual_kcfg[i].name) == 0) {
			value = virtual_kcfg[i].value;
			known = true;
		}
	}
	if (!known && strncmp(e->name, "CONFIG_", 7) == 0) {
		bool fits = b->kconfig_data &&
			    e->kcfg_off + e->kcfg_size <= b->obj->maps[b->kconfig_map].value_size;

		if (obj_kconfig_set(b, e, fits ? (unsigned char *)b->kconfig_data + e->kcfg_off : NULL))
			return -1;
		e->is_set = true;
		return 0;
	}
	if (!known && (strncmp(e->name, "LINUX_", 6) || !e->weak))
		return obj_fail(b, "extern (kcfg) '%s': unrecognized virtual extern", e->name);
	/* weak LINUX_ externs libbpf does not know stay zero */
	if (b->kconfig_data && e->kcfg_off + e->kcfg_size <= b->obj->maps[b->kconfig_map].value_size) {
		unsigned char *dst = (unsigned char *)b->kconfig_data + e->kcfg_off;

		for (unsigned i = 0; i < e->kcfg_size && i < sizeof(value); i++)
			dst[i] = (unsigned char)(value >> (8 * i)); /* little-endian target */
	}
	e->is_set = true;
	return 0;
}

int obj_extern_resolve(struct obj_build *b)
{
	for (size_t i = 0; i < b->nr_exts; i++) {
		struct obj_extern *e = &b->exts[i];
		int err;

		if (e->type == OBJ_EXT_KCFG)
			err = set_kcfg_value(b, e);
		else if (!e->local_type_id)
			err = obj_fail(b, "extern (ksym) '%s': typeless ksyms need /proc/kallsyms, not supported",
				       e->name);
		else if (e->is_func)
			err = resolve_kfunc(b, e);
		else
			err = resolve_ksym_var(b, e);
		if (err)
			return err;
	}
	return 0;
}
