/* Static liveness (liveness.c, const_fold.c, stack_liveness.c): register
 * liveness narrowed to a callee's parameters, stack-slot liveness and the
 * STACK_POISON that pruning's clean_verifier_state() leaves in dead slots,
 * and the kernel's error for reading a poisoned slot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "stack_liveness.h"
#include "state.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV32_IMM(d, i) I(BPF_ALU | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define STX_DW(d, s, o) I(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LDX_DW(d, s, o) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LDX_W(d, s, o) I(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define JGT_IMM(d, i, o) I(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define JEQ32_IMM(d, i, o) I(BPF_JMP32 | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL(f) I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };

static struct sim_prog_view view_of(const struct bpf_insn *insns, int cnt)
{
	return (struct sim_prog_view){ .name = "main", .insns = insns, .insn_cnt = cnt,
				       .prog_type = BPF_PROG_TYPE_SCHED_CLS, .subprogs = &main_sp,
				       .subprog_cnt = 1 };
}

/* the static passes alone, as sim_verify_view() runs them */
static void env_of(struct sim_env *env, const struct sim_prog_view *v)
{
	memset(env, 0, sizeof(*env));
	env->p = v;
	env->insns = v->insns;
	env->insn_cnt = v->insn_cnt;
	assert_int_equal(sim_compute_live_regs(env), 0);
	assert_non_null(env->liveness);
}

static void env_free(struct sim_env *env)
{
	free(env->live_regs_before);
	free(env->zext_dst);
	sim_liveness_free(env->liveness);
}

/* spills to fp-8 and fp-16; fp-8 is last read at 3, fp-16 at 7 */
static const struct bpf_insn two_slots[] = {
	LDX_W(2, 1, 0),          /* 0: r2 = skb->len */
	STX_DW(10, 2, -8),       /* 1 */
	STX_DW(10, 2, -16),      /* 2 */
	LDX_DW(3, 10, -8),       /* 3: last read of fp-8 */
	MOV64_IMM(0, 0),         /* 4 */
	JGT_IMM(3, 5, 1),        /* 5: a checkpoint */
	MOV64_IMM(0, 1),         /* 6 */
	LDX_DW(4, 10, -16),      /* 7: fp-16 is read here */
	EXIT(),                  /* 8 */
};

static void test_slot_dead_after_last_read(void **state)
{
	struct sim_prog_view v = view_of(two_slots, 9);
	struct sim_state *st = sim_state_new();
	struct sim_env env;

	(void)state;
	env_of(&env, &v);
	assert_non_null(st);
	st->frame[0] = sim_func_new(0, -1, 0);
	assert_non_null(st->frame[0]);
	/* before the read at 3 both slots are alive, both halves */
	st->insn_idx = 3;
	sim_live_stack_query_init(&env, st);
	for (uint32_t h = 0; h < 4; h++)
		assert_true(sim_stack_slot_alive(&env, 0, h));
	/* at 5 fp-8 (halves 0, 1) is dead, fp-16 (halves 2, 3) alive */
	st->insn_idx = 5;
	sim_live_stack_query_init(&env, st);
	assert_false(sim_stack_slot_alive(&env, 0, 0));
	assert_false(sim_stack_slot_alive(&env, 0, 1));
	assert_true(sim_stack_slot_alive(&env, 0, 2));
	assert_true(sim_stack_slot_alive(&env, 0, 3));
	/* after the last read nothing is alive */
	st->insn_idx = 8;
	sim_live_stack_query_init(&env, st);
	assert_false(sim_stack_slot_alive(&env, 0, 2));
	sim_state_free(st);
	env_free(&env);
}

/* the uses and defs, in the layout of the kernel's "stack use/def" block */
static void test_stack_use_def_listing(void **state)
{
	struct sim_prog_view v = view_of(two_slots, 9);
	struct sim_env env;
	char *dump;

	(void)state;
	env_of(&env, &v);
	dump = sim_stack_liveness_dump(&env);
	assert_non_null(dump);
	assert_string_equal(dump, "stack use/def subprog#0 main (d0,cs0):\n"
				  "1: def: fp0-8\n"
				  "2: def: fp0-16\n"
				  "3: use: fp0-8\n"
				  "7: use: fp0-16\n");
	free(dump);
	env_free(&env);
}

/* end to end: at the checkpoint at insn 5 the dead spill at fp-8 becomes
 * STACK_POISON (not printed, like STACK_INVALID), the live one at fp-16
 * stays; the branch pushed there carries the cleaned state */
static void test_slot_poisoned_at_checkpoint(void **state)
{
	struct sim_prog_view v = view_of(two_slots, 9);
	struct sim_verify_opts o = { .log_level = 2 };
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	struct sim_trace *t = sim_verify_view(&v, &o);
	const char *from, *eol;
	char line[512];

	(void)state;
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	sim_trace_print_log(t, 2, &out);
	from = strstr(sb.buf, "from 5 to 7:");
	assert_non_null(from);
	eol = strchr(from, '\n');
	assert_non_null(eol);
	snprintf(line, sizeof(line), "%.*s", (int)(eol - from), from);
	print_message("%s\n", line);
	assert_non_null(strstr(line, " fp-16="));
	assert_null(strstr(line, " fp-8="));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* check_stack_read_fixed_off(): a poisoned byte is an error of its own */
static void test_poisoned_slot_read_message(void **state)
{
	struct bpf_insn insns[] = { LDX_DW(0, 10, -8), EXIT() };
	struct sim_prog_view v = view_of(insns, 2);
	struct sim_env env = { 0 };
	struct sim_func *f;

	(void)state;
	env.p = &v;
	env.insns = insns;
	env.insn_cnt = 2;
	env.cur = sim_state_new();
	assert_non_null(env.cur);
	f = env.cur->frame[0] = sim_func_new(0, -1, 0);
	assert_non_null(f);
	sim_reg_mark_ptr(&f->regs[SIM_FP], PTR_TO_STACK);
	assert_int_equal(sim_func_grow_stack(f, 8), 0);
	for (int j = 0; j < SIM_REG_SIZE; j++)
		f->stack[0].type[j] = j < 4 ? STACK_MISC : STACK_POISON;
	/* the low half (fp-4..fp-1) is readable, the high one is not */
	assert_int_equal(sim_check_mem_access(&env, SIM_FP, -4, 4, false, 0, false), 0);
	assert_int_equal(sim_check_mem_access(&env, SIM_FP, -8, 8, false, 0, false), -EACCES);
	assert_string_equal(env.err,
			    "reading from stack off -8+0 size 8, slot poisoned by dead code elimination");
	sim_state_free(env.cur);
	sim_stack_depth_free(&env);   /* the per-subprogram depths the access recorded */
}

/* bpf_get_call_summary(): map_lookup_elem takes two arguments, so R3-R5
 * written before it are never read */
static void test_helper_call_reads_its_params_only(void **state)
{
	struct bpf_insn insns[] = {
		MOV64_IMM(1, 0),                  /* 0 */
		MOV64_REG(2, 10),                 /* 1 */
		ADD64_IMM(2, -8),                 /* 2 */
		MOV64_IMM(3, 1),                  /* 3 */
		MOV64_IMM(4, 2),                  /* 4 */
		MOV64_IMM(5, 3),                  /* 5 */
		CALL(BPF_FUNC_map_lookup_elem),   /* 6 */
		MOV64_IMM(0, 0),                  /* 7 */
		EXIT(),                           /* 8 */
	};
	struct sim_prog_view v = view_of(insns, 9);
	struct sim_env env;

	(void)state;
	env_of(&env, &v);
	assert_int_equal(env.live_regs_before[6], 0x006); /* R1, R2 */
	for (int i = 3; i <= 6; i++)
		assert_int_equal(env.live_regs_before[i] & 0x038, 0); /* R3-R5 dead */
	env_free(&env);
	/* a call with no prototype (helper 0) has no summary: R1-R5 */
	insns[6] = CALL(BPF_FUNC_unspec);
	env_of(&env, &v);
	assert_int_equal(env.live_regs_before[6], 0x03e);
	env_free(&env);
}

/* bpf_prune_dead_branches(): a jump on constants becomes a goto, and the
 * register it compared is no longer read there */
static void test_constant_branch_becomes_goto(void **state)
{
	struct bpf_insn insns[] = {
		MOV64_IMM(0, 0),     /* 0 */
		MOV32_IMM(3, 1),     /* 1 */
		JEQ32_IMM(3, 0, 1),  /* 2: never taken */
		MOV64_IMM(0, 1),     /* 3 */
		EXIT(),              /* 4 */
	};
	struct sim_prog_view v = view_of(insns, 5);
	const struct bpf_insn *seen;
	struct sim_env env;

	(void)state;
	env_of(&env, &v);
	seen = sim_liveness_insns(&env);
	assert_true(sim_liveness_rewritten(&env, 2));
	assert_int_equal(seen[2].code, BPF_JMP | BPF_JA);
	assert_int_equal(seen[2].off, 0);
	assert_int_equal(env.live_regs_before[2] & 0x008, 0);
	assert_int_equal(insns[2].code, BPF_JMP32 | BPF_JEQ | BPF_K); /* the view is untouched */
	env_free(&env);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slot_dead_after_last_read),
		cmocka_unit_test(test_stack_use_def_listing),
		cmocka_unit_test(test_slot_poisoned_at_checkpoint),
		cmocka_unit_test(test_poisoned_slot_read_message),
		cmocka_unit_test(test_helper_call_reads_its_params_only),
		cmocka_unit_test(test_constant_branch_becomes_goto),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
