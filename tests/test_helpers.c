/* Legacy packet access (check_ld_abs.c) and helper argument rules
 * (helpers.c, helper_args.c, check_call.c) on hand-written instruction
 * streams: each case names the kernel rule it exercises and the exact
 * error line and instruction 7.3 gives. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bpf/btf.h>

#include "object.h"
#include "print.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define JGT_IMM(d, i, o) I(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define JSGT_IMM(d, i, o) I(BPF_JMP | BPF_JSGT | BPF_K, d, 0, o, i)
#define LD_ABS(sz, i) I(BPF_LD | BPF_ABS | (sz), 0, 0, 0, i)
#define LD_IND(sz, s, i) I(BPF_LD | BPF_IND | (sz), 0, s, 0, i)
#define CALL(f) I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define CALL_SUB(off) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, off)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

struct hcase {
	const char *name;
	struct bpf_insn insns[16];
	int cnt;
	uint32_t prog_type;
	int sub_start;          /* a second (static) subprog from here; 0: none */
	enum sim_verdict verdict;
	const char *error;
	int error_insn;
};

static const struct hcase ld_abs_cases[] = {
	/* may_access_skb(): R0 is the loaded value, readable */
	{ "ld_abs word in a socket filter",
	  { MOV64_REG(6, 1), LD_ABS(BPF_W, 0), EXIT() }, 3, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_ACCEPTED, NULL, -1 },
	{ "ld_ind byte in tc",
	  { MOV64_REG(6, 1), MOV64_IMM(7, 2), LD_IND(BPF_B, 7, 14), EXIT() }, 4,
	  BPF_PROG_TYPE_SCHED_CLS, 0, SIM_ACCEPTED, NULL, -1 },
	{ "ld_abs in a kprobe",
	  { MOV64_REG(6, 1), LD_ABS(BPF_W, 0), EXIT() }, 3, BPF_PROG_TYPE_KPROBE, 0, SIM_REJECTED,
	  "BPF_LD_[ABS|IND] instructions not allowed for this program type", 1 },
	/* the implicit operand R6 must be readable and be the context */
	{ "ld_abs without R6",
	  { LD_ABS(BPF_W, 0), EXIT() }, 2, BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_REJECTED,
	  "R6 !read_ok", 0 },
	{ "ld_abs with a scalar R6",
	  { MOV64_IMM(6, 0), LD_ABS(BPF_H, 0), EXIT() }, 3, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_REJECTED, "at the time of BPF_LD_ABS|IND R6 != pointer to skb", 1 },
	/* check_ptr_off_reg() on R6 */
	{ "ld_abs with a moved ctx",
	  { MOV64_REG(6, 1), ADD64_IMM(6, 4), LD_ABS(BPF_W, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_REJECTED,
	  "dereference of modified ctx ptr R6 off=4 disallowed", 2 },
	/* the explicit source of BPF_IND */
	{ "ld_ind of an unwritten register",
	  { MOV64_REG(6, 1), LD_IND(BPF_W, 7, 0), EXIT() }, 3, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_REJECTED, "R7 !read_ok", 1 },
	/* caller-saved registers are clobbered like a call's */
	{ "R1 after ld_abs",
	  { MOV64_REG(6, 1), LD_ABS(BPF_B, 0), MOV64_REG(0, 1), EXIT() }, 4,
	  BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_REJECTED, "R1 !read_ok", 2 },
	/* R6-R9 survive */
	{ "R7 after ld_abs",
	  { MOV64_IMM(7, 3), MOV64_REG(6, 1), LD_ABS(BPF_B, 0), MOV64_REG(0, 7), EXIT() }, 5,
	  BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_ACCEPTED, NULL, -1 },
	/* R0 is an unknown scalar: both branches are explored */
	{ "R0 unknown after ld_abs",
	  { MOV64_REG(6, 1), LD_ABS(BPF_B, 0), JGT_IMM(0, 7, 1), EXIT(), MOV64_REG(0, 2), EXIT() },
	  6, BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_REJECTED, "R2 !read_ok", 4 },
	/* bpf_opcode_in_insntable(): no DW size at all */
	{ "ld_abs dword",
	  { MOV64_REG(6, 1), LD_ABS(BPF_DW, 0), EXIT() }, 3, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_REJECTED, "unknown opcode 38", -1 },   /* before the walk: no insn */
	/* check_insn_fields(): the result is always R0 */
	{ "ld_abs into R1",
	  { MOV64_REG(6, 1), I(BPF_LD | BPF_ABS | BPF_W, 1, 0, 0, 0), EXIT() }, 3,
	  BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_REJECTED, "BPF_LD_[ABS|IND] uses reserved fields", -1 },
	/* check_abnormal_return(): a subprog with ld_abs needs func info */
	{ "ld_abs in a subprog without BTF",
	  { MOV64_REG(6, 1), CALL_SUB(1), EXIT(), LD_ABS(BPF_W, 0), EXIT() }, 5,
	  BPF_PROG_TYPE_SOCKET_FILTER, 3, SIM_REJECTED,
	  "LD_ABS is not allowed in subprogs without BTF", -1 },
};

static const struct hcase helper_cases[] = {
	/* MEM_FIXED_SIZE | MEM_ALIGNED (ARG_PTR_TO_FIXED_SIZE_MEM of strtoul):
	 * check_mem_reg() then check_ptr_alignment(), strict */
	{ "strtoul result misaligned",
	  { MOV64_REG(1, 10), ADD64_IMM(1, -8), MOV64_IMM(2, 4), MOV64_IMM(3, 0), MOV64_REG(4, 10),
	    ADD64_IMM(4, -20), CALL(BPF_FUNC_strtoul), EXIT() }, 8, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_REJECTED, "misaligned stack access off -20+0 size 8", 6 },
	{ "strtoul result past the frame",
	  { MOV64_REG(1, 10), ADD64_IMM(1, -8), MOV64_IMM(2, 4), MOV64_IMM(3, 0), MOV64_REG(4, 10),
	    ADD64_IMM(4, -4), CALL(BPF_FUNC_strtoul), EXIT() }, 8, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_REJECTED, "invalid write to stack R4 off=-4 size=8", 6 },
	{ "strtoul result aligned",
	  { MOV64_REG(1, 10), ADD64_IMM(1, -8), MOV64_IMM(2, 4), MOV64_IMM(3, 0), MOV64_REG(4, 10),
	    ADD64_IMM(4, -16), CALL(BPF_FUNC_strtoul), EXIT() }, 8, BPF_PROG_TYPE_SOCKET_FILTER, 0,
	  SIM_ACCEPTED, NULL, -1 },
	/* check_func_arg_reg_off(): a ctx argument unmodified */
	{ "csum_update with a negative ctx offset",
	  { ADD64_IMM(1, -612), MOV64_IMM(2, 0), CALL(BPF_FUNC_csum_update), MOV64_IMM(0, 0), EXIT() },
	  5, BPF_PROG_TYPE_SCHED_CLS, 0, SIM_REJECTED,
	  "negative offset ctx ptr R1 off=-612 disallowed", 2 },
	{ "csum_update in a socket filter",
	  { MOV64_IMM(2, 0), CALL(BPF_FUNC_csum_update), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_SOCKET_FILTER, 0, SIM_REJECTED,
	  "program of this type cannot use helper bpf_csum_update#40", 1 },
	/* ARG_PTR_TO_CTX_OR_NULL */
	{ "get_netns_cookie of NULL",
	  { MOV64_IMM(1, 0), CALL(BPF_FUNC_get_netns_cookie), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_SCHED_CLS, 0, SIM_ACCEPTED, NULL, -1 },
	{ "get_netns_cookie of a scalar",
	  { MOV64_IMM(1, 1), CALL(BPF_FUNC_get_netns_cookie), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_SCHED_CLS, 0, SIM_REJECTED, "R1 type=scalar expected=ctx", 1 },
	/* bpf_loop_proto: nr_loops is ARG_SCALAR, not ARG_ANYTHING */
	{ "bpf_loop count is a pointer",
	  { CALL(BPF_FUNC_loop), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS, 0, SIM_REJECTED,
	  "R1 type=ctx expected=scalar", 0 },
	/* ARG_PTR_TO_CONST_STR: a read-only map value, not the stack */
	{ "strncmp against a stack string",
	  { MOV64_REG(1, 10), ADD64_IMM(1, -8), MOV64_IMM(2, 4), MOV64_REG(3, 10), ADD64_IMM(3, -16),
	    CALL(BPF_FUNC_strncmp), EXIT() }, 7, BPF_PROG_TYPE_SCHED_CLS, 0, SIM_REJECTED,
	  "R3 type=fp expected=map_value", 5 },
	/* do_refine_retval_range(): get_stack's result is at most its size */
	{ "get_stack result bounded by the size",
	  { MOV64_REG(2, 10), ADD64_IMM(2, -64), MOV64_IMM(3, 64), MOV64_IMM(4, 0),
	    CALL(BPF_FUNC_get_stack), JSGT_IMM(0, 64, 1), EXIT(), MOV64_REG(0, 5), EXIT() }, 9,
	  BPF_PROG_TYPE_KPROBE, 0, SIM_ACCEPTED, NULL, -1 },
	/* ... and unbounded above without that refinement */
	{ "get_stack result not above the size",
	  { MOV64_REG(2, 10), ADD64_IMM(2, -64), MOV64_IMM(3, 64), MOV64_IMM(4, 0),
	    CALL(BPF_FUNC_get_stack), JSGT_IMM(0, 63, 1), EXIT(), MOV64_REG(0, 5), EXIT() }, 9,
	  BPF_PROG_TYPE_KPROBE, 0, SIM_REJECTED, "R5 !read_ok", 7 },
};

static struct sim_trace *run(const struct hcase *c)
{
	static struct sim_prog_view v;
	static struct sim_subprog_view sp[2];
	struct sim_verify_opts o = { .log_level = 1 };

	sp[0] = (struct sim_subprog_view){ .start = 0, .name = "main" };
	sp[1] = (struct sim_subprog_view){ .start = c->sub_start, .name = "sub" };
	v = (struct sim_prog_view){ .name = c->name, .insns = c->insns, .insn_cnt = c->cnt,
				    .prog_type = c->prog_type, .subprogs = sp,
				    .subprog_cnt = c->sub_start ? 2 : 1 };
	return sim_verify_view(&v, &o);
}

static void run_cases(const struct hcase *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct hcase *c = &cases[i];
		struct sim_trace *t = run(c);

		assert_non_null(t);
		print_message("case: %s\n", c->name);
		if (sim_trace_verdict(t) != c->verdict)
			fail_msg("%s: verdict %d, expected %d (%s)", c->name, sim_trace_verdict(t),
				 c->verdict, sim_trace_error(t) ? sim_trace_error(t) : "-");
		if (c->error) {
			assert_string_equal(sim_trace_error(t), c->error);
			assert_int_equal(sim_trace_error_insn(t), c->error_insn);
		} else {
			assert_null(sim_trace_error(t));
		}
		sim_trace_free(t);
	}
}

static void test_ld_abs(void **state)
{
	(void)state;
	run_cases(ld_abs_cases, sizeof(ld_abs_cases) / sizeof(ld_abs_cases[0]));
}

static void test_helper_args(void **state)
{
	(void)state;
	run_cases(helper_cases, sizeof(helper_cases) / sizeof(helper_cases[0]));
}

/* object BTF naming subprog "sub" with the return type @ret_int (int or
 * void), as a compiler's func info would */
static struct btf *sub_btf(bool ret_int)
{
	struct btf *btf = btf__new_empty();
	int int_id, proto;

	assert_non_null(btf);
	int_id = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	assert_true(int_id > 0);
	proto = btf__add_func_proto(btf, ret_int ? int_id : 0);
	assert_true(proto > 0);
	assert_true(btf__add_func(btf, "main", BTF_FUNC_GLOBAL, proto) > 0);
	assert_true(btf__add_func(btf, "sub", BTF_FUNC_STATIC, proto) > 0);
	return btf;
}

/* the hidden "r0 = 0; exit" of ld_abs in a subprog returns to the caller
 * (prepare_func_exit()); the load's success goes on as a pushed branch:
 * the callee returns twice */
static void test_ld_abs_subprog_hidden_exit(void **state)
{
	static const struct bpf_insn insns[] = {
		CALL_SUB(1), EXIT(),
		MOV64_REG(6, 1), LD_ABS(BPF_W, 0), MOV64_IMM(0, 5), EXIT(),
	};
	static const struct sim_subprog_view sp[] = { { .start = 0, .name = "main" },
						      { .start = 2, .name = "sub" } };
	struct sim_prog_view v = { .name = "hidden exit", .insns = insns, .insn_cnt = 6,
				   .prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .subprogs = sp,
				   .subprog_cnt = 2 };
	struct sim_verify_opts o = { .log_level = 2 };
	struct sim_strbuf log = { 0 };
	struct sim_out out = sim_strbuf_out(&log);
	struct sim_trace *t;
	struct btf *btf;
	const char *p;
	int returns = 0;

	(void)state;
	v.btf = btf = sub_btf(true);
	t = sim_verify_view(&v, &o);
	assert_non_null(t);
	if (sim_trace_verdict(t) != SIM_ACCEPTED)
		fail_msg("rejected: %s", sim_trace_error(t) ? sim_trace_error(t) : "-");
	sim_trace_print_log(t, 2, &out);
	for (p = log.buf; p && (p = strstr(p, "returning from callee")); p++)
		returns++;
	assert_int_equal(returns, 2);
	sim_strbuf_free(&log);
	sim_trace_free(t);
	btf__free(btf);

	/* check_btf_func(): the hidden exit returns an int */
	v.btf = btf = sub_btf(false);
	t = sim_verify_view(&v, &o);
	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t),
			    "LD_ABS is only allowed in functions that return 'int'.");
	sim_trace_free(t);
	btf__free(btf);
}

/* ARG_PTR_TO_CONST_STR and check_bpf_snprintf_call(): the format lives in
 * a frozen .rodata map; "%d %d" needs two u64 values (R5 = 16) */
static struct sim_trace *run_snprintf(const char *fmt, int data_len, unsigned map_flags)
{
	static char image[16];
	static struct bpf_insn insns[12];
	static struct sim_insn_reloc relocs[12];
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	static struct sim_map m;
	static struct sim_map_view mv;
	static struct sim_prog_view v;
	struct sim_verify_opts o = { .log_level = 1 };
	int n = 0;

	memset(image, 0, sizeof(image));
	strncpy(image, fmt, sizeof(image) - 1);
	m = (struct sim_map){ .name = "t.rodata", .section = ".rodata", .global_data = true,
			      .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = sizeof(image),
			      .max_entries = 1, .map_flags = map_flags, .initial_value = image,
			      .initial_size = sizeof(image) };
	mv = (struct sim_map_view){ .name = m.name, .type = BPF_MAP_TYPE_ARRAY, .key_size = 4,
				    .value_size = sizeof(image), .max_entries = 1, .map = &m };
	for (int i = 0; i < 12; i++)
		relocs[i] = (struct sim_insn_reloc){ .map_idx = -1 };
	/* two zeroed u64 on the stack as the data; out buffer NULL, size 0 */
	insns[n++] = MOV64_IMM(1, 0);
	insns[n++] = I(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -8, 0);
	insns[n++] = I(BPF_STX | BPF_MEM | BPF_DW, 10, 1, -16, 0);
	insns[n++] = MOV64_IMM(2, 0);
	relocs[n] = (struct sim_insn_reloc){ .map_idx = 0, .map_value = true };
	insns[n++] = I(BPF_LD | BPF_IMM | BPF_DW, 3, BPF_PSEUDO_MAP_VALUE, 0, 0);
	insns[n++] = I(0, 0, 0, 0, 0);
	insns[n++] = MOV64_REG(4, 10);
	insns[n++] = ADD64_IMM(4, -16);
	insns[n++] = MOV64_IMM(5, data_len);
	insns[n++] = CALL(BPF_FUNC_snprintf);
	insns[n++] = EXIT();
	v = (struct sim_prog_view){ .name = "snprintf", .insns = insns, .insn_cnt = n,
				    .prog_type = BPF_PROG_TYPE_SCHED_CLS, .maps = &mv, .map_cnt = 1,
				    .relocs = relocs, .subprogs = &main_sp, .subprog_cnt = 1 };
	return sim_verify_view(&v, &o);
}

static void test_snprintf_format(void **state)
{
	struct sim_trace *t;

	(void)state;
	t = run_snprintf("%d %d", 16, BPF_F_RDONLY_PROG);
	if (sim_trace_verdict(t) != SIM_ACCEPTED)
		fail_msg("two values: %s", sim_trace_error(t) ? sim_trace_error(t) : "-");
	sim_trace_free(t);

	t = run_snprintf("%d %d", 8, BPF_F_RDONLY_PROG);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "Invalid format string");
	sim_trace_free(t);

	t = run_snprintf("%q", 16, BPF_F_RDONLY_PROG);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "Invalid format string");
	sim_trace_free(t);

	/* bpf_map_is_rdonly(): a writable .data map cannot hold the format */
	t = run_snprintf("%d %d", 16, 0);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "R3 does not point to a readonly map'");
	sim_trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ld_abs),
		cmocka_unit_test(test_helper_args),
		cmocka_unit_test(test_ld_abs_subprog_hidden_exit),
		cmocka_unit_test(test_snprintf_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
