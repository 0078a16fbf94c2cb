/* BPF dynptrs (sim/dynptr.c) on hand-written instruction streams: each
 * case names the kernel rule it exercises (kernel/bpf/verifier.c of 7.3)
 * and the exact error line and instruction the kernel gives.
 *
 * The programs use a ring buffer map (maps[0]) and an array of 16-byte
 * values (maps[1]): bpf_ringbuf_reserve_dynptr() makes a referenced
 * dynptr at fp-16, bpf_ringbuf_submit_dynptr() releases it,
 * bpf_dynptr_data() slices it, bpf_dynptr_from_mem() makes a local one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "object.h"
#include "print.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX_DW(d, s, o) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define STX_DW(d, s, o) I(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define JEQ_IMM(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL(f) I(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
/* LD_IMM64 of maps[m] (a map pointer) or of its value (two slots) */
#define LD_MAP(d) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_FD, 0, 0), I(0, 0, 0, 0, 0)
#define LD_MAP_VALUE(d) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_VALUE, 0, 0), I(0, 0, 0, 0, 0)
/* LD_IMM64 of the subprogram @off instructions after the next one */
#define LD_FUNC(d, off) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_FUNC, 0, off), I(0, 0, 0, 0, 0)

/* r1 = ringbuf; r2 = 8; r3 = 0; r4 = fp-16; bpf_ringbuf_reserve_dynptr()
 * (insns 0-6, the call at 6) */
#define RESERVE_DYNPTR                                                          \
	LD_MAP(1), MOV64_IMM(2, 8), MOV64_IMM(3, 0), MOV64_REG(4, 10), ADD64_IMM(4, -16), \
		CALL(BPF_FUNC_ringbuf_reserve_dynptr)
/* r1 = fp-16; r2 = 0; bpf_ringbuf_submit_dynptr() (4 insns) */
#define SUBMIT_DYNPTR                                                           \
	MOV64_REG(1, 10), ADD64_IMM(1, -16), MOV64_IMM(2, 0), CALL(BPF_FUNC_ringbuf_submit_dynptr)

struct dcase {
	const char *name;
	struct bpf_insn insns[32];
	int cnt;
	int map_reloc[4];        /* instructions that load maps[1]'s value; -1 ends */
	enum sim_verdict verdict;
	const char *error;
	int error_insn;
	const char *log_has;     /* a text the level-2 log must contain, or NULL */
	const char *events;      /* the exact lab event stream, or NULL */
	int sub_start;           /* a second subprogram (a callback) from here; 0: none */
	uint32_t map0_type;      /* maps[0]'s type; 0: BPF_MAP_TYPE_RINGBUF */
};

static const struct dcase cases[] = {
	/* mark_stack_slots_dynptr(): a ringbuf dynptr owns an intermediate
	 * reference (ref 1, the dynptr's parent); never released, it leaks
	 * at exit (check_reference_leak()) */
	{ "ringbuf dynptr not released",
	  { RESERVE_DYNPTR, MOV64_IMM(0, 0), EXIT() }, 9, { -1 },
	  SIM_REJECTED, "Unreleased reference id=1 alloc_insn=6", 8,
	  "fp-16=dynptr_ringbuf(id=2,parent_id=1) refs=1", "lab: acquire ref=1 insn=6\n", 0, 0 },
	/* unmark_stack_slots_dynptr(): submit releases the parent reference */
	{ "ringbuf dynptr submitted",
	  { RESERVE_DYNPTR, SUBMIT_DYNPTR, MOV64_IMM(0, 0), EXIT() }, 13, { -1 },
	  SIM_ACCEPTED, NULL, -1, "fp-16=dynptr_ringbuf(id=2,parent_id=1) refs=1",
	  "lab: acquire ref=1 insn=6\nlab: release ref=1 insn=10\n", 0, 0 },
	/* bpf_dynptr_data(): RET_PTR_TO_DYNPTR_MEM_OR_NULL, NULL until checked */
	{ "dynptr slice without a NULL check",
	  { RESERVE_DYNPTR, MOV64_REG(1, 10), ADD64_IMM(1, -16), MOV64_IMM(2, 0), MOV64_IMM(3, 8),
	    CALL(BPF_FUNC_dynptr_data), LDX_DW(6, 0, 0), SUBMIT_DYNPTR, MOV64_IMM(0, 0), EXIT() },
	  19, { -1 }, SIM_REJECTED, "R0 invalid mem access 'mem_or_null'", 12,
	  "R0=mem_or_null(id=3,parent_id=2,sz=8)", NULL, 0, 0 },
	{ "dynptr slice with a NULL check",
	  { RESERVE_DYNPTR, MOV64_REG(1, 10), ADD64_IMM(1, -16), MOV64_IMM(2, 0), MOV64_IMM(3, 8),
	    CALL(BPF_FUNC_dynptr_data), JEQ_IMM(0, 0, 1), LDX_DW(6, 0, 0), SUBMIT_DYNPTR,
	    MOV64_IMM(0, 0), EXIT() },
	  20, { -1 }, SIM_ACCEPTED, NULL, -1, NULL, NULL, 0, 0 },
	/* release_reference(): the slice (parent_id = the dynptr's id) goes
	 * with the dynptr its parent reference took along */
	{ "dynptr slice used after submit",
	  { RESERVE_DYNPTR, MOV64_REG(1, 10), ADD64_IMM(1, -16), MOV64_IMM(2, 0), MOV64_IMM(3, 8),
	    CALL(BPF_FUNC_dynptr_data), JEQ_IMM(0, 0, 7), MOV64_REG(6, 0), SUBMIT_DYNPTR,
	    LDX_DW(0, 6, 0), EXIT(), SUBMIT_DYNPTR, MOV64_IMM(0, 0), EXIT() },
	  26, { -1 }, SIM_REJECTED, "R6 invalid mem access 'scalar'", 18, NULL, NULL, 0, 0 },
	/* process_dynptr_func(): is_dynptr_reg_valid_init() on stack that
	 * holds no dynptr */
	{ "uninit dynptr submitted",
	  { SUBMIT_DYNPTR, MOV64_IMM(0, 0), EXIT() }, 6, { -1 },
	  SIM_REJECTED, "Expected an initialized dynptr as R1", 3, NULL, NULL, 0, 0 },
	{ "uninit dynptr read",
	  { MOV64_REG(1, 10), ADD64_IMM(1, -24), MOV64_IMM(2, 8), MOV64_REG(3, 10),
	    ADD64_IMM(3, -16), MOV64_IMM(4, 0), MOV64_IMM(5, 0), CALL(BPF_FUNC_dynptr_read),
	    MOV64_IMM(0, 0), EXIT() }, 10, { -1 },
	  SIM_REJECTED, "Expected an initialized dynptr as R3", 7, NULL, NULL, 0, 0 },
	/* is_dynptr_type_expected(): a local dynptr is not a ringbuf one */
	{ "local dynptr submitted",
	  { LD_MAP_VALUE(1), MOV64_IMM(2, 16), MOV64_IMM(3, 0), MOV64_REG(4, 10), ADD64_IMM(4, -16),
	    CALL(BPF_FUNC_dynptr_from_mem), SUBMIT_DYNPTR, MOV64_IMM(0, 0), EXIT() }, 13, { 0, -1 },
	  SIM_REJECTED, "Expected a dynptr of type ringbuf as R1", 10,
	  "fp-16=dynptr_local(id=1)", NULL, 0, 0 },
	/* destroy_if_dynptr_stack_slot(): a ringbuf dynptr is the last one
	 * of its reference and may not be written over */
	{ "ringbuf dynptr overwritten",
	  { RESERVE_DYNPTR, MOV64_IMM(1, 0), STX_DW(10, 1, -16), SUBMIT_DYNPTR, MOV64_IMM(0, 0),
	    EXIT() }, 15, { -1 },
	  SIM_REJECTED, "cannot overwrite referenced dynptr", 8, NULL, NULL, 0, 0 },
	/* is_dynptr_reg_valid_uninit() + mark_stack_slots_dynptr(): a second
	 * constructor over a live local dynptr replaces it */
	{ "local dynptr made twice",
	  { LD_MAP_VALUE(1), MOV64_IMM(2, 16), MOV64_IMM(3, 0), MOV64_REG(4, 10), ADD64_IMM(4, -16),
	    CALL(BPF_FUNC_dynptr_from_mem), LD_MAP_VALUE(1), MOV64_IMM(2, 8), MOV64_IMM(3, 0),
	    MOV64_REG(4, 10), ADD64_IMM(4, -16), CALL(BPF_FUNC_dynptr_from_mem), MOV64_IMM(0, 0),
	    EXIT() }, 16, { 0, 7, -1 },
	  SIM_ACCEPTED, NULL, -1, "fp-16=dynptr_local(id=2)", NULL, 0, 0 },
	/* bpf_dynptr_from_mem(): the data must be a map value */
	{ "dynptr_from_mem of the stack",
	  { MOV64_REG(1, 10), ADD64_IMM(1, -32), MOV64_IMM(2, 0), STX_DW(10, 2, -32),
	    STX_DW(10, 2, -24), MOV64_IMM(2, 16), MOV64_IMM(3, 0), MOV64_REG(4, 10),
	    ADD64_IMM(4, -16), CALL(BPF_FUNC_dynptr_from_mem), MOV64_IMM(0, 0), EXIT() }, 12,
	  { -1 }, SIM_REJECTED, "Unsupported reg type fp for bpf_dynptr_from_mem data", 9, NULL,
	  NULL, 0, 0 },
	/* set_user_ringbuf_callback_state(): the callback's R1 is a
	 * CONST_PTR_TO_DYNPTR, which it may read but not release */
	{ "user ringbuf callback reads its dynptr",
	  { LD_MAP(1), LD_FUNC(2, 6), MOV64_IMM(3, 0), MOV64_IMM(4, 0),
	    CALL(BPF_FUNC_user_ringbuf_drain), MOV64_IMM(0, 0), EXIT(),
	    MOV64_IMM(2, 0), MOV64_IMM(3, 8), CALL(BPF_FUNC_dynptr_data), MOV64_IMM(0, 0), EXIT() },
	  14, { -1 }, SIM_ACCEPTED, NULL, -1, "R1=dynptr_ptr(id=1,type=local)", NULL, 9,
	  BPF_MAP_TYPE_USER_RINGBUF },
	{ "user ringbuf callback releases its dynptr",
	  { LD_MAP(1), LD_FUNC(2, 6), MOV64_IMM(3, 0), MOV64_IMM(4, 0),
	    CALL(BPF_FUNC_user_ringbuf_drain), MOV64_IMM(0, 0), EXIT(),
	    MOV64_IMM(2, 0), CALL(BPF_FUNC_ringbuf_discard_dynptr), MOV64_IMM(0, 0), EXIT() },
	  13, { -1 }, SIM_REJECTED, "CONST_PTR_TO_DYNPTR cannot be released", 10, NULL, NULL, 9,
	  BPF_MAP_TYPE_USER_RINGBUF },
};

static struct sim_trace *run(const struct dcase *c)
{
	static struct sim_map maps[2];
	static struct sim_map_view mv[2];
	static struct sim_insn_reloc relocs[32];
	static struct sim_subprog_view sp[2];
	static struct sim_prog_view v;
	struct sim_verify_opts o = { .log_level = 2 };

	maps[0] = (struct sim_map){ .name = "rb", .section = ".maps",
				    .type = c->map0_type ? c->map0_type : BPF_MAP_TYPE_RINGBUF,
				    .max_entries = 4096, .inner_map = -1 };
	sp[0] = (struct sim_subprog_view){ .start = 0, .name = "main" };
	sp[1] = (struct sim_subprog_view){ .start = c->sub_start, .name = "cb" };
	maps[1] = (struct sim_map){ .name = "arr", .section = ".maps", .type = BPF_MAP_TYPE_ARRAY,
				    .key_size = 4, .value_size = 16, .max_entries = 1,
				    .inner_map = -1 };
	for (int i = 0; i < 2; i++)
		mv[i] = (struct sim_map_view){ .name = maps[i].name, .type = maps[i].type,
					       .key_size = maps[i].key_size,
					       .value_size = maps[i].value_size,
					       .max_entries = maps[i].max_entries, .map = &maps[i] };
	for (int i = 0; i < 32; i++) {
		const struct bpf_insn *in = &c->insns[i];

		relocs[i] = (struct sim_insn_reloc){ .map_idx = -1 };
		if (i < c->cnt && in->code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    in->src_reg == BPF_PSEUDO_MAP_FD)
			relocs[i].map_idx = 0;
	}
	for (int k = 0; k < 4 && c->map_reloc[k] >= 0; k++)
		relocs[c->map_reloc[k]] = (struct sim_insn_reloc){ .map_idx = 1, .map_value = true };
	v = (struct sim_prog_view){ .name = c->name, .insns = c->insns, .insn_cnt = c->cnt,
				    .prog_type = BPF_PROG_TYPE_SOCKET_FILTER, .maps = mv,
				    .map_cnt = 2, .relocs = relocs, .subprogs = sp,
				    .subprog_cnt = c->sub_start ? 2 : 1 };
	return sim_verify_view(&v, &o);
}

static void test_dynptr_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct dcase *c = &cases[i];
		struct sim_strbuf log = { 0 }, ev = { 0 };
		struct sim_out lo = sim_strbuf_out(&log), eo = sim_strbuf_out(&ev);
		struct sim_trace *t = run(c);

		assert_non_null(t);
		print_message("case: %s\n", c->name);
		sim_trace_print_log(t, 2, &lo);
		sim_trace_print_events(t, &eo);
		if (sim_trace_verdict(t) != c->verdict)
			fail_msg("%s: verdict %d, expected %d (%s)\n%s", c->name, sim_trace_verdict(t),
				 c->verdict, sim_trace_error(t) ? sim_trace_error(t) : "-",
				 log.buf ? log.buf : "");
		if (c->error) {
			assert_string_equal(sim_trace_error(t), c->error);
			assert_int_equal(sim_trace_error_insn(t), c->error_insn);
		} else {
			assert_null(sim_trace_error(t));
		}
		if (c->log_has && !strstr(log.buf ? log.buf : "", c->log_has))
			fail_msg("%s: log lacks '%s':\n%s", c->name, c->log_has, log.buf ? log.buf : "");
		if (c->events)
			assert_string_equal(ev.buf ? ev.buf : "", c->events);
		sim_strbuf_free(&log);
		sim_strbuf_free(&ev);
		sim_trace_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dynptr_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
