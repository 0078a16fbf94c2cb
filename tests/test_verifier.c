/* The simulated verifier on hand-written instruction streams: verdicts,
 * kernel error lines, error instructions, and time travel through the trace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "state.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define STX_DW(d, s, o) I(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LDX_DW(d, s, o) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define LDX_W(d, s, o) I(BPF_LDX | BPF_MEM | BPF_W, d, s, o, 0)
#define JEQ_IMM(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define JGT_IMM(d, i, o) I(BPF_JMP | BPF_JGT | BPF_K, d, 0, o, i)
#define DIV64_IMM(d, i) I(BPF_ALU64 | BPF_DIV | BPF_K, d, 0, 0, i)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

struct vcase {
	const char *name;
	struct bpf_insn insns[16];
	int cnt;
	uint32_t prog_type;
	enum sim_verdict verdict;
	const char *error;
	int error_insn;
};

static const struct vcase cases[] = {
	{ "const return", { MOV64_IMM(0, 0), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1 },
	{ "R0 never written", { EXIT() }, 1, BPF_PROG_TYPE_SCHED_CLS, SIM_REJECTED, "R0 !read_ok", 0 },
	{ "read of uninit R2", { MOV64_REG(0, 2), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS,
	  SIM_REJECTED, "R2 !read_ok", 0 },
	{ "write to fp", { MOV64_IMM(10, 0), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS,
	  SIM_REJECTED, "frame pointer is read only", 0 },
	{ "div by zero", { MOV64_IMM(0, 1), DIV64_IMM(0, 0), EXIT() }, 3, BPF_PROG_TYPE_SCHED_CLS,
	  SIM_REJECTED, "div by zero", 1 },
	{ "spill/fill ctx", { STX_DW(10, 1, -8), LDX_DW(2, 10, -8), LDX_W(0, 2, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1 },
	{ "deref scalar", { MOV64_IMM(1, 0), LDX_W(0, 1, 0), EXIT() }, 3, BPF_PROG_TYPE_SCHED_CLS,
	  SIM_REJECTED, "R1 invalid mem access 'scalar'", 1 },
	{ "stack out of bounds", { MOV64_IMM(0, 0), STX_DW(10, 0, -520), EXIT() }, 3,
	  BPF_PROG_TYPE_SCHED_CLS, SIM_REJECTED, "invalid write to stack R10 off=-520 size=8", 1 },
	{ "bad ctx offset", { LDX_W(0, 1, 3), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS, SIM_REJECTED,
	  "invalid bpf_context access off=3 size=4", 0 },
	{ "branches both exit", { LDX_W(2, 1, 0), MOV64_IMM(0, 0), JGT_IMM(2, 10, 1), MOV64_IMM(0, 1),
	  EXIT() }, 5, BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1 },
	{ "uninit on one branch", { LDX_W(2, 1, 0), JGT_IMM(2, 10, 1), MOV64_IMM(0, 1), EXIT() }, 4,
	  BPF_PROG_TYPE_SCHED_CLS, SIM_REJECTED, "R0 !read_ok", 3 },
	{ "infinite loop", { MOV64_IMM(0, 0), JEQ_IMM(0, 0, -1), EXIT() }, 3, BPF_PROG_TYPE_SCHED_CLS,
	  SIM_REJECTED, "infinite loop detected at insn 1", 1 },
};

static struct sim_trace *run(const struct vcase *c, int log_level)
{
	static struct sim_prog_view v;
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	struct sim_verify_opts o = { .log_level = log_level };

	v = (struct sim_prog_view){ .name = c->name, .insns = c->insns, .insn_cnt = c->cnt,
				    .prog_type = c->prog_type, .subprogs = &main_sp, .subprog_cnt = 1 };
	return sim_verify_view(&v, &o);
}

static void test_verifier_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];
		struct sim_trace *t = run(c, 0);

		assert_non_null(t);
		print_message("case: %s\n", c->name);
		assert_int_equal(sim_trace_verdict(t), c->verdict);
		if (c->error) {
			assert_string_equal(sim_trace_error(t), c->error);
			assert_int_equal(sim_trace_error_insn(t), c->error_insn);
		}
		sim_trace_free(t);
	}
}

static void test_verifier_log_stats_line(void **state)
{
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	struct sim_trace *t = run(&cases[0], 2);

	(void)state;
	sim_trace_print_log(t, 2, &out);
	assert_non_null(strstr(sb.buf, "0: (b7) r0 = 0"));
	assert_non_null(strstr(sb.buf, "; R0=0\n"));
	assert_non_null(strstr(sb.buf, "processed 2 insns (limit 1000000) max_states_per_insn 0"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* every step materialises; the state after "r0 = 1" on the second path has R0=1 */
static void test_verifier_time_travel(void **state)
{
	struct sim_trace *t = run(&cases[9], 0);
	size_t n = sim_trace_steps(t);
	bool saw_r0_one = false;

	(void)state;
	assert_int_equal(n, sim_trace_insns_processed(t));
	for (size_t s = 0; s < n; s++) {
		struct sim_state_view v;

		assert_int_equal(sim_trace_state_at(t, s, &v), 0);
		if (v.insn_idx == 3) {
			const struct sim_reg *r0 = &sim_cur_frame(v.state)->regs[0];

			assert_int_equal(r0->type, SCALAR_VALUE);
			assert_int_equal(r0->s.var_off.value, 1);
			saw_r0_one = true;
		}
		sim_state_view_release(&v);
	}
	assert_true(saw_r0_one);
	sim_trace_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verifier_verdicts),
		cmocka_unit_test(test_verifier_log_stats_line),
		cmocka_unit_test(test_verifier_time_travel),
	};

	return cmocka_run_group_tests_name("verifier", tests, NULL, NULL);
}
