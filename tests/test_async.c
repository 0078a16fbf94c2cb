/* Async callbacks (bpf_timer, bpf_wq, bpf_task_work: async_cb.c), the sync
 * callbacks of bpf_for_each_map_elem / bpf_find_vma (callbacks_core.c) and
 * bpf_set_retval, on the kernel's own selftests compiled into
 * build/corpus/ (tools/build-corpus.sh). The expected answers are the
 * ones the real 7.3 kernel gave (recorded in tests/faithfulness/kernel/
 * corpus/, one .json.gz per object); a missing corpus object skips its
 * test. A synthetic
 * program checks set_map_elem_callback_state()'s map rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <bpf/btf.h>

#include "object.h"
#include "print.h"
#include "trace.h"
#include "verifier.h"

struct acase {
	const char *prog;
	enum sim_verdict verdict;
	const char *error; /* the kernel's error line; NULL when accepted */
	int error_insn;
};

static const char *corpus_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/corpus/%s.bpf.o", build ? build : "build", name);
	return path;
}

static struct sim_object *open_corpus(const char *name)
{
	char err[256] = "";
	struct sim_object *obj;

	if (access(corpus_path(name), R_OK))
		return NULL;
	obj = sim_object_open(corpus_path(name), NULL, err, sizeof(err));
	if (!obj)
		fail_msg("%s: %s", name, err);
	return obj;
}

static struct sim_trace *verify(const struct sim_object *obj, const char *name, int level)
{
	const struct sim_prog *prog = sim_object_find_prog(obj, name);
	struct sim_verify_opts opts = { .log_level = level };

	if (!prog)
		fail_msg("%s: no such program", name);
	return sim_verify_object_prog(obj, prog, &opts);
}

static void run_cases(const char *object, const struct acase *cases, size_t n)
{
	struct sim_object *obj = open_corpus(object);

	if (!obj) {
		skip();
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct acase *c = &cases[i];
		struct sim_trace *t = verify(obj, c->prog, 1);

		assert_non_null(t);
		if (sim_trace_verdict(t) != c->verdict)
			fail_msg("%s: verdict %d, expected %d (%s)", c->prog, sim_trace_verdict(t),
				 c->verdict, sim_trace_error(t) ? sim_trace_error(t) : "-");
		if (c->error) {
			assert_string_equal(sim_trace_error(t), c->error);
			assert_int_equal(sim_trace_error_insn(t), c->error_insn);
		} else if (c->verdict == SIM_ACCEPTED) {
			assert_null(sim_trace_error(t));
		}
		sim_trace_free(t);
	}
	sim_object_close(obj);
}

/* is_async_cb_sleepable(): a bpf_timer callback never sleeps, even in a
 * sleepable program; bpf_wq and bpf_task_work callbacks always may */
static void test_async_cb_sleepable(void **state)
{
	static const struct acase cases[] = {
		{ "timer_non_sleepable_prog", SIM_REJECTED,
		  "sleepable helper bpf_copy_from_user#148 in non-sleepable prog", 23 },
		{ "timer_sleepable_prog", SIM_REJECTED,
		  "sleepable helper bpf_copy_from_user#148 in non-sleepable prog", 23 },
		{ "timer_sys_bpf_prog", SIM_REJECTED,
		  "sleepable helper bpf_sys_bpf#166 in non-sleepable prog", 24 },
		{ "timer_sys_close_prog", SIM_REJECTED,
		  "sleepable helper bpf_sys_close#168 in non-sleepable prog", 20 },
		{ "timer_btf_find_prog", SIM_REJECTED,
		  "sleepable helper bpf_btf_find_by_name_kind#167 in non-sleepable prog", 28 },
		{ "wq_non_sleepable_prog", SIM_ACCEPTED, NULL, -1 },
		{ "wq_sleepable_prog", SIM_ACCEPTED, NULL, -1 },
		{ "task_work_non_sleepable_prog", SIM_ACCEPTED, NULL, -1 },
		{ "task_work_sleepable_prog", SIM_ACCEPTED, NULL, -1 },
		/* a global function called in the sleepable wq callback of a
		 * non-sleepable program: verified a second time in that
		 * context (do_check_subprogs(), called[in_sleepable]), where
		 * its untrusted task pointer is no RCU pointer */
		{ "wq_global_no_rcu_prog", SIM_ACCEPTED, NULL, -1 },
		{ "wq_global_rcu_prog", SIM_REJECTED, "R1 must be a rcu pointer", 32 },
	};

	(void)state;
	run_cases("verifier_async_cb_context", cases, sizeof(cases) / sizeof(cases[0]));
}

/* push_async_cb(): the callback is a path of its own, frame 0, marked
 * async_cb in the log, returning into [0, 0] */
static void test_async_cb_log(void **state)
{
	struct sim_object *obj = open_corpus("verifier_subprog_insn_stats");
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	struct sim_trace *t;

	(void)state;
	if (!obj) {
		skip();
		return;
	}
	t = verify(obj, "stats_async_direct", 2);
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	assert_int_equal(sim_trace_insns_processed(t), 18);
	sim_trace_print_log(t, 2, &out);
	assert_non_null(sb.buf);
	/* the kernel's lines: the for_each_map_elem callback (sync, frame1,
	 * "cb") then the timer callback (async, frame 0, "async_cb") */
	assert_non_null(strstr(sb.buf, "from 7 to 10: frame1: R3=map_value(id=1,map=timer_map,ks=4,vs=16) R10=fp0 cb\n"));
	assert_non_null(strstr(sb.buf, "from 15 to 18: R10=fp0 async_cb\n"));
	assert_non_null(strstr(sb.buf, "18: (b4) w0 = 0                       ; R0=0 async_cb\n"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
	sim_object_close(obj);
}

/* set_map_elem_callback_state() / set_find_vma_callback_state(): the
 * callbacks see the caller's context pointer (NULL here) */
static void test_sync_callbacks(void **state)
{
	static const struct acase cases[] = {
		{ "unsafe_for_each_map_elem", SIM_REJECTED,
		  "R1 min value is outside of the allowed memory range", 14 },
		{ "unsafe_find_vma", SIM_REJECTED,
		  "R1 min value is outside of the allowed memory range", 15 },
	};

	(void)state;
	run_cases("verifier_iterating_callbacks", cases, sizeof(cases) / sizeof(cases[0]));
}

/* the BPF_FUNC_set_retval case of check_helper_call(): [-MAX_ERRNO, 0] */
static void test_set_retval(void **state)
{
	static const struct acase cases[] = {
		{ "cgroup_dev_set_retval_0", SIM_ACCEPTED, NULL, -1 },
		{ "cgroup_dev_set_retval_neg_maxerrno", SIM_ACCEPTED, NULL, -1 },
		{ "cgroup_dev_set_retval_1", SIM_REJECTED,
		  "At bpf_set_retval the register R1 has smin=1 smax=1 should have been in [-4095, 0]", 1 },
		{ "cgroup_dev_set_retval_neg_4096", SIM_REJECTED,
		  "At bpf_set_retval the register R1 has smin=4294963200 smax=4294963200 should have been in [-4095, 0]",
		  1 },
		{ "cgroup_dev_set_retval_pruning_bypass", SIM_REJECTED,
		  "At bpf_set_retval the register R1 has unknown scalar value should have been in [-4095, 0]",
		  9 },
	};

	(void)state;
	run_cases("verifier_set_retval", cases, sizeof(cases) / sizeof(cases[0]));
}

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define CALL(f) I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* set_map_elem_callback_state(): only maps with
 * map_set_for_each_callback_args (array, hash kinds) */
static struct sim_trace *for_each_on(uint32_t map_type)
{
	static const struct bpf_insn insns[] = {
		I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_FD, 0, 0), I(0, 0, 0, 0, 0),
		I(BPF_LD | BPF_IMM | BPF_DW, 2, BPF_PSEUDO_FUNC, 0, 6), I(0, 0, 0, 0, 0),
		MOV64_IMM(3, 0),
		MOV64_IMM(4, 0),
		CALL(BPF_FUNC_for_each_map_elem),
		MOV64_IMM(0, 0),
		EXIT(),
		MOV64_IMM(0, 0),    /* 9: the callback */
		EXIT(),
	};
	static const struct sim_subprog_view subprogs[] = {
		{ .start = 0, .name = "main" }, { .start = 9, .name = "cb" },
	};
	static struct sim_insn_reloc relocs[sizeof(insns) / sizeof(insns[0])];
	static struct sim_map_view map = { .name = "m", .key_size = 4, .value_size = 8,
					   .max_entries = 4 };
	struct sim_prog_view v = { .name = "for_each", .insns = insns,
				   .insn_cnt = sizeof(insns) / sizeof(insns[0]),
				   .prog_type = BPF_PROG_TYPE_SYSCALL, .maps = &map, .map_cnt = 1,
				   .relocs = relocs, .subprogs = subprogs, .subprog_cnt = 2 };
	struct sim_verify_opts o = { .log_level = 1 };

	for (size_t i = 0; i < sizeof(relocs) / sizeof(relocs[0]); i++)
		relocs[i] = (struct sim_insn_reloc){ .map_idx = -1 };
	relocs[0].map_idx = 0;
	map.type = map_type;
	return sim_verify_view(&v, &o);
}

static void test_for_each_map_kinds(void **state)
{
	struct sim_trace *t;

	(void)state;
	t = for_each_on(BPF_MAP_TYPE_ARRAY);
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	sim_trace_free(t);
	t = for_each_on(BPF_MAP_TYPE_QUEUE);
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "callback function not allowed for map");
	assert_int_equal(sim_trace_error_insn(t), 6);
	sim_trace_free(t);
}

/* A map value { u64 x; struct bpf_timer t; } (the timer at offset 8) in
 * two array maps "m" and "n", described by a BTF built here. */
#define ST_W(d, o, i) I(BPF_ST | BPF_MEM | BPF_W, d, 0, o, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define JEQ_IMM(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define LD_MAP(d) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_FD, 0, 0), I(0, 0, 0, 0, 0)
#define LD_FUNC(d, off) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_FUNC, 0, off), I(0, 0, 0, 0, 0)
/* 0-6: r0 = a value of "m", NULL jumping @exit_off past insn 6 */
#define LOOKUP_M(exit_off)                                                    \
	ST_W(10, -4, 0), MOV64_REG(2, 10), ADD64_IMM(2, -4), LD_MAP(1),       \
	CALL(BPF_FUNC_map_lookup_elem), JEQ_IMM(0, 0, exit_off)

struct tcase {
	struct bpf_insn insns[20];
	int cnt;
	int ld2_at;      /* a second map load (reloc): its insn, -1: none */
	int ld2_map;     /* ... of map 0 ("m") or 1 ("n") */
	int cb_start;    /* the callback subprog's first insn; 0: none */
};

static struct sim_trace *run_timer(const struct tcase *c)
{
	static struct sim_map maps[2];
	static struct sim_map_view views[2];
	static struct sim_insn_reloc relocs[20];
	struct sim_subprog_view subprogs[2] = { { .start = 0, .name = "main" },
						{ .start = c->cb_start, .name = "cb" } };
	struct sim_verify_opts o = { .log_level = 1 };
	struct sim_prog_view v;
	static struct btf *btf;
	struct sim_trace *t;
	int u64, timer, val;

	if (!btf) {
		btf = btf__new_empty();
		assert_non_null(btf);
		u64 = btf__add_int(btf, "u64", 8, 0);
		timer = btf__add_struct(btf, "bpf_timer", 16);
		btf__add_field(btf, "a", u64, 0, 0);
		btf__add_field(btf, "b", u64, 64, 0);
		val = btf__add_struct(btf, "val", 24);
		btf__add_field(btf, "x", u64, 0, 0);
		btf__add_field(btf, "t", timer, 64, 0);
		assert_true(u64 > 0 && timer > 0 && val > 0);
		for (int i = 0; i < 2; i++) {
			maps[i] = (struct sim_map){ .name = i ? "n" : "m", .type = BPF_MAP_TYPE_ARRAY,
						    .key_size = 4, .value_size = 24, .max_entries = 1,
						    .btf_value_type_id = (unsigned)val, .inner_map = -1 };
			views[i] = (struct sim_map_view){ .name = maps[i].name, .type = BPF_MAP_TYPE_ARRAY,
							  .key_size = 4, .value_size = 24,
							  .max_entries = 1, .map = &maps[i] };
		}
	}
	for (int i = 0; i < 20; i++)
		relocs[i] = (struct sim_insn_reloc){ .map_idx = -1 };
	relocs[3].map_idx = 0;
	if (c->ld2_at >= 0)
		relocs[c->ld2_at].map_idx = c->ld2_map;
	v = (struct sim_prog_view){ .name = "timer", .insns = c->insns, .insn_cnt = c->cnt,
				    .prog_type = BPF_PROG_TYPE_SYSCALL, .btf = btf, .maps = views,
				    .map_cnt = 2, .relocs = relocs, .subprogs = subprogs,
				    .subprog_cnt = c->cb_start ? 2 : 1 };
	t = sim_verify_view(&v, &o);
	assert_non_null(t);
	return t;
}

static void expect(struct sim_trace *t, const char *err, int insn)
{
	if (!err) {
		if (sim_trace_verdict(t) != SIM_ACCEPTED)
			fail_msg("rejected: %s", sim_trace_error(t) ? sim_trace_error(t) : "-");
	} else {
		assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
		assert_string_equal(sim_trace_error(t), err);
		assert_int_equal(sim_trace_error_insn(t), insn);
	}
	sim_trace_free(t);
}

/* check_map_field_pointer() and process_map_ptr_arg() for bpf_timer_init() */
static void test_timer_field_pointer(void **state)
{
	/* bpf_timer_init(&val->t + @off, map @n ? "n" : "m", 0) */
#define TIMER_INIT(off, n)                                                                 \
	{ .insns = { LOOKUP_M(6), MOV64_REG(1, 0), ADD64_IMM(1, off), LD_MAP(2), MOV64_IMM(3, 0), \
		     CALL(BPF_FUNC_timer_init), MOV64_IMM(0, 0), EXIT() },                       \
	  .cnt = 15, .ld2_at = 9, .ld2_map = (n) }
	static const struct tcase ok = TIMER_INIT(8, 0), wrong_off = TIMER_INIT(0, 0),
				  other_map = TIMER_INIT(8, 1);
	static const struct tcase var_off = {
		.insns = { LOOKUP_M(7), MOV64_REG(1, 0), LD_MAP(2), MOV64_IMM(3, 0),
			   I(BPF_LDX | BPF_MEM | BPF_B, 4, 0, 0, 0), I(BPF_ALU64 | BPF_ADD | BPF_X, 1, 4, 0, 0),
			   CALL(BPF_FUNC_timer_init), MOV64_IMM(0, 0), EXIT() },
		.cnt = 16, .ld2_at = 8, .ld2_map = 0,
	};

	(void)state;
	expect(run_timer(&ok), NULL, -1);
	expect(run_timer(&wrong_off), "off 0 doesn't point to 'struct bpf_timer' that is at 8", 12);
	expect(run_timer(&other_map),
	       "timer pointer in R1 map_uid=0 doesn't match map pointer in R2 map_uid=0", 12);
	expect(run_timer(&var_off),
	       "R1 doesn't have constant offset. bpf_timer has to be at the constant offset", 13);
#undef TIMER_INIT
}

/* set_timer_callback_state(): the callback returns into [0, 0]
 * (check_return_code(), "At async callback return") */
static void test_timer_callback_return(void **state)
{
	/* bpf_timer_set_callback(&val->t, cb); cb: r0 = @ret */
#define SET_CB(ret)                                                                         \
	{ .insns = { LOOKUP_M(5), MOV64_REG(1, 0), ADD64_IMM(1, 8), LD_FUNC(2, 4),              \
		     CALL(BPF_FUNC_timer_set_callback), MOV64_IMM(0, 0), EXIT(),                 \
		     MOV64_IMM(0, ret), EXIT() },                                                  \
	  .cnt = 16, .ld2_at = -1, .cb_start = 14 }
	static const struct tcase ret0 = SET_CB(0), ret1 = SET_CB(1);

	(void)state;
	expect(run_timer(&ret0), NULL, -1);
	expect(run_timer(&ret1),
	       "At async callback return the register R0 has smin=1 smax=1 should have been in [0, 0]",
	       15);
#undef SET_CB
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_async_cb_sleepable),
		cmocka_unit_test(test_async_cb_log),
		cmocka_unit_test(test_sync_callbacks),
		cmocka_unit_test(test_set_retval),
		cmocka_unit_test(test_for_each_map_kinds),
		cmocka_unit_test(test_timer_field_pointer),
		cmocka_unit_test(test_timer_callback_return),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
