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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "object.h"
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


/* ---- execution context, policy, locks, IRQ flags, recursion ---------- */

#define CALL_HELPER(id) I(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALL_PC(off) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, off)

/* the level-1 log of @insns split into @nsub subprograms */
static char *level1_log_subs(const struct bpf_insn *insns, int cnt,
			     const struct sim_subprog_view *subs, int nsub)
{
	struct sim_prog_view v = { .name = "main", .insns = insns, .insn_cnt = cnt,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .subprogs = subs,
				   .subprog_cnt = nsub };
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

/* the level-1 log of program @prog of build/tests/progs/@obj.bpf.o */
static char *object_log(const char *obj_name, const char *prog_name)
{
	char path[512], err[256] = "";
	const char *build = getenv("VERISTEP_BUILD");
	struct sim_object *obj;
	const struct sim_prog *prog;
	struct sim_verify_opts o = { .log_level = 1 };
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	struct sim_trace *t;

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", obj_name);
	obj = sim_object_open(path, NULL, err, sizeof(err));
	if (!obj)
		fail_msg("%s: %s", path, err);
	prog = sim_object_find_prog(obj, prog_name);
	assert_non_null(prog);
	t = sim_verify_object_prog(obj, prog, &o);
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	sim_trace_print_log(t, 1, &out);
	sim_trace_free(t);
	sim_object_close(obj);
	assert_non_null(sb.buf);
	return sb.buf;
}

/* @first occurs in @log, and @second after it */
static void assert_in_order(const char *log, const char *first, const char *second)
{
	const char *a = strstr(log, first);

	if (!a)
		fail_msg("'%s' not in:\n%s", first, log);
	if (!strstr(a + strlen(first), second))
		fail_msg("'%s' not after '%s' in:\n%s", second, first, log);
}

/* check_helper_call(): a helper the program type may not call is a
 * bpf_diag_policy() block, "helper NAME#ID" the operation */
static void test_policy_helper(void **state)
{
	const struct bpf_insn insns[] = { CALL_HELPER(BPF_FUNC_xdp_adjust_head), MOV64_IMM(0, 0),
					  EXIT() };
	static const struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	char *log;

	(void)state;
	log = level1_log_subs(insns, 3, &main_sp, 1);
	assert_non_null(strstr(log, "program of this type cannot use helper bpf_xdp_adjust_head#44\n\n"
				    "Verification failed:"));
	assert_block(log,
		     "Verification failed: Policy: Operation is not allowed\n"
		     "\n"
		     "Reason:\n"
		     "  The helper bpf_xdp_adjust_head#44 is not allowed: this program type does not allow the helper.\n"
		     "\n"
		     "At:\n"
		     "  insn 0\n"
		     "       | ^-- error: policy check failed for helper bpf_xdp_adjust_head#44\n"
		     "  Instruction context:\n"
		     "  >>> 0 | (85) call bpf_xdp_adjust_head#44\n"
		     "      1 | (b7) r0 = 0\n"
		     "      2 | (95) exit\n"
		     "\n"
		     "Suggestion:\n"
		     "  Use a helper allowed for this program type, or move the logic to a compatible program type.\n"
		     "\n");
	free(log);
}

/* sort_subprogs_topo(): a bpf2bpf call closing a cycle is a Program
 * Structure block at the call; the reason wraps at 100 columns */
static void test_recursive_call(void **state)
{
	const struct bpf_insn insns[] = { CALL_PC(1), EXIT(), CALL_PC(-1), EXIT() };
	static const struct sim_subprog_view subs[] = { { .start = 0, .name = "main" },
							{ .start = 2, .name = "sub" } };
	char *log;

	(void)state;
	log = level1_log_subs(insns, 4, subs, 2);
	assert_non_null(strstr(log, "recursive call from sub() to sub()\n\nVerification failed:"));
	assert_block(log,
		     "Verification failed: Program Structure: Recursive subprogram call\n"
		     "\n"
		     "Reason:\n"
		     "  This bpf2bpf call would make the subprogram call graph recursive. The verifier requires a finite,\n"
		     "  acyclic call graph so it can bound stack depth and analysis.\n"
		     "\n"
		     "At:\n"
		     "  insn 2\n"
		     "       | ^-- error: recursive subprogram call\n"
		     "  Instruction context:\n"
		     "      0 | (85) call pc+1\n"
		     "      1 | (95) exit\n"
		     "  >>> 2 | (85) call pc-1\n"
		     "      3 | (95) exit\n"
		     "\n"
		     "Suggestion:\n"
		     "  Rewrite the recursion as an explicit bounded loop, or split the logic so subprogram calls do not\n"
		     "  form a cycle.\n"
		     "\n");
	free(log);
}

/* unmark_stack_slot_irq_flag(): bpf_diag_irq() with the IRQ context's
 * causal path: both saves, depth 1 then 2, and no restore */
static void test_irq_out_of_order_context_history(void **state)
{
	char *log;
	const char *cp;

	(void)state;
	log = object_log("irq_flags", "irq_restore_out_of_order");
	assert_in_order(log, "Verification failed: Resource Lifetime Safety: IRQ flag restore out of order\n"
			     "\n"
			     "Reason:\n"
			     "  IRQ-disabled regions must be restored in last-in, first-out order, but this restore does not match\n"
			     "  the currently active IRQ flag.\n",
			"^-- error: IRQ flag restore out of order\n");
	cp = strstr(log, "\nCausal path:\n");
	assert_non_null(cp);
	assert_in_order(cp, "^-- context: entered IRQ-disabled region; depth is now 1\n",
			"^-- context: entered IRQ-disabled region; depth is now 2\n");
	assert_null(strstr(cp, "left IRQ-disabled region"));
	assert_in_order(cp, "depth is now 2\n",
			"\nSuggestion:\n  Restore nested IRQ flags in the reverse order they were saved.\n");
	free(log);
}

/* process_spin_lock(): bpf_diag_lock() names the lock already held in an
 * "Active lock" section at the instruction that took it */
static void test_lock_active_section(void **state)
{
	char *log;
	const char *al;

	(void)state;
	log = object_log("irq_flags", "res_lock_aa");
	assert_in_order(log, "Verification failed: Resource Lifetime Safety: Recursive resource spin lock\n",
			"^-- error: recursive resource spin lock\n");
	al = strstr(log, "\nActive lock:\n");
	assert_non_null(al);
	assert_in_order(al, "^-- acquired: active resource spin lock has verifier identity 0\n",
			"\nSuggestion:\n  Avoid reacquiring the same resource spin lock before it is unlocked.\n");
	/* the lock's acquisition is another instruction than the error */
	assert_in_order(al, ">>>  2 | (85) call bpf_res_spin_lock", "\nSuggestion:\n");
	free(log);
}

/* process_spin_lock(): an unlock on the path where the lock failed is a
 * bpf_diag_res() block with no history */
static void test_unlock_without_lock(void **state)
{
	char *log;
	const char *b;

	(void)state;
	log = object_log("irq_flags", "res_lock_unchecked");
	b = strstr(log, "Verification failed:");
	assert_non_null(b);
	assert_in_order(b, "Verification failed: Resource Lifetime Safety: Unlock without lock\n\n"
			   "Reason:\n"
			   "  This unlock operation has no matching active lock on the current path.\n",
			"^-- error: unlock without lock\n");
	assert_null(strstr(b, "Causal path:"));
	free(log);
}

/* do_check()'s call inside a lock region: bpf_diag_ctx_active() with the
 * lock context's causal path, from the outermost entry (depth 1) on: the
 * entry, then the edge taken after it */
static void test_ctx_active_lock_history(void **state)
{
	char *log;
	const char *cp;

	(void)state;
	log = object_log("irq_flags", "res_lock_call_in_cs");
	assert_in_order(log, "Verification failed: Execution Context Safety: Operation is not allowed in this context\n"
			     "\n"
			     "Reason:\n"
			     "  The operation function call cannot be used while this path is still inside an active lock region\n"
			     "  (depth 1). Leave the region before this operation.\n",
			"^-- error: function call is not allowed before leaving lock region\n");
	cp = strstr(log, "\nCausal path:\n");
	assert_non_null(cp);
	assert_in_order(cp, "^-- context: entered lock region; depth is now 1\n",
			"^-- branch: took the false branch of this conditional, goto not followed\n");
	/* the IRQ region the irqsave lock entered too is another context */
	assert_null(strstr(cp, "IRQ-disabled region"));
	assert_in_order(cp, "goto not followed\n",
			"\nSuggestion:\n  Release the BPF spin lock before making this call, or move the call outside the locked region.\n");
	free(log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_source_context_and_history),
		cmocka_unit_test(test_insn_form_without_line_info),
		cmocka_unit_test(test_history_branch),
		cmocka_unit_test(test_unreadable_never_initialized),
		cmocka_unit_test(test_policy_helper),
		cmocka_unit_test(test_recursive_call),
		cmocka_unit_test(test_irq_out_of_order_context_history),
		cmocka_unit_test(test_lock_active_section),
		cmocka_unit_test(test_unlock_without_lock),
		cmocka_unit_test(test_ctx_active_lock_history),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
