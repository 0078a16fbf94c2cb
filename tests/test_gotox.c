/* Indirect jumps (gotox) and their jump tables: libbpf's .jumptables
 * handling in the loader (sim/obj_jumptables.c) and the verifier's rules
 * (sim/check_gotox.c), on tests/progs/gotox_switch.bpf.c and on
 * hand-built instruction streams.
 *
 * Paths: objects from $VERISTEP_BUILD (default build)/tests/progs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "object.h"
#include "print.h"
#include "state.h"
#include "trace.h"
#include "verifier.h"

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", name);
	return path;
}

static struct sim_object *open_obj(void)
{
	char err[256] = "";
	struct sim_object *obj = sim_object_open(obj_path("gotox_switch"), NULL, err, sizeof(err));

	if (!obj)
		fail_msg("gotox_switch: %s", err);
	return obj;
}

/* the map the program's jump-table LD_IMM64 names, and that insn */
static int table_of(const struct sim_object *obj, const struct sim_prog *prog, unsigned *insn)
{
	int found = -1;

	for (size_t i = 0; i < sim_prog_ref_count(prog); i++) {
		const struct sim_insn_ref *r = sim_prog_ref(prog, i);
		const struct sim_map *m;

		if (r->kind != SIM_REF_MAP_VALUE || r->map < 0)
			continue;
		m = sim_object_map(obj, (size_t)r->map);
		assert_non_null(m);
		if (m->type != BPF_MAP_TYPE_INSN_ARRAY)
			continue;
		assert_int_equal(found, -1); /* one table per program here */
		found = r->map;
		*insn = r->insn;
	}
	assert_int_not_equal(found, -1);
	return found;
}

/* create_jt_map(): one INSN_ARRAY map per program and table, entries the
 * final instruction indices of the case labels (each `r0 = K`) */
static void check_table(const struct sim_object *obj, const char *name, const int *want, unsigned n,
			unsigned min_target, int *map_out)
{
	const struct sim_prog *prog = sim_object_find_prog(obj, name);
	const struct bpf_insn *insns;
	const struct sim_map *m;
	const uint32_t *offs;
	size_t cnt;
	unsigned ld = 0;
	int map;

	if (!prog)
		fail_msg("%s: no such program", name);
	insns = sim_prog_insns(prog, &cnt);
	map = table_of(obj, prog, &ld);
	m = sim_object_map(obj, (size_t)map);
	assert_string_equal(m->name, ".jumptables");
	assert_int_equal(m->key_size, 4);
	assert_int_equal(m->value_size, sizeof(struct bpf_insn_array_value));
	assert_int_equal(m->max_entries, n);
	assert_true(m->map_flags & BPF_F_RDONLY_PROG);
	assert_int_equal(m->initial_size, n * sizeof(uint32_t));
	/* the LD_IMM64 is a map value load of the table's start */
	assert_int_equal(insns[ld].code, BPF_LD | BPF_IMM | BPF_DW);
	assert_int_equal(insns[ld].src_reg, BPF_PSEUDO_MAP_IDX_VALUE);
	assert_int_equal(insns[ld].imm, map);
	assert_int_equal(insns[ld + 1].imm, 0);
	offs = m->initial_value;
	for (unsigned i = 0; i < n; i++) {
		if (offs[i] >= cnt || offs[i] < min_target)
			fail_msg("%s: entry %u points to insn %u of %zu", name, i, offs[i], cnt);
		assert_int_equal(insns[offs[i]].code, BPF_ALU64 | BPF_MOV | BPF_K);
		assert_int_equal(insns[offs[i]].dst_reg, 0);
		assert_int_equal(insns[offs[i]].imm, want[i]);
	}
	*map_out = map;
}

static void test_gotox_loader_tables(void **state)
{
	static const int sw[] = { 10, 11, 12, 13 }, ub[] = { 20, 21, 20, 21 }, sub[] = { 30, 31 };
	struct sim_object *obj = open_obj();
	const struct sim_prog *p = sim_object_find_prog(obj, "gotox_in_subprog");
	int m1, m2, m3;

	(void)state;
	check_table(obj, "gotox_switch", sw, 4, 0, &m1);
	/* the second program of the section: rebased to its own start */
	check_table(obj, "gotox_unbounded", ub, 4, 0, &m2);
	/* the table of a .text subprogram: rebased to where it is appended */
	assert_non_null(p);
	assert_int_equal(sim_prog_subprog_count(p), 2);
	check_table(obj, "gotox_in_subprog", sub, 2, sim_prog_subprog(p, 1)->start, &m3);
	assert_true(m1 != m2 && m2 != m3 && m1 != m3);
	sim_object_close(obj);
}

static struct sim_trace *verify(const struct sim_object *obj, const char *name)
{
	const struct sim_prog *prog = sim_object_find_prog(obj, name);
	struct sim_verify_opts opts = { .log_level = 2 };
	struct sim_trace *t;

	if (!prog)
		fail_msg("%s: no such program", name);
	t = sim_verify_object_prog(obj, prog, &opts);
	assert_non_null(t);
	return t;
}

static char *log_of(struct sim_trace *t, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	sim_trace_print_log(t, 2, &out);
	assert_non_null(sb->buf);
	return sb->buf;
}

/* check_indirect_jump(): every target the index's range allows is walked */
static void test_gotox_verify_switch(void **state)
{
	struct sim_object *obj = open_obj();
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = verify(obj, "gotox_switch");
	const char *log;

	(void)state;
	if (sim_trace_verdict(t) != SIM_ACCEPTED)
		fail_msg("gotox_switch: %s", sim_trace_error(t));
	log = log_of(t, &sb);
	assert_non_null(strstr(log, "(0d) gotox r2\n"));
	assert_non_null(strstr(log, "R2=map_value(map=.jumptables,ks=4,vs=16)"));
	assert_non_null(strstr(log, "; R2=insn(smin=smin32=0,smax=umax=smax32=umax32=24,var_off=(0x0; 0x18))"));
	for (int k = 10; k <= 13; k++) {
		char line[32];

		snprintf(line, sizeof(line), "(b7) r0 = %d ", k);
		if (!strstr(log, line))
			fail_msg("case r0 = %d never walked", k);
	}
	assert_int_equal(sim_trace_insns_processed(t), 15);
	sim_strbuf_free(&sb);
	sim_trace_free(t);

	t = verify(obj, "gotox_in_subprog");
	sb = (struct sim_strbuf){ 0 };
	if (sim_trace_verdict(t) != SIM_ACCEPTED)
		fail_msg("gotox_in_subprog: %s", sim_trace_error(t));
	log = log_of(t, &sb);
	assert_non_null(strstr(log, "(b7) r0 = 30 "));
	assert_non_null(strstr(log, "(b7) r0 = 31 "));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
	sim_object_close(obj);
}

/* time travel replays steps from snapshots, across the gotox too: the
 * state at each case's `r0 = K` is reached, R2 still the PTR_TO_INSN at
 * the gotox */
static void test_gotox_time_travel(void **state)
{
	struct sim_object *obj = open_obj();
	struct sim_trace *t = verify(obj, "gotox_switch");
	size_t n = sim_trace_steps(t);
	unsigned cases = 0;
	bool saw_gotox = false;

	(void)state;
	assert_int_equal(n, sim_trace_insns_processed(t));
	for (size_t s = 0; s < n; s++) {
		struct sim_state_view v;

		assert_int_equal(sim_trace_state_at(t, s, &v), 0);
		if (v.insn_idx == 7) {
			const struct sim_reg *r2 = &sim_cur_frame(v.state)->regs[2];

			assert_int_equal(r2->type, PTR_TO_INSN);
			saw_gotox = true;
		}
		if (v.insn_idx == 8 || v.insn_idx == 10 || v.insn_idx == 12 || v.insn_idx == 14)
			cases |= 1u << ((v.insn_idx - 8) / 2);
		sim_state_view_release(&v);
	}
	assert_true(saw_gotox);
	assert_int_equal(cases, 0xf);
	sim_trace_free(t);
	sim_object_close(obj);
}

/* map_mem_size(): the table is max_entries * 8 bytes */
static void test_gotox_verify_unbounded(void **state)
{
	struct sim_object *obj = open_obj();
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = verify(obj, "gotox_unbounded");

	(void)state;
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "R2 max value is outside of the allowed memory range");
	assert_int_equal(sim_trace_error_insn(t), 6);
	assert_non_null(strstr(log_of(t, &sb), "invalid access to map value, value_size=32 off=56 size=8\n"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
	sim_object_close(obj);
}

/* ---- hand-built streams ------------------------------------------------- */

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define GOTOX(d) I(BPF_JMP | BPF_JA | BPF_X, d, 0, 0, 0)

struct hcase {
	const char *name;
	struct bpf_insn insns[12];
	int cnt;
	uint32_t table[4];
	unsigned entries;
	enum sim_verdict verdict;
	const char *error;
	int error_insn;
};

/* r0 = &table[0]; r0 += ADD; r0 = *(u64 *)(r0 + OFF); gotox r0; then two
 * exits returning 0 and 1 (insns 5-6 and 7-8) */
#define JT_PROG(add, off, sz)                                                          \
	{ I(BPF_LD | BPF_IMM | BPF_DW, 0, BPF_PSEUDO_MAP_IDX_VALUE, 0, 0), I(0, 0, 0, 0, 0), \
	  I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, add),                                  \
	  I(BPF_LDX | BPF_MEM | (sz), 0, 0, off, 0), GOTOX(0),                           \
	  I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),   \
	  I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) }, 9

static const struct hcase hcases[] = {
	{ "ok", JT_PROG(8, 0, BPF_DW), { 5, 7 }, 2, SIM_ACCEPTED, NULL, -1 },
	{ "add past the table", JT_PROG(16, 0, BPF_DW), { 5, 7 }, 2, SIM_REJECTED,
	  "R0 min value is outside of the allowed memory range", 3 },
	{ "word load", JT_PROG(0, 0, BPF_W), { 5, 7 }, 2, SIM_REJECTED,
	  "Invalid read of 4 bytes from insn_array", 3 },
	{ "misaligned", JT_PROG(1, 0, BPF_DW), { 5, 7 }, 2, SIM_REJECTED,
	  "misaligned value access off 1+0 size 8", 3 },
	/* bpf_insn_array_init(): targets inside the program, not after an
	 * ld_imm64's first half */
	{ "target past the end", JT_PROG(8, 0, BPF_DW), { 5, 9 }, 2, SIM_REJECTED,
	  "Failed to properly initialize insn array", -1 },
	{ "target in ld_imm64", JT_PROG(8, 0, BPF_DW), { 5, 1 }, 2, SIM_REJECTED,
	  "Failed to properly initialize insn array", -1 },
	{ "no table", { GOTOX(0), I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) },
	  3, { 0 }, 0, SIM_REJECTED, "no jump tables found for subprog starting at 0", -1 },
	{ "gotox of a scalar", { I(BPF_LD | BPF_IMM | BPF_DW, 0, BPF_PSEUDO_MAP_IDX_VALUE, 0, 0),
	  I(0, 0, 0, 0, 0), I(BPF_ALU64 | BPF_MOV | BPF_K, 1, 0, 0, 0), GOTOX(1),
	  I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) },
	  6, { 4, 4 }, 2, SIM_REJECTED, "R1 has type scalar, expected PTR_TO_INSN", 3 },
	/* check_cfg(): a target no gotox reaches is dead code */
	{ "unreachable case", { I(BPF_LD | BPF_IMM | BPF_DW, 0, BPF_PSEUDO_MAP_IDX_VALUE, 0, 0),
	  I(0, 0, 0, 0, 0), I(BPF_LDX | BPF_MEM | BPF_DW, 0, 0, 0, 0), GOTOX(0),
	  I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	  I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1), I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0) },
	  8, { 4, 4 }, 2, SIM_REJECTED, "unreachable insn 6", -1 }, /* check_cfg(): before the walk, no insn */
};

static void test_gotox_hand_built(void **state)
{
	(void)state;
	for (size_t c = 0; c < sizeof(hcases) / sizeof(hcases[0]); c++) {
		const struct hcase *h = &hcases[c];
		struct sim_map map = { .name = ".jumptables", .section = ".jumptables",
				       .type = BPF_MAP_TYPE_INSN_ARRAY, .key_size = 4,
				       .value_size = sizeof(struct bpf_insn_array_value),
				       .max_entries = h->entries, .map_flags = BPF_F_RDONLY_PROG,
				       .inner_map = -1, .initial_value = h->table,
				       .initial_size = h->entries * sizeof(uint32_t) };
		struct sim_map_view mv = { .name = map.name, .type = map.type, .key_size = 4,
					   .value_size = map.value_size,
					   .max_entries = map.max_entries, .map = &map };
		struct sim_insn_reloc relocs[12];
		struct sim_subprog_view sub = { .start = 0, .name = h->name };
		struct sim_prog_view v = { .name = h->name, .insns = h->insns, .insn_cnt = h->cnt,
					   .prog_type = BPF_PROG_TYPE_SOCKET_FILTER,
					   .maps = &mv, .map_cnt = 1, .relocs = relocs,
					   .subprogs = &sub, .subprog_cnt = 1 };
		struct sim_verify_opts opts = { .log_level = 2 };
		struct sim_trace *t;

		for (int i = 0; i < h->cnt; i++) {
			bool ld = h->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW);

			relocs[i] = (struct sim_insn_reloc){ .map_idx = ld ? 0 : -1, .map_value = ld };
		}
		t = sim_verify_view(&v, &opts);
		assert_non_null(t);
		if (sim_trace_verdict(t) != h->verdict)
			fail_msg("%s: verdict %d, expected %d (%s)", h->name, sim_trace_verdict(t),
				 h->verdict, sim_trace_error(t) ? sim_trace_error(t) : "-");
		if (h->error) {
			if (strcmp(sim_trace_error(t), h->error))
				fail_msg("%s: error '%s', expected '%s'", h->name, sim_trace_error(t),
					 h->error);
			if (sim_trace_error_insn(t) != h->error_insn)
				fail_msg("%s: error at insn %d, expected %d", h->name,
					 sim_trace_error_insn(t), h->error_insn);
		}
		sim_trace_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gotox_loader_tables),
		cmocka_unit_test(test_gotox_verify_switch),
		cmocka_unit_test(test_gotox_verify_unbounded),
		cmocka_unit_test(test_gotox_time_travel),
		cmocka_unit_test(test_gotox_hand_built),
	};

	return cmocka_run_group_tests_name("gotox", tests, NULL, NULL);
}
