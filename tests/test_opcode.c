/* Opcode table and decode helpers against the kernel's own rules.
 *
 * Validity is the kernel's bpf_opcode_in_insntable() (7.3 kernel/bpf/
 * core.c): its BPF_INSN_MAP has 121 rows and the function adds 8 more
 * (LD_ABS/LD_IND B/H/W, gotox, may_goto), so exactly 129 opcode bytes are
 * valid. The rejection rows come from the 7.3 selftests that load the
 * encoding and expect the kernel's error (tools/testing/selftests/bpf/
 * verifier/ *.c ".errstr", progs/ *.c __msg), file and line named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "opcode.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void test_opcode_valid_count(void **state)
{
	int valid = 0;

	(void)state;
	for (int code = 0; code < 256; code++) {
		const struct sim_opcode_info *info = sim_opcode((__u8)code);

		valid += info->valid;
		/* a valid row always says what it is, an invalid one never */
		assert_int_equal(info->valid, info->mnemonic != NULL);
		assert_int_equal(info->valid, info->kind != SIM_INSN_INVALID);
		assert_int_equal(sim_opcode_valid((__u8)code), info->valid);
	}
	assert_int_equal(valid, 121 + 8);
}

/* What the kernel said about an encoding. "unknown opcode XX" comes from
 * check_and_resolve_insns(), the rest from check_insn_fields(); NULL:
 * accepted by both (the program loaded in that selftest). */
static const struct {
	const char *source;
	struct bpf_insn insn;
	const char *kernel_error;
} kernel_verdicts[] = {
	{ "verifier/basic_call.c:7", { .code = BPF_JMP | BPF_CALL | BPF_X }, "unknown opcode 8d" },
	{ "verifier/basic_instr.c:191", { .code = BPF_ALU64 | BPF_END | BPF_TO_BE, .imm = 32 }, "unknown opcode df" },
	{ "verifier/junk_insn.c:7", { .code = 0 }, "unknown opcode 00" },
	{ "verifier/junk_insn.c:25", { .code = 0xff }, "unknown opcode ff" },
	{ "verifier/junk_insn.c:34", { .code = 0xff, .off = -1, .imm = -1 }, "unknown opcode ff" },
	{ "verifier/ld_abs.c:105", { .code = BPF_LD | BPF_ABS | BPF_DW }, "unknown opcode 38" },
	{ "verifier/ld_abs.c:117", { .code = BPF_LD | BPF_IND | BPF_DW }, "unknown opcode 58" },
	{ "progs/verifier_cfg.c:61", { .code = BPF_LDX | BPF_MEMSX | BPF_DW }, "unknown opcode 99" },
	{ "verifier/junk_insn.c:16", { .code = BPF_LDX | BPF_MEM | BPF_W, .imm = 1 }, "BPF_LDX uses reserved fields" },
	{ "verifier/junk_insn.c:43", { .code = 0x7f, .off = -1, .imm = -1 }, "BPF_ALU uses reserved fields" },
	{ "verifier/calls.c:434", { .code = BPF_JMP | BPF_CALL, .src_reg = 3 }, "BPF_CALL uses reserved fields" },
	{ "verifier/calls.c:447", { .code = BPF_JMP | BPF_CALL, .src_reg = 1, .off = -1, .imm = 2 }, "BPF_CALL uses reserved fields" },
	{ "progs/verifier_gotox.c:45", { .code = BPF_JMP | BPF_JA | BPF_X }, NULL },
	{ "progs/verifier_gotox.c:46", { .code = BPF_JMP | BPF_JA | BPF_X, .src_reg = 1 }, "BPF_JA|BPF_X uses reserved fields" },
	{ "progs/verifier_gotox.c:47", { .code = BPF_JMP | BPF_JA | BPF_X, .off = 1 }, "BPF_JA|BPF_X uses reserved fields" },
	{ "progs/verifier_gotox.c:48", { .code = BPF_JMP | BPF_JA | BPF_X, .imm = 1 }, "BPF_JA|BPF_X uses reserved fields" },
	/* encodings the accepted selftest programs of test_disasm.c use */
	{ "verifier_sdiv.c (r2 s/= r3)", { .code = BPF_ALU64 | BPF_DIV | BPF_X, .dst_reg = 2, .src_reg = 3, .off = 1 }, NULL },
	{ "verifier_sdiv.c (w1 s%= 3)", { .code = BPF_ALU | BPF_MOD | BPF_K, .dst_reg = 1, .off = 1, .imm = 3 }, NULL },
	{ "verifier_subprog_precision.c:138 ((s8))", { .code = BPF_ALU64 | BPF_MOV | BPF_X, .src_reg = 1, .off = 8 }, NULL },
	{ "verifier_precision.c:87 (bswap16)", { .code = BPF_ALU64 | BPF_END | BPF_TO_LE, .dst_reg = 2, .imm = 16 }, NULL },
	{ "compute_live_registers.c:377 (addr_space_cast)", { .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = 1, .off = 1, .imm = 1 }, NULL },
	{ "compute_live_registers.c:314 (may_goto)", { .code = BPF_JMP | BPF_JCOND, .off = 1 }, NULL },
	{ "compute_live_registers.c:292 (gotol)", { .code = BPF_JMP32 | BPF_JA, .imm = 1 }, NULL },
	{ "verifier_precision.c:108 (load_acquire)", { .code = BPF_STX | BPF_ATOMIC | BPF_DW, .dst_reg = 2, .src_reg = 10, .off = -8, .imm = BPF_LOAD_ACQ }, NULL },
	{ "verifier_live_stack.c:809 (kfunc, off = btf fd index)", { .code = BPF_JMP | BPF_CALL, .src_reg = 2, .off = 1, .imm = 77 }, NULL },
	{ "compute_live_registers.c:353 (ld_ind)", { .code = BPF_LD | BPF_IND | BPF_B, .src_reg = 3 }, NULL },
};

static void test_opcode_kernel_verdicts(void **state)
{
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(kernel_verdicts); i++) {
		const struct bpf_insn *insn = &kernel_verdicts[i].insn;
		const char *want = kernel_verdicts[i].kernel_error;
		char msg[128] = "";
		int err = 0;

		if (!sim_opcode_valid(insn->code))
			snprintf(msg, sizeof(msg), "unknown opcode %02x", insn->code);
		else
			err = sim_check_insn_fields(insn, msg, sizeof(msg));
		if (!want) {
			if (!sim_opcode_valid(insn->code) || err)
				print_error("%s: kernel accepted, sim says '%s'\n",
					    kernel_verdicts[i].source, msg);
			assert_true(sim_opcode_valid(insn->code));
			assert_int_equal(err, 0);
		} else {
			if (strcmp(msg, want))
				print_error("%s: kernel said '%s'\n", kernel_verdicts[i].source, want);
			assert_string_equal(msg, want);
		}
	}
}

/* The table's reading of individual opcode bytes (kernel names in
 * comments are the uapi macros that build them). */
static void test_opcode_rows(void **state)
{
	static const struct {
		__u8 code;
		enum sim_insn_kind kind;
		const char *mnemonic;
		unsigned size;
	} rows[] = {
		{ BPF_ALU64 | BPF_ADD | BPF_K, SIM_INSN_ALU, "add", 0 },
		{ BPF_ALU | BPF_ADD | BPF_X, SIM_INSN_ALU, "add32", 0 },
		{ BPF_ALU64 | BPF_DIV | BPF_X, SIM_INSN_ALU, "div", 0 },
		{ BPF_ALU | BPF_MOD | BPF_K, SIM_INSN_ALU, "mod32", 0 },
		{ BPF_ALU64 | BPF_MOV | BPF_X, SIM_INSN_MOV, "mov", 0 },
		{ BPF_ALU64 | BPF_NEG, SIM_INSN_NEG, "neg", 0 },
		{ BPF_ALU | BPF_NEG, SIM_INSN_NEG, "neg32", 0 },
		{ BPF_ALU | BPF_END | BPF_TO_BE, SIM_INSN_END, "be", 0 },
		{ BPF_ALU | BPF_END | BPF_TO_LE, SIM_INSN_END, "le", 0 },
		{ BPF_ALU64 | BPF_END | BPF_TO_LE, SIM_INSN_END, "bswap", 0 },
		{ BPF_LDX | BPF_MEM | BPF_B, SIM_INSN_LDX, "ldxb", 1 },
		{ BPF_LDX | BPF_MEM | BPF_DW, SIM_INSN_LDX, "ldxdw", 8 },
		{ BPF_LDX | BPF_MEMSX | BPF_H, SIM_INSN_LDX, "ldxsh", 2 },
		{ BPF_LDX | BPF_MEMSX | BPF_W, SIM_INSN_LDX, "ldxsw", 4 },
		{ BPF_ST | BPF_MEM | BPF_W, SIM_INSN_ST, "stw", 4 },
		{ BPF_STX | BPF_MEM | BPF_H, SIM_INSN_STX, "stxh", 2 },
		{ BPF_STX | BPF_ATOMIC | BPF_W, SIM_INSN_ATOMIC, "atomicw", 4 },
		{ BPF_STX | BPF_ATOMIC | BPF_B, SIM_INSN_ATOMIC, "atomicb", 1 },
		{ BPF_LD | BPF_IMM | BPF_DW, SIM_INSN_LD_IMM64, "lddw", 8 },
		{ BPF_LD | BPF_ABS | BPF_H, SIM_INSN_LD_ABS, "ldabsh", 2 },
		{ BPF_LD | BPF_IND | BPF_W, SIM_INSN_LD_IND, "ldindw", 4 },
		{ BPF_JMP | BPF_JA, SIM_INSN_JA, "ja", 0 },
		{ BPF_JMP32 | BPF_JA, SIM_INSN_JA, "gotol", 0 },
		{ BPF_JMP | BPF_JA | BPF_X, SIM_INSN_GOTOX, "gotox", 0 },
		{ BPF_JMP | BPF_JCOND, SIM_INSN_JCOND, "may_goto", 0 },
		{ BPF_JMP | BPF_JEQ | BPF_K, SIM_INSN_JCC, "jeq", 0 },
		{ BPF_JMP32 | BPF_JSLE | BPF_X, SIM_INSN_JCC, "jsle32", 0 },
		{ BPF_JMP | BPF_CALL, SIM_INSN_CALL, "call", 0 },
		{ BPF_JMP | BPF_EXIT, SIM_INSN_EXIT, "exit", 0 },
	};
	/* not in bpf_opcode_in_insntable(): the kernel says "unknown opcode" */
	static const __u8 invalid[] = {
		BPF_ALU | BPF_NEG | BPF_X, BPF_ALU64 | BPF_NEG | BPF_X,
		BPF_ALU | 0xe0, BPF_ALU64 | 0xf0 | BPF_X,           /* no such ALU op */
		BPF_JMP32 | BPF_CALL, BPF_JMP32 | BPF_EXIT, BPF_JMP32 | BPF_JA | BPF_X,
		BPF_JMP32 | BPF_JCOND, BPF_JMP | 0xf0,
		BPF_LD | BPF_IMM | BPF_W, BPF_LD | BPF_MEM | BPF_W,
		BPF_ST | BPF_ATOMIC | BPF_DW, BPF_ST | SIM_BPF_NOSPEC, /* internal */
		BPF_STX | BPF_MEMSX | BPF_W, BPF_STX | SIM_BPF_PROBE_ATOMIC | BPF_DW,
		BPF_LDX | BPF_ABS | BPF_W,
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const struct sim_opcode_info *info = sim_opcode(rows[i].code);

		assert_true(info->valid);
		assert_int_equal(info->kind, rows[i].kind);
		assert_string_equal(info->mnemonic, rows[i].mnemonic);
		assert_int_equal(info->size, rows[i].size);
	}
	for (size_t i = 0; i < ARRAY_LEN(invalid); i++) {
		if (sim_opcode_valid(invalid[i]))
			print_error("opcode %02x should be invalid\n", invalid[i]);
		assert_false(sim_opcode_valid(invalid[i]));
	}
	assert_string_equal(sim_insn_kind_name(SIM_INSN_LD_IMM64), "LD_IMM64");
	assert_non_null(strstr(sim_insn_kind_help(SIM_INSN_JCOND), "may_goto"));
}

/* Jump and call targets: goto uses off, gotol imm (cfg.c visit_insn()),
 * bpf-to-bpf calls and callback addresses imm; all relative to idx + 1. */
static void test_opcode_targets(void **state)
{
	static const struct {
		struct bpf_insn insn;
		bool has_target;
		bool cond;
		long target_from_10;
	} cases[] = {
		{ { .code = BPF_JMP | BPF_JA, .off = -4, .imm = 99 }, true, false, 7 },
		{ { .code = BPF_JMP32 | BPF_JA, .off = 99, .imm = -12 }, true, false, -1 },
		{ { .code = BPF_JMP | BPF_JEQ | BPF_K, .off = 2, .imm = 7 }, true, true, 13 },
		{ { .code = BPF_JMP32 | BPF_JGT | BPF_X, .off = -11 }, true, true, 0 },
		{ { .code = BPF_JMP | BPF_JCOND, .off = 1 }, true, true, 12 },
		{ { .code = BPF_JMP | BPF_CALL, .src_reg = BPF_PSEUDO_CALL, .imm = 15 }, true, false, 26 },
		{ { .code = BPF_LD | BPF_IMM | BPF_DW, .src_reg = BPF_PSEUDO_FUNC, .imm = 5 }, true, false, 16 },
		{ { .code = BPF_JMP | BPF_CALL, .imm = 1 }, false, false, 0 },
		{ { .code = BPF_JMP | BPF_EXIT }, false, false, 0 },
		{ { .code = BPF_JMP | BPF_JA | BPF_X, .dst_reg = 2 }, false, false, 0 },
		{ { .code = BPF_JMP32 | BPF_JA | BPF_X, .off = 3 }, false, false, 0 }, /* invalid */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct bpf_insn *insn = &cases[i].insn;

		assert_int_equal(sim_insn_has_target(insn), cases[i].has_target);
		assert_int_equal(sim_is_cond_jmp(insn), cases[i].cond);
		if (cases[i].has_target)
			assert_int_equal(sim_insn_target(insn, 10), cases[i].target_from_10);
	}
}

/* The predicates of opcode.h on the instruction forms they name. */
static void test_opcode_predicates(void **state)
{
	enum { LDIMM, HELPER, PSEUDO, KFUNC, EXIT, SDIV, MOVSX, BSWAP, LDSX, ACQ, REL, FETCH, ASCAST, PERCPU, GOTOX, MAYGOTO, STACKARG, NPRED };
	static const struct {
		struct bpf_insn insn;
		unsigned preds; /* bit per predicate above */
	} cases[] = {
		{ { .code = BPF_LD | BPF_IMM | BPF_DW, .src_reg = BPF_PSEUDO_MAP_FD }, 1u << LDIMM },
		{ { .code = BPF_JMP | BPF_CALL, .imm = 1 }, 1u << HELPER },
		{ { .code = BPF_JMP | BPF_CALL, .src_reg = 1, .imm = 3 }, 1u << PSEUDO },
		{ { .code = BPF_JMP | BPF_CALL, .src_reg = 2, .imm = 3 }, 1u << KFUNC },
		{ { .code = BPF_JMP | BPF_EXIT }, 1u << EXIT },
		{ { .code = BPF_ALU | BPF_MOD | BPF_X, .off = 1 }, 1u << SDIV },
		{ { .code = BPF_ALU | BPF_MOD | BPF_X }, 0 },
		{ { .code = BPF_ALU64 | BPF_MOV | BPF_X, .off = 32 }, 1u << MOVSX },
		{ { .code = BPF_ALU64 | BPF_MOV | BPF_X, .off = 1, .imm = 1 }, 1u << ASCAST },
		{ { .code = BPF_ALU64 | BPF_MOV | BPF_X, .off = -1 }, 1u << PERCPU },
		{ { .code = BPF_ALU64 | BPF_END | BPF_TO_LE, .imm = 16 }, 1u << BSWAP },
		{ { .code = BPF_ALU | BPF_END | BPF_TO_LE, .imm = 16 }, 0 },
		{ { .code = BPF_LDX | BPF_MEMSX | BPF_B }, 1u << LDSX },
		{ { .code = BPF_STX | BPF_ATOMIC | BPF_W, .imm = BPF_LOAD_ACQ }, 1u << ACQ },
		{ { .code = BPF_STX | BPF_ATOMIC | BPF_B, .imm = BPF_STORE_REL }, 1u << REL },
		{ { .code = BPF_STX | BPF_ATOMIC | BPF_DW, .imm = BPF_CMPXCHG }, 1u << FETCH },
		{ { .code = BPF_STX | BPF_ATOMIC | BPF_DW, .imm = BPF_ADD }, 0 },
		{ { .code = BPF_JMP | BPF_JA | BPF_X }, 1u << GOTOX },
		{ { .code = BPF_JMP | BPF_JCOND }, 1u << MAYGOTO },
		{ { .code = BPF_JMP | BPF_JCOND, .src_reg = 1 }, 0 },
		{ { .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = 11, .off = -8 }, 1u << STACKARG },
		{ { .code = BPF_STX | BPF_MEM | BPF_DW, .dst_reg = 11, .off = -4 }, 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct bpf_insn *in = &cases[i].insn;
		bool got[NPRED] = {
			[LDIMM] = sim_is_ld_imm64(in), [HELPER] = sim_is_helper_call(in),
			[PSEUDO] = sim_is_pseudo_call(in), [KFUNC] = sim_is_kfunc_call(in),
			[EXIT] = sim_is_exit(in), [SDIV] = sim_is_sdiv_smod(in),
			[MOVSX] = sim_is_movsx(in) && !sim_is_addr_space_cast(in),
			[BSWAP] = sim_is_bswap(in), [LDSX] = sim_is_ldsx(in),
			[ACQ] = sim_is_load_acquire(in), [REL] = sim_is_store_release(in),
			[FETCH] = sim_is_atomic_fetch(in), [ASCAST] = sim_is_addr_space_cast(in),
			[PERCPU] = sim_is_mov_percpu_addr(in), [GOTOX] = sim_is_gotox(in),
			[MAYGOTO] = sim_is_may_goto(in),
			[STACKARG] = sim_is_stack_arg_stx(in) || sim_is_stack_arg_st(in) ||
				     sim_is_stack_arg_ldx(in),
		};

		for (int p = 0; p < NPRED; p++) {
			if (got[p] != !!(cases[i].preds & (1u << p)))
				print_error("case %zu predicate %d\n", i, p);
			assert_int_equal(got[p], !!(cases[i].preds & (1u << p)));
		}
		assert_int_equal(sim_insn_slots(in), sim_is_ld_imm64(in) ? 2 : 1);
	}
}

/* check_insn_fields() on the reserved-field rules the selftests do not
 * load; each row's message is the kernel's string for that branch. */
static void test_opcode_field_rules(void **state)
{
	static const struct {
		struct bpf_insn insn;
		const char *error;
	} cases[] = {
		{ { .code = BPF_ALU64 | BPF_NEG, .imm = 1 }, "BPF_NEG uses reserved fields" },
		{ { .code = BPF_ALU | BPF_END | BPF_TO_BE, .imm = 8 }, "BPF_END uses reserved fields" },
		{ { .code = BPF_ALU | BPF_END | BPF_TO_BE, .imm = 64 }, NULL },
		{ { .code = BPF_ALU | BPF_MOV | BPF_X, .off = 32 }, "BPF_MOV uses reserved fields" },
		{ { .code = BPF_ALU | BPF_MOV | BPF_X, .off = 16 }, NULL },
		{ { .code = BPF_ALU64 | BPF_MOV | BPF_X, .off = 1, .imm = 2 },
		  "addr_space_cast insn can only convert between address space 1 and 0" },
		{ { .code = BPF_ALU64 | BPF_MOV | BPF_K, .off = 8 }, "BPF_MOV uses reserved fields" },
		{ { .code = BPF_ALU64 | BPF_ADD | BPF_K, .off = 1 }, "BPF_ALU uses reserved fields" },
		{ { .code = BPF_ALU64 | BPF_DIV | BPF_K, .off = 1, .imm = -1 }, NULL },
		{ { .code = BPF_JMP | BPF_JA, .imm = 1 }, "BPF_JA uses reserved fields" },
		{ { .code = BPF_JMP32 | BPF_JA, .off = 1 }, "BPF_JA uses reserved fields" },
		{ { .code = BPF_JMP | BPF_EXIT, .dst_reg = 1 }, "BPF_EXIT uses reserved fields" },
		{ { .code = BPF_JMP | BPF_JCOND, .imm = 5 }, "invalid may_goto imm 5" },
		{ { .code = BPF_JMP | BPF_JEQ | BPF_K, .src_reg = 1 }, "BPF_JMP/JMP32 uses reserved fields" },
		{ { .code = BPF_JMP32 | BPF_JEQ | BPF_X, .imm = 1 }, "BPF_JMP/JMP32 uses reserved fields" },
		{ { .code = BPF_ST | BPF_MEM | BPF_W, .src_reg = 1 }, "BPF_ST uses reserved fields" },
		{ { .code = BPF_STX | BPF_MEM | BPF_W, .imm = 1 }, "BPF_STX uses reserved fields" },
		{ { .code = BPF_STX | BPF_ATOMIC | BPF_W, .imm = 0x7777 }, NULL }, /* check_atomic()'s job */
		{ { .code = BPF_LD | BPF_ABS | BPF_W, .src_reg = 1 }, "BPF_LD_[ABS|IND] uses reserved fields" },
		{ { .code = BPF_LD | BPF_IND | BPF_W, .src_reg = 1 }, NULL },
		{ { .code = BPF_LD | BPF_MEM | BPF_W }, "invalid BPF_LD mode" },
		{ { .code = BPF_ALU | 0xe0 }, "invalid BPF_ALU opcode e0" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char msg[128] = "";
		int err = sim_check_insn_fields(&cases[i].insn, msg, sizeof(msg));

		if (cases[i].error) {
			assert_int_equal(err, -1);
			assert_string_equal(msg, cases[i].error);
		} else {
			assert_int_equal(err, 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest table[] = {
		cmocka_unit_test(test_opcode_valid_count),
		cmocka_unit_test(test_opcode_kernel_verdicts),
		cmocka_unit_test(test_opcode_rows),
	};
	const struct CMUnitTest decode[] = {
		cmocka_unit_test(test_opcode_targets),
		cmocka_unit_test(test_opcode_predicates),
		cmocka_unit_test(test_opcode_field_rules),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("opcode: table", table, NULL, NULL);
	failed += cmocka_run_group_tests_name("opcode: decode", decode, NULL, NULL);
	return failed;
}
