/* check_max_stack_depth() (sim/stack_depth.c) on hand-written programs:
 * the combined stack of a call chain with the JIT's 16-byte rounding,
 * private stacks of kprobe programs, tail calls under a deep caller stack,
 * bpf_throw inside a callback, and the error instruction the log implies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bpf/btf.h>
#include <linux/bpf.h>

#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define STX_W(d, s, o) I(BPF_STX | BPF_MEM | BPF_W, d, s, o, 0)
#define CALL_HELPER(id) I(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define CALL_SUB(rel) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, rel)
#define CALL_KFUNC(id) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, id)
#define LD_IMM64(d, s, i) I(BPF_LD | BPF_IMM | BPF_DW, d, s, 0, i), I(0, 0, 0, 0, 0)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

static struct sim_trace *verify(struct sim_prog_view *v, int log_level)
{
	struct sim_verify_opts o = { .log_level = log_level };
	struct sim_trace *t = sim_verify_view(v, &o);

	assert_non_null(t);
	return t;
}

static void expect(struct sim_prog_view *v, int log_level, enum sim_verdict verdict,
		   const char *error, int error_insn)
{
	struct sim_trace *t = verify(v, log_level);

	print_message("%s (log level %d): %s\n", v->name, log_level,
		      sim_trace_error(t) ? sim_trace_error(t) : "accepted");
	assert_int_equal(sim_trace_verdict(t), verdict);
	if (error) {
		assert_string_equal(sim_trace_error(t), error);
		assert_int_equal(sim_trace_error_insn(t), error_insn);
	}
	sim_trace_free(t);
}

/* main and a static subprogram, each writing a u32 at fp-@main_off /
 * fp-@sub_off: grow_stack_state() gives each that many bytes rounded up
 * to 8, round_up_stack_depth() (JIT) to 16 */
static void two_frames(uint32_t prog_type, int main_off, int sub_off, enum sim_verdict verdict,
		       const char *error)
{
	const struct bpf_insn insns[] = {
		MOV64_IMM(1, 0), STX_W(10, 1, (int16_t)-main_off), CALL_SUB(2), MOV64_IMM(0, 0), EXIT(),
		MOV64_IMM(1, 0), STX_W(10, 1, (int16_t)-sub_off), MOV64_IMM(0, 0), EXIT(),
	};
	static const struct sim_subprog_view sps[] = {
		{ .start = 0, .name = "main" }, { .start = 5, .name = "sub" },
	};
	struct sim_prog_view v = { .name = "two_frames", .insns = insns, .insn_cnt = 9,
				   .prog_type = prog_type, .subprogs = sps, .subprog_cnt = 2 };

	/* the log's last instruction line: none at level 0, nor at level 1,
	 * where the walk that passed left nothing (bpf_vlog_reset()); at
	 * level 2 main's exit, after the return from sub */
	expect(&v, 0, verdict, error, -1);
	expect(&v, 1, verdict, error, -1);
	expect(&v, 2, verdict, error, 4);
}

/* 300 bytes each: 304 + 304 */
static void test_combined_too_large(void **state)
{
	(void)state;
	two_frames(BPF_PROG_TYPE_SOCKET_FILTER, 300, 300, SIM_REJECTED,
		   "combined stack size of 2 calls is 608. Too large");
	/* 212 -> 216 (slots) -> 224 (JIT granularity): 304 + 224 */
	two_frames(BPF_PROG_TYPE_SOCKET_FILTER, 300, 212, SIM_REJECTED,
		   "combined stack size of 2 calls is 528. Too large");
}

/* 304 + 208 = 512 is the limit itself; each frame alone always fit */
static void test_chain_fits(void **state)
{
	(void)state;
	two_frames(BPF_PROG_TYPE_SOCKET_FILTER, 300, 204, SIM_ACCEPTED, NULL);
	two_frames(BPF_PROG_TYPE_SOCKET_FILTER, 256, 256, SIM_ACCEPTED, NULL);
}

/* bpf_enable_priv_stack(): a kprobe program's frames of 64 bytes or more
 * run on private stacks and are judged one by one */
static void test_private_stack(void **state)
{
	(void)state;
	two_frames(BPF_PROG_TYPE_KPROBE, 300, 300, SIM_ACCEPTED, NULL);
}

/* a subprogram with a tail call under @caller_off bytes of main's stack */
static void tail_call_under(int caller_off, enum sim_verdict verdict, const char *error)
{
	const struct bpf_insn insns[] = {
		MOV64_REG(6, 1), MOV64_IMM(1, 0), STX_W(10, 1, (int16_t)-caller_off),
		MOV64_REG(1, 6), CALL_SUB(2), MOV64_IMM(0, 0), EXIT(),
		LD_IMM64(2, BPF_PSEUDO_MAP_FD, 0), MOV64_IMM(3, 0), CALL_HELPER(BPF_FUNC_tail_call),
		MOV64_IMM(0, 0), EXIT(),
	};
	static const struct sim_subprog_view sps[] = {
		{ .start = 0, .name = "main" }, { .start = 7, .name = "tail" },
	};
	struct sim_insn_reloc relocs[13];
	struct sim_map_view mv = { .name = "jmp_table", .type = BPF_MAP_TYPE_PROG_ARRAY,
				   .key_size = 4, .value_size = 4, .max_entries = 4 };
	struct sim_prog_view v = { .name = "tail_call_under", .insns = insns, .insn_cnt = 13,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .maps = &mv, .map_cnt = 1,
				   .relocs = relocs, .subprogs = sps, .subprog_cnt = 2 };

	for (int i = 0; i < 13; i++)
		relocs[i] = (struct sim_insn_reloc){ .map_idx = i == 7 ? 0 : -1 };
	/* the last path the log shows is the one after the tail call (its
	 * state was pushed), ending at the subprogram's exit */
	expect(&v, 2, verdict, error, verdict == SIM_REJECTED ? 12 : -1);
}

static void test_tail_call_deep_caller(void **state)
{
	(void)state;
	tail_call_under(256, SIM_REJECTED,
			"tail_calls are not allowed when call stack of previous frames is 256 bytes. Too large");
	/* 244 -> 248 -> 256 after the JIT's rounding */
	tail_call_under(244, SIM_REJECTED,
			"tail_calls are not allowed when call stack of previous frames is 256 bytes. Too large");
	tail_call_under(240, SIM_ACCEPTED, NULL);
}

/* a kernel BTF with just bpf_throw(u64 cookie) */
static struct btf *throw_btf(int *throw_id)
{
	struct btf *btf = btf__new_empty();
	int u64, proto;

	assert_non_null(btf);
	u64 = btf__add_int(btf, "unsigned long long", 8, 0);
	proto = btf__add_func_proto(btf, 0);
	assert_true(u64 > 0 && proto > 0);
	assert_int_equal(btf__add_func_param(btf, "cookie", u64), 0);
	*throw_id = btf__add_func(btf, "bpf_throw", BTF_FUNC_GLOBAL, proto);
	assert_true(*throw_id > 0);
	return btf;
}

/* sub throws; main reaches it through bpf_loop() (a callback) or directly */
static void test_throw_in_callback(void **state)
{
	int id;
	struct btf *btf = throw_btf(&id);
	const struct bpf_insn via_loop[] = {
		MOV64_IMM(1, 1), LD_IMM64(2, BPF_PSEUDO_FUNC, 6), MOV64_IMM(3, 0), MOV64_IMM(4, 0),
		CALL_HELPER(BPF_FUNC_loop), MOV64_IMM(0, 0), EXIT(),
		MOV64_IMM(1, 0), CALL_KFUNC(id), MOV64_IMM(0, 0), EXIT(),
	};
	const struct bpf_insn direct[] = {
		CALL_SUB(2), MOV64_IMM(0, 0), EXIT(),
		MOV64_IMM(1, 0), CALL_KFUNC(id), MOV64_IMM(0, 0), EXIT(),
	};
	static const struct sim_subprog_view loop_sps[] = {
		{ .start = 0, .name = "main" }, { .start = 8, .name = "cb" },
	};
	static const struct sim_subprog_view direct_sps[] = {
		{ .start = 0, .name = "main" }, { .start = 3, .name = "cb" },
	};
	struct sim_prog_view v = { .name = "throw_in_cb", .insns = via_loop, .insn_cnt = 12,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .vmlinux_btf = btf,
				   .subprogs = loop_sps, .subprog_cnt = 2 };

	(void)state;
	/* the callback's path is walked after main's: the log's last
	 * instruction line is the throw (9) */
	expect(&v, 2, SIM_REJECTED, "bpf_throw kfunc (insn 9) cannot be called from callback subprog 1",
	       9);
	expect(&v, 0, SIM_REJECTED, "bpf_throw kfunc (insn 9) cannot be called from callback subprog 1",
	       -1);
	v = (struct sim_prog_view){ .name = "throw_direct", .insns = direct, .insn_cnt = 7,
				    .prog_type = BPF_PROG_TYPE_SCHED_CLS, .vmlinux_btf = btf,
				    .subprogs = direct_sps, .subprog_cnt = 2 };
	expect(&v, 2, SIM_ACCEPTED, NULL, -1);
	btf__free(btf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_combined_too_large),
		cmocka_unit_test(test_chain_fits),
		cmocka_unit_test(test_private_stack),
		cmocka_unit_test(test_tail_call_deep_caller),
		cmocka_unit_test(test_throw_in_callback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
