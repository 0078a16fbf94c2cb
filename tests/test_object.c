/* Tests of the object loader (sim/object.h) on the small programs in
 * tests/progs/obj_*.bpf.c.
 *
 * The strongest check is against libbpf itself: in light-skeleton mode
 * (bpf_object__gen_loader) bpf_object__prepare() relocates a program with no
 * syscall and no kernel lookups, encoding maps by index exactly as we do.
 * Our streams, func_info and line_info must equal libbpf's instruction for
 * instruction, except where the kernel's BTF is involved (CO-RE, kfunc and
 * ksym ids), which that mode leaves to the loader program; those are
 * checked against lookups in the same kernel BTF instead.
 *
 * Paths: objects from $VERISTEP_BUILD (default build)/tests/progs; the
 * kernel BTF from $VERISTEP_VMLINUX_BTF, else the committed
 * bpf/vmlinux.btf, else the host's /sys/kernel/btf/vmlinux (the loader's
 * results are checked against lookups in whichever BTF is used). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "object.h"
#include "verifier.h"

static char vmlinux_path[512];
/* want[].eat for struct_ops programs: the member index, from the BTF */
#define STRUCT_OPS_EAT ((enum bpf_attach_type) - 1)

static int member_index(const struct btf *btf, const char *sname, const char *member);
static struct btf *vmlinux;

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", name);
	return path;
}

static int silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

static int group_setup(void **state)
{
	static const char *const candidates[] = { "bpf/vmlinux.btf", "/sys/kernel/btf/vmlinux" };
	const char *env = getenv("VERISTEP_VMLINUX_BTF");

	libbpf_set_print(silent);
	if (env)
		snprintf(vmlinux_path, sizeof(vmlinux_path), "%s", env);
	for (size_t i = 0; !vmlinux_path[0] && i < 2; i++)
		if (access(candidates[i], R_OK) == 0)
			snprintf(vmlinux_path, sizeof(vmlinux_path), "%s", candidates[i]);
	vmlinux = btf__parse(vmlinux_path, NULL);
	if (!vmlinux)
		fprintf(stderr, "test_object: no kernel BTF at '%s'\n", vmlinux_path);
	return vmlinux ? 0 : -1;
}

static int group_teardown(void **state)
{
	btf__free(vmlinux);
	return 0;
}

static struct sim_object *open_ok(const char *name)
{
	struct sim_object_opts opts = { .vmlinux_btf = vmlinux };
	char err[256];
	struct sim_object *obj = sim_object_open_opts(obj_path(name), &opts, err, sizeof(err));

	if (!obj)
		fail_msg("cannot open %s: %s", name, err);
	return obj;
}

static bool kernel_dependent(const struct sim_insn_ref *r)
{
	return r && (r->core || r->kind == SIM_REF_KFUNC || r->kind == SIM_REF_KFUNC_MISSING ||
		     r->kind == SIM_REF_KSYM || r->kind == SIM_REF_KSYM_MISSING);
}

/* ---- against libbpf ------------------------------------------------------ */

static void compare_with_libbpf(const char *name)
{
	LIBBPF_OPTS(bpf_object_open_opts, oo, .bpf_token_path = "");
	LIBBPF_OPTS(gen_loader_opts, gen);
	struct sim_object *obj = open_ok(name);
	struct bpf_object *ref = bpf_object__open_file(obj_path(name), &oo);
	struct bpf_program *p;
	size_t progs = 0;

	assert_non_null(ref);
	assert_int_equal(bpf_object__gen_loader(ref, &gen), 0);
	assert_int_equal(bpf_object__prepare(ref), 0);
	bpf_object__for_each_program(p, ref) {
		const struct sim_prog *sp = sim_object_find_prog(obj, bpf_program__name(p));
		const struct bpf_insn *want = bpf_program__insns(p), *got;
		const struct bpf_func_info *fi, *want_fi = bpf_program__func_info(p);
		const struct bpf_line_info *want_li = bpf_program__line_info(p);
		size_t n, nfi;

		assert_non_null(sp);
		progs++;
		got = sim_prog_insns(sp, &n);
		assert_int_equal(n, bpf_program__insn_cnt(p));
		for (size_t i = 0; i < n; i++) {
			const struct sim_insn_ref *r = sim_prog_insn_ref(sp, (unsigned)i);

			if (kernel_dependent(r) || (i && kernel_dependent(sim_prog_insn_ref(sp, (unsigned)i - 1)) &&
						    got[i - 1].code == (BPF_LD | BPF_IMM | BPF_DW)))
				continue;
			if (memcmp(&got[i], &want[i], sizeof(got[i])))
				fail_msg("%s/%s insn %zu: got %02x %u %u %d %d, libbpf %02x %u %u %d %d",
					 name, sim_prog_name(sp), i, got[i].code, got[i].dst_reg,
					 got[i].src_reg, got[i].off, got[i].imm, want[i].code,
					 want[i].dst_reg, want[i].src_reg, want[i].off, want[i].imm);
		}
		fi = sim_prog_func_info(sp, &nfi);
		assert_int_equal(nfi, bpf_program__func_info_cnt(p));
		assert_int_equal(nfi, sim_prog_subprog_count(sp));
		for (size_t i = 0; i < nfi; i++) {
			assert_int_equal(fi[i].insn_off, want_fi[i].insn_off);
			assert_int_equal(fi[i].type_id, want_fi[i].type_id);
			assert_int_equal(fi[i].insn_off, sim_prog_subprog(sp, i)->start);
		}
		assert_int_equal(sim_prog_line_count(sp), bpf_program__line_info_cnt(p));
		for (size_t i = 0; i < sim_prog_line_count(sp); i++) {
			const struct sim_line *l = sim_prog_line(sp, i);

			assert_int_equal(l->insn, want_li[i].insn_off);
			assert_int_equal(l->line, BPF_LINE_INFO_LINE_NUM(want_li[i].line_col));
			assert_int_equal(l->col, BPF_LINE_INFO_LINE_COL(want_li[i].line_col));
			assert_string_equal(l->text, btf__name_by_offset(bpf_object__btf(ref),
									 want_li[i].line_off));
		}
	}
	assert_int_equal(progs, sim_object_prog_count(obj));
	bpf_object__close(ref);
	sim_object_close(obj);
}

static void test_object_same_as_libbpf_calls(void **state) { compare_with_libbpf("obj_calls"); }
static void test_object_same_as_libbpf_kern(void **state) { compare_with_libbpf("obj_kern"); }

/* ---- subprogram layout ---------------------------------------------------- */

/* Expected from bpf_object__reloc_code(): depth first, each subprogram where
 * it is first called (or its address taken), once per program. */
static const struct {
	const char *prog;
	const char *subprogs[6];
	bool global[6];
} layouts[] = {
	{ "tc_main", { "tc_main", "loop_cb", "twice", "add_one", "global_sum" },
	  { true, false, false, false, true } },
	{ "xdp_main", { "xdp_main", "global_sum", "add_one" }, { true, true, false } },
	{ "sys_main", { "sys_main", "add_one" }, { true, false } },
};

static void test_object_subprog_order(void **state)
{
	struct sim_object *obj = open_ok("obj_calls");

	for (size_t t = 0; t < sizeof(layouts) / sizeof(layouts[0]); t++) {
		const struct sim_prog *p = sim_object_find_prog(obj, layouts[t].prog);
		size_t n = 0, insns, end = 0;

		assert_non_null(p);
		sim_prog_insns(p, &insns);
		while (n < 6 && layouts[t].subprogs[n])
			n++;
		assert_int_equal(sim_prog_subprog_count(p), n);
		for (size_t i = 0; i < n; i++) {
			const struct sim_subprog *s = sim_prog_subprog(p, i);

			assert_string_equal(s->name, layouts[t].subprogs[i]);
			assert_int_equal(s->global, layouts[t].global[i]);
			assert_int_equal(s->start, end); /* contiguous, in order */
			assert_int_equal(sim_prog_subprog_at(p, s->start), (int)i);
			end += s->len;
		}
		assert_int_equal(end, insns);
	}
	sim_object_close(obj);
}

/* every call and callback address lands on the start of the subprogram its
 * annotation names */
static void test_object_call_targets(void **state)
{
	static const char *const objs[] = { "obj_calls", "obj_kern" };

	for (size_t o = 0; o < 2; o++) {
		struct sim_object *obj = open_ok(objs[o]);
		size_t calls = 0;

		for (size_t i = 0; i < sim_object_prog_count(obj); i++) {
			const struct sim_prog *p = sim_object_prog(obj, i);
			const struct bpf_insn *insn = sim_prog_insns(p, NULL);

			for (size_t r = 0; r < sim_prog_ref_count(p); r++) {
				const struct sim_insn_ref *ref = sim_prog_ref(p, r);
				const struct sim_subprog *s;

				if (ref->kind != SIM_REF_CALL && ref->kind != SIM_REF_FUNC_ADDR)
					continue;
				s = sim_prog_subprog(p, (size_t)ref->subprog);
				assert_non_null(s);
				assert_string_equal(s->name, ref->name);
				assert_int_equal((long)ref->insn + insn[ref->insn].imm + 1, s->start);
				assert_int_equal(insn[ref->insn].src_reg,
						 ref->kind == SIM_REF_CALL ? BPF_PSEUDO_CALL : BPF_PSEUDO_FUNC);
				calls++;
			}
		}
		assert_true(o == 1 || calls >= 8); /* obj_calls has 9 */
		sim_object_close(obj);
	}
}

/* ---- maps and global data ------------------------------------------------- */

static const struct {
	const char *name, *section;
	enum bpf_map_type type;
	unsigned key, value, max;
	bool global_data;
} maps[] = {
	{ "counts", ".maps", BPF_MAP_TYPE_HASH, 4, 8, 16, false },
	{ "inner_a", ".maps", BPF_MAP_TYPE_ARRAY, 4, 4, 4, false },
	{ "outer", ".maps", BPF_MAP_TYPE_ARRAY_OF_MAPS, 4, 4, 2, false },
	{ "obj_call.data", ".data", BPF_MAP_TYPE_ARRAY, 4, 8, 1, true },
	{ "obj_call.rodata", ".rodata", BPF_MAP_TYPE_ARRAY, 4, 4, 1, true },
	{ "obj_call.bss", ".bss", BPF_MAP_TYPE_ARRAY, 4, 16, 1, true },
};

static void test_object_maps(void **state)
{
	struct sim_object *obj = open_ok("obj_calls");
	const struct sim_map *m;
	int outer;

	for (size_t t = 0; t < sizeof(maps) / sizeof(maps[0]); t++) {
		int i = sim_object_find_map(obj, maps[t].name);

		assert_true(i >= 0);
		m = sim_object_map(obj, (size_t)i);
		assert_string_equal(m->section, maps[t].section);
		assert_int_equal(m->type, maps[t].type);
		assert_int_equal(m->key_size, maps[t].key);
		assert_int_equal(m->value_size, maps[t].value);
		assert_int_equal(m->max_entries, maps[t].max);
		assert_int_equal(m->global_data, maps[t].global_data);
		assert_int_equal(m->initial_value != NULL, maps[t].global_data);
	}
	outer = sim_object_find_map(obj, "outer");
	m = sim_object_map(obj, (size_t)sim_object_map(obj, (size_t)outer)->inner_map);
	assert_non_null(m);
	assert_int_equal(m->type, BPF_MAP_TYPE_ARRAY);
	assert_int_equal(m->max_entries, 4);
	/* initial contents: hits = 7 in .data, limit = 3 in .rodata */
	m = sim_object_map(obj, (size_t)sim_object_find_map(obj, "obj_call.data"));
	assert_int_equal(*(const uint64_t *)m->initial_value, 7);
	m = sim_object_map(obj, (size_t)sim_object_find_map(obj, "obj_call.rodata"));
	assert_int_equal(*(const uint32_t *)m->initial_value, 3);
	sim_object_close(obj);
}

/* every map reference is an LD_IMM64 whose immediates say which map (and
 * which offset) the annotation says */
static void test_object_map_refs(void **state)
{
	struct sim_object *obj = open_ok("obj_calls");
	const struct sim_prog *p = sim_object_find_prog(obj, "tc_main");
	const struct bpf_insn *insn = sim_prog_insns(p, NULL);
	size_t seen[SIM_REF_KIND_COUNT] = { 0 };

	for (size_t r = 0; r < sim_prog_ref_count(p); r++) {
		const struct sim_insn_ref *ref = sim_prog_ref(p, r);

		seen[ref->kind]++;
		if (ref->kind != SIM_REF_MAP && ref->kind != SIM_REF_MAP_VALUE)
			continue;
		assert_int_equal(insn[ref->insn].code, BPF_LD | BPF_IMM | BPF_DW);
		assert_int_equal(insn[ref->insn].imm, ref->map);
		assert_string_equal(sim_object_map(obj, (size_t)ref->map)->name, ref->name);
		assert_int_equal(insn[ref->insn].src_reg,
				 ref->kind == SIM_REF_MAP ? BPF_PSEUDO_MAP_IDX : BPF_PSEUDO_MAP_IDX_VALUE);
		if (ref->kind == SIM_REF_MAP_VALUE)
			assert_int_equal(insn[ref->insn + 1].imm, ref->off);
	}
	/* counts; scratch (.bss), hits (.data) in loop_cb, limit (.rodata) x1 */
	assert_int_equal(seen[SIM_REF_MAP], 1);
	assert_int_equal(seen[SIM_REF_MAP_VALUE], 3);
	assert_int_equal(seen[SIM_REF_CALL], 4);
	assert_int_equal(seen[SIM_REF_FUNC_ADDR], 1);
	/* scratch[1] = ...: .bss offset 4 is in the store, not the address */
	sim_object_close(obj);
}

/* ---- kernel BTF: kfuncs, ksyms, kconfig, CO-RE --------------------------- */

static void test_object_kfuncs_and_ksyms(void **state)
{
	static const struct {
		const char *name;
		enum sim_ref_kind kind;
		int btf_kind;
	} want[] = {
		{ "bpf_task_acquire", SIM_REF_KFUNC, BTF_KIND_FUNC },
		{ "bpf_task_release", SIM_REF_KFUNC, BTF_KIND_FUNC },
		{ "bpf_rcu_read_lock", SIM_REF_KFUNC, BTF_KIND_FUNC },
		{ "bpf_rcu_read_unlock", SIM_REF_KFUNC, BTF_KIND_FUNC },
		{ "bpf_prog_active", SIM_REF_KSYM, BTF_KIND_VAR },
		{ "veristep_no_such_kfunc", SIM_REF_KFUNC_MISSING, 0 },
	};
	struct sim_object *obj = open_ok("obj_kern");

	for (size_t t = 0; t < sizeof(want) / sizeof(want[0]); t++) {
		size_t found = 0;

		for (size_t i = 0; i < sim_object_prog_count(obj); i++) {
			const struct sim_prog *p = sim_object_prog(obj, i);
			const struct bpf_insn *insn = sim_prog_insns(p, NULL);

			for (size_t r = 0; r < sim_prog_ref_count(p); r++) {
				const struct sim_insn_ref *ref = sim_prog_ref(p, r);
				const struct bpf_insn *in = &insn[ref->insn];

				if (!ref->name || strcmp(ref->name, want[t].name) || ref->kind != want[t].kind)
					continue;
				found++;
				if (want[t].kind == SIM_REF_KFUNC_MISSING) {
					/* libbpf's poison: extern #6 in libbpf's order
					 * (kconfig first, then ksyms by name) */
					assert_int_equal(in->src_reg, 0);
					assert_int_equal(in->imm, 2002000000 + 6);
					continue;
				}
				assert_int_equal(ref->btf_id, btf__find_by_name_kind(vmlinux, want[t].name,
										      want[t].btf_kind));
				assert_int_equal(in->imm, ref->btf_id);
				assert_int_equal(in->src_reg, want[t].kind == SIM_REF_KFUNC
								 ? BPF_PSEUDO_KFUNC_CALL : BPF_PSEUDO_BTF_ID);
				assert_int_equal(in->off, 0);
			}
		}
		if (found != 1)
			fail_msg("%s: found %zu references, want 1", want[t].name, found);
	}
	sim_object_close(obj);
}

static void test_object_kconfig(void **state)
{
	struct sim_object *obj = open_ok("obj_kern");
	const struct sim_prog *p = sim_object_find_prog(obj, "on_switch");
	const struct sim_map *m = NULL;
	size_t n = 0;

	for (size_t r = 0; r < sim_prog_ref_count(p); r++) {
		const struct sim_insn_ref *ref = sim_prog_ref(p, r);

		if (ref->kind != SIM_REF_KCONFIG)
			continue;
		n++;
		assert_string_equal(ref->name, "LINUX_KERNEL_VERSION");
		m = sim_object_map(obj, (size_t)ref->map);
		assert_string_equal(m->section, ".kconfig");
		assert_true(ref->off + 4 <= m->initial_size);
		assert_int_equal(*(const uint32_t *)((const char *)m->initial_value + ref->off),
				 (7 << 16) + (3 << 8) + 4);
	}
	assert_int_equal(n, 1);
	sim_object_close(obj);
}

/* btf_func_check(): the kernel refuses a FUNC with an unnamed typed
 * argument, so libbpf drops the object's BTF; objects clang names fully
 * keep theirs. The verifier then sees no names, no lines, no globals. */
static void test_object_btf_refused(void **state)
{
	struct sim_object *refused = open_ok("obj_btf_refused");
	struct sim_object *fine = open_ok("obj_calls");
	struct sim_trace *t;

	(void)state;
	assert_non_null(sim_object_btf_refused(refused));
	assert_string_equal(sim_object_btf_refused(refused),
			    "[4] FUNC naked_unnamed_arg type_id=1 Invalid arg#1");
	assert_null(sim_object_btf_refused(fine));
	t = sim_verify_object_prog(refused, sim_object_find_prog(refused, "loop_needs_func_info"), NULL);
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "missing btf func_info");
	sim_trace_free(t);
	sim_object_close(refused);
	sim_object_close(fine);
}

static unsigned member_offset(const char *type, const char *member)
{
	int id = btf__find_by_name_kind(vmlinux, type, BTF_KIND_STRUCT);
	const struct btf_type *t = btf__type_by_id(vmlinux, (unsigned)id);
	const struct btf_member *m = btf_members(t);

	for (unsigned i = 0; i < btf_vlen(t); i++, m++)
		if (strcmp(btf__name_by_offset(vmlinux, m->name_off), member) == 0)
			return btf_member_bit_offset(t, i) / 8;
	fail_msg("no %s.%s in the kernel BTF", type, member);
	return 0;
}

static void test_object_core(void **state)
{
	struct sim_object *obj = open_ok("obj_kern");
	const struct sim_prog *sw = sim_object_find_prog(obj, "on_switch");
	const struct sim_prog *sl = sim_object_find_prog(obj, "on_sleep");
	const struct bpf_insn *insn = sim_prog_insns(sw, NULL);
	int core_imms[3], n = 0;

	/* on_switch: BPF_CORE_READ(next, pid) offset, field_exists(tgid) = 1,
	 * type_exists(missing type) = 0, in program order */
	for (size_t r = 0; r < sim_prog_ref_count(sw); r++) {
		const struct sim_insn_ref *ref = sim_prog_ref(sw, r);

		if (!ref->core)
			continue;
		assert_false(ref->core_poisoned);
		assert_true(n < 3);
		core_imms[n++] = insn[ref->insn].imm;
	}
	assert_int_equal(n, 3);
	assert_int_equal(core_imms[0], member_offset("task_struct", "pid"));
	assert_int_equal(core_imms[1], 1);
	assert_int_equal(core_imms[2], 0);
	/* on_sleep: cur->tgid through the ___local flavour: a patched load */
	insn = sim_prog_insns(sl, NULL);
	n = 0;
	for (size_t r = 0; r < sim_prog_ref_count(sl); r++) {
		const struct sim_insn_ref *ref = sim_prog_ref(sl, r);

		if (!ref->core)
			continue;
		n++;
		assert_int_equal(BPF_CLASS(insn[ref->insn].code), BPF_LDX);
		assert_int_equal(insn[ref->insn].off, member_offset("task_struct", "tgid"));
	}
	assert_int_equal(n, 1);
	sim_object_close(obj);
}

/* ---- program kinds and attach targets ------------------------------------ */

static void test_object_attach(void **state)
{
	static const struct {
		const char *obj, *prog;
		enum bpf_prog_type type;
		enum bpf_attach_type eat;
		bool sleepable;
		const char *target, *btf_name;
		int btf_kind;
	} want[] = {
		{ "obj_calls", "tc_main", BPF_PROG_TYPE_SCHED_CLS, 0, false, NULL, NULL, 0 },
		{ "obj_calls", "xdp_main", BPF_PROG_TYPE_XDP, BPF_XDP, false, NULL, NULL, 0 },
		{ "obj_calls", "sys_main", BPF_PROG_TYPE_SYSCALL, 0, true, NULL, NULL, 0 },
		{ "obj_kern", "on_switch", BPF_PROG_TYPE_TRACING, BPF_TRACE_RAW_TP, false,
		  "sched_switch", "btf_trace_sched_switch", BTF_KIND_TYPEDEF },
		{ "obj_kern", "on_sleep", BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, false,
		  "do_nanosleep", "do_nanosleep", BTF_KIND_FUNC },
		{ "obj_kern", "on_bpf", BPF_PROG_TYPE_LSM, BPF_LSM_MAC, true, "bpf", "bpf_lsm_bpf",
		  BTF_KIND_FUNC },
		/* struct_ops: expected attach type is the member's index in the
		 * kernel struct, looked up in the bundled BTF (STRUCT_OPS_EAT) */
		{ "obj_ops", "vs_ssthresh", BPF_PROG_TYPE_STRUCT_OPS, STRUCT_OPS_EAT, false,
		  "ssthresh", "tcp_congestion_ops", BTF_KIND_STRUCT },
		{ "obj_ops", "vs_undo_cwnd", BPF_PROG_TYPE_STRUCT_OPS, STRUCT_OPS_EAT, false,
		  "undo_cwnd", "tcp_congestion_ops", BTF_KIND_STRUCT },
	};

	for (size_t t = 0; t < sizeof(want) / sizeof(want[0]); t++) {
		struct sim_object *obj = open_ok(want[t].obj);
		const struct sim_prog *p = sim_object_find_prog(obj, want[t].prog);

		assert_non_null(p);
		assert_int_equal(sim_prog_type(p), want[t].type);
		if (want[t].eat == STRUCT_OPS_EAT)
			assert_int_equal(sim_prog_expected_attach_type(p),
					 member_index(vmlinux, want[t].btf_name, want[t].target));
		else
			assert_int_equal(sim_prog_expected_attach_type(p), want[t].eat);
		assert_int_equal(sim_prog_sleepable(p), want[t].sleepable);
		if (!want[t].target) {
			assert_null(sim_prog_attach_target(p));
			assert_int_equal(sim_prog_attach_btf_id(p), 0);
		} else {
			assert_string_equal(sim_prog_attach_target(p), want[t].target);
			assert_int_equal(sim_prog_attach_btf_id(p),
					 btf__find_by_name_kind(vmlinux, want[t].btf_name,
								(unsigned)want[t].btf_kind));
		}
		sim_object_close(obj);
	}
}

/* Index of @member in struct @sname of @btf, -1 if absent. */
static int member_index(const struct btf *btf, const char *sname, const char *member)
{
	int id = btf__find_by_name_kind(btf, sname, BTF_KIND_STRUCT);
	const struct btf_type *t;
	const struct btf_member *m;

	if (id < 0)
		return -1;
	t = btf__type_by_id(btf, (unsigned)id);
	m = btf_members(t);
	for (int i = 0; i < (int)btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), member))
			return i;
	return -1;
}

static void test_object_struct_ops(void **state)
{
	/* in the order struct tcp_congestion_ops of the bundled kernel declares them */
	static const struct {
		const char *member, *prog;
	} want[] = {
		{ "cong_avoid", "vs_cong_avoid" },
		{ "ssthresh", "vs_ssthresh" },
		{ "undo_cwnd", "vs_undo_cwnd" },
	};
	struct sim_object *obj = open_ok("obj_ops");
	const struct sim_map *m;

	assert_int_equal(sim_object_struct_ops_count(obj), 3);
	for (size_t i = 0; i < 3; i++) {
		const struct sim_struct_ops_member *s = sim_object_struct_ops(obj, i);

		assert_string_equal(s->member, want[i].member);
		assert_string_equal(s->prog, want[i].prog);
		m = sim_object_map(obj, (size_t)s->map);
		assert_string_equal(m->name, "vs_ca");
		assert_int_equal(m->type, BPF_MAP_TYPE_STRUCT_OPS);
		assert_int_equal(sim_prog_expected_attach_type(sim_object_find_prog(obj, s->prog)),
				 s->member_idx);
	}
	sim_object_close(obj);
}

/* ---- line info ------------------------------------------------------------- */

/* Module BTF (bpf/bpf_testmod.btf on its distilled base, relocated onto
 * vmlinux): loaded by default with the bundled vmlinux BTF; its struct_ops
 * and kfuncs resolve with the kernel's ids and libbpf's fd_array index. */
static void test_object_module_btf(void **state)
{
	struct sim_object_opts none = { .no_modules = true };
	const char *const bad_paths[] = { "tests/no-such-module.btf" };
	struct sim_object_opts bad = { .module_btf_paths = bad_paths, .nr_module_btf_paths = 1 };
	char err[256] = "";
	struct sim_object *obj;
	const struct btf *kbtf, *base;
	const struct sim_prog *prog;
	const struct sim_insn_ref *ref = NULL;
	const struct btf_type *t;
	size_t n;

	(void)state;
	if (access("bpf/bpf_testmod.btf", R_OK)) {
		skip();
		return;
	}
	obj = sim_object_open_opts(obj_path("sops_refcounted"), NULL, err, sizeof(err));
	if (!obj)
		fail_msg("sops_refcounted: %s", err);
	assert_int_equal(sim_object_module_count(obj), 1);
	assert_string_equal(sim_object_module_name(obj, 0), "bpf_testmod");
	kbtf = sim_object_vmlinux_btf(obj);
	base = btf__base_btf(kbtf);
	assert_non_null(base);
	assert_ptr_equal(sim_object_module_btf(obj, 0), kbtf);
	prog = sim_object_find_prog(obj, "sops_release");
	assert_non_null(prog);
	/* the module's struct, numbered after vmlinux's types */
	assert_true(sim_prog_attach_btf_id(prog) >= btf__type_cnt(base));
	t = btf__type_by_id(kbtf, sim_prog_attach_btf_id(prog));
	assert_string_equal(btf__name_by_offset(kbtf, t->name_off), "bpf_testmod_ops");
	assert_string_equal(sim_prog_attach_target(prog), "test_refcounted");
	sim_object_close(obj);

	obj = sim_object_open_opts(obj_path("kptr_testmod"), NULL, err, sizeof(err));
	if (!obj)
		fail_msg("kptr_testmod: %s", err);
	prog = sim_object_find_prog(obj, "kptr_testmod_ok");
	assert_non_null(prog);
	for (size_t i = 0; i < sim_prog_ref_count(prog); i++)
		if (sim_prog_ref(prog, i)->kind == SIM_REF_KFUNC &&
		    !strcmp(sim_prog_ref(prog, i)->name, "bpf_kfunc_call_test_acquire"))
			ref = sim_prog_ref(prog, i);
	assert_non_null(ref);
	{
		const struct bpf_insn *insns = sim_prog_insns(prog, &n);

		kbtf = sim_object_vmlinux_btf(obj);
		assert_int_equal(insns[ref->insn].off, 1);
		assert_true((unsigned)insns[ref->insn].imm >= btf__type_cnt(btf__base_btf(kbtf)));
		t = btf__type_by_id(kbtf, (unsigned)insns[ref->insn].imm);
		assert_string_equal(btf__name_by_offset(kbtf, t->name_off), "bpf_kfunc_call_test_acquire");
	}
	sim_object_close(obj);

	/* without modules, bpf_testmod's struct is unknown */
	obj = sim_object_open_opts(obj_path("sops_refcounted"), &none, err, sizeof(err));
	assert_null(obj);
	assert_string_equal(err, "struct_ops map 'sops_ok': struct 'bpf_testmod_ops' is not in the kernel's BTF");
	assert_null(sim_object_open_opts(obj_path("kptr_testmod"), &none, err, sizeof(err)));
	assert_string_equal(err, "extern (func ksym) 'bpf_kfunc_call_test_acquire': not found in kernel or module BTFs");
	obj = sim_object_open_opts(obj_path("sops_refcounted"), &bad, err, sizeof(err));
	assert_null(obj);
	assert_non_null(strstr(err, "cannot read module BTF 'tests/no-such-module.btf'"));
}

static void test_object_lines(void **state)
{
	struct sim_object *obj = open_ok("obj_calls");
	const struct sim_prog *p = sim_object_find_prog(obj, "tc_main");
	size_t n;
	bool lookup_seen = false;

	sim_prog_insns(p, &n);
	for (unsigned i = 0; i < n; i++) {
		const struct sim_line *l = sim_prog_line_of(p, i);
		const struct sim_insn_ref *r = sim_prog_insn_ref(p, i);

		assert_non_null(l);
		assert_true(l->insn <= i);
		assert_non_null(strstr(l->file, "obj_calls.bpf.c"));
		if (r && r->kind == SIM_REF_MAP) {
			assert_non_null(strstr(l->text, "bpf_map_lookup_elem(&counts"));
			lookup_seen = true;
		}
		/* a subprogram's first instruction starts a line record */
		if (sim_prog_subprog_at(p, i) >= 0 &&
		    sim_prog_subprog(p, (size_t)sim_prog_subprog_at(p, i))->start == i)
			assert_true(sim_prog_line_starts(p, i));
	}
	assert_true(lookup_seen);
	sim_object_close(obj);
}

/* ---- bad input -------------------------------------------------------------- */

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n > 0);
	rewind(f);
	buf = malloc((size_t)n);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*size = (size_t)n;
	return buf;
}

enum mutation { AS_IS, TRUNCATE, MACHINE_X86, CLASS_32, GARBAGE, EMPTY };

static const struct {
	const char *what, *obj;
	enum mutation how;
	size_t arg;
	const char *error; /* substring of the one-line error */
} bad[] = {
	{ "garbage", "obj_calls", GARBAGE, 0, "is not an ELF file" },
	{ "empty", "obj_calls", EMPTY, 0, "is not an ELF file" },
	{ "truncated header", "obj_calls", TRUNCATE, 40, "is not an ELF file" },
	{ "truncated body", "obj_calls", TRUNCATE, 2000, "'bad.o' is truncated" },
	{ "x86 object", "obj_calls", MACHINE_X86, 0, "is not a BPF object (ELF machine 62)" },
	{ "32-bit ELF", "obj_calls", CLASS_32, 0, "is not a 64-bit ELF" },
	{ "no programs", "obj_noprog", AS_IS, 0, "has no BPF programs" },
	{ "missing kfunc", "obj_badkfunc", AS_IS, 0,
	  "extern (func ksym) 'veristep_missing_kfunc': not found in kernel or module BTFs" },
};

static void test_object_bad_input(void **state)
{
	struct sim_object_opts opts = { .vmlinux_btf = vmlinux };

	for (size_t t = 0; t < sizeof(bad) / sizeof(bad[0]); t++) {
		size_t size;
		unsigned char *buf = slurp(obj_path(bad[t].obj), &size);
		char err[256] = "";
		struct sim_object *obj;

		switch (bad[t].how) {
		case AS_IS:
			break;
		case TRUNCATE:
			size = bad[t].arg;
			break;
		case MACHINE_X86:
			buf[18] = 62; /* e_machine = EM_X86_64 */
			buf[19] = 0;
			break;
		case CLASS_32:
			buf[4] = 1; /* ELFCLASS32 */
			break;
		case GARBAGE:
			for (size_t i = 0; i < size; i++)
				buf[i] = (unsigned char)(i * 131 + 7);
			break;
		case EMPTY:
			size = 0;
			break;
		}
		obj = sim_object_open_mem(buf, size, "bad.o", &opts, err, sizeof(err));
		free(buf);
		if (obj)
			fail_msg("%s: opened", bad[t].what);
		if (!strstr(err, bad[t].error))
			fail_msg("%s: error '%s', want '%s'", bad[t].what, err, bad[t].error);
		assert_null(strchr(err, '\n'));
	}
}

static void test_object_missing_files(void **state)
{
	char err[256];

	assert_null(sim_object_open("no/such/file.bpf.o", vmlinux_path, err, sizeof(err)));
	assert_string_equal(err, "cannot open 'no/such/file.bpf.o': No such file or directory");
	assert_null(sim_object_open(obj_path("obj_calls"), "no/such/vmlinux.btf", err, sizeof(err)));
	assert_non_null(strstr(err, "cannot read kernel BTF 'no/such/vmlinux.btf'"));
}

/* Corrupt bytes anywhere must give an object or an error, never a crash
 * (run under ASan by `make asan`). Deterministic: a fixed LCG. */
static void test_object_corrupt_bytes(void **state)
{
	struct sim_object_opts opts = { .vmlinux_btf = vmlinux };
	size_t size;
	unsigned char *orig = slurp(obj_path("obj_calls"), &size);
	unsigned char *buf = malloc(size);
	uint32_t seed = 12345;
	int opened = 0, rejected = 0;

	assert_non_null(buf);
	for (int round = 0; round < 300; round++) {
		char err[256] = "";
		struct sim_object *obj;

		memcpy(buf, orig, size);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[(seed >> 8) % size] ^= (unsigned char)(1u << ((seed >> 4) % 8));
		}
		obj = sim_object_open_mem(buf, size, "fuzz.o", &opts, err, sizeof(err));
		if (obj) {
			opened++;
			sim_object_close(obj);
		} else {
			rejected++;
			assert_true(err[0] != '\0');
		}
	}
	free(buf);
	free(orig);
	assert_int_equal(opened + rejected, 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_object_same_as_libbpf_calls),
		cmocka_unit_test(test_object_same_as_libbpf_kern),
		cmocka_unit_test(test_object_subprog_order),
		cmocka_unit_test(test_object_call_targets),
		cmocka_unit_test(test_object_maps),
		cmocka_unit_test(test_object_map_refs),
		cmocka_unit_test(test_object_kfuncs_and_ksyms),
		cmocka_unit_test(test_object_kconfig),
		cmocka_unit_test(test_object_btf_refused),
		cmocka_unit_test(test_object_core),
		cmocka_unit_test(test_object_attach),
		cmocka_unit_test(test_object_struct_ops),
		cmocka_unit_test(test_object_module_btf),
		cmocka_unit_test(test_object_lines),
		cmocka_unit_test(test_object_bad_input),
		cmocka_unit_test(test_object_missing_files),
		cmocka_unit_test(test_object_corrupt_bytes),
	};

	return cmocka_run_group_tests_name("object", tests, group_setup, group_teardown);
}
