/* The simulated verifier on hand-written instruction streams: verdicts,
 * kernel error lines, error instructions, and time travel through the trace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "callbacks_core.h"
#include "object.h"
#include "print.h"
#include "check.h"
#include "ctx_access.h"
#include "state.h"
#include "trace.h"
#include "trace_internal.h"
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
#define STX_W(d, s, o) I(BPF_STX | BPF_MEM | BPF_W, d, s, o, 0)
#define AND64_IMM(d, i) I(BPF_ALU64 | BPF_AND | BPF_K, d, 0, 0, i)
#define JLT_IMM(d, i, o) I(BPF_JMP | BPF_JLT | BPF_K, d, 0, o, i)

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
	/* ctx_access.c: each program type's is_valid_access() */
	{ "socket filter: no skb->data", { LDX_W(0, 1, 76), EXIT() }, 2, BPF_PROG_TYPE_SOCKET_FILTER,
	  SIM_REJECTED, "invalid bpf_context access off=76 size=4", 0 },
	{ "socket filter: skb->len", { LDX_W(0, 1, 0), EXIT() }, 2, BPF_PROG_TYPE_SOCKET_FILTER,
	  SIM_ACCEPTED, NULL, -1 },
	{ "cgroup_skb: write mark", { MOV64_IMM(2, 0), STX_W(1, 2, 8), MOV64_IMM(0, 1), EXIT() }, 4,
	  BPF_PROG_TYPE_CGROUP_SKB, SIM_ACCEPTED, NULL, -1 },
	{ "cgroup_skb: write len", { MOV64_IMM(2, 0), STX_W(1, 2, 0), MOV64_IMM(0, 1), EXIT() }, 4,
	  BPF_PROG_TYPE_CGROUP_SKB, SIM_REJECTED, "invalid bpf_context access off=0 size=4", 1 },
	{ "kprobe: last pt_regs word", { LDX_DW(0, 1, 160), EXIT() }, 2, BPF_PROG_TYPE_KPROBE,
	  SIM_ACCEPTED, NULL, -1 },
	{ "kprobe: past pt_regs", { LDX_DW(0, 1, 168), EXIT() }, 2, BPF_PROG_TYPE_KPROBE,
	  SIM_REJECTED, "invalid bpf_context access off=168 size=8", 0 },
	{ "tracepoint: common header", { LDX_DW(0, 1, 0), EXIT() }, 2, BPF_PROG_TYPE_TRACEPOINT,
	  SIM_REJECTED, "invalid bpf_context access off=0 size=8", 0 },
	{ "tracepoint: first field", { LDX_DW(0, 1, 8), EXIT() }, 2, BPF_PROG_TYPE_TRACEPOINT,
	  SIM_ACCEPTED, NULL, -1 },
	/* check_program_structure(): the kernel's checks before do_check();
	 * its log names no instruction (the error insn is -1) */
	{ "jump out of range", { MOV64_IMM(0, 0), JEQ_IMM(0, 0, 5), EXIT() }, 3,
	  BPF_PROG_TYPE_SCHED_CLS, SIM_REJECTED, "jump out of range from insn 1 to 7", -1 },
	{ "invalid register", { MOV64_IMM(11, 0), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS,
	  SIM_REJECTED, "R11 is invalid", -1 },
	{ "unknown opcode", { I(0xff, 0, 0, 0, 0), MOV64_IMM(0, 0), EXIT() }, 3,
	  BPF_PROG_TYPE_SCHED_CLS, SIM_REJECTED, "unknown opcode ff", -1 },
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

static char *log_of(struct sim_trace *t, int level, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	sim_trace_print_log(t, level, &out);
	assert_non_null(sb->buf);
	return sb->buf;
}

static long stat_of(const char *log, const char *key)
{
	const char *p = strstr(log, key);

	assert_non_null(p);
	return strtol(p + strlen(key), NULL, 10);
}

/* The kernel's "most abusive loop" shape: no iteration's state matches an
 * earlier one. Checkpoints are added every 20 jumps / 100 insns, and live
 * checkpoints are evicted after misses (states.c), so the list at the loop
 * head stays short: the kernel reports max_states_per_insn 4 here. */
static void test_verifier_loop_checkpoints_evicted(void **state)
{
	static const struct vcase loop = {
		"counted loop",
		{ MOV64_IMM(1, 0), ADD64_IMM(1, 1), JLT_IMM(1, 3000, -2), MOV64_IMM(0, 0), EXIT() },
		5, BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1,
	};
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(&loop, 1);
	const char *log;

	(void)state;
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	assert_int_equal(sim_trace_insns_processed(t), 1 + 3000 * 2 + 2);
	log = log_of(t, 1, &sb);
	assert_in_range(stat_of(log, "max_states_per_insn "), 1, 5);
	/* one checkpoint per 20 jumps (20 iterations) + the first */
	assert_in_range(stat_of(log, "total_states "), 145, 155);
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* var_off prints as the kernel's tnum_strn(): "(0x0; 0xff)", never "(0; 0xff)" */
static void test_verifier_log_var_off(void **state)
{
	static const struct vcase masked = {
		"masked len", { LDX_W(0, 1, 0), AND64_IMM(0, 0xff), EXIT() }, 3,
		BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1,
	};
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(&masked, 2);
	const char *log;

	(void)state;
	log = log_of(t, 2, &sb);
	assert_non_null(strstr(log, "R0=scalar(smin=smin32=0,smax=umax=smax32=umax32=255,var_off=(0x0; 0xff))"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* 7.3's diagnostics block follows the classic error line */
static void test_verifier_log_diagnostics(void **state)
{
	static const struct vcase fallthrough = {
		"falls off the end", { MOV64_IMM(0, 0) }, 1, BPF_PROG_TYPE_SCHED_CLS,
		SIM_REJECTED, "last insn is not an exit or jmp", 0,
	};
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(&cases[6], 1);  /* deref scalar */
	const char *log;

	(void)state;
	log = log_of(t, 1, &sb);
	assert_non_null(strstr(log,
		"R1 invalid mem access 'scalar'\n"
		"\nVerification failed: Register Type Safety: Invalid dereference\n"
		"\nReason:\n  R1 is an integer scalar here, not a pointer to memory.\n"
		"\nAt:\n  insn 1\n"
		"       | ^-- error: invalid dereference of R1 (an integer scalar)\n"
		"  Instruction context:\n"
		"      0 | (b7) r1 = 0\n"
		"  >>> 1 | (61) r0 = *(u32 *)(r1 +0)\n"
		"      2 | (95) exit\n"
		/* bpf_diag_invalid_deref(): the register's causal path */
		"\nCausal path:\n  insn 0\n"
		"       | ^-- update: R1 changed from context pointer at offset 0 to integer scalar value 0\n"
		"  Instruction context:\n"
		"  >>> 0 | (b7) r1 = 0\n"
		"      1 | (61) r0 = *(u32 *)(r1 +0)\n"
		"      2 | (95) exit\n"
		"\nSuggestion:\n  Preserve a pointer-valued register"));
	assert_non_null(strstr(log, "that can invalidate it.\n\nprocessed 2 insns"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);

	t = run(&fallthrough, 1);
	assert_string_equal(sim_trace_error(t), fallthrough.error);
	log = log_of(t, 1, &sb);
	assert_non_null(strstr(log, "\nVerification failed: Program Structure: Subprogram can fall through\n"
				    "\nReason:\n  Subprogram 0 reaches its last instruction 0 without an exit or"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* BPF_F_TEST_STATE_FREQ (bpf_is_state_visited()'s env->test_state_freq):
 * a checkpoint at every prune point, so the taken branch of insn 2 meets
 * the fall-through's checkpoint at insn 4 and is pruned ("from 2 to 4: safe"); by
 * default 2 jumps and 8 insns must pass before a checkpoint is added. */
static void test_verifier_test_state_freq(void **state)
{
	static const struct bpf_insn insns[] = {
		LDX_W(2, 1, 0), MOV64_IMM(0, 0), JGT_IMM(2, 10, 1), MOV64_IMM(3, 1), EXIT(),
	};
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	struct sim_prog_view v = { .name = "freq", .insns = insns, .insn_cnt = 5,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .subprogs = &main_sp,
				   .subprog_cnt = 1 };
	struct sim_verify_opts o = { .log_level = 2 };
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t;
	const char *log;

	(void)state;
	t = sim_verify_view(&v, &o);
	log = log_of(t, 2, &sb);
	assert_null(strstr(log, "safe"));
	assert_int_equal(stat_of(log, "total_states "), 0);
	sim_strbuf_free(&sb);
	sim_trace_free(t);

	o.prog_flags = BPF_F_TEST_STATE_FREQ;
	t = sim_verify_view(&v, &o);
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	log = log_of(t, 2, &sb);
	assert_non_null(strstr(log, "\nfrom 2 to 4: safe\n"));
	assert_int_equal(stat_of(log, "total_states "), 2);
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* check_map_mem_read(): a constant-offset load from a frozen read-only map
 * (libbpf's .rodata: BPF_F_RDONLY_PROG, frozen) is the stored constant; from
 * a writable one (.data) an unknown scalar. */
static void test_verifier_rdonly_map_load(void **state)
{
	static const uint32_t image[2] = { 7, 0xfffffff9u };
	static const struct bpf_insn insns[] = {
		I(BPF_LD | BPF_IMM | BPF_DW, 1, BPF_PSEUDO_MAP_VALUE, 0, 0), I(0, 0, 0, 0, 0),
		LDX_W(0, 1, 0),
		I(BPF_LDX | BPF_MEMSX | BPF_W, 2, 1, 4, 0),
		EXIT(),
	};
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	struct sim_insn_reloc relocs[5] = {
		{ .map_idx = 0, .map_value = true }, { .map_idx = -1 }, { .map_idx = -1 },
		{ .map_idx = -1 }, { .map_idx = -1 },
	};
	struct sim_map m = { .name = "t.rodata", .section = ".rodata", .global_data = true,
			     .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 8,
			     .max_entries = 1, .map_flags = BPF_F_RDONLY_PROG,
			     .initial_value = image, .initial_size = sizeof(image) };
	struct sim_map_view mv = { .name = m.name, .type = BPF_MAP_TYPE_ARRAY, .key_size = 4,
				   .value_size = 8, .max_entries = 1, .map = &m };
	struct sim_prog_view v = { .name = "rodata", .insns = insns, .insn_cnt = 5,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .maps = &mv, .map_cnt = 1,
				   .relocs = relocs, .subprogs = &main_sp, .subprog_cnt = 1 };
	struct sim_verify_opts o = { .log_level = 2 };
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t;
	const char *log;

	(void)state;
	t = sim_verify_view(&v, &o);
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	log = log_of(t, 2, &sb);
	assert_non_null(strstr(log, "; R0=7 "));
	assert_non_null(strstr(log, " R2=-7\n"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);

	m.map_flags = 0;   /* .data: the program may write it */
	t = sim_verify_view(&v, &o);
	log = log_of(t, 2, &sb);
	assert_null(strstr(log, "R0=7"));
	assert_non_null(strstr(log, "; R0=scalar(smin=0,smax=umax=0xffffffff"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* every step materialises; the state after "r0 = 1" on the second path has R0=1 */
/* Precision backtracking (backtrack.c): a decided branch needs its
 * register precise; the walk back names each instruction it passes, through
 * a spill and fill, in the kernel's "mark_precise:" lines. */
static void test_verifier_precision_backtracking(void **state)
{
	static const struct {
		struct vcase c;
		const char *lines[4];
	} rows[] = {
		/* -5 does not fit 32 bits: bpf_compute_const_regs() does not
		 * know it, so bpf_prune_dead_branches() keeps the jump */
		{ { "const through mov",
		    { MOV64_IMM(2, -5), MOV64_REG(3, 2), JGT_IMM(3, 3, 1), MOV64_IMM(0, 1), MOV64_IMM(0, 0),
		      EXIT() }, 6, BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1 },
		  { "mark_precise: frame0: last_idx 2 first_idx 0 subseq_idx -1 \n",
		    "mark_precise: frame0: regs=r3 stack= before 1: (bf) r3 = r2\n",
		    "mark_precise: frame0: regs=r2 stack= before 0: (b7) r2 = -5\n", NULL } },
		{ { "const through the stack",
		    { MOV64_IMM(2, 7), STX_DW(10, 2, -8), LDX_DW(4, 10, -8), JGT_IMM(4, 3, 1),
		      MOV64_IMM(0, 1), MOV64_IMM(0, 0), EXIT() }, 7, BPF_PROG_TYPE_SCHED_CLS,
		    SIM_ACCEPTED, NULL, -1 },
		  { "mark_precise: frame0: regs=r4 stack= before 2: (79) r4 = *(u64 *)(r10 -8)\n",
		    "mark_precise: frame0: regs= stack=-8 before 1: (7b) *(u64 *)(r10 -8) = r2\n",
		    "mark_precise: frame0: regs=r2 stack= before 0: (b7) r2 = 7\n", NULL } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sim_strbuf sb = { 0 };
		struct sim_trace *t = run(&rows[i].c, 2);
		const char *log = log_of(t, 2, &sb);

		print_message("case: %s\n", rows[i].c.name);
		assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
		/* the entry state comes first, as the kernel prints it */
		assert_non_null(strstr(log, "0: R1=ctx() R10=fp0\n"));
		for (int j = 0; rows[i].lines[j]; j++)
			assert_non_null(strstr(log, rows[i].lines[j]));
		sim_strbuf_free(&sb);
		sim_trace_free(t);
	}
}

/* Register liveness (liveness.c): registers live before each instruction,
 * the kernel's "Live regs before insn" table. */
static void test_verifier_live_regs(void **state)
{
	static const struct {
		const char *name;
		struct bpf_insn insns[8];
		int cnt;
		uint16_t live[8];
	} rows[] = {
		/* r2 is overwritten before any read: dead at 0 */
		{ "overwrite", { MOV64_IMM(2, 1), MOV64_IMM(2, 2), MOV64_REG(0, 2), EXIT() }, 4,
		  { 0x000, 0x000, 0x004, 0x001 } },
		/* a branch keeps r3 alive on the path that reads it */
		{ "branch", { MOV64_IMM(3, 1), JEQ_IMM(1, 0, 1), MOV64_IMM(3, 2), MOV64_REG(0, 3), EXIT() },
		  5, { 0x002, 0x00a, 0x000, 0x008, 0x001 } },
		/* a helper call reads R1-R5 and writes R0-R5; r6 lives across */
		{ "call", { MOV64_IMM(6, 1), I(BPF_JMP | BPF_CALL, 0, 0, 0, BPF_FUNC_get_prandom_u32),
			    MOV64_REG(0, 6), EXIT() }, 4, { 0x03e, 0x07e, 0x040, 0x001 } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sim_env env = { 0 };

		print_message("case: %s\n", rows[i].name);
		env.insns = rows[i].insns;
		env.insn_cnt = rows[i].cnt;
		assert_int_equal(sim_compute_live_regs(&env), 0);
		for (int j = 0; j < rows[i].cnt; j++)
			assert_int_equal(env.live_regs_before[j], rows[i].live[j]);
		free(env.live_regs_before);
		free(env.zext_dst);
	}
}

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

/* A materialised step shows the state the log prints for it: the walk
 * cleans dead registers where it checks for equivalent states (prune
 * points), and 7.3 prints a step's state after the next instruction's
 * check. r3 is never read and r2 is dead after insn 2: at the jump target
 * insn 4, a prune point, both are cleared, so the state shown after insn 3
 * has neither. */
static void test_verifier_time_travel_cleaned(void **state)
{
	static const struct vcase c = {
		"dead registers", { MOV64_IMM(3, 7), LDX_W(2, 1, 0), JEQ_IMM(2, 0, 1), MOV64_IMM(2, 1),
				    MOV64_IMM(0, 0), EXIT() },
		6, BPF_PROG_TYPE_SCHED_CLS, SIM_ACCEPTED, NULL, -1 };
	struct sim_trace *t = run(&c, 2);
	bool saw_before = false, saw_after = false;

	(void)state;
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	for (size_t s = 0; s < sim_trace_steps(t); s++) {
		struct sim_state_view v;
		const struct sim_reg *r3;

		assert_int_equal(sim_trace_state_at(t, s, &v), 0);
		r3 = &sim_cur_frame(v.state)->regs[3];
		if (v.insn_idx == 0) {   /* insn 1 is no prune point: r3 still shown */
			assert_int_equal(r3->type, SCALAR_VALUE);
			assert_int_equal(r3->s.var_off.value, 7);
			saw_before = true;
		}
		if (v.insn_idx == 3) {
			assert_int_equal(r3->type, NOT_INIT);
			assert_int_equal(sim_cur_frame(v.state)->regs[2].type, NOT_INIT);
			saw_after = true;
		}
		sim_state_view_release(&v);
	}
	assert_true(saw_before);
	assert_true(saw_after);
	/* the log agrees: from insn 3 on, no state line names R3 */
	{
		struct sim_strbuf log = { 0 };
		struct sim_out out = sim_strbuf_out(&log);

		sim_trace_print_log(t, 2, &out);
		assert_non_null(log.buf);
		assert_non_null(strstr(log.buf, "R3=7"));
		/* the walk's line, not the preamble's indented listing */
		assert_non_null(strstr(log.buf, "\n3: (b7)"));
		assert_null(strstr(strstr(log.buf, "\n3: (b7)"), "R3="));
		sim_strbuf_free(&log);
	}
	sim_trace_free(t);
}

/* do_check() tests the 1M limit before it prints the instruction: the
 * error follows the previous instruction's line, which is the error insn */
static void test_verifier_insn_limit_error_insn(void **state)
{
	static const struct {
		uint32_t limit;
		int error_insn;
		const char *error;
	} rows[] = {
		/* insns run 0,1,2,1,2,...: the 11th is insn 2, after insn 1 */
		{ 10, 1, "BPF program is too large. Processed 11 insn" },
		/* the 12th is insn 1, after insn 2 */
		{ 11, 2, "BPF program is too large. Processed 12 insn" },
	};
	static const struct bpf_insn insns[] = {
		MOV64_IMM(1, 0), ADD64_IMM(1, 1), JLT_IMM(1, 3000, -2), MOV64_IMM(0, 0), EXIT(),
	};
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct sim_prog_view v = { .name = "limit", .insns = insns, .insn_cnt = 5,
					   .prog_type = BPF_PROG_TYPE_SCHED_CLS,
					   .subprogs = &main_sp, .subprog_cnt = 1 };
		struct sim_verify_opts o = { .log_level = 0, .insn_limit = rows[i].limit };
		struct sim_trace *t = sim_verify_view(&v, &o);

		assert_non_null(t);
		assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
		assert_string_equal(sim_trace_error(t), rows[i].error);
		assert_int_equal(sim_trace_error_insn(t), rows[i].error_insn);
		sim_trace_free(t);
	}
}

/* an event before the first step (a struct_ops __ref argument acquired
 * by the entry state) is kept, attached to step 0 */
static void test_verifier_event_before_first_step(void **state)
{
	static const struct bpf_insn insns[] = { MOV64_IMM(0, 0), EXIT() };
	struct sim_prog_view v = { .name = "ev", .insns = insns, .insn_cnt = 2,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS };
	struct sim_verify_opts o = { 0 };
	struct sim_trace *t = sim_trace_new(&v, &o);
	struct sim_trace_event ev;

	(void)state;
	assert_non_null(t);
	sim_trace_event(t, SIM_EV_LAB, "lab: acquire ref=%d insn=%d", 1, 0);
	sim_trace_step(t, 0, 0);
	sim_trace_event(t, SIM_EV_LAB, "lab: release ref=%d insn=%d", 1, 0);
	sim_trace_step(t, 0, 1);
	assert_int_equal(sim_trace_event_count(t, 0), 2);
	assert_int_equal(sim_trace_event_at(t, 0, 0, &ev), 0);
	assert_string_equal(ev.text, "lab: acquire ref=1 insn=0");
	assert_int_equal(sim_trace_event_at(t, 0, 1, &ev), 0);
	assert_string_equal(ev.text, "lab: release ref=1 insn=0");
	assert_int_equal(sim_trace_event_count(t, 1), 0);
	sim_trace_free(t);
}

/* check_sock_access(): the per-type is_valid_access() of socket pointers */
static void test_verifier_sock_access(void **state)
{
	static const struct {
		uint32_t type;
		int off, size;
		bool ok;
	} rows[] = {
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, state), 4, true },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, state), 1, true },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, mark), 4, true },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, mark), 2, false },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, src_ip6[1]), 4, true },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, dst_port), 2, true },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, dst_port), 4, true },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, dst_port) + 2, 2, false },
		{ PTR_TO_SOCKET, offsetof(struct bpf_sock, state) + 1, 2, false },
		{ PTR_TO_SOCKET, sizeof(struct bpf_sock), 4, false },
		{ PTR_TO_SOCKET, -4, 4, false },
		{ PTR_TO_SOCK_COMMON, offsetof(struct bpf_sock, family), 4, true },
		{ PTR_TO_SOCK_COMMON, offsetof(struct bpf_sock, type), 4, false },
		{ PTR_TO_SOCK_COMMON, offsetof(struct bpf_sock, priority), 4, false },
		{ PTR_TO_TCP_SOCK, offsetof(struct bpf_tcp_sock, bytes_received), 8, true },
		{ PTR_TO_TCP_SOCK, offsetof(struct bpf_tcp_sock, bytes_received), 4, false },
		{ PTR_TO_TCP_SOCK, offsetof(struct bpf_tcp_sock, snd_cwnd), 4, true },
		{ PTR_TO_XDP_SOCK, offsetof(struct bpf_xdp_sock, queue_id), 4, true },
		{ PTR_TO_XDP_SOCK, offsetof(struct bpf_xdp_sock, queue_id), 2, false },
		{ PTR_TO_CTX, 0, 4, false },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("row %zu\n", i);
		assert_int_equal(sim_sock_access_ok(rows[i].type, rows[i].off, rows[i].size),
				 rows[i].ok);
	}
}

/* push_callback_call() with set_loop_callback_state(): the pushed path
 * enters the callback in frame 1 with R1 an unknown scalar (the index),
 * R2 the caller's R3 (the context), R3-R5 unreadable, return range [0, 1] */
static void test_verifier_loop_callback_entry(void **state)
{
	static const struct bpf_insn insns[] = {
		MOV64_IMM(0, 0), EXIT(), MOV64_IMM(0, 0), EXIT(),
	};
	static const struct sim_subprog_view sps[] = {
		{ .start = 0, .name = "main" }, { .start = 2, .name = "cb" },
	};
	struct sim_prog_view v = { .name = "loop", .insns = insns, .insn_cnt = 4,
				   .prog_type = BPF_PROG_TYPE_SCHED_CLS, .subprogs = sps,
				   .subprog_cnt = 2 };
	struct sim_env env = { 0 };
	const struct sim_func *cb;
	const struct sim_state *st;

	(void)state;
	assert_true(sim_helper_callback_modelled(BPF_FUNC_loop));
	assert_false(sim_helper_callback_modelled(BPF_FUNC_map_lookup_elem));
	env.p = &v;
	env.insns = insns;
	env.insn_cnt = 4;
	env.insn_idx = 1;
	env.cur = sim_state_new();
	assert_non_null(env.cur);
	env.cur->frame[0] = sim_func_new(0, -1, 0);
	assert_non_null(env.cur->frame[0]);
	sim_reg_mark_known(&env.cur->frame[0]->regs[3], 42);
	sim_reg_mark_ptr(&env.cur->frame[0]->regs[SIM_FP], PTR_TO_STACK);
	assert_int_equal(sim_push_helper_callback(&env, BPF_FUNC_loop, 1), 0);
	assert_int_equal(env.stack_size, 1);
	assert_int_equal(env.stack[0].insn_idx, 2);
	st = env.stack[0].st;
	assert_int_equal(st->curframe, 1);
	cb = st->frame[1];
	assert_true(cb->in_callback_fn);
	assert_int_equal(cb->callsite, 1);
	assert_int_equal(cb->regs[1].type, SCALAR_VALUE);
	assert_false(sim_reg_is_const(&cb->regs[1]));
	assert_int_equal(cb->regs[2].type, SCALAR_VALUE);
	assert_int_equal(cb->regs[2].s.var_off.value, 42);
	for (int r = 3; r <= 5; r++)
		assert_int_equal(cb->regs[r].type, NOT_INIT);
	assert_int_equal(cb->regs[SIM_FP].type, PTR_TO_STACK);
	assert_int_equal(cb->regs[SIM_FP].frameno, 1);
	assert_int_equal(cb->callback_ret_min, 0);
	assert_int_equal(cb->callback_ret_max, 1);
	/* the caller's own state is untouched */
	assert_int_equal(env.cur->curframe, 0);
	sim_state_free(env.stack[0].st);
	free(env.stack);
	sim_state_free(env.cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verifier_verdicts),
		cmocka_unit_test(test_verifier_log_stats_line),
		cmocka_unit_test(test_verifier_time_travel),
		cmocka_unit_test(test_verifier_time_travel_cleaned),
		cmocka_unit_test(test_verifier_precision_backtracking),
		cmocka_unit_test(test_verifier_live_regs),
		cmocka_unit_test(test_verifier_loop_checkpoints_evicted),
		cmocka_unit_test(test_verifier_log_var_off),
		cmocka_unit_test(test_verifier_log_diagnostics),
		cmocka_unit_test(test_verifier_insn_limit_error_insn),
		cmocka_unit_test(test_verifier_event_before_first_step),
		cmocka_unit_test(test_verifier_sock_access),
		cmocka_unit_test(test_verifier_loop_callback_entry),
		cmocka_unit_test(test_verifier_test_state_freq),
		cmocka_unit_test(test_verifier_rdonly_map_load),
	};

	return cmocka_run_group_tests_name("verifier", tests, NULL, NULL);
}
