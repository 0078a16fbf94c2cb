/* Pruning (sim/states.c, sim/scc.c): the rules of Linux 7.3's
 * is_state_visited() and states_equal() that decide whether a path is cut,
 * each on a small hand-assembled program whose outcome depends on the rule:
 * - check_scalar_ids(): an old scalar without id is independent, any link
 *   in the current state only adds constraints;
 * - range_within(): circular-range (cnum) subsets, not min/max views;
 * - func_states_equal(): a frame that ran a callback more times does not
 *   cover one that ran it fewer times (callback_depth);
 * - incomplete_read_marks(): with backedges pending, finished checkpoints
 *   of the loop are compared range-within;
 * - bpf_explored_state(): the explored lists are keyed by instruction and
 *   call site, so a live checkpoint from another call site neither keeps a
 *   new one from being added nor is compared;
 * - propagate_backedges(): on leaving a loop, precision is carried through
 *   its backedges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "print.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV32_IMM(d, i) I(BPF_ALU | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADD32_IMM(d, i) I(BPF_ALU | BPF_ADD | BPF_K, d, 0, 0, i)
#define AND64_IMM(d, i) I(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define DIV64_IMM(d, i) I(BPF_ALU64 | BPF_DIV | BPF_K, d, 0, 0, i)
#define LDX_W(d, s, o) I(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define LDX_DW(d, s, o) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX_DW(d, s, o) I(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define ST_DW(d, o, i) I(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, i)
#define JGT_IMM(d, i, o) I(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define JEQ_IMM(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JNE_IMM(d, i, o) I(BPF_JMP | BPF_JNE | BPF_K, d, 0, o, i)
#define JGT32_IMM(d, i, o) I(BPF_JMP32 | BPF_JGT | BPF_K, d, 0, o, i)
#define JEQ32_IMM(d, i, o) I(BPF_JMP32 | BPF_JEQ | BPF_K, d, 0, o, i)
#define JA(o) I(BPF_JMP | BPF_JA, 0, 0, o, 0)
#define CALL(f) I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define CALL_PC(o) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, o)
#define LD_FUNC(d, off) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_FUNC, 0, off), I(0, 0, 0, 0, 0)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

struct run {
	struct sim_trace *t;
	struct sim_strbuf log;
};

static void verify(struct run *r, const struct bpf_insn *insns, int cnt,
		   const struct sim_subprog_view *subprogs, int subprog_cnt, uint32_t flags)
{
	struct sim_prog_view v = { .name = "prune", .insns = insns, .insn_cnt = cnt,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .subprogs = subprogs,
				   .subprog_cnt = subprog_cnt };
	struct sim_verify_opts o = { .log_level = 2, .prog_flags = flags };
	struct sim_out out;

	memset(r, 0, sizeof(*r));
	r->t = sim_verify_view(&v, &o);
	assert_non_null(r->t);
	out = sim_strbuf_out(&r->log);
	sim_trace_print_log(r->t, 2, &out);
	assert_non_null(r->log.buf);
	if (getenv("PRUNE_TEST_LOG"))   /* to read what a case did */
		fprintf(stderr, "%s\n", r->log.buf);
}

static void done(struct run *r)
{
	sim_strbuf_free(&r->log);
	sim_trace_free(r->t);
}

static const struct sim_subprog_view main_only[] = { { .start = 0, .name = "main" } };

/* check_scalar_ids(): the first path reaches the checkpoint at 7 with r3
 * and r4 equal in range but unlinked (both later marked precise by the
 * decided branches at 8 and 9); the second path reaches 7 with r4 = r3, a
 * shared id. An unlinked old pair covers a linked one: "7: safe". (The
 * 6.x rule gave each id-less old register a fresh id, so both could not
 * map to the one current id, and the path went on.) */
static void test_scalar_ids_unlinked_old_covers_linked(void **state)
{
	static const struct bpf_insn insns[] = {
		LDX_W(3, 1, 0),          /* 0: r3 = skb->len */
		AND64_IMM(3, 15),        /* 1: r3 in [0, 15] */
		LDX_W(2, 1, 4),          /* 2 */
		JGT_IMM(2, 10, 3),       /* 3: -> 7 via 4-6 first, then 7 */
		MOV64_REG(4, 3),         /* 4: linked ... */
		AND64_IMM(4, 15),        /* 5: ... and unlinked again */
		JA(1),                   /* 6: -> 8 */
		MOV64_REG(4, 3),         /* 7: r4 = r3, one id */
		MOV64_IMM(0, 0),         /* 8: the checkpoint compared */
		JGT_IMM(3, 20, 2),       /* 9: never taken: r3 precise */
		JGT_IMM(4, 20, 1),       /* 10: never taken: r4 precise */
		EXIT(),                  /* 11 */
		EXIT(),                  /* 12 */
	};
	struct run r;

	(void)state;
	verify(&r, insns, 13, main_only, 1, BPF_F_TEST_STATE_FREQ);
	assert_int_equal(sim_trace_verdict(r.t), SIM_ACCEPTED);
	assert_non_null(strstr(r.log.buf, "\n7: (bf) r4 = r3"));
	assert_non_null(strstr(r.log.buf, "\n8: safe\n"));
	assert_null(strstr(r.log.buf, "\n9: (25) if r3 > 0x14 goto pc+2      ; R3=scalar(id="));
	done(&r);
}

/* range_within(): w3 = [0, 0xfffffff9] + 11 is the arc 11..4 (wrapping),
 * whose min/max views are full; the second path's w3 = 7 lies outside the
 * arc. Comparing min/max would prune it at 7 and never see that its
 * branch at 8 is taken (to the read of uninitialised R5); cnum subsets
 * do not prune, and the program is rejected. */
static void test_range_within_is_cnum_subset(void **state)
{
	static const struct bpf_insn insns[] = {
		LDX_W(2, 1, 0),          /* 0 */
		LDX_W(3, 1, 4),          /* 1 */
		JGT_IMM(2, 10, 3),       /* 2: -> 6 */
		JGT32_IMM(3, -7, 7),     /* 3: w3 > 0xfffffff9 -> 11 */
		ADD32_IMM(3, 11),        /* 4: w3 in the arc 11..4 */
		JA(1),                   /* 5: -> 7 */
		MOV32_IMM(3, 7),         /* 6 */
		MOV64_IMM(0, 0),         /* 7: the checkpoint compared */
		JEQ32_IMM(3, 7, 1),      /* 8: decided either way: w3 precise */
		EXIT(),                  /* 9 */
		MOV64_REG(0, 5),         /* 10: R5 !read_ok */
		MOV64_IMM(0, 0),         /* 11 */
		EXIT(),                  /* 12 */
	};
	struct run r;

	(void)state;
	verify(&r, insns, 13, main_only, 1, BPF_F_TEST_STATE_FREQ);
	assert_int_equal(sim_trace_verdict(r.t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(r.t), "R5 !read_ok");
	assert_int_equal(sim_trace_error_insn(r.t), 10);
	done(&r);
}

/* The selftest verifier_iterating_callbacks.c iter_limit_bug (tc), whose
 * answer the 7.3 kernel gave when loaded as the corpus loads it (no prog
 * flags): rejected at 16, "div by zero", 83 insns processed. bpf_loop(2, cb, &ctx) where cb
 * sets one of ctx.a/b/c to 42; only two iterations setting a and b reach
 * the division. The state returning from the first iteration to 9 must
 * not be pruned by a checkpoint of a later iteration (callback_depth),
 * and finished checkpoints inside the loop are compared range-within
 * while its backedges are pending (incomplete_read_marks()). */
static const struct bpf_insn iter_limit_bug[] = {
	ST_DW(10, -8, 7),            /* 0 */
	ST_DW(10, -16, 7),           /* 1 */
	ST_DW(10, -24, 7),           /* 2 */
	MOV64_REG(3, 10),            /* 3 */
	ADD64_IMM(3, -24),           /* 4 */
	MOV32_IMM(1, 2),             /* 5 */
	LD_FUNC(2, 12),              /* 6-7: cb at 19 */
	MOV64_IMM(4, 0),             /* 8 */
	CALL(BPF_FUNC_loop),         /* 9 */
	LDX_DW(1, 10, -24),          /* 10 */
	JNE_IMM(1, 42, 5),           /* 11 */
	LDX_DW(1, 10, -16),          /* 12 */
	JNE_IMM(1, 42, 3),           /* 13 */
	LDX_DW(1, 10, -8),           /* 14 */
	JNE_IMM(1, 7, 1),            /* 15 */
	DIV64_IMM(1, 0),             /* 16 */
	MOV32_IMM(0, 0),             /* 17 */
	EXIT(),                      /* 18 */
	MOV64_REG(9, 2),             /* 19: cb */
	CALL(BPF_FUNC_get_prandom_u32), /* 20 */
	MOV64_REG(1, 0),             /* 21 */
	MOV64_IMM(2, 42),            /* 22 */
	MOV64_IMM(0, 0),             /* 23 */
	JEQ_IMM(1, 1, 3),            /* 24 */
	JEQ_IMM(1, 2, 4),            /* 25 */
	STX_DW(9, 2, 16),            /* 26 */
	EXIT(),                      /* 27 */
	STX_DW(9, 2, 0),             /* 28 */
	EXIT(),                      /* 29 */
	STX_DW(9, 2, 8),             /* 30 */
	EXIT(),                      /* 31 */
};
static const struct sim_subprog_view loop_subprogs[] = {
	{ .start = 0, .name = "iter_limit_bug" }, { .start = 19, .name = "cb" },
};

static void test_callback_depth_and_loop_range_within(void **state)
{
	struct run r;

	(void)state;
	verify(&r, iter_limit_bug, 32, loop_subprogs, 2, 0);
	assert_int_equal(sim_trace_verdict(r.t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(r.t), "div by zero");
	assert_int_equal(sim_trace_error_insn(r.t), 16);
	assert_int_equal(sim_trace_insns_processed(r.t), 83);
	/* the first iteration's return is explored, not pruned */
	assert_non_null(strstr(r.log.buf, "\nfrom 31 to 9: R1=2 "));
	done(&r);
}

/* The same loop without the division: the kernel accepts. When the
 * bpf_loop call's SCC visit ends, the precision its checkpoints gathered
 * is carried through the backedges (propagate_backedges()): "SCC exit" is
 * followed by the propagation it did. */
static void test_propagate_backedges_on_scc_exit(void **state)
{
	struct bpf_insn insns[32];
	const char *exit_line;
	struct run r;

	(void)state;
	memcpy(insns, iter_limit_bug, sizeof(insns));
	insns[16] = MOV64_IMM(1, 0);
	verify(&r, insns, 32, loop_subprogs, 2, 0);
	assert_int_equal(sim_trace_verdict(r.t), SIM_ACCEPTED);
	exit_line = strstr(r.log.buf, "\nSCC exit (");
	assert_non_null(exit_line);
	exit_line = strchr(exit_line + 1, '\n');
	assert_non_null(exit_line);
	assert_true(strncmp(exit_line, "\nframe 0: propagating ", 22) == 0);
	done(&r);
}

/* bpf_explored_state(): f (at 8) is called from 3 and from 5. In the
 * first call a checkpoint is added at 11 (2 jumps and 8 insns since the
 * start); it stays live, the current path descending from it. The second
 * call reaches 11 after 3 jumps and 8 insns: the live checkpoint of the
 * first call sits in another list (11 ^ 3 vs 11 ^ 5), so it neither is
 * compared nor keeps a checkpoint from being added ("inside a loop" a
 * live state of the same list would). Each call's taken branch (9 to 11)
 * is then pruned against its own call's checkpoint: two "safe" lines. */
static void test_explored_lists_by_call_site(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_REG(6, 1),         /* 0 */
		LDX_W(1, 6, 0),          /* 1 */
		MOV64_IMM(7, 0),         /* 2 */
		CALL_PC(4),              /* 3: f */
		LDX_W(1, 6, 0),          /* 4 */
		CALL_PC(2),              /* 5: f */
		MOV64_IMM(0, 0),         /* 6 */
		EXIT(),                  /* 7 */
		MOV64_REG(2, 1),         /* 8: f */
		JGT_IMM(2, 10, 1),       /* 9 */
		ADD64_IMM(2, 1),         /* 10 */
		ADD64_IMM(2, 2),         /* 11: a checkpoint per call */
		MOV64_IMM(0, 0),         /* 12 */
		EXIT(),                  /* 13 */
	};
	static const struct sim_subprog_view subprogs[] = {
		{ .start = 0, .name = "main" }, { .start = 8, .name = "f" },
	};
	struct run r;
	const char *p;
	int n = 0;

	(void)state;
	verify(&r, insns, 14, subprogs, 2, 0);
	assert_int_equal(sim_trace_verdict(r.t), SIM_ACCEPTED);
	for (p = r.log.buf; (p = strstr(p, "\nfrom 9 to 11: safe\n")); p++)
		n++;
	assert_int_equal(n, 2);
	assert_non_null(strstr(r.log.buf, " total_states 2 "));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_ids_unlinked_old_covers_linked),
		cmocka_unit_test(test_range_within_is_cnum_subset),
		cmocka_unit_test(test_callback_depth_and_loop_range_within),
		cmocka_unit_test(test_propagate_backedges_on_scc_exit),
		cmocka_unit_test(test_explored_lists_by_call_site),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
