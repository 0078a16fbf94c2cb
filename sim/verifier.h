/* The simulated verifier's public entry: verify one program, get a trace.
 *
 * sim_verify() runs the abstract interpreter (a mirror of Linux 7.3's
 * do_check()) over a program opened by sim/object.h and returns a trace: the
 * verdict, the kernel's error line and instruction, the statistics line, the
 * kernel-format log at level 1 or 2, and every processed instruction as a
 * step that can be materialised at random (see trace.h).
 *
 * sim_verify_view() does the same for a program described directly (an
 * instruction array, program type, maps): unit tests and fuzzers use it.
 */
#ifndef VERISTEP_SIM_VERIFIER_H
#define VERISTEP_SIM_VERIFIER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/bpf.h>

#include "print.h"

struct sim_prog;
struct sim_object;
struct sim_map;
struct sim_trace;
struct btf;

enum sim_verdict {
	SIM_ACCEPTED,
	SIM_REJECTED,     /* the kernel would reject: error holds its text */
	SIM_UNSUPPORTED,  /* the simulator does not model something: error names it */
	SIM_BUG,          /* internal inconsistency in the simulator */
};

struct sim_verify_opts {
	int log_level;           /* 0, 1 or 2: which log to render (trace is always kept) */
	uint32_t insn_limit;     /* 0: the kernel's 1,000,000 */
	uint32_t snapshot_every; /* 0: default; trace snapshot cadence in steps */
	uint32_t prog_flags;     /* BPF_PROG_LOAD's prog_flags (BPF_F_TEST_STATE_FREQ) */
	uint32_t nr_cpus;        /* the machine's nr_cpu_ids; 0: the lab VM's */
};

/* The lab VM boots with one CPU (kernel/client/vm.c, -smp 1): the kernel
 * bounds bpf_get_smp_processor_id() by nr_cpu_ids - 1. */
#define SIM_LAB_NR_CPUS 1

/* A map as the simulator sees it (filled from sim/object.h's sim_map). */
struct sim_map_view {
	const char *name;
	uint32_t type;           /* enum bpf_map_type */
	uint32_t key_size;
	uint32_t value_size;
	uint32_t max_entries;
	const struct sim_map *map; /* the object's map, or NULL */
};

/* What an instruction's relocation names, per instruction. */
struct sim_insn_reloc {
	int map_idx;             /* LD_IMM64 of a map or map value: index in maps[], else -1 */
	bool map_value;          /* BPF_PSEUDO_MAP_VALUE/IDX_VALUE: pointer into the value */
	uint32_t map_off;        /* offset into the value */
	const char *core_spec;   /* a CO-RE relocation libbpf could not resolve
				  * (it poisoned the insn): its spec, else NULL */
};

struct sim_line_view {
	const char *src;         /* source line text, or NULL */
	const char *file;
	uint32_t line;
	uint32_t col;            /* bpf_line_info.line_col & 0x3ff */
	bool rec_start;          /* a line_info record starts at this insn */
};

struct sim_subprog_view {
	int start;
	const char *name;        /* NULL without BTF func_info (no_func_info) */
	bool global;
};

/* A program described directly. Arrays are borrowed for the trace's life. */
struct sim_prog_view {
	const char *name;
	const struct bpf_insn *insns;
	int insn_cnt;
	uint32_t prog_type;          /* enum bpf_prog_type */
	uint32_t expected_attach_type;
	const struct btf *btf;       /* object BTF (may be NULL) */
	const struct btf *vmlinux_btf; /* kernel BTF (may be NULL) */
	uint32_t attach_btf_id;      /* tp_btf/fentry target in vmlinux_btf */
	const struct sim_map_view *maps;
	int map_cnt;
	const struct sim_insn_reloc *relocs; /* insn_cnt entries, or NULL */
	const struct sim_line_view *lines;   /* insn_cnt entries, or NULL */
	const struct sim_subprog_view *subprogs; /* subprog_cnt entries; [0] main */
	int subprog_cnt;
	/* loaded without BTF func_info and line_info: libbpf dropped the
	 * object's BTF, which the kernel refused (sim_object_btf_refused()) */
	bool no_func_info;
	bool sleepable;
	/* libbpf would refuse to load it (bpf_object_load_prog()): why, e.g.
	 * a missing attach target; NULL: it reaches the verifier */
	const char *load_error;
};

/* Verify @prog of @obj (maps, BTF and kernel BTF come from @obj). */
struct sim_trace *sim_verify_object_prog(const struct sim_object *obj,
					 const struct sim_prog *prog,
					 const struct sim_verify_opts *opts);
/* The same without the object: programs that reference no map. */
struct sim_trace *sim_verify(const struct sim_prog *prog, const struct sim_verify_opts *opts);
struct sim_trace *sim_verify_view(const struct sim_prog_view *view,
				  const struct sim_verify_opts *opts);
void sim_trace_free(struct sim_trace *t);

enum sim_verdict sim_trace_verdict(const struct sim_trace *t);
/* The kernel's one-line error (no newline), or NULL when accepted. */
const char *sim_trace_error(const struct sim_trace *t);
/* The instruction the error refers to, or -1. */
int sim_trace_error_insn(const struct sim_trace *t);
uint32_t sim_trace_insns_processed(const struct sim_trace *t);
/* Render the log at @level (1 or 2; 0 prints nothing). Level 1 is the
 * path to the error and the statistics; level 2 every path. */
void sim_trace_print_log(const struct sim_trace *t, int level, const struct sim_out *out);
/* Lab event lines ("lab: ..."), in order, one per line. */
void sim_trace_print_events(const struct sim_trace *t, const struct sim_out *out);

#endif
