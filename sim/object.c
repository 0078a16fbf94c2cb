/* Opening a BPF object for the simulator.
 *
 * The kernel verifies what libbpf hands it after bpf_object__prepare():
 * instructions with CO-RE applied, subprograms appended, maps, global data
 * and externs resolved. libbpf cannot be asked for that here, because
 * prepare and load consult the running kernel (feature probes, kfunc/ksym
 * lookups in the host's BTF, map creation), and veristep simulates the
 * bundled 7.3 kernel, not the host. So the work is split:
 *
 *   - libbpf opens the object (bpf_object__open_mem: no syscall). It owns
 *     the program list with types, expected attach types and sections, the
 *     maps with their definitions and initial contents, and the object's
 *     BTF; its .BTF.ext parser (btf_ext__new) and CO-RE engine are reused.
 *   - libelf reads again what libbpf keeps private: functions, relocations,
 *     externs (obj_elf.c, obj_extern.c).
 *   - obj_core.c, obj_link.c and obj_attach.c then replay libbpf's
 *     relocation steps against the bundled kernel's BTF.
 *
 * Both readers see the same bytes (two copies of the file: libelf may
 * convert in place). Malformed input is rejected before libbpf sees it when
 * the ELF header already tells (wrong class, machine, type, endianness);
 * libbpf's own warnings are captured, never printed, and the last one
 * explains a failure. */
#include <errno.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "obj_internal.h"

#define OBJ_DEFAULT_VMLINUX_BTF "bpf/vmlinux.btf"
#define OBJ_MAX_FILE_SIZE (256u << 20)

static const char *const ref_kind_names[SIM_REF_KIND_COUNT] = {
#define X(e, name, help) [SIM_REF_##e] = name,
	SIM_REF_KINDS(X)
#undef X
};

const char *sim_ref_kind_name(enum sim_ref_kind kind)
{
	return (unsigned)kind < SIM_REF_KIND_COUNT ? ref_kind_names[kind] : "?";
}

/* libbpf reports through a global print callback; while we open an object it
 * points here and keeps the last warning line. */
static char libbpf_msg[512];

static int capture_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	size_t n;

	if (level != LIBBPF_WARN)
		return 0;
	vsnprintf(libbpf_msg, sizeof(libbpf_msg), fmt, ap);
	n = strlen(libbpf_msg);
	while (n && (libbpf_msg[n - 1] == '\n' || libbpf_msg[n - 1] == '.'))
		libbpf_msg[--n] = '\0';
	return 0;
}

const char *obj_libbpf_msg(void)
{
	return libbpf_msg[0] ? libbpf_msg : "no details from libbpf";
}

int obj_fail(struct obj_build *b, const char *fmt, ...)
{
	va_list ap;

	if (!b->errlen || b->err[0])
		return -1; /* the first, innermost error explains best */
	va_start(ap, fmt);
	vsnprintf(b->err, b->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The ELF section a global data map was made from: libbpf names it by its
 * section (bpf_object__find_map_by_name(".rodata") finds the map). */
static const char *internal_map_section(struct obj_build *b, const struct bpf_map *map)
{
	if (bpf_object__find_map_by_name(b->obj->bobj, ".kconfig") == map)
		return ".kconfig";
	for (size_t i = 1; i < b->sec_cnt; i++) {
		const char *name = obj_elf_sec_name(b, i);

		if (name && name[0] == '.' && bpf_object__find_map_by_name(b->obj->bobj, name) == map)
			return name;
	}
	return NULL;
}

static const char *struct_ops_section(struct obj_build *b, const char *name)
{
	for (size_t i = 0; i < b->nr_syms; i++) {
		GElf_Sym sym;
		const char *sec;

		if (!obj_elf_sym(b, i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_OBJECT)
			continue;
		sec = obj_elf_sec_name(b, sym.st_shndx);
		if (sec && strncmp(sec, ".struct_ops", 11) == 0 &&
		    strcmp(obj_elf_sym_name(b, &sym), name) == 0)
			return sec;
	}
	return ".struct_ops";
}

static void fill_map(struct sim_map *m, const struct bpf_map *map)
{
	m->name = bpf_map__name(map);
	m->type = bpf_map__type(map);
	m->key_size = bpf_map__key_size(map);
	m->value_size = bpf_map__value_size(map);
	m->max_entries = bpf_map__max_entries(map);
	m->map_flags = bpf_map__map_flags(map);
	m->btf_key_type_id = bpf_map__btf_key_type_id(map);
	m->btf_value_type_id = bpf_map__btf_value_type_id(map);
	m->inner_map = -1;
}

/* Maps in libbpf's order (the index libbpf's own relocations use), then the
 * inner map templates of map-in-maps, which libbpf keeps outside the list. */
static int collect_maps(struct obj_build *b)
{
	struct sim_object *obj = b->obj;
	struct bpf_map *map;
	size_t n = 0, inner = 0, k;

	bpf_object__for_each_map(map, obj->bobj) {
		n++;
		inner += bpf_map__inner_map(map) != NULL;
	}
	obj->maps = calloc(n + inner + 1, sizeof(*obj->maps));
	if (!obj->maps)
		return obj_fail(b, "out of memory");
	k = 0;
	bpf_object__for_each_map(map, obj->bobj) {
		struct sim_map *m = &obj->maps[k++];

		fill_map(m, map);
		m->global_data = bpf_map__is_internal(map);
		if (m->global_data)
			m->section = internal_map_section(b, map);
		else if (m->type == BPF_MAP_TYPE_STRUCT_OPS)
			m->section = struct_ops_section(b, m->name);
		else
			m->section = ".maps";
		if (m->global_data || m->type == BPF_MAP_TYPE_STRUCT_OPS)
			m->initial_value = bpf_map__initial_value(map, &m->initial_size);
		if (m->section && strcmp(m->section, ".kconfig") == 0) {
			/* our own copy: its values are the bundled kernel's */
			b->kconfig_map = (int)(k - 1);
			obj->kconfig_data = calloc(1, m->value_size + 1);
			if (!obj->kconfig_data)
				return obj_fail(b, "out of memory");
			b->kconfig_data = obj->kconfig_data;
			m->initial_value = obj->kconfig_data;
			m->initial_size = m->value_size;
		}
	}
	obj->nr_maps = n;
	k = 0;
	bpf_object__for_each_map(map, obj->bobj) {
		const struct bpf_map *im = bpf_map__inner_map(map);

		if (im) {
			fill_map(&obj->maps[obj->nr_maps], im);
			obj->maps[obj->nr_maps].section = ".maps";
			/* what a lookup returns points to the kernel's inner map
			 * meta (bpf_map_meta_alloc()), which has no name: the log
			 * prints map_ptr(ks=..,vs=..) without map= */
			obj->maps[obj->nr_maps].name = "";
			obj->maps[k].inner_map = (int)obj->nr_maps++;
		}
		k++;
	}
	return 0;
}

/* bpf_object__load_vmlinux_btf()'s sibling: the object's BTF goes into the
 * kernel first, and a refusal only drops it (obj_btf_check.c) */
static int check_btf(struct obj_build *b)
{
	char why[256];

	if (!b->btf || !obj_btf_kernel_refuses(b->btf, why, sizeof(why)))
		return 0;
	b->obj->btf_refused = strdup(why);
	return b->obj->btf_refused ? 0 : obj_fail(b, "out of memory");
}

static int open_btf(struct obj_build *b)
{
	struct sim_object *obj = b->obj;
	ssize_t sec;
	Elf_Data *d;

	b->btf = bpf_object__btf(obj->bobj);
	sec = obj_elf_find_sec(b, ".BTF");
	if (sec > 0 && (d = obj_elf_sec_data(b, (size_t)sec)) && d->d_buf) {
		obj->elf_btf = btf__new(d->d_buf, (__u32)d->d_size);
		if (!obj->elf_btf)
			return obj_fail(b, "'%s': corrupt .BTF: %s", obj->path, obj_libbpf_msg());
		b->elf_btf = obj->elf_btf;
	}
	sec = obj_elf_find_sec(b, ".BTF.ext");
	if (sec > 0 && b->btf && (d = obj_elf_sec_data(b, (size_t)sec)) && d->d_buf) {
		obj->btf_ext = btf_ext__new(d->d_buf, (__u32)d->d_size);
		if (!obj->btf_ext)
			return obj_fail(b, "'%s': corrupt .BTF.ext: %s", obj->path, obj_libbpf_msg());
		/* vendored layout of libbpf's struct btf_ext still right? */
		if (obj->btf_ext->hdr->magic != BTF_MAGIC || obj->btf_ext->data_size != d->d_size)
			return obj_fail(b, "simulator bug: libbpf's struct btf_ext layout changed");
		b->btf_ext = obj->btf_ext;
	}
	return 0;
}

#define OBJ_DEFAULT_MODULE_BTF "bpf_testmod.btf" /* beside the bundled vmlinux.btf */
#define OBJ_DEFAULT_KCONFIG "kernel.config"        /* likewise */

/* "dir/bpf_testmod.btf" -> "bpf_testmod" */
static char *module_name_of(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strcspn(base, ".");

	return strndup(base, n);
}

/* mirrors btf_parse_module(): a module built out of tree (bpf_testmod) has
 * its split BTF on a distilled base (.BTF.base, saved next to it as
 * PATH.base), which the kernel relocates onto vmlinux (btf_relocate()); a
 * module without one is split BTF of vmlinux itself */
static struct btf *open_module_btf(const char *path, const struct btf *vmlinux)
{
	char base_path[4096];
	struct btf *distilled, *m;
	int err;

	if ((size_t)snprintf(base_path, sizeof(base_path), "%s.base", path) >= sizeof(base_path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if (access(base_path, R_OK))
		return btf__parse_split(path, (struct btf *)(uintptr_t)vmlinux);
	distilled = btf__parse(base_path, NULL);
	if (!distilled)
		return NULL;
	m = btf__parse_split(path, distilled);
	if (!m) {
		btf__free(distilled);
		return NULL;
	}
	/* after relocation the module's base is vmlinux: the distilled base
	 * is no longer referenced */
	err = btf__relocate(m, vmlinux);
	btf__free(distilled);
	if (err) {
		btf__free(m);
		errno = -err;
		return NULL;
	}
	return m;
}

/* Module BTF, as the kernel has one per loaded module (btf_module list):
 * split BTF whose ids continue vmlinux's. The verifier of the simulator
 * sees vmlinux + the first module as one BTF (a split BTF is a superset of
 * its base, and ids are the kernel's), which is how bpf_testmod kfuncs,
 * types and struct_ops resolve. */
static int open_modules(struct obj_build *b, const struct sim_object_opts *opts,
			const char *default_module)
{
	const char *const default_paths[] = { default_module };
	const char *const *paths = opts ? opts->module_btf_paths : NULL;
	size_t n = opts ? opts->nr_module_btf_paths : 0;
	struct sim_object *obj = b->obj;

	if (opts && opts->no_modules)
		return 0;
	if (!paths) {
		/* the bundled module BTF fits only the bundled vmlinux BTF */
		if (!default_module || access(default_module, R_OK))
			return 0;
		paths = default_paths;
		n = 1;
	}
	if (n > SIM_MAX_MODULE_BTFS)
		return obj_fail(b, "too many module BTFs (%zu, at most %d)", n, SIM_MAX_MODULE_BTFS);
	for (size_t i = 0; i < n; i++) {
		struct btf *m = open_module_btf(paths[i], obj->own_vmlinux ? obj->own_vmlinux
									  : obj->base_vmlinux);

		if (!m)
			return obj_fail(b, "cannot read module BTF '%s': %s", paths[i], strerror(errno));
		obj->modules[obj->nr_modules] = m;
		obj->module_names[obj->nr_modules] = module_name_of(paths[i]);
		obj->nr_modules++;
		if (!obj->module_names[obj->nr_modules - 1])
			return obj_fail(b, "out of memory");
	}
	if (obj->nr_modules)
		obj->vmlinux = obj->modules[0];
	return 0;
}

static int open_vmlinux(struct obj_build *b, const struct sim_object_opts *opts)
{
	const char *path = opts && opts->vmlinux_btf_path ? opts->vmlinux_btf_path
							  : OBJ_DEFAULT_VMLINUX_BTF;
	/* the bundled vmlinux.btf has the bundled module BTF beside it
	 * (bpf/vmlinux.btf, bpf/bpf_testmod.btf), wherever bpf/ is */
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char default_module[4096];
	bool bundled = !(opts && opts->vmlinux_btf) && !strcmp(base, "vmlinux.btf") &&
		       (size_t)snprintf(default_module, sizeof(default_module), "%.*s" OBJ_DEFAULT_MODULE_BTF,
					(int)(base - path), path) < sizeof(default_module);

	if (opts && opts->kconfig_path) {
		b->kconfig_path = strdup(opts->kconfig_path);
	} else if (!strcmp(base, "vmlinux.btf")) {
		/* the bundled kernel's .config sits beside its BTF */
		size_t n = (size_t)(base - path) + sizeof(OBJ_DEFAULT_KCONFIG);

		b->kconfig_path = malloc(n);
		if (b->kconfig_path)
			snprintf(b->kconfig_path, n, "%.*s" OBJ_DEFAULT_KCONFIG, (int)(base - path), path);
	}
	if (opts && opts->vmlinux_btf) {
		b->obj->vmlinux = opts->vmlinux_btf;
	} else {
		b->obj->own_vmlinux = btf__parse(path, NULL);
		if (!b->obj->own_vmlinux)
			return obj_fail(b, "cannot read kernel BTF '%s': %s", path, strerror(errno));
		b->obj->vmlinux = b->obj->own_vmlinux;
	}
	b->obj->base_vmlinux = b->obj->vmlinux;
	if (open_modules(b, opts, bundled ? default_module : NULL))
		return -1;
	b->vmlinux = b->obj->vmlinux;
	return 0;
}

static int collect_progs(struct obj_build *b)
{
	struct sim_object *obj = b->obj;
	struct bpf_program *p;
	size_t n = 0;

	bpf_object__for_each_program(p, obj->bobj)
		n++;
	if (!n)
		return obj_fail(b, "'%s' has no BPF programs", obj->path);
	obj->progs = calloc(n, sizeof(*obj->progs));
	if (!obj->progs)
		return obj_fail(b, "out of memory");
	bpf_object__for_each_program(p, obj->bobj) {
		struct sim_prog *sp = &obj->progs[obj->nr_progs];
		struct obj_func *f = obj_find_func_by_name(b, bpf_program__name(p));

		if (!f || f->is_subprog || bpf_program__insn_cnt(p) != f->insn_cnt)
			return obj_fail(b, "simulator bug: program '%s' not found in the ELF symbols",
					bpf_program__name(p));
		sp->obj = obj;
		sp->name = bpf_program__name(p);
		sp->section = bpf_program__section_name(p);
		sp->type = bpf_program__type(p);
		sp->expected_attach_type = bpf_program__expected_attach_type(p);
		sp->func = (size_t)(f - b->funcs);
		obj->nr_progs++;
	}
	return 0;
}

/* mirrors the first loop of bpf_object__relocate(): LD_IMM64 of a function
 * becomes BPF_PSEUDO_FUNC before any call is relocated */
static void mark_pseudo_funcs(struct obj_build *b)
{
	for (size_t i = 0; i < b->nr_funcs; i++)
		for (size_t j = 0; j < b->funcs[i].nr_relos; j++)
			if (b->funcs[i].relos[j].type == OBJ_RELO_SUBPROG_ADDR)
				b->funcs[i].insns[b->funcs[i].relos[j].insn].src_reg = BPF_PSEUDO_FUNC;
}

static int build(struct obj_build *b, const struct sim_object_opts *opts)
{
	struct sim_object *obj = b->obj;
	LIBBPF_OPTS(bpf_object_open_opts, oo, .object_name = base_name(obj->path));

	elf_version(EV_CURRENT);
	obj->elf = elf_memory(obj->elf_buf, obj->size);
	if (!obj->elf)
		return obj_fail(b, "'%s' is not an ELF file", obj->path);
	b->elf = obj->elf;
	if (obj_elf_init(b))
		return -1;
	obj->bobj = bpf_object__open_mem(obj->buf, obj->size, &oo);
	if (!obj->bobj)
		return obj_fail(b, "'%s': libbpf cannot open it: %s", obj->path, obj_libbpf_msg());
	if (open_vmlinux(b, opts) || open_btf(b) || check_btf(b) || collect_maps(b) ||
	    obj_elf_collect_funcs(b) ||
	    obj_extern_collect(b) || obj_elf_collect_relos(b))
		return -1;
	mark_pseudo_funcs(b);
	if (obj_core_apply(b) || obj_extern_resolve(b) || collect_progs(b))
		return -1;
	for (size_t i = 0; i < obj->nr_progs; i++)
		if (obj_attach_resolve(b, &obj->progs[i]))
			return -1;
	if (obj_struct_ops_collect(b))
		return -1;
	for (size_t i = 0; i < obj->nr_progs; i++)
		if (obj_link_prog(b, &obj->progs[i]))
			return -1;
	return 0;
}

struct sim_object *sim_object_open_mem(const void *buf, size_t size, const char *name,
				       const struct sim_object_opts *opts, char *err, size_t errlen)
{
	struct sim_object *obj = calloc(1, sizeof(*obj));
	struct obj_build b = { .obj = obj, .err = err, .errlen = errlen, .kconfig_map = -1 };
	libbpf_print_fn_t old;
	int rc;

	if (errlen)
		err[0] = '\0';
	if (!obj) {
		obj_fail(&b, "out of memory");
		return NULL;
	}
	obj->path = strdup(name ? name : "<memory>");
	obj->size = size;
	obj->buf = malloc(size ? size : 1);
	obj->elf_buf = malloc(size ? size : 1);
	if (!obj->path || !obj->buf || !obj->elf_buf) {
		obj_fail(&b, "out of memory");
		sim_object_close(obj);
		return NULL;
	}
	if (size) {
		memcpy(obj->buf, buf, size);
		memcpy(obj->elf_buf, buf, size);
	}
	libbpf_msg[0] = '\0';
	old = libbpf_set_print(capture_libbpf);
	rc = build(&b, opts);
	libbpf_set_print(old);
	obj_funcs_free(b.funcs, b.nr_funcs);
	free(b.exts);
	free(b.kconfig_path);
	if (rc) {
		if (errlen && !err[0])
			snprintf(err, errlen, "cannot open '%s'", obj->path);
		sim_object_close(obj);
		return NULL;
	}
	return obj;
}

struct sim_object *sim_object_open_opts(const char *path, const struct sim_object_opts *opts,
					char *err, size_t errlen)
{
	struct sim_object *obj;
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long size;

	if (!f) {
		if (errlen)
			snprintf(err, errlen, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) ||
	    (unsigned long)size > OBJ_MAX_FILE_SIZE || !(buf = malloc((size_t)size + 1)) ||
	    fread(buf, 1, (size_t)size, f) != (size_t)size) {
		if (errlen)
			snprintf(err, errlen, "cannot read '%s'", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	obj = sim_object_open_mem(buf, (size_t)size, path, opts, err, errlen);
	free(buf);
	return obj;
}

struct sim_object *sim_object_open(const char *path, const char *vmlinux_btf_path, char *err,
				   size_t errlen)
{
	struct sim_object_opts opts = { .vmlinux_btf_path = vmlinux_btf_path };

	return sim_object_open_opts(path, &opts, err, errlen);
}

void sim_object_close(struct sim_object *obj)
{
	if (!obj)
		return;
	for (size_t i = 0; i < obj->nr_progs; i++)
		obj_prog_free(&obj->progs[i]);
	free(obj->progs);
	obj_jumptables_free(obj);
	free(obj->maps);
	free(obj->st_ops);
	free(obj->kconfig_data);
	btf_ext__free(obj->btf_ext);
	free(obj->btf_refused);
	btf__free(obj->elf_btf);
	for (size_t i = 0; i < obj->nr_modules; i++) {
		btf__free(obj->modules[i]);
		free(obj->module_names[i]);
	}
	btf__free(obj->own_vmlinux);
	bpf_object__close(obj->bobj);
	if (obj->elf)
		elf_end(obj->elf);
	free(obj->elf_buf);
	free(obj->buf);
	free(obj->path);
	free(obj);
}

/* ---- accessors ----------------------------------------------------------- */

size_t sim_object_prog_count(const struct sim_object *obj) { return obj->nr_progs; }

const struct sim_prog *sim_object_prog(const struct sim_object *obj, size_t i)
{
	return i < obj->nr_progs ? &obj->progs[i] : NULL;
}

const struct sim_prog *sim_object_find_prog(const struct sim_object *obj, const char *name)
{
	for (size_t i = 0; i < obj->nr_progs; i++)
		if (strcmp(obj->progs[i].name, name) == 0)
			return &obj->progs[i];
	return NULL;
}

size_t sim_object_map_count(const struct sim_object *obj) { return obj->nr_maps; }

const struct sim_map *sim_object_map(const struct sim_object *obj, size_t i)
{
	return i < obj->nr_maps ? &obj->maps[i] : NULL;
}

int sim_object_find_map(const struct sim_object *obj, const char *name)
{
	for (size_t i = 0; i < obj->nr_maps; i++)
		if (strcmp(obj->maps[i].name, name) == 0)
			return (int)i;
	return -1;
}

size_t sim_object_struct_ops_count(const struct sim_object *obj) { return obj->nr_st_ops; }

const struct sim_struct_ops_member *sim_object_struct_ops(const struct sim_object *obj, size_t i)
{
	return i < obj->nr_st_ops ? &obj->st_ops[i] : NULL;
}

const char *sim_object_path(const struct sim_object *obj) { return obj->path; }
const struct btf *sim_object_btf(const struct sim_object *obj) { return bpf_object__btf(obj->bobj); }
const char *sim_object_btf_refused(const struct sim_object *obj) { return obj->btf_refused; }
const struct btf *sim_object_vmlinux_btf(const struct sim_object *obj) { return obj->vmlinux; }
size_t sim_object_module_count(const struct sim_object *obj) { return obj->nr_modules; }

const struct btf *sim_object_module_btf(const struct sim_object *obj, size_t i)
{
	return i < obj->nr_modules ? obj->modules[i] : NULL;
}

const char *sim_object_module_name(const struct sim_object *obj, size_t i)
{
	return i < obj->nr_modules ? obj->module_names[i] : NULL;
}
struct bpf_object *sim_object_libbpf(const struct sim_object *obj) { return obj->bobj; }

const char *sim_prog_name(const struct sim_prog *prog) { return prog->name; }
const char *sim_prog_section(const struct sim_prog *prog) { return prog->section; }
enum bpf_prog_type sim_prog_type(const struct sim_prog *prog) { return prog->type; }
bool sim_prog_sleepable(const struct sim_prog *prog) { return prog->sleepable; }
const char *sim_prog_attach_target(const struct sim_prog *prog) { return prog->attach_target; }
const char *sim_prog_load_error(const struct sim_prog *prog) { return prog->load_error; }
unsigned sim_prog_attach_btf_id(const struct sim_prog *prog) { return prog->attach_btf_id; }

enum bpf_attach_type sim_prog_expected_attach_type(const struct sim_prog *prog)
{
	return prog->expected_attach_type;
}

const struct bpf_insn *sim_prog_insns(const struct sim_prog *prog, size_t *count)
{
	if (count)
		*count = prog->insn_cnt;
	return prog->insns;
}

size_t sim_prog_subprog_count(const struct sim_prog *prog) { return prog->nr_subprogs; }

const struct sim_subprog *sim_prog_subprog(const struct sim_prog *prog, size_t i)
{
	return i < prog->nr_subprogs ? &prog->subprogs[i] : NULL;
}

int sim_prog_subprog_at(const struct sim_prog *prog, unsigned insn)
{
	for (size_t i = 0; i < prog->nr_subprogs; i++)
		if (insn >= prog->subprogs[i].start &&
		    insn < prog->subprogs[i].start + prog->subprogs[i].len)
			return (int)i;
	return -1;
}

size_t sim_prog_ref_count(const struct sim_prog *prog) { return prog->nr_refs; }

const struct sim_insn_ref *sim_prog_ref(const struct sim_prog *prog, size_t i)
{
	return i < prog->nr_refs ? &prog->refs[i] : NULL;
}

const struct sim_insn_ref *sim_prog_insn_ref(const struct sim_prog *prog, unsigned insn)
{
	size_t lo = 0, hi = prog->nr_refs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (prog->refs[mid].insn == insn)
			return &prog->refs[mid];
		if (prog->refs[mid].insn < insn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t sim_prog_line_count(const struct sim_prog *prog) { return prog->nr_lines; }

const struct sim_line *sim_prog_line(const struct sim_prog *prog, size_t i)
{
	return i < prog->nr_lines ? &prog->lines[i] : NULL;
}

/* Line records are in append order, so sorted by instruction: the last
 * record at or before @insn covers it. */
const struct sim_line *sim_prog_line_of(const struct sim_prog *prog, unsigned insn)
{
	size_t lo = 0, hi = prog->nr_lines;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (prog->lines[mid].insn <= insn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &prog->lines[lo - 1] : NULL;
}

bool sim_prog_line_starts(const struct sim_prog *prog, unsigned insn)
{
	const struct sim_line *l = sim_prog_line_of(prog, insn);

	return l && l->insn == insn;
}

const struct bpf_func_info *sim_prog_func_info(const struct sim_prog *prog, size_t *count)
{
	if (count)
		*count = prog->nr_func_info;
	return prog->func_info;
}
