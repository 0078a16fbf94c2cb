/* The level-2 log before the walk (log_preamble.c), on hand-built
 * programs. Each expected text is written out from the kernel's formats:
 * add_subprogs() "func#%d @%d", sort_subprogs_topo() "topo_order[%d] = %s",
 * kernel/bpf/liveness.c's arg tracking ("%3d: " insn "\tr%d: " old " -> "
 * new), print_subprog_arg_access() (" //" facts after loads, stores and
 * calls), print_instance() (padded to bpf_vlog_alignment(), then "; use:"
 * / "; def:") and bpf_compute_live_registers()'s table ("%3d " SCC or four
 * spaces, "%3d: ", R0-R9 as digit or '.', the insn, "; zext"). The loop
 * case is a kernel log from the corpus (verifier_loops1.c,
 * bounded_loop_count_to_4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })

static struct sim_trace *run(const struct bpf_insn *insns, int cnt, const struct sim_subprog_view *subs,
			     int nsubs, int level)
{
	static struct sim_prog_view v;
	struct sim_verify_opts o = { .log_level = level };

	v = (struct sim_prog_view){ .name = "t", .insns = insns, .insn_cnt = cnt,
				    .prog_type = BPF_PROG_TYPE_SCHED_CLS, .subprogs = subs,
				    .subprog_cnt = nsubs };
	return sim_verify_view(&v, &o);
}

static char *log_text(struct sim_trace *t, int level, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	sim_trace_print_log(t, level, &out);
	assert_non_null(sb->buf);
	return sb->buf;
}

/* main spills 0 at fp-8 and passes fp-8 to a static subprogram that
 * reads it: arg tracking at depth 0 and 1, a "//" fact on the call and
 * the load, use/def per instance, and R0's upper half read by exit after
 * "w0 = 0" (zext) */
static const struct bpf_insn calls_prog[] = {
	I(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -8, 0),          /* 0: *(u64 *)(r10 -8) = 0 */
	I(BPF_ALU64 | BPF_MOV | BPF_X, 1, 10, 0, 0),         /* 1: r1 = r10 */
	I(BPF_ALU64 | BPF_ADD | BPF_K, 1, 0, 0, -8),         /* 2: r1 += -8 */
	I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 2),     /* 3: call pc+2 */
	I(BPF_ALU | BPF_MOV | BPF_K, 0, 0, 0, 0),            /* 4: w0 = 0 */
	I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),                   /* 5: exit */
	I(BPF_LDX | BPF_MEM | BPF_DW, 0, 1, 0, 0),           /* 6: r0 = *(u64 *)(r1 +0) */
	I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),                   /* 7: exit */
};
static const struct sim_subprog_view calls_subs[] = { { .start = 0, .name = "main" },
						      { .start = 6, .name = "sub" } };

static const char calls_preamble[] =
	"func#0 @0\n"
	"func#1 @6\n"
	"topo_order[0] = sub\n"
	"topo_order[1] = main\n"
	"subprog#0: analyzing (depth 0)...\n"
	/* two passes over the subprogram: the first changed the facts */
	"  1: (bf) r1 = r10\tr1: _ -> fp0+0\n"
	"  2: (07) r1 += -8\tr1: fp0+0 -> fp0-8\n"
	"  3: (85) call pc+2\tr1: fp0-8 -> _\n"
	"  1: (bf) r1 = r10\tr1: _ -> fp0+0\n"
	"  2: (07) r1 += -8\tr1: fp0+0 -> fp0-8\n"
	"  3: (85) call pc+2\tr1: fp0-8 -> _\n"
	"subprog#0 main:\n"
	"  0: (7a) *(u64 *)(r10 -8) = 0\n"
	"  1: (bf) r1 = r10\n"
	"  2: (07) r1 += -8\n"
	"  3: (85) call pc+2 // r1=fp0-8\n"
	"  4: (b4) w0 = 0\n"
	"  5: (95) exit\n"
	"subprog#1: analyzing (depth 1)...\n"
	"subprog#1 sub:\n"
	"  6: (79) r0 = *(u64 *)(r1 +0) // r1=fp0-8\n"
	"  7: (95) exit\n"
	"stack use/def subprog#0 main (d0,cs0):\n"
	"  0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8\n"
	"  1: (bf) r1 = r10\n"
	"  2: (07) r1 += -8\n"
	"  3: (85) call pc+2                    ; use: fp0-8\n"
	"  4: (b4) w0 = 0\n"
	"  5: (95) exit\n"
	"stack use/def subprog#1 sub (d1,cs3):\n"
	"  6: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8\n"
	"  7: (95) exit\n"
	"Live regs before insn:\n"
	"      0: ..2345.... (7a) *(u64 *)(r10 -8) = 0\n"
	"      1: ..2345.... (bf) r1 = r10\n"
	"      2: .12345.... (07) r1 += -8\n"
	"      3: .12345.... (85) call pc+2\n"
	"      4: .......... (b4) w0 = 0                            ; zext\n"
	"      5: 0......... (95) exit\n"
	"      6: .1........ (79) r0 = *(u64 *)(r1 +0)\n"
	"      7: 0......... (95) exit\n"
	"0: R1=ctx() R10=fp0\n";

/* the whole log up to and including the walk's first line */
static void assert_log_starts(const char *log, const char *want)
{
	size_t n = strlen(want);

	if (strncmp(log, want, n)) {
		size_t i = 0;

		while (log[i] && log[i] == want[i])
			i++;
		fail_msg("log differs at byte %zu:\n--- got:\n%.400s\n--- want:\n%.400s", i, log + i,
			 want + i);
	}
}

static void test_preamble_calls(void **state)
{
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(calls_prog, 8, calls_subs, 2, 2);

	(void)state;
	assert_non_null(t);
	assert_log_starts(log_text(t, 2, &sb), calls_preamble);
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* the SCC column: insns 1 and 2 form loop 1 */
static void test_preamble_loop_scc(void **state)
{
	static const struct bpf_insn loop[] = {
		I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),  /* r0 = 0 */
		I(BPF_ALU64 | BPF_ADD | BPF_K, 0, 0, 0, 1),  /* r0 += 1 */
		I(BPF_JMP | BPF_JLT | BPF_K, 0, 0, -2, 4),   /* if r0 < 0x4 goto pc-2 */
		I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	static const struct sim_subprog_view sub = { .start = 0, .name = "bounded_loop_count_to_4" };
	static const char want[] =
		"func#0 @0\n"
		"topo_order[0] = bounded_loop_count_to_4\n"
		"subprog#0: analyzing (depth 0)...\n"
		"subprog#0 bounded_loop_count_to_4:\n"
		"  0: (b7) r0 = 0\n"
		"  1: (07) r0 += 1\n"
		"  2: (a5) if r0 < 0x4 goto pc-2\n"
		"  3: (95) exit\n"
		"stack use/def subprog#0 bounded_loop_count_to_4 (d0,cs0):\n"
		"  0: (b7) r0 = 0\n"
		"  1: (07) r0 += 1\n"
		"  2: (a5) if r0 < 0x4 goto pc-2\n"
		"  3: (95) exit\n"
		"Live regs before insn:\n"
		"      0: .......... (b7) r0 = 0\n"
		"  1   1: 0......... (07) r0 += 1\n"
		"  1   2: 0......... (a5) if r0 < 0x4 goto pc-2\n"
		"      3: 0......... (95) exit\n"
		"0: R1=ctx() R10=fp0\n";
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(loop, 4, &sub, 1, 2);

	(void)state;
	assert_non_null(t);
	assert_log_starts(log_text(t, 2, &sb), want);
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* an error between two parts ends the log there: sort_subprogs_topo()
 * refuses the recursion after add_subprogs() listed the subprograms,
 * before any topo_order or liveness line */
static void test_preamble_stops_at_recursion(void **state)
{
	static const struct bpf_insn rec[] = {
		I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, -1), /* 0: call pc-1 (itself) */
		I(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0),
		I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0),
	};
	static const struct sim_subprog_view sub = { .start = 0, .name = "main" };
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(rec, 3, &sub, 1, 2);
	const char *log;

	(void)state;
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	log = log_text(t, 2, &sb);
	assert_log_starts(log, "func#0 @0\nrecursive call from main() to main()\n");
	assert_null(strstr(log, "topo_order"));
	assert_null(strstr(log, "Live regs before insn:"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* every part is BPF_LOG_LEVEL2 only: level 1 starts with the walk */
static void test_preamble_level1_has_none(void **state)
{
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(calls_prog, 8, calls_subs, 2, 1);
	const char *log;

	(void)state;
	assert_non_null(t);
	log = log_text(t, 1, &sb);
	assert_null(strstr(log, "func#"));
	assert_null(strstr(log, "topo_order"));
	assert_null(strstr(log, "analyzing"));
	assert_null(strstr(log, "stack use/def"));
	assert_null(strstr(log, "Live regs before insn:"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_preamble_calls),
		cmocka_unit_test(test_preamble_loop_scc),
		cmocka_unit_test(test_preamble_stops_at_recursion),
		cmocka_unit_test(test_preamble_level1_has_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
