/* The simulator's input: a compiled BPF object turned into the instruction
 * streams the kernel's verifier would see, without the bpf() syscall and
 * without the host kernel.
 *
 * sim_object_open() opens the ELF with libbpf (bpf_object__open, never
 * prepare/load: those probe the running kernel) for programs, maps and the
 * object's BTF, reads the relocations with libelf, and resolves them the way
 * libbpf's bpf_object__relocate() would, but against the bundled kernel's
 * BTF: CO-RE, subprogram appending, maps, global data, kfuncs, ksyms,
 * .kconfig externs. The result per program is immutable; every accessor
 * returns pointers owned by the object, valid until sim_object_close().
 *
 * Encoding of the final instructions (what differs from what the kernel gets,
 * because there are no file descriptors here):
 *   - map load:        LD_IMM64 src_reg BPF_PSEUDO_MAP_IDX, imm = map index
 *   - global data:     LD_IMM64 src_reg BPF_PSEUDO_MAP_IDX_VALUE, imm = map
 *                      index, insn[1].imm = offset in the value
 *   - kfunc call:      src_reg BPF_PSEUDO_KFUNC_CALL, imm = BTF id in the
 *                      bundled vmlinux BTF, off = 0; a module kfunc: imm =
 *                      id in the module's split BTF, off = 1 + module index
 *                      (libbpf's fd_array index of the module BTF)
 *   - typed ksym:      LD_IMM64 src_reg BPF_PSEUDO_BTF_ID, imm = vmlinux id
 *   - bpf-to-bpf call: src_reg BPF_PSEUDO_CALL, imm relative as the kernel
 *                      expects; callback address LD_IMM64 BPF_PSEUDO_FUNC
 *   - jump table:      LD_IMM64 src_reg BPF_PSEUDO_MAP_IDX_VALUE, imm = index
 *                      of the program's own BPF_MAP_TYPE_INSN_ARRAY map, made
 *                      from .jumptables as libbpf's create_jt_map() does
 * These are the encodings libbpf's own light-skeleton (gen_loader) mode
 * produces, so tests compare our streams with libbpf's byte for byte. */
#ifndef VERISTEP_SIM_OBJECT_H
#define VERISTEP_SIM_OBJECT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bpf.h>

struct btf;
struct bpf_object;
struct sim_object;
struct sim_prog;

/* What an instruction refers to, after relocation. */
#define SIM_REF_KINDS(X)                                                        \
	X(NONE,         "none",         "plain instruction")                    \
	X(MAP,          "map",          "LD_IMM64 of a map")                    \
	X(MAP_VALUE,    "map_value",    "LD_IMM64 of an address in global data") \
	X(CALL,         "call",         "bpf-to-bpf call of a subprogram")      \
	X(FUNC_ADDR,    "func_addr",    "LD_IMM64 of a subprogram (callback)")  \
	X(KFUNC,        "kfunc",        "call of a kernel function")            \
	X(KFUNC_MISSING, "kfunc_missing", "call of a weak kfunc the kernel lacks (poisoned as libbpf does)") \
	X(KSYM,         "ksym",         "LD_IMM64 of a kernel symbol (BTF id)") \
	X(KSYM_MISSING, "ksym_missing", "LD_IMM64 of a weak ksym the kernel lacks (0)") \
	X(KCONFIG,      "kconfig",      "LD_IMM64 of a .kconfig extern")

enum sim_ref_kind {
#define X(e, name, help) SIM_REF_##e,
	SIM_REF_KINDS(X)
#undef X
	SIM_REF_KIND_COUNT
};
const char *sim_ref_kind_name(enum sim_ref_kind kind);

/* The annotation of one final instruction (sorted by insn). */
struct sim_insn_ref {
	unsigned insn;            /* index in the program's final stream */
	enum sim_ref_kind kind;
	int map;                  /* MAP, MAP_VALUE, KCONFIG: index in the map table */
	unsigned off;             /* MAP_VALUE, KCONFIG: offset in the value */
	unsigned btf_id;          /* KFUNC, KSYM: id in the vmlinux BTF */
	int subprog;              /* CALL, FUNC_ADDR: index in the subprog table */
	const char *name;         /* map, extern or subprogram name */
	bool core;                /* a CO-RE relocation patched this instruction */
	bool core_poisoned;       /* ... and failed: libbpf's poison call/ldimm */
	char *core_spec;          /* ... the failed relocation's spec (owned) */
};

/* One function of the final stream: [0] is the program itself (its BTF
 * linkage is whatever the source said; the kernel verifies it as main). */
struct sim_subprog {
	const char *name;         /* ELF symbol name */
	unsigned start;           /* first instruction in the final stream */
	unsigned len;             /* instruction count */
	unsigned btf_id;          /* BTF FUNC id in the object's BTF, 0 if none */
	bool global;              /* BTF_FUNC_GLOBAL: the kernel verifies it on its own */
};

/* Source position of an instruction, from .BTF.ext line info. */
struct sim_line {
	unsigned insn;            /* first instruction of this line record */
	const char *file;         /* as the compiler recorded it */
	const char *text;         /* the source line, as the kernel prints it */
	unsigned line, col;
};

struct sim_map {
	const char *name;         /* bpf_map__name(): "obj.data" for global data */
	const char *section;      /* ".data", ".rodata.str1.1", ".kconfig", ".maps", ".struct_ops" */
	bool global_data;         /* an internal map (.data/.rodata/.bss/.kconfig) */
	enum bpf_map_type type;
	unsigned key_size, value_size, max_entries, map_flags;
	unsigned btf_key_type_id, btf_value_type_id;  /* in the object's BTF */
	int inner_map;            /* index of the inner map template, -1 if none */
	const void *initial_value; /* global data/struct_ops contents, NULL otherwise;
				    * INSN_ARRAY (a jump table): one __u32 instruction
				    * index (orig_off) per entry */
	size_t initial_size;
	unsigned jt_off;          /* INSN_ARRAY: the table's offset in .jumptables */
};

/* A struct_ops member filled with a program. */
struct sim_struct_ops_member {
	int map;                  /* index of the struct_ops map */
	const char *member;       /* member name, e.g. "ssthresh" */
	unsigned member_idx;      /* its index in the kernel's struct */
	const char *prog;         /* name of the program filling it */
};

#define SIM_MAX_MODULE_BTFS 8

struct sim_object_opts {
	const char *vmlinux_btf_path; /* raw BTF or vmlinux ELF; NULL: bpf/vmlinux.btf */
	const struct btf *vmlinux_btf; /* already loaded (borrowed); wins over the path */
	/* Split BTF of kernel modules (bpf_testmod.btf), each on the vmlinux
	 * BTF. NULL: bpf/bpf_testmod.btf when it exists and the vmlinux BTF
	 * is the default bundled one. */
	const char *const *module_btf_paths;
	size_t nr_module_btf_paths;
	bool no_modules;              /* load no module BTF at all */
	/* The kernel's .config, for CONFIG_* __kconfig externs. NULL:
	 * kernel.config beside a vmlinux BTF file named vmlinux.btf. */
	const char *kconfig_path;
};

/* Open @path. NULL and a one-line error in @err (lowercase, no trailing
 * newline, quotes the subject) for anything that cannot be opened or fully
 * resolved; never crashes on malformed input. */
struct sim_object *sim_object_open(const char *path, const char *vmlinux_btf_path,
				   char *err, size_t errlen);
struct sim_object *sim_object_open_opts(const char *path, const struct sim_object_opts *opts,
					char *err, size_t errlen);
/* Same from memory (@name names it in errors); the buffer is copied. */
struct sim_object *sim_object_open_mem(const void *buf, size_t size, const char *name,
				       const struct sim_object_opts *opts, char *err, size_t errlen);
void sim_object_close(struct sim_object *obj);

size_t sim_object_prog_count(const struct sim_object *obj);
const struct sim_prog *sim_object_prog(const struct sim_object *obj, size_t i);
const struct sim_prog *sim_object_find_prog(const struct sim_object *obj, const char *name);
size_t sim_object_map_count(const struct sim_object *obj);
const struct sim_map *sim_object_map(const struct sim_object *obj, size_t i);
int sim_object_find_map(const struct sim_object *obj, const char *name); /* -1 if none */
size_t sim_object_struct_ops_count(const struct sim_object *obj);
const struct sim_struct_ops_member *sim_object_struct_ops(const struct sim_object *obj, size_t i);
const char *sim_object_path(const struct sim_object *obj);
const struct btf *sim_object_btf(const struct sim_object *obj);     /* the object's BTF */
/* Why the kernel would refuse the object's BTF (libbpf then loads the
 * programs without it: no func_info, no line_info), or NULL */
const char *sim_object_btf_refused(const struct sim_object *obj);
/* The kernel BTF the verifier sees: vmlinux, extended with the first module's
 * split BTF when a module is loaded (module type ids continue vmlinux's, as
 * the kernel numbers them). */
const struct btf *sim_object_vmlinux_btf(const struct sim_object *obj);
/* Module BTFs loaded (split on vmlinux), and their names ("bpf_testmod"). A
 * kfunc of module i is encoded like libbpf does for the kernel: off = i + 1
 * (its index in fd_array), imm = its id in the module's split BTF. */
size_t sim_object_module_count(const struct sim_object *obj);
const struct btf *sim_object_module_btf(const struct sim_object *obj, size_t i);
const char *sim_object_module_name(const struct sim_object *obj, size_t i);
struct bpf_object *sim_object_libbpf(const struct sim_object *obj); /* opened, never loaded */

const char *sim_prog_name(const struct sim_prog *prog);
const char *sim_prog_section(const struct sim_prog *prog);
enum bpf_prog_type sim_prog_type(const struct sim_prog *prog);
enum bpf_attach_type sim_prog_expected_attach_type(const struct sim_prog *prog);
bool sim_prog_sleepable(const struct sim_prog *prog);
/* tp_btf/fentry/fexit/fmod_ret/lsm/iter: the target as written after the
 * '/' in the section, and its BTF id in the vmlinux BTF (FUNC, or the
 * "btf_trace_" TYPEDEF for tp_btf, "bpf_lsm_"/"bpf_iter_" FUNC); struct_ops:
 * the member name and the kernel struct's id. NULL/0 for other programs. */
const char *sim_prog_attach_target(const struct sim_prog *prog);
unsigned sim_prog_attach_btf_id(const struct sim_prog *prog);
/* Why libbpf would refuse to load this program (e.g. its attach target is
 * not in the kernel), or NULL: then it reaches the verifier. */
const char *sim_prog_load_error(const struct sim_prog *prog);
const struct bpf_insn *sim_prog_insns(const struct sim_prog *prog, size_t *count);
size_t sim_prog_subprog_count(const struct sim_prog *prog);
const struct sim_subprog *sim_prog_subprog(const struct sim_prog *prog, size_t i);
int sim_prog_subprog_at(const struct sim_prog *prog, unsigned insn); /* index, -1 if none */
size_t sim_prog_ref_count(const struct sim_prog *prog);
const struct sim_insn_ref *sim_prog_ref(const struct sim_prog *prog, size_t i);
const struct sim_insn_ref *sim_prog_insn_ref(const struct sim_prog *prog, unsigned insn);
size_t sim_prog_line_count(const struct sim_prog *prog);
const struct sim_line *sim_prog_line(const struct sim_prog *prog, size_t i);
/* The line record covering @insn (the last one starting at or before it),
 * NULL if none; sim_prog_line_starts() tells whether a record starts there
 * (the kernel's verbose_linfo() also skips a record that repeats the line
 * it printed last). */
const struct sim_line *sim_prog_line_of(const struct sim_prog *prog, unsigned insn);
bool sim_prog_line_starts(const struct sim_prog *prog, unsigned insn);
/* func_info as the kernel receives it: (insn, BTF FUNC id) per subprogram. */
const struct bpf_func_info *sim_prog_func_info(const struct sim_prog *prog, size_t *count);

#endif
