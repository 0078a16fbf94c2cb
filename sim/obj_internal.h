/* Internals of the object loader (object.c and obj_*.c), not for other
 * modules. The loader mirrors libbpf's open -> relocate pipeline on data it
 * reads itself:
 *
 *   object.c      open: libbpf for programs/maps/BTF, libelf for the rest;
 *                 the public accessors
 *   obj_elf.c     ELF sections, symbols, functions and their relocations
 *                 (mirrors bpf_object__add_programs, bpf_program__record_reloc)
 *   obj_extern.c  kfunc/ksym/.kconfig externs resolved against the bundled
 *                 vmlinux BTF (mirrors bpf_object__collect_externs,
 *                 bpf_object__resolve_externs)
 *   obj_core.c    CO-RE, with libbpf's own relo_core.c
 *   obj_link.c    subprogram appending and data relocations per program
 *                 (mirrors bpf_object__reloc_code, bpf_object__relocate_data)
 *   obj_jumptables.c  a program's jump tables as INSN_ARRAY maps
 *                 (mirrors create_jt_map)
 *   obj_attach.c  attach targets, sleepable flag, struct_ops members
 */
#ifndef VERISTEP_SIM_OBJ_INTERNAL_H
#define VERISTEP_SIM_OBJ_INTERNAL_H

#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <linux/bpf.h>

#include "object.h"

/* ---- vendored from libbpf 1.8 (tools/lib/bpf of the 7.3 tree) ------------
 * These are libbpf internals: compiled into the static libbpf.a with hidden
 * visibility (linkable from a static archive) but not installed as headers.
 * Declarations copied from relo_core.h and libbpf_internal.h of the same
 * tree; object.c checks at run time that struct btf_ext still matches. */
struct btf;
struct btf_type;

struct bpf_core_cand {
	const struct btf *btf;
	__u32 id;
};

struct bpf_core_cand_list {
	struct bpf_core_cand *cands;
	int len;
};

#define BPF_CORE_SPEC_MAX_LEN 64

struct bpf_core_accessor {
	__u32 type_id;
	__u32 idx;
	const char *name;
};

struct bpf_core_spec {
	const struct btf *btf;
	struct bpf_core_accessor spec[BPF_CORE_SPEC_MAX_LEN];
	__u32 root_type_id;
	enum bpf_core_relo_kind relo_kind;
	int len;
	int raw_spec[BPF_CORE_SPEC_MAX_LEN];
	int raw_len;
	__u32 bit_offset;
};

struct bpf_core_relo_res {
	__u64 orig_val;
	__u64 new_val;
	bool poison;
	bool validate;
	bool fail_memsz_adjust;
	__u32 orig_sz;
	__u32 orig_type_id;
	__u32 new_sz;
	__u32 new_type_id;
};

int bpf_core_calc_relo_insn(const char *prog_name, const struct bpf_core_relo *relo, int relo_idx,
			    const struct btf *local_btf, struct bpf_core_cand_list *cands,
			    struct bpf_core_spec *specs_scratch, struct bpf_core_relo_res *targ_res);
int bpf_core_patch_insn(const char *prog_name, struct bpf_insn *insn, int insn_idx,
			const struct bpf_core_relo *relo, int relo_idx,
			const struct bpf_core_relo_res *res);
int bpf_core_add_cands(struct bpf_core_cand *local_cand, size_t local_essent_len,
		       const struct btf *targ_btf, const char *targ_btf_name, int targ_start_id,
		       struct bpf_core_cand_list *cands);
size_t bpf_core_essential_name_len(const char *name);
int bpf_core_format_spec(char *buf, size_t buf_sz, const struct bpf_core_spec *spec);
int bpf_core_types_are_compat(const struct btf *local_btf, __u32 local_id,
			      const struct btf *targ_btf, __u32 targ_id);
const struct btf_type *skip_mods_and_typedefs(const struct btf *btf, __u32 id, __u32 *res_id);
void btf_get_kernel_prefix_kind(enum bpf_attach_type attach_type, const char **prefix, int *kind);

struct btf_ext_info {
	void *info;
	__u32 rec_size;
	__u32 len;
	__u32 *sec_idxs;
	int sec_cnt;
};

struct btf_ext_header {
	__u16 magic;
	__u8 version;
	__u8 flags;
	__u32 hdr_len;
	__u32 func_info_off;
	__u32 func_info_len;
	__u32 line_info_off;
	__u32 line_info_len;
	__u32 core_relo_off;
	__u32 core_relo_len;
};

struct btf_ext {
	union {
		struct btf_ext_header *hdr;
		void *data;
	};
	void *data_swapped;
	bool swapped_endian;
	struct btf_ext_info func_info;
	struct btf_ext_info line_info;
	struct btf_ext_info core_relo_info;
	__u32 data_size;
};

struct btf_ext_info_sec {
	__u32 sec_name_off;
	__u32 num_info;
	__u8 data[];
};
/* ---- end of vendored declarations ---------------------------------------- */

#define OBJ_INSN_SZ 8
/* libbpf's poison constants (libbpf.c): an unresolved weak kfunc call
 * becomes a helper call to this base + extern index. */
#define OBJ_POISON_CALL_KFUNC_BASE 2002000000

enum obj_relo_type {
	OBJ_RELO_CALL,          /* bpf-to-bpf call */
	OBJ_RELO_SUBPROG_ADDR,  /* LD_IMM64 of a function (callback) */
	OBJ_RELO_LD64,          /* LD_IMM64 of a map */
	OBJ_RELO_DATA,          /* LD_IMM64 of global data */
	OBJ_RELO_EXTERN_CALL,   /* call of a kfunc */
	OBJ_RELO_EXTERN_LD64,   /* LD_IMM64 of a ksym or .kconfig extern */
	OBJ_RELO_CORE,          /* CO-RE patched (bookkeeping only) */
	OBJ_RELO_INSN_ARRAY,    /* LD_IMM64 of a jump table (.jumptables) */
};

struct obj_relo {
	enum obj_relo_type type;
	unsigned insn;          /* in the function's own frame */
	int map;                /* LD64, DATA */
	int ext;                /* EXTERN_* */
	unsigned sym_off;       /* CALL, SUBPROG_ADDR, DATA, INSN_ARRAY */
	unsigned sym_size;      /* INSN_ARRAY: the table's size in bytes */
	const char *sym_name;
	bool core_poisoned;
	char *core_spec;        /* CORE, poisoned: bpf_core_format_spec() (owned) */
};

/* One function symbol of an executable section (libbpf's struct
 * bpf_program, subprograms included). */
struct obj_func {
	const char *name;
	size_t sec_idx;
	const char *sec_name;
	unsigned sec_insn_off, insn_cnt;
	struct bpf_insn *insns;  /* own copy, CO-RE applied */
	bool global, hidden, is_subprog;
	struct obj_relo *relos;
	size_t nr_relos;
	/* while linking one main program */
	unsigned sub_insn_off;
	int subprog_idx;
};

enum obj_ext_type { OBJ_EXT_KCFG = 1, OBJ_EXT_KSYM = 2 }; /* libbpf's order */

struct obj_extern {
	const char *name;
	char essent_name[128];
	size_t sym_idx;
	bool weak, is_func;
	enum obj_ext_type type;
	unsigned btf_id;        /* VAR/FUNC in the object's BTF */
	unsigned local_type_id; /* ksym: var type or func proto; 0 typeless */
	unsigned kcfg_off, kcfg_size, kcfg_align;
	bool is_set;            /* resolved */
	unsigned kernel_btf_id;
	int btf_fd_idx;           /* 0: vmlinux; 1 + i: module i (libbpf's fd_array index) */
};

/* The state of one sim_object_open call. */
struct obj_build {
	struct sim_object *obj;
	char *err;
	size_t errlen;
	Elf *elf;
	size_t shstrndx, sec_cnt;
	size_t text_shndx;       /* 0 if none */
	Elf_Data *symbols;
	size_t nr_syms, strtab_idx;
	const struct btf *btf;   /* the object's BTF (libbpf's) */
	struct btf *elf_btf;     /* .BTF as compiled, before libbpf's fixups */
	struct btf_ext *btf_ext; /* NULL if the object has none */
	const struct btf *vmlinux;
	struct obj_func *funcs;  /* sorted by (section, offset) like libbpf's */
	size_t nr_funcs;
	struct obj_extern *exts; /* sorted like libbpf's (cmp_externs) */
	size_t nr_exts;
	int kconfig_map;
	void *kconfig_data;
	char *kconfig_path;      /* the kernel's .config; NULL: none known */
};

struct sim_prog {
	const struct sim_object *obj;
	const char *name, *section;
	enum bpf_prog_type type;
	enum bpf_attach_type expected_attach_type;
	bool sleepable;
	char *attach_target;
	char *load_error;       /* libbpf would not load it: why (NULL: it would) */
	unsigned attach_btf_id;
	struct bpf_insn *insns;
	size_t insn_cnt;
	struct sim_subprog *subprogs;
	size_t nr_subprogs;
	struct sim_insn_ref *refs;
	size_t nr_refs;
	struct sim_line *lines;
	size_t nr_lines;
	struct bpf_func_info *func_info;
	size_t nr_func_info;
	size_t func;             /* index in obj_build funcs while building */
};

struct sim_object {
	char *path;
	void *buf, *elf_buf;
	size_t size;
	Elf *elf;
	struct bpf_object *bobj;
	struct btf *elf_btf;
	struct btf_ext *btf_ext;
	char *btf_refused;          /* why the kernel refuses the BTF, or NULL */
	const struct btf *vmlinux;   /* what the verifier sees: vmlinux, or
				      * vmlinux + the first module (split BTF) */
	const struct btf *base_vmlinux; /* vmlinux alone */
	struct btf *own_vmlinux;
	struct btf *modules[SIM_MAX_MODULE_BTFS]; /* split BTF on base_vmlinux */
	char *module_names[SIM_MAX_MODULE_BTFS];
	size_t nr_modules;
	struct sim_prog *progs;
	size_t nr_progs;
	struct sim_map *maps;
	size_t nr_maps;
	void *kconfig_data;
	struct sim_struct_ops_member *st_ops;
	size_t nr_st_ops;
};

/* Record a one-line error (printf-style); always returns -1. */
int obj_fail(struct obj_build *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* obj_kconfig.c: a CONFIG_* extern's value from the kernel's .config into
 * @dst (NULL: only check it resolves); -1 with the error set. */
int obj_kconfig_set(struct obj_build *b, struct obj_extern *e, unsigned char *dst);
/* The last warning libbpf printed during this open, "" if none. */
const char *obj_libbpf_msg(void);

/* obj_elf.c */
int obj_elf_init(struct obj_build *b);
const char *obj_elf_sec_name(struct obj_build *b, size_t idx);
Elf_Data *obj_elf_sec_data(struct obj_build *b, size_t idx);
const GElf_Sym *obj_elf_sym(struct obj_build *b, size_t i, GElf_Sym *out);
const char *obj_elf_sym_name(struct obj_build *b, const GElf_Sym *sym);
ssize_t obj_elf_find_sec(struct obj_build *b, const char *name);
int obj_elf_collect_funcs(struct obj_build *b);
int obj_elf_collect_relos(struct obj_build *b);
struct obj_func *obj_find_func(struct obj_build *b, size_t sec_idx, size_t insn);
struct obj_func *obj_find_func_by_name(struct obj_build *b, const char *name);
void obj_funcs_free(struct obj_func *funcs, size_t n);

/* obj_extern.c */
int obj_extern_collect(struct obj_build *b);
int obj_extern_resolve(struct obj_build *b);
int obj_extern_find_by_sym(struct obj_build *b, size_t sym_idx);

/* obj_arena.c: global __arena variables (.addr_space.1) */
bool obj_arena_sec(const char *sec);
/* libbpf's arena_map_idx: the object's ARENA map, -1 if none */
int obj_arena_map(struct obj_build *b);
int obj_arena_record_reloc(struct obj_build *b, const struct obj_func *f, struct obj_relo *r,
			   const GElf_Sym *sym);
/* libbpf's arena_data_off: where the variables start in ARENA map @map */
unsigned obj_arena_data_off(struct obj_build *b, int map);

/* obj_core.c */
int obj_core_apply(struct obj_build *b);

/* obj_link.c */
int obj_link_prog(struct obj_build *b, struct sim_prog *prog);
void obj_prog_free(struct sim_prog *prog);

/* obj_jumptables.c: the BPF_MAP_TYPE_INSN_ARRAY map of the jump table @r
 * (a relocation of one of the functions linked into the program being
 * built) references; created once
 * per program and table, as libbpf's create_jt_map() does. Maps from
 * @first_map on are this program's. Its index in the object's maps, -1 with
 * the error set. */
int obj_jumptable_map(struct obj_build *b, const struct obj_relo *r, size_t first_map);
void obj_jumptables_free(struct sim_object *obj);

/* obj_attach.c */
int obj_attach_resolve(struct obj_build *b, struct sim_prog *prog);
int obj_struct_ops_collect(struct obj_build *b);

/* obj_btf_check.c: would BPF_BTF_LOAD refuse @btf? Why, in the kernel's
 * words, into @why */
bool obj_btf_kernel_refuses(const struct btf *btf, char *why, size_t len);

#endif
