/* The "Verification failed:" block (sim/diagnostics.c, sim/diag_history.c)
 * on hand-written programs with hand-made line info: the source-context
 * form of "At:" (bpf_diag_source()), the "..." of lines without a record,
 * the "insn N" form without line info, and the "Causal path:" section
 * (diag_print_history()). The expected text is what Linux 7.3's
 * kernel/bpf/diagnostics.c prints for the same program and line info. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define LDX_W(d, s, o) I(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define LDX_DW(d, s, o) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define JGT_IMM(d, i, o) I(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static const char *const FILE_NAME = "/src/dir/t.c";

/* the level-1 log of @insns with @lines (NULL: no line info) */
static char *level1_log(const struct bpf_insn *insns, int cnt, const struct sim_line_view *lines)
{
	static const struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	struct sim_prog_view v = { .name = "main", .insns = insns, .insn_cnt = cnt,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .lines = lines,
				   .subprogs = &main_sp, .subprog_cnt = 1 };
	struct sim_verify_opts o = { .log_level = 1 };
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	struct sim_trace *t = sim_verify_view(&v, &o);

	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	sim_trace_print_log(t, 1, &out);
	sim_trace_free(t);
	assert_non_null(sb.buf);
	return sb.buf;
}

/* the block: from "Verification failed:" to the "processed" line */
static void assert_block(const char *log, const char *expected)
{
	const char *start = strstr(log, "Verification failed:");
	const char *end = start ? strstr(start, "processed ") : NULL;

	if (!start || !end)
		fail_msg("no block in:\n%s", log);
	if ((size_t)(end - start) != strlen(expected) || strncmp(start, expected, strlen(expected)))
		fail_msg("block differs; got:\n%.*s\nexpected:\n%s", (int)(end - start), start,
			 expected);
}

/* bpf_diag_source() with line info: "func @ file:line:col" (the file's base
 * name, the record's column), five source lines around it (tabs to 8
 * columns; "..." for a line no record of the subprogram names), the
 * annotation under the line at its indentation, the instruction context;
 * and the causal path of the register: the write that made it a scalar. */
static void test_source_context_and_history(void **state)
{
	const struct bpf_insn insns[] = { MOV64_IMM(2, 0), LDX_DW(0, 2, 0), EXIT() };
	const struct sim_line_view lines[] = {
		{ .src = "\tint *p = 0;", .file = FILE_NAME, .line = 10, .col = 7, .rec_start = true },
		{ .src = "\treturn *p;", .file = FILE_NAME, .line = 12, .col = 9, .rec_start = true },
		{ .src = "\treturn *p;", .file = FILE_NAME, .line = 12, .col = 9 },
	};
	char *log;

	(void)state;
	log = level1_log(insns, 3, lines);
	assert_non_null(strstr(log, "R2 invalid mem access 'scalar'\n\nVerification failed:"));
	assert_block(log,
		     "Verification failed: Register Type Safety: Invalid dereference\n"
		     "\n"
		     "Reason:\n"
		     "  R2 is an integer scalar here, not a pointer to memory.\n"
		     "\n"
		     "At:\n"
		     "  main @ t.c:12:9\n"
		     "  Source context:\n"
		     "      10 |         int *p = 0;\n"
		     "      11 | ...\n"
		     "  >>> 12 |         return *p;\n"
		     "         |         ^-- error: invalid dereference of R2 (an integer scalar)\n"
		     "      13 | ...\n"
		     "      14 | ...\n"
		     "  Instruction context:\n"
		     "      0 | (b7) r2 = 0\n"
		     "  >>> 1 | (79) r0 = *(u64 *)(r2 +0)\n"
		     "      2 | (95) exit\n"
		     "\n"
		     "Causal path:\n"
		     "  main @ t.c:10:7\n"
		     "  Source context:\n"
		     "       8 | ...\n"
		     "       9 | ...\n"
		     "  >>> 10 |         int *p = 0;\n"
		     "         |         ^-- update: R2 changed from uninitialized value to integer scalar value 0\n"
		     "      11 | ...\n"
		     "      12 |         return *p;\n"
		     "  Instruction context:\n"
		     "  >>> 0 | (b7) r2 = 0\n"
		     "      1 | (79) r0 = *(u64 *)(r2 +0)\n"
		     "      2 | (95) exit\n"
		     "\n"
		     "Suggestion:\n"
		     "  Preserve a pointer-valued register where needed, or reload and revalidate the pointer after scalar\n"
		     "  arithmetic, helper calls, or other operations that can invalidate it.\n"
		     "\n");
	free(log);
}

/* Without line info the location is "insn N" and the annotation has no
 * source lane; the causal path uses the same form. */
static void test_insn_form_without_line_info(void **state)
{
	const struct bpf_insn insns[] = { MOV64_IMM(2, 0), LDX_DW(0, 2, 0), EXIT() };
	char *log;

	(void)state;
	log = level1_log(insns, 3, NULL);
	assert_block(log,
		     "Verification failed: Register Type Safety: Invalid dereference\n"
		     "\n"
		     "Reason:\n"
		     "  R2 is an integer scalar here, not a pointer to memory.\n"
		     "\n"
		     "At:\n"
		     "  insn 1\n"
		     "       | ^-- error: invalid dereference of R2 (an integer scalar)\n"
		     "  Instruction context:\n"
		     "      0 | (b7) r2 = 0\n"
		     "  >>> 1 | (79) r0 = *(u64 *)(r2 +0)\n"
		     "      2 | (95) exit\n"
		     "\n"
		     "Causal path:\n"
		     "  insn 0\n"
		     "       | ^-- update: R2 changed from uninitialized value to integer scalar value 0\n"
		     "  Instruction context:\n"
		     "  >>> 0 | (b7) r2 = 0\n"
		     "      1 | (79) r0 = *(u64 *)(r2 +0)\n"
		     "      2 | (95) exit\n"
		     "\n"
		     "Suggestion:\n"
		     "  Preserve a pointer-valued register where needed, or reload and revalidate the pointer after scalar\n"
		     "  arithmetic, helper calls, or other operations that can invalidate it.\n"
		     "\n");
	free(log);
}

/* The causal path keeps every conditional edge the path took after the
 * register's lineage starts (do_check()'s bpf_diag_record_branch()), and
 * leaves out writes of other registers (R3 at insn 1). */
static void test_history_branch(void **state)
{
	const struct bpf_insn insns[] = { MOV64_IMM(2, 0), LDX_W(3, 1, 0), JGT_IMM(3, 5, 1),
					  LDX_DW(0, 2, 0), EXIT() };
	char *log;
	const char *cp;

	(void)state;
	log = level1_log(insns, 5, NULL);
	cp = strstr(log, "\nCausal path:\n");
	assert_non_null(cp);
	assert_non_null(strstr(cp, "  insn 0\n"
				   "       | ^-- update: R2 changed from uninitialized value to integer scalar value 0\n"));
	assert_non_null(strstr(cp, "\n\n  insn 2\n"
				   "       | ^-- branch: took the false branch of this conditional, goto not followed\n"
				   "  Instruction context:\n"
				   "      0 | (b7) r2 = 0\n"
				   "      1 | (61) r3 = *(u32 *)(r1 +0)\n"
				   "  >>> 2 | (25) if r3 > 0x5 goto pc+1\n"));
	assert_null(strstr(cp, "R3 changed"));
	free(log);
}

/* A register never written on the path: bpf_diag_unreadable_reg()'s
 * "never been initialized" wording and an empty causal path. */
static void test_unreadable_never_initialized(void **state)
{
	const struct bpf_insn insns[] = { LDX_DW(0, 4, 0), EXIT() };
	char *log;

	(void)state;
	log = level1_log(insns, 2, NULL);
	assert_block(log,
		     "Verification failed: Register Type Safety: Unreadable register\n"
		     "\n"
		     "Reason:\n"
		     "  R4 has never been initialized on this path, so the verifier cannot use it as an input.\n"
		     "\n"
		     "At:\n"
		     "  insn 0\n"
		     "       | ^-- error: R4 is not readable\n"
		     "  Instruction context:\n"
		     "  >>> 0 | (79) r0 = *(u64 *)(r4 +0)\n"
		     "      1 | (95) exit\n"
		     "\n"
		     "Causal path:\n"
		     "  no retained diagnostic events on this path\n"
		     "\n"
		     "Suggestion:\n"
		     "  Initialize R4 on every path before this instruction.\n"
		     "\n");
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_context_and_history),
		cmocka_unit_test(test_insn_form_without_line_info),
		cmocka_unit_test(test_history_branch),
		cmocka_unit_test(test_unreadable_never_initialized),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
