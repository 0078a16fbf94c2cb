/* BPF arenas (sim/arena.c): the program's arena map, addr_space_cast,
 * loads, stores and arithmetic through arena pointers, the needs_zext /
 * prevent_zext rule, "one arena per program", and the BTF type tag that
 * makes a global function's argument an arena pointer. Hand-built
 * instruction streams; each rule and message as Linux 7.3 has them
 * (kernel/bpf/verifier.c check_alu_op(), adjust_reg_min_max_vals(),
 * check_mem_access(), check_map_prog_compatibility(); btf.c
 * btf_scan_type_tags()). The selftests verifier_arena*.c are compared
 * against the real kernel by tools/faithfulness.py. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bpf/btf.h>

#include "arena.h"
#include "object.h"
#include "print.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define LD_ARENA(d) I(BPF_LD | BPF_IMM | BPF_DW, d, BPF_PSEUDO_MAP_VALUE, 0, 0), I(0, 0, 0, 0, 0)
/* rD = addr_space_cast(rS, 0, 1): to an arena pointer; imm 1 << 16 back */
#define CAST(d, s, imm) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, BPF_ADDR_SPACE_CAST, imm)
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define ADD64_REG(d, s) I(BPF_ALU64 | BPF_ADD | BPF_X, d, s, 0, 0)
#define STX_DW(d, s, o) I(BPF_STX | BPF_MEM | BPF_DW, d, s, o, 0)
#define ST_DW(d, o, i) I(BPF_ST | BPF_MEM | BPF_DW, d, 0, o, i)
#define LDX_DW(d, s, o) I(BPF_LDX | BPF_MEM | BPF_DW, d, s, o, 0)
#define JEQ_IMM(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#define MAX_INSNS 16

struct acase {
	struct bpf_insn insns[MAX_INSNS];
	int cnt;
	int arena_ld[2];       /* insns loading an arena global; -1: none */
	int arena_maps;        /* 0, 1 or 2 arena maps (the second loaded at arena_ld[1]) */
};

static struct sim_trace *run(const struct acase *c, int level)
{
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };
	static struct sim_map_view maps[2] = {
		{ .name = "arena", .type = BPF_MAP_TYPE_ARENA, .max_entries = 10 },
		{ .name = "arena2", .type = BPF_MAP_TYPE_ARENA, .max_entries = 10 },
	};
	static struct sim_insn_reloc relocs[MAX_INSNS];
	static struct sim_prog_view v;
	struct sim_verify_opts o = { .log_level = level };

	for (int i = 0; i < c->cnt; i++)
		relocs[i] = (struct sim_insn_reloc){ .map_idx = -1 };
	for (int k = 0; k < 2; k++)
		if (c->arena_ld[k] >= 0)
			relocs[c->arena_ld[k]] = (struct sim_insn_reloc){
				.map_idx = c->arena_maps > 1 ? k : 0, .map_value = true };
	v = (struct sim_prog_view){ .name = "arena_test", .insns = c->insns, .insn_cnt = c->cnt,
				    .prog_type = BPF_PROG_TYPE_SYSCALL, .maps = maps,
				    .map_cnt = c->arena_maps, .relocs = relocs,
				    .subprogs = &main_sp, .subprog_cnt = 1 };
	return sim_verify_view(&v, &o);
}

static char *log_of(struct sim_trace *t, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	sim_trace_print_log(t, 2, &out);
	assert_non_null(sb->buf);
	return sb->buf;
}

static void expect_reject(const struct acase *c, const char *err, int insn)
{
	struct sim_trace *t = run(c, 1);

	assert_non_null(t);
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), err);
	assert_int_equal(sim_trace_error_insn(t), insn);
	sim_trace_free(t);
}

/* check_alu_op(): the cast needs prog->aux->arena */
static void test_arena_cast_needs_arena(void **state)
{
	static const struct acase c = {
		{ MOV64_IMM(1, 0), CAST(2, 1, 1), MOV64_IMM(0, 0), EXIT() }, 4, { -1, -1 }, 0
	};

	(void)state;
	expect_reject(&c, "addr_space_cast insn can only be used in a program that has an associated arena",
		      1);
}

/* check_ld_imm(): an arena global is its user address, a scalar;
 * addr_space_cast(.., 0, 1) makes "arena", read and written without
 * bounds (check_mem_access()), arithmetic keeps it arena
 * (adjust_reg_min_max_vals()) */
static void test_arena_pointer(void **state)
{
	static const struct acase c = {
		{ LD_ARENA(1), CAST(1, 1, 1), ST_DW(1, 4096, 7), LDX_DW(2, 1, -8), MOV64_IMM(3, 9),
		  ADD64_REG(3, 1), STX_DW(3, 2, 30000), MOV64_IMM(0, 0), EXIT() },
		10, { 0, -1 }, 1
	};
	struct sim_strbuf sb = { 0 };
	struct sim_trace *t = run(&c, 2);
	const char *log;

	(void)state;
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	log = log_of(t, &sb);
	/* the global is a scalar, the cast an arena pointer */
	assert_non_null(strstr(log, "0: (18) r1 = "));
	assert_non_null(strstr(log, "; R1=scalar()\n"));
	assert_non_null(strstr(log, "2: (bf) r1 = addr_space_cast(r1, 0, 1)"));
	assert_non_null(strstr(log, "R1=arena"));
	/* a load gives an unknown scalar; scalar += arena is arena */
	assert_non_null(strstr(log, "4: (79) r2 = *(u64 *)(r1 -8)"));
	assert_non_null(strstr(log, "R2=scalar()"));
	assert_non_null(strstr(log, "6: (0f) r3 += r1"));
	assert_non_null(strstr(log, "R3=arena"));
	sim_strbuf_free(&sb);
	sim_trace_free(t);
}

/* addr_space_cast(.., 1, 0) (imm 1 << 16) gives a scalar: no access */
static void test_arena_cast_to_user(void **state)
{
	static const struct acase c = {
		{ LD_ARENA(1), CAST(1, 1, 1), CAST(2, 1, 1 << 16), LDX_DW(0, 2, 0), EXIT() },
		6, { 0, -1 }, 1
	};

	(void)state;
	expect_reject(&c, "R2 invalid mem access 'scalar'", 4);
}

/* adjust_reg_min_max_vals(): one 64-bit instruction seen first with
 * scalars (prevent_zext) and then with an arena pointer (needs_zext) */
static void test_arena_same_insn_both(void **state)
{
	static const struct acase c = {
		{ LD_ARENA(1), CAST(2, 1, 1), LDX_DW(0, 2, 0), JEQ_IMM(0, 0, 1), MOV64_IMM(2, 5),
		  ADD64_IMM(2, 1), MOV64_IMM(0, 0), EXIT() },
		9, { 0, -1 }, 1
	};

	(void)state;
	expect_reject(&c, "same insn cannot be used with and without arena pointer", 6);
}

/* the same with no arena map in the program: nothing to prevent */
static void test_arena_alu64_without_arena(void **state)
{
	static const struct acase c = {
		{ MOV64_IMM(2, 5), ADD64_IMM(2, 1), MOV64_IMM(0, 0), EXIT() }, 4, { -1, -1 }, 0
	};
	struct sim_trace *t = run(&c, 1);

	(void)state;
	assert_int_equal(sim_trace_verdict(t), SIM_ACCEPTED);
	sim_trace_free(t);
}

/* atomic_ptr_type_ok(): on arena memory the x86-64 JIT has atomic add,
 * xchg, cmpxchg, but no fetching and/or/xor (bpf_jit_supports_insn()) */
static void test_arena_atomics(void **state)
{
	static const int ok[] = { BPF_ADD, BPF_ADD | BPF_FETCH, BPF_AND, BPF_XCHG, BPF_CMPXCHG };
	static const int bad[] = { BPF_AND | BPF_FETCH, BPF_OR | BPF_FETCH, BPF_XOR | BPF_FETCH };
	struct acase c = {
		{ LD_ARENA(1), CAST(1, 1, 1), MOV64_IMM(0, 0), MOV64_IMM(2, 1),
		  I(BPF_STX | BPF_ATOMIC | BPF_DW, 1, 2, 0, 0), MOV64_IMM(0, 0), EXIT() },
		8, { 0, -1 }, 1
	};

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		struct sim_trace *t;

		c.insns[5].imm = ok[i];
		t = run(&c, 1);
		if (sim_trace_verdict(t) != SIM_ACCEPTED)
			fail_msg("atomic 0x%x: %s", ok[i], sim_trace_error(t) ? sim_trace_error(t) : "-");
		sim_trace_free(t);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		c.insns[5].imm = bad[i];
		expect_reject(&c, "BPF_ATOMIC stores into R1 arena is not allowed", 5);
	}
}

/* check_map_prog_compatibility(): prog->aux->arena is set once */
static void test_arena_one_per_program(void **state)
{
	static const struct acase c = {
		{ LD_ARENA(1), LD_ARENA(2), MOV64_IMM(0, 0), EXIT() }, 6, { 0, 2 }, 2
	};
	struct sim_trace *t = run(&c, 1);

	(void)state;
	assert_int_equal(sim_trace_verdict(t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(t), "Only one arena per program");
	sim_trace_free(t);
}

/* btf_scan_type_tags(): `u32 __arena *` (btf_type_tag("arena") after the
 * pointer) is an arena argument; the tag elsewhere, or a kflag tag, not */
static void test_arena_type_tag(void **state)
{
	struct btf *btf = btf__new_empty();
	int u32, tag, ptr, cptr, other, optr, kf, kptr, plain;

	(void)state;
	assert_non_null(btf);
	u32 = btf__add_int(btf, "u32", 4, 0);
	tag = btf__add_type_tag(btf, "arena", u32);
	ptr = btf__add_ptr(btf, tag);
	cptr = btf__add_const(btf, ptr);          /* modifiers before the pointer */
	other = btf__add_type_tag(btf, "user", u32);
	optr = btf__add_ptr(btf, other);
	kf = btf__add_type_attr(btf, "arena", u32); /* kflag set: an attribute */
	kptr = btf__add_ptr(btf, kf);
	plain = btf__add_ptr(btf, u32);
	assert_true(u32 > 0 && tag > 0 && ptr > 0 && cptr > 0 && optr > 0 && kptr > 0 && plain > 0);
	assert_true(sim_btf_type_tag_arena(btf, (uint32_t)ptr));
	assert_true(sim_btf_type_tag_arena(btf, (uint32_t)cptr));
	assert_false(sim_btf_type_tag_arena(btf, (uint32_t)optr));
	assert_false(sim_btf_type_tag_arena(btf, (uint32_t)kptr));
	assert_false(sim_btf_type_tag_arena(btf, (uint32_t)plain));
	assert_false(sim_btf_type_tag_arena(btf, (uint32_t)u32));
	assert_false(sim_btf_type_tag_arena(btf, (uint32_t)tag)); /* not a pointer */
	btf__free(btf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_cast_needs_arena),
		cmocka_unit_test(test_arena_pointer),
		cmocka_unit_test(test_arena_cast_to_user),
		cmocka_unit_test(test_arena_same_insn_both),
		cmocka_unit_test(test_arena_alu64_without_arena),
		cmocka_unit_test(test_arena_atomics),
		cmocka_unit_test(test_arena_one_per_program),
		cmocka_unit_test(test_arena_type_tag),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
