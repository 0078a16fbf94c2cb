/* The level-2 log's layout rules, each checked on a hand-written program
 * against what Linux 7.3 prints (kernel/bpf/log.c, verifier.c, states.c):
 * when the state goes on the instruction's line or on its own "N: ..."
 * line, which registers and slots a line shows, and the SCC lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "print.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADD64_REG(d, s) I(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define AND64_IMM(d, i) I(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define LDX_W(d, s, o) I(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define JGT_IMM(d, i, o) I(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define JLT_IMM(d, i, o) I(BPF_JMP | BPF_JLT | BPF_K, d, 0, o, i)
#define CALL_HELPER(id) I(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALL_PC(off) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, off)
#define LD_MAP(d) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_FD, 0, 0), I(0, 0, 0, 0, 0)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static struct sim_subprog_view one_sp[] = { { .start = 0, .name = "main" } };

/* The level-2 log of @insns verified as @prog_type (with @v's other
 * fields when given); the caller frees *sb. */
static const char *level2_log(const struct bpf_insn *insns, int cnt, uint32_t prog_type,
			struct sim_prog_view *v, struct sim_strbuf *sb)
{
	struct sim_prog_view dflt = { 0 };
	struct sim_verify_opts o = { .log_level = 2 };
	struct sim_trace *t;
	struct sim_out out = sim_strbuf_out(sb);

	if (!v) {
		v = &dflt;
		v->subprogs = one_sp;
		v->subprog_cnt = 1;
	}
	v->name = "log";
	v->insns = insns;
	v->insn_cnt = cnt;
	v->prog_type = prog_type;
	t = sim_verify_view(v, &o);
	assert_non_null(t);
	sim_trace_print_log(t, 2, &out);
	sim_trace_free(t);
	assert_non_null(sb->buf);
	return sb->buf;
}

/* @needle must be in @log; on failure the log is shown */
static void expect_in(const char *log, const char *needle)
{
	if (!strstr(log, needle))
		print_message("--- log:\n%s--- has no:\n%s\n", log, needle);
	assert_non_null(strstr(log, needle));
}

/* print_verifier_state(print_all=true) after "from X to Y:" leaves the
 * scratch marks alone, and a pop marks everything scratched: the state is
 * printed again on its own line before the instruction. */
static void test_log_from_line_repeats_state(void **state)
{
	static const struct bpf_insn insns[] = {
		LDX_W(2, 1, 0), MOV64_IMM(0, 0), JGT_IMM(2, 10, 1), MOV64_IMM(0, 1), EXIT(),
	};
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 5, BPF_PROG_TYPE_SCHED_CLS, NULL, &sb);

	(void)state;
	expect_in(log, "\nfrom 2 to 4: R0=0 R10=fp0\n4: R0=0 R10=fp0\n4: (95) exit\n");
	sim_strbuf_free(&sb);
}

/* init_func_state() marks the whole state scratched: the callee's first
 * line shows every register it has, "3: frame1: R1=1 R10=fp0" */
static void test_log_subprog_entry_all_scratched(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_IMM(1, 1), CALL_PC(1), EXIT(), MOV64_REG(0, 1), EXIT(),
	};
	static struct sim_subprog_view sps[] = { { .start = 0, .name = "main" },
						 { .start = 3, .name = "sub" } };
	struct sim_prog_view v = { .subprogs = sps, .subprog_cnt = 2 };
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 5, BPF_PROG_TYPE_SCHED_CLS, &v, &sb);

	(void)state;
	expect_in(log, "callee:\n frame1: R1=1 R10=fp0\n3: frame1: R1=1 R10=fp0\n"
				    "3: (bf) r0 = r1");
	sim_strbuf_free(&sb);
}

/* bpf_compute_scc() + maybe_enter_scc()/maybe_exit_scc(): a checkpoint
 * inside a loop enters its SCC (numbered in Tarjan completion order: the
 * second loop completes first), and the "SCC enter" line splits the
 * state from the instruction before it */
static void test_log_scc_enter_exit(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_IMM(1, 0),
		ADD64_IMM(1, 1),        /* 1: loop A */
		JLT_IMM(1, 30, -2),
		MOV64_IMM(2, 0),
		ADD64_IMM(2, 1),        /* 4: loop B */
		JLT_IMM(2, 30, -2),
		MOV64_IMM(0, 0),
		EXIT(),
	};
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 8, BPF_PROG_TYPE_SCHED_CLS, NULL, &sb);

	(void)state;
	/* loop B completes first in the DFS from insn 0: it is SCC 1 */
	expect_in(log, "SCC enter (2)\n");
	expect_in(log, "SCC enter (1)\n");
	assert_true(strstr(log, "SCC enter (2)\n") < strstr(log, "SCC enter (1)\n"));
	expect_in(log, "SCC exit (2)\n");
	expect_in(log, "SCC exit (1)\n");
	/* printed by is_state_visited() before the instruction */
	expect_in(log, "\nSCC enter (2)\n1: (07) r1 += 1");
	sim_strbuf_free(&sb);
}

/* the kernel's map->name holds 15 characters; an LD_IMM64 of a map shows
 * an address of kernel shape, not the instruction's 0 */
static void test_log_map_name_and_address(void **state)
{
	static const struct bpf_insn insns[] = { LD_MAP(1), MOV64_IMM(0, 0), EXIT() };
	struct sim_map_view mv = { .name = "a_very_long_map_name", .type = BPF_MAP_TYPE_HASH,
				   .key_size = 4, .value_size = 8, .max_entries = 1 };
	struct sim_insn_reloc relocs[4] = { { .map_idx = 0 }, { .map_idx = -1 },
					    { .map_idx = -1 }, { .map_idx = -1 } };
	struct sim_prog_view v = { .maps = &mv, .map_cnt = 1, .relocs = relocs,
				   .subprogs = one_sp, .subprog_cnt = 1 };
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 4, BPF_PROG_TYPE_SCHED_CLS, &v, &sb);

	(void)state;
	expect_in(log, "R1=map_ptr(map=a_very_long_map,ks=4,vs=8)");
	assert_null(strstr(log, "a_very_long_map_"));
	expect_in(log, "0: (18) r1 = 0xffff888");
	sim_strbuf_free(&sb);
}

/* helper memory: reading a stack buffer scratches nothing
 * (check_stack_range_initialized()); a raw-mode (MEM_UNINIT) write goes
 * through check_mem_access() and shows its slots; the constant size is
 * marked precise (mark_arg_precision()), and its backtracking lines put
 * the state on its own line */
static void test_log_helper_stack_args(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_REG(1, 10), ADD64_IMM(1, -8), MOV64_IMM(2, 8), MOV64_IMM(3, 0),
		CALL_HELPER(BPF_FUNC_probe_read_kernel),        /* 4 */
		I(BPF_LDX | BPF_MEM | BPF_DW, 1, 10, -8, 0), ADD64_REG(0, 1), EXIT(),
	};
	static const struct bpf_insn lookup[] = {
		MOV64_IMM(0, 0), I(BPF_STX | BPF_MEM | BPF_W, 10, 0, -4, 0),
		MOV64_REG(2, 10), ADD64_IMM(2, -4), LD_MAP(1),
		CALL_HELPER(BPF_FUNC_map_lookup_elem),          /* 6 */
		LDX_W(1, 10, -4), I(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 0, 0), MOV64_IMM(0, 0), EXIT(),
	};
	struct sim_map_view mv = { .name = "m", .type = BPF_MAP_TYPE_HASH, .key_size = 4,
				   .value_size = 8, .max_entries = 1 };
	struct sim_insn_reloc relocs[11];
	struct sim_prog_view v = { .maps = &mv, .map_cnt = 1, .relocs = relocs,
				   .subprogs = one_sp, .subprog_cnt = 1 };
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 8, BPF_PROG_TYPE_KPROBE, NULL, &sb);

	(void)state;
	expect_in(log, "4: (85) call bpf_probe_read_kernel#113\n"
				    "mark_precise: frame0: last_idx 4 first_idx 0 subseq_idx -1 \n"
				    "mark_precise: frame0: regs=r2 stack= before 3: (b7) r3 = 0\n"
				    "mark_precise: frame0: regs=r2 stack= before 2: (b7) r2 = 8\n"
				    "5: R0=scalar() fp-8=mmmmmmmm\n5: (79) r1 = *(u64 *)(r10 -8)");
	sim_strbuf_free(&sb);

	for (int i = 0; i < 11; i++)
		relocs[i] = (struct sim_insn_reloc){ .map_idx = i == 4 ? 0 : -1 };
	log = level2_log(lookup, 11, BPF_PROG_TYPE_SCHED_CLS, &v, &sb);
	/* the key slot is live, but only read: not on the call's line */
	expect_in(log, "6: (85) call bpf_map_lookup_elem#1");
	expect_in(log, "; R0=map_value_or_null(id=1,map=m,ks=4,vs=8)\n7: (61) r1 = *(u32 *)(r10 -4)");
	sim_strbuf_free(&sb);
}

/* sync_linked_regs() marks every register it updates scratched: after
 * the jump both linked registers are shown */
static void test_log_linked_regs_scratched(void **state)
{
	static const struct bpf_insn insns[] = {
		LDX_W(0, 1, 0), AND64_IMM(0, 0xff), MOV64_REG(3, 0), JGT_IMM(0, 8, 1),
		MOV64_REG(0, 3), EXIT(),
	};
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 6, BPF_PROG_TYPE_SCHED_CLS, NULL, &sb);

	(void)state;
	expect_in(log, "; R0=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=8,var_off=(0x0; 0xf)) "
		       "R3=scalar(id=1,smin=smin32=0,smax=umax=smax32=umax32=8,var_off=(0x0; 0xf))\n"
		       "4: (bf) r0 = r3");
	sim_strbuf_free(&sb);
}

/* adjust_ptr_min_max_vals() syncs a pointer's bounds after a variable
 * offset: the log shows its 32-bit bounds too */
static void test_log_pointer_32bit_bounds(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_REG(6, 1), LDX_W(0, 1, 0), AND64_IMM(0, 4), ADD64_REG(6, 0),
		MOV64_IMM(0, 0), EXIT(),
	};
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 6, BPF_PROG_TYPE_SCHED_CLS, NULL, &sb);

	(void)state;
	expect_in(log, "R6=ctx(smin=smin32=0,smax=umax=smax32=umax32=4,var_off=(0x0; 0x4))");
	sim_strbuf_free(&sb);
}

/* a callback returns to its call site (prepare_func_exit()); there the
 * call's checkpoint, still live, is range-within the returning state, so
 * the iteration converged: an SCC backedge and "from 9 to 5: safe" */
static void test_log_callback_returns_to_callsite(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_IMM(1, 2),
		I(BPF_LD | BPF_IMM | BPF_DW, 2, BPF_PSEUDO_FUNC, 0, 6), I(0, 0, 0, 0, 0),
		MOV64_IMM(3, 0), MOV64_IMM(4, 0),
		CALL_HELPER(BPF_FUNC_loop),     /* 5 */
		MOV64_IMM(0, 0), EXIT(),
		MOV64_IMM(0, 0), EXIT(),        /* 8: the callback */
	};
	static struct sim_subprog_view sps[] = { { .start = 0, .name = "main" },
						 { .start = 8, .name = "cb" } };
	struct sim_prog_view v = { .subprogs = sps, .subprog_cnt = 2 };
	struct sim_strbuf sb = { 0 };
	const char *log = level2_log(insns, 10, BPF_PROG_TYPE_SCHED_CLS, &v, &sb);

	(void)state;
	expect_in(log, "SCC enter (1)\n");
	expect_in(log, "to caller at 5:\n");
	expect_in(log, "SCC backedge (1)\n\nfrom 9 to 5: safe\n");
	expect_in(log, "SCC exit (1)\n");
	sim_strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_from_line_repeats_state),
		cmocka_unit_test(test_log_subprog_entry_all_scratched),
		cmocka_unit_test(test_log_scc_enter_exit),
		cmocka_unit_test(test_log_map_name_and_address),
		cmocka_unit_test(test_log_helper_stack_args),
		cmocka_unit_test(test_log_linked_regs_scratched),
		cmocka_unit_test(test_log_pointer_32bit_bounds),
		cmocka_unit_test(test_log_callback_returns_to_callsite),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
