/* Disassembler tests: every expected text below was printed by a kernel.
 *
 * Four sources, each row naming where its text came from:
 *
 *  selftest_log_lines  verifier-log lines with the opcode byte, from the
 *      __msg annotations of the 7.3 selftests (tools/testing/selftests/bpf/
 *      progs/ *.c, "file.c:line program[insn index]"). The encoding is the
 *      instruction at that index of the program as libbpf hands it to the
 *      kernel, read from the object clang-19 -mcpu=v4 built from that very
 *      file (subprograms appended depth-first and calls relocated the way
 *      libbpf's bpf_object__reloc_code() does; maps -> PSEUDO_MAP_FD,
 *      ksyms -> BTF_ID, kfunc externs -> PSEUDO_KFUNC_CALL named after the
 *      extern). MATCH_EXACT where the annotation shows where the
 *      instruction text ends ("{{$}}", the state column, a tab), otherwise
 *      MATCH_PREFIX (the annotation is a substring that stops early).
 *  selftest_xlated_lines  __xlated annotations and opcode-less __msg
 *      fragments: print_bpf_insn() text with the "(xx) " prefix stripped
 *      (and a call's "#id", as the selftests' disasm_helpers.c does). The
 *      encoding is that text assembled by LLVM's BPF assembler
 *      (llvm-mc-19 -mcpu=v4), an encoder independent of veristep.
 *  host_kernel_lines  forms no 7.3 annotation shows (movsx16/32, ldsx,
 *      lock or/and/xor, 32-bit fetch ops and xchg, more JMP32 and sdiv/smod
 *      immediates, unknown and unspec helpers), loaded as root into the
 *      build machine's running kernel (Linux 6.18.44) and copied from its
 *      level-2 log; its disasm.c prints them with 7.3's format strings.
 *  kernel_macro_lines  instructions only the kernel emits, their encoding
 *      taken from the kernel macro or BPF_RAW_INSN that builds them.
 *
 * The generator (extract.py / xlated.py / hostlog.c) is described in the
 * report of the session that wrote this file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>
#include <cmocka.h>

#include "disasm.h"
#include "opcode.h"

enum match {
	MATCH_EXACT,           /* the whole instruction text */
	MATCH_PREFIX,          /* the text starts with the expectation */
	MATCH_STRIPPED,        /* xlated form: "(xx) " and a call's "#id" cut */
	MATCH_STRIPPED_PREFIX,
};

struct logged_insn {
	const char *source;
	struct bpf_insn insn[2];
	const char *expected;
	enum match match;
	const char *kfunc;   /* name bpf_disasm_kfunc_name() would return */
	bool allow_ptr_leaks;
};

static const struct logged_insn selftest_log_lines[] = {
	{ "compute_live_registers.c:24 assign_chain[0]", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 42", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:25 assign_chain[1]", { { .code = 0xbf, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r1 = r0", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:26 assign_chain[2]", { { .code = 0xbf, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r2 = r1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:27 assign_chain[3]", { { .code = 0xbf, .dst_reg = 3, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r3 = r2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:28 assign_chain[4]", { { .code = 0xbf, .dst_reg = 4, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r4 = r3", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:29 assign_chain[5]", { { .code = 0xbf, .dst_reg = 5, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r5 = r4", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:30 assign_chain[6]", { { .code = 0xbf, .dst_reg = 6, .src_reg = 5, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r6 = r5", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:31 assign_chain[7]", { { .code = 0xbf, .dst_reg = 7, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r7 = r6", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:32 assign_chain[8]", { { .code = 0xbf, .dst_reg = 8, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r8 = r7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:33 assign_chain[9]", { { .code = 0xbf, .dst_reg = 9, .src_reg = 8, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r9 = r8", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:34 assign_chain[10]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 9, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = r9", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:35 assign_chain[11]", { { .code = 0x95, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(95) exit", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:56 arithmetics[0]", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r1 = 7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:57 arithmetics[1]", { { .code = 0x07, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r1 += 7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:58 arithmetics[2]", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r2 = 7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:59 arithmetics[3]", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r3 = 42", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:60 arithmetics[4]", { { .code = 0x0f, .dst_reg = 2, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r2 += r3", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:61 arithmetics[5]", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 0", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:79 store[1]", { { .code = 0x07, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = -8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r1 += -8", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:80 store[2]", { { .code = 0x7a, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r1 +0) = 7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:81 store[3]", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r2 = 42", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:82 store[4]", { { .code = 0x7b, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r1 +0) = r2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:102 load[1]", { { .code = 0x07, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = -8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r4 += -8", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:103 load[2]", { { .code = 0x79, .dst_reg = 5, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r5 = *(u64 *)(r4 +0)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:119 endian[0]", { { .code = 0x61, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r2 = *(u32 *)(r1 +0)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:120 endian[1]", { { .code = 0xd4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 64 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(d4) r2 = le64 r2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:121 endian[2]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = r2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:134 atomic[8]", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r1 = 1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:135 atomic[9]", { { .code = 0xdb, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r1 = atomic64_fetch_add((u64 *)(r0 +0), r1)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:136 atomic[10]", { { .code = 0xc3, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(c3) lock *(u32 *)(r0 +0) += r1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:137 atomic[11]", { { .code = 0xdb, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 225 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r1 = atomic64_xchg((u64 *)(r0 +0), r1)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:138 atomic[12]", { { .code = 0xbf, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r2 = r0", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:139 atomic[13]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = r1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:140 atomic[14]", { { .code = 0xdb, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 241 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r0 = atomic64_cmpxchg((u64 *)(r2 +0), r0, r1)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:170 atomic_load_acq_store_rel[2]", { { .code = 0xdb, .dst_reg = 2, .src_reg = 1, .off = -8, .imm = 272 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) store_release((u64 *)(r2 -8), r1)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:171 atomic_load_acq_store_rel[3]", { { .code = 0xbf, .dst_reg = 3, .src_reg = 10, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r3 = r10", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:172 atomic_load_acq_store_rel[4]", { { .code = 0xdb, .dst_reg = 4, .src_reg = 3, .off = -8, .imm = 256 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r4 = load_acquire((u64 *)(r3 -8))", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:195 regular_call[4]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 6 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_trace_printk#6", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:196 regular_call[5]", { { .code = 0x0f, .dst_reg = 0, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r0 += r7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:214 if1[2]", { { .code = 0x25, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r1 > 0x7 goto pc+1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:229 if2[3]", { { .code = 0x2d, .dst_reg = 1, .src_reg = 3, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(2d) if r1 > r3 goto pc+1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:246 if3_jset_bug[2]", { { .code = 0x45, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(45) if r1 & 0x7 goto pc+1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:261 loop[0]", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r1 = 0", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:263 loop[2]", { { .code = 0x25, .dst_reg = 1, .src_reg = 0, .off = 4, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r1 > 0x7 goto pc+4", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:264 loop[3]", { { .code = 0x07, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r1 += 1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:265 loop[4]", { { .code = 0x27, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(27) r2 *= 2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:266 loop[5]", { { .code = 0x05, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(05) goto pc+0", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:267 loop[6]", { { .code = 0x05, .dst_reg = 0, .src_reg = 0, .off = -5, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(05) goto pc-5", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:290 gotol[2]", { { .code = 0x25, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r1 > 0x7 goto pc+2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:292 gotol[4]", { { .code = 0x06, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(06) gotol pc+1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:293 gotol[5]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = r3", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:314 may_goto[1]", { { .code = 0xe5, .dst_reg = 0, .src_reg = 0, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(e5) may_goto pc+1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:315 may_goto[2]", { { .code = 0x05, .dst_reg = 0, .src_reg = 0, .off = -3, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(05) goto pc-3", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:334 ldimm64[1]", { { .code = 0x18, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(18) r2 = 0x7", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:335 ldimm64[3]", { { .code = 0x0f, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r0 += r2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:350 ldabs[2]", { { .code = 0x30, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(30) r0 = *(u8 *)skb[42]", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:351 ldabs[3]", { { .code = 0x0f, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r7 += r0", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:353 ldabs[5]", { { .code = 0x50, .dst_reg = 0, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(50) r0 = *(u8 *)skb[r3 + 0]", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:376 addr_space_cast[6]", { { .code = 0x85, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_arena_alloc_pages", MATCH_PREFIX, "bpf_arena_alloc_pages", true },
	{ "compute_live_registers.c:377 addr_space_cast[7]", { { .code = 0xbf, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r1 = addr_space_cast(r0, 0, 1)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:412 subprog1[1]", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r2 = 2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:413 subprog1[2]", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r3 = 3", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:415 subprog1[3]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:438 gotox[2]", { { .code = 0x07, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r1 += 8", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:439 gotox[3]", { { .code = 0x79, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r2 = *(u64 *)(r1 +0)", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:440 gotox[4]", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r3 = 1", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:441 gotox[5]", { { .code = 0xb7, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r4 = 2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:442 gotox[6]", { { .code = 0x0d, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0d) gotox r2", MATCH_PREFIX, NULL, true },
	{ "compute_live_registers.c:445 gotox[9]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = r4", MATCH_PREFIX, NULL, true },
	{ "test_global_func15.c:30 global_func15_tricky_pruning[2]", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 1", MATCH_PREFIX, NULL, true },
	{ "test_global_func15.c:32 global_func15_tricky_pruning[0]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_get_prandom_u32#7", MATCH_PREFIX, NULL, true },
	{ "verifier_align.c:434 dubious_pointer_arithmetic[12]", { { .code = 0x07, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 4 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r4 += 4", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:929 non_const_xor_src_dst[5]", { { .code = 0xaf, .dst_reg = 0, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(af) r0 ^= r6", MATCH_EXACT, NULL, true },
	{ "verifier_bounds.c:950 non_const_or_src_dst[5]", { { .code = 0x4f, .dst_reg = 0, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(4f) r0 |= r6", MATCH_EXACT, NULL, true },
	{ "verifier_bounds.c:971 non_const_mul_regs[5]", { { .code = 0x2f, .dst_reg = 0, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(2f) r0 *= r6", MATCH_EXACT, NULL, true },
	{ "verifier_bounds.c:1378 add64_full_overflow[5]", { { .code = 0x0f, .dst_reg = 3, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r3 += r3", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1418 add32_full_overflow[4]", { { .code = 0x0c, .dst_reg = 3, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0c) w3 += w3", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1458 sub64_full_overflow[6]", { { .code = 0x1f, .dst_reg = 3, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1f) r3 -= r1", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1479 sub64_partial_overflow[3]", { { .code = 0x1f, .dst_reg = 3, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1f) r3 -= r2", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1498 sub32_full_overflow[5]", { { .code = 0x1c, .dst_reg = 3, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1c) w3 -= w1", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1519 sub32_partial_overflow[3]", { { .code = 0x1c, .dst_reg = 3, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1c) w3 -= w2", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1575 bounds_deduct_negative_overlap[7]", { { .code = 0x1f, .dst_reg = 0, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1f) r0 -= r6", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1619 bounds_deduct_positive_overlap[3]", { { .code = 0x2d, .dst_reg = 0, .src_reg = 1, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(2d) if r0 > r1", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1875 bounds_refinement_tnum_umax[3]", { { .code = 0x15, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 224 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(15) if r0 == 0xe0", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1904 bounds_refinement_tnum_umin[3]", { { .code = 0x15, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 241 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(15) if r0 == 0xf1", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1937 bounds_refinement_tnum_middle[3]", { { .code = 0xa5, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 1999 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(a5) if r0 < 0x7cf", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1960 bounds_refinement_several_overlaps[2]", { { .code = 0x25, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r0 > 0x1", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:1982 bounds_refinement_multiple_overlaps[2]", { { .code = 0x25, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 16 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r0 > 0x10", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:2048 refinement_32bounds_not_overwriting_64bounds[3]", { { .code = 0x65, .dst_reg = 0, .src_reg = 0, .off = 3, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(65) if r0 s> 0x2", MATCH_PREFIX, NULL, true },
	{ "verifier_bounds.c:2050 refinement_32bounds_not_overwriting_64bounds[4]", { { .code = 0x25, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 19 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r0 > 0x13", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:28 simple_read_simple_write[0]", { { .code = 0x79, .dst_reg = 1, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r1 = *(u64 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:29 simple_read_simple_write[1]", { { .code = 0x79, .dst_reg = 2, .src_reg = 10, .off = -24, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r2 = *(u64 *)(r10 -24)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:30 simple_read_simple_write[2]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -8) = r1", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:44 read_write_join[2]", { { .code = 0x79, .dst_reg = 0, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:45 read_write_join[6]", { { .code = 0x79, .dst_reg = 0, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r10 -16)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:66 must_write_not_same_slot[6]", { { .code = 0x7b, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r2 +0) = r0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:86 must_write_not_same_type[0]", { { .code = 0x7a, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r10 -8) = 0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:87 must_write_not_same_type[5]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_map_lookup_elem#1", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:113 caller_stack_write[2]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+1", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:115 caller_stack_write[4]", { { .code = 0x7a, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r1 +0) = 7", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:138 caller_stack_read[2]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 4 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:139 caller_stack_read[5]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:141 caller_stack_read[7]", { { .code = 0x79, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r1 +0)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:198 caller_stack_pruning[4]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -8) = r0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:203 caller_stack_pruning[10]", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:204 caller_stack_pruning[11]", { { .code = 0x05, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(05) goto pc+0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:385 subprog_precise_stack_access[6]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:809 kfunc_iter_stack_liveness[6]", { { .code = 0x85, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_iter_num_new", MATCH_PREFIX, "bpf_iter_num_new", true },
	{ "verifier_live_stack.c:810 kfunc_iter_stack_liveness[9]", { { .code = 0x85, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_iter_num_next", MATCH_PREFIX, "bpf_iter_num_next", true },
	{ "verifier_live_stack.c:811 kfunc_iter_stack_liveness[14]", { { .code = 0x85, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_iter_num_destroy", MATCH_PREFIX, "bpf_iter_num_destroy", true },
	{ "verifier_live_stack.c:932 four_byte_write_kills_slot[1]", { { .code = 0x62, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(62) *(u32 *)(r10 -8) = 0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:962 dead_half_spi_write[2]", { { .code = 0x61, .dst_reg = 0, .src_reg = 10, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r0 = *(u32 *)(r10 -4)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:986 four_byte_read_upper_half[1]", { { .code = 0x61, .dst_reg = 0, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r0 = *(u32 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1013 two_byte_write_no_kill[1]", { { .code = 0x6a, .dst_reg = 10, .src_reg = 0, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(6a) *(u16 *)(r10 -4) = 0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1039 one_byte_write_no_kill[1]", { { .code = 0x72, .dst_reg = 10, .src_reg = 0, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(72) *(u8 *)(r10 -4) = 0", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:1064 high_stack_second_bitmask_word[1]", { { .code = 0x79, .dst_reg = 0, .src_reg = 10, .off = -264, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r10 -264)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1090 two_four_byte_writes_kill_full_spi[1]", { { .code = 0x62, .dst_reg = 10, .src_reg = 0, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(62) *(u32 *)(r10 -4) = 0", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1121 both_branches_kill_slot[1]", { { .code = 0x55, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(55) if r0 != 0x0 goto pc+2", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:1123 both_branches_kill_slot[3]", { { .code = 0x05, .dst_reg = 0, .src_reg = 0, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(05) goto pc+1", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:1362 conditional_stx_in_subprog[4]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+2", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1394 multiple_callsites_different_offsets[4]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 5 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:1505 return_site_liveness_bleeding[3]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 6 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:1525 callback_conditional_read_beyond_ctx[9]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 181 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_loop#181", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1561 callback_write_before_read_kills[14]", { { .code = 0x7b, .dst_reg = 6, .src_reg = 7, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r6 -8) = r7", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1562 callback_write_before_read_kills[15]", { { .code = 0x79, .dst_reg = 0, .src_reg = 6, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r6 -8)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:1643 callback_two_calls_different_ctx[8]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 181 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_loop", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:2387 shared_instance_must_write_overwrite[17]", { { .code = 0x7a, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r1 +0) = 42", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:2388 shared_instance_must_write_overwrite[18]", { { .code = 0x79, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r2 +0)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:2565 spill_join_with_multi_off[20]", { { .code = 0x79, .dst_reg = 0, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r10 -16)", MATCH_PREFIX, NULL, true },
	{ "verifier_live_stack.c:2566 spill_join_with_multi_off[21]", { { .code = 0x79, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r0 +0)", MATCH_EXACT, NULL, true },
	{ "verifier_live_stack.c:2667 st_imm_join_with_multi_off[15]", { { .code = 0x7a, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r1 +0) = 0", MATCH_EXACT, NULL, true },
	{ "verifier_precision.c:19 bpf_neg[3]", { { .code = 0xbf, .dst_reg = 1, .src_reg = 10, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r1 = r10", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:20 bpf_neg[2]", { { .code = 0x55, .dst_reg = 2, .src_reg = 0, .off = 2, .imm = -8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(55) if r2 != 0xfffffff8 goto pc+2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:21 bpf_neg[1]", { { .code = 0x87, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(87) r2 = -r2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:22 bpf_neg[0]", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r2 = 8", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:40 bpf_end_to_le[2]", { { .code = 0x55, .dst_reg = 2, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(55) if r2 != 0x0 goto pc+2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:41 bpf_end_to_le[1]", { { .code = 0xd4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 16 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(d4) r2 = le16 r2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:42 bpf_end_to_le[0]", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r2 = 0", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:62 bpf_end_to_be[1]", { { .code = 0xdc, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 16 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(dc) r2 = be16 r2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:87 bpf_end_bswap[1]", { { .code = 0xd7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 16 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(d7) r2 = bswap16 r2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:108 bpf_load_acquire[2]", { { .code = 0xdb, .dst_reg = 2, .src_reg = 10, .off = -8, .imm = 256 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r2 = load_acquire((u64 *)(r10 -8))", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:109 bpf_load_acquire[1]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -8) = r1", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:110 bpf_load_acquire[0]", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r1 = 8", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:129 bpf_store_release[3]", { { .code = 0xbf, .dst_reg = 2, .src_reg = 10, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r2 = r10", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:130 bpf_store_release[2]", { { .code = 0x79, .dst_reg = 1, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r1 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:131 bpf_store_release[1]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 272 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) store_release((u64 *)(r10 -8), r1)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:162 state_loop_first_last_equal[2]", { { .code = 0x07, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r0 += 1", MATCH_EXACT, NULL, true },
	{ "verifier_precision.c:163 state_loop_first_last_equal[3]", { { .code = 0x35, .dst_reg = 0, .src_reg = 0, .off = 1, .imm = 10 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(35) if r0 >= 0xa goto pc+1", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:165 state_loop_first_last_equal[2]", { { .code = 0x07, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r0 += 1", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:167 state_loop_first_last_equal[4]", { { .code = 0x05, .dst_reg = 0, .src_reg = 0, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(05) goto pc-4", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:205 bpf_cond_op_r10[8]", { { .code = 0xbd, .dst_reg = 2, .src_reg = 10, .off = 3, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bd) if r2 <= r10 goto pc+3", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:206 bpf_cond_op_r10[9]", { { .code = 0x35, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = -1835016 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(35) if r1 >= 0xffe3fff8 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:207 bpf_cond_op_r10[10]", { { .code = 0xb5, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b5) if r2 <= 0x8 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:225 bpf_cond_op_not_r10[4]", { { .code = 0xbd, .dst_reg = 3, .src_reg = 2, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bd) if r3 <= r2 goto pc+1", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:226 bpf_cond_op_not_r10[5]", { { .code = 0xb5, .dst_reg = 2, .src_reg = 0, .off = 2, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b5) if r2 <= 0x8 goto pc+2", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:245 bpf_neg_2[0]", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 1", MATCH_EXACT, NULL, true },
	{ "verifier_precision.c:246 bpf_neg_2[1]", { { .code = 0x84, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(84) w0 = -w0", MATCH_EXACT, NULL, true },
	{ "verifier_precision.c:248 bpf_neg_2[1]", { { .code = 0x84, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(84) w0 = -w0", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:281 bpf_neg_4[1]", { { .code = 0x87, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(87) r0 = -r0", MATCH_EXACT, NULL, true },
	{ "verifier_precision.c:283 bpf_neg_4[1]", { { .code = 0x87, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(87) r0 = -r0", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:316 bpf_atomic_fetch_add_precision[3]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 2, .off = -8, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r2 = atomic64_fetch_add((u64 *)(r10 -8), r2)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:340 bpf_atomic_xchg_precision[3]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 2, .off = -8, .imm = 225 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r2 = atomic64_xchg((u64 *)(r10 -8), r2)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:364 bpf_atomic_fetch_or_precision[3]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 2, .off = -8, .imm = 65 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r2 = atomic64_fetch_or((u64 *)(r10 -8), r2)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:388 bpf_atomic_fetch_and_precision[3]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 2, .off = -8, .imm = 81 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r2 = atomic64_fetch_and((u64 *)(r10 -8), r2)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:412 bpf_atomic_fetch_xor_precision[3]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 2, .off = -8, .imm = 161 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r2 = atomic64_fetch_xor((u64 *)(r10 -8), r2)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:436 bpf_atomic_cmpxchg_precision[4]", { { .code = 0xdb, .dst_reg = 10, .src_reg = 2, .off = -8, .imm = 241 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r2)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:467 bpf_atomic_fetch_add_dual_precision[4]", { { .code = 0x79, .dst_reg = 3, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r3 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:498 bpf_atomic_cmpxchg_dual_precision[2]", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 8", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:525 bpf_atomic_fetch_add_map_precision[10]", { { .code = 0x57, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(57) r1 &= 7", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:555 bpf_atomic_cmpxchg_map_precision[12]", { { .code = 0x57, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(57) r0 &= 7", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:556 bpf_atomic_cmpxchg_map_precision[11]", { { .code = 0xdb, .dst_reg = 6, .src_reg = 1, .off = 0, .imm = 241 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(db) r0 = atomic64_cmpxchg((u64 *)(r6 +0), r0, r1)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:588 bpf_atomic_fetch_add_32bit_precision[9]", { { .code = 0xc3, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(c3) r1 = atomic_fetch_add((u32 *)(r0 +0), r1)", MATCH_PREFIX, NULL, true },
	{ "verifier_precision.c:618 bpf_atomic_cmpxchg_32bit_precision[11]", { { .code = 0xc3, .dst_reg = 6, .src_reg = 1, .off = 0, .imm = 241 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(c3) r0 = atomic_cmpxchg((u32 *)(r6 +0), r0, r1)", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:23 linked_regs_bpf_k[6]", { { .code = 0x0f, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r3 += r0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:24 linked_regs_bpf_k[4]", { { .code = 0x25, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r1 > 0x7 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:67 linked_regs_bpf_x_src[5]", { { .code = 0x2d, .dst_reg = 1, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(2d) if r1 > r3 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:69 linked_regs_bpf_x_src[4]", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r3 = 7", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:141 linked_regs_broken_link[5]", { { .code = 0x25, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r0 > 0x7 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:179 precision_many_frames[17]", { { .code = 0x0f, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r2 += r1", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:197 precision_many_frames[9]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+3", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:203 precision_many_frames[8]", { { .code = 0xbf, .dst_reg = 7, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r7 = r1", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:204 precision_many_frames[7]", { { .code = 0xbf, .dst_reg = 6, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r6 = r1", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:213 precision_many_frames[3]", { { .code = 0xbf, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r6 = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:215 precision_many_frames[1]", { { .code = 0x57, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 255 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(57) r0 &= 255", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:278 precision_stack[9]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 1, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -16) = r1", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:332 precision_two_ids[12]", { { .code = 0x0f, .dst_reg = 3, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r3 += r7", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:334 precision_two_ids[9]", { { .code = 0x25, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r7 > 0x7 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:336 precision_two_ids[3]", { { .code = 0xbf, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r7 = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:339 precision_two_ids[13]", { { .code = 0x0f, .dst_reg = 3, .src_reg = 9, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r3 += r9", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:342 precision_two_ids[10]", { { .code = 0x25, .dst_reg = 9, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r9 > 0x7 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:343 precision_two_ids[7]", { { .code = 0xbf, .dst_reg = 9, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r9 = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:344 precision_two_ids[6]", { { .code = 0xbf, .dst_reg = 8, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r8 = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:387 linked_regs_too_many_regs[7]", { { .code = 0x25, .dst_reg = 5, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r5 > 0x7 goto pc+0", MATCH_EXACT, NULL, true },
	{ "verifier_scalar_ids.c:388 linked_regs_too_many_regs[12]", { { .code = 0xbf, .dst_reg = 5, .src_reg = 5, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r5 = r5", MATCH_EXACT, NULL, true },
	{ "verifier_scalar_ids.c:390 linked_regs_too_many_regs[7]", { { .code = 0x25, .dst_reg = 5, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r5 > 0x7 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:428 linked_regs_broken_link_2[5]", { { .code = 0x3d, .dst_reg = 8, .src_reg = 0, .off = 3, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(3d) if r8 >= r0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:430 linked_regs_broken_link_2[4]", { { .code = 0x25, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r0 > 0x1", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:463 cjmp_no_linked_regs_trigger[3]", { { .code = 0x25, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 256 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r1 > 0x100 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:605 no_scalar_id_for_const[14]", { { .code = 0x1d, .dst_reg = 3, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1d) if r3 == r4 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:644 no_scalar_id_for_const32[14]", { { .code = 0x1e, .dst_reg = 3, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(1e) if w3 == w4 goto pc+0", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:687 ignore_unique_scalar_ids_cur[6]", { { .code = 0x25, .dst_reg = 6, .src_reg = 0, .off = 1, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r6 > 0x7 goto pc+1", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:688 ignore_unique_scalar_ids_cur[7]", { { .code = 0x57, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 255 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(57) r1 &= 255", MATCH_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:878 linked_regs_and_subreg_def[4]", { { .code = 0x77, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 32 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(77) r1 >>= 32", MATCH_EXACT, NULL, true },
	{ "verifier_scalar_ids.c:879 linked_regs_and_subreg_def[5]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = r1", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:511 partial_stack_load_preserves_zeros[4]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 0, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -16) = r0", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:515 partial_stack_load_preserves_zeros[6]", { { .code = 0x71, .dst_reg = 2, .src_reg = 10, .off = -1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(71) r2 = *(u8 *)(r10 -1)", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:519 partial_stack_load_preserves_zeros[10]", { { .code = 0x71, .dst_reg = 2, .src_reg = 10, .off = -9, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(71) r2 = *(u8 *)(r10 -9)", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:520 partial_stack_load_preserves_zeros[11]", { { .code = 0x0f, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r1 += r2", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:522 partial_stack_load_preserves_zeros[10]", { { .code = 0x71, .dst_reg = 2, .src_reg = 10, .off = -9, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(71) r2 = *(u8 *)(r10 -9)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:523 partial_stack_load_preserves_zeros[9]", { { .code = 0xbf, .dst_reg = 1, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r1 = r6", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:524 partial_stack_load_preserves_zeros[8]", { { .code = 0x73, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(73) *(u8 *)(r1 +0) = r2", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:526 partial_stack_load_preserves_zeros[6]", { { .code = 0x71, .dst_reg = 2, .src_reg = 10, .off = -1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(71) r2 = *(u8 *)(r10 -1)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:528 partial_stack_load_preserves_zeros[4]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 0, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -16) = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:669 stack_load_preserves_const_precision[3]", { { .code = 0x7a, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r10 -8) = 1", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:673 stack_load_preserves_const_precision[8]", { { .code = 0x79, .dst_reg = 2, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r2 = *(u64 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:676 stack_load_preserves_const_precision[8]", { { .code = 0x79, .dst_reg = 2, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r2 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:684 stack_load_preserves_const_precision[3]", { { .code = 0x7a, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7a) *(u64 *)(r10 -8) = 1", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:687 stack_load_preserves_const_precision[12]", { { .code = 0x79, .dst_reg = 2, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r2 = *(u64 *)(r10 -16)", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:690 stack_load_preserves_const_precision[12]", { { .code = 0x79, .dst_reg = 2, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r2 = *(u64 *)(r10 -16)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:746 stack_load_preserves_const_precision_subreg[3]", { { .code = 0x62, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(62) *(u32 *)(r10 -8) = 1", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:748 stack_load_preserves_const_precision_subreg[5]", { { .code = 0x63, .dst_reg = 10, .src_reg = 0, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(63) *(u32 *)(r10 -16) = r0", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:750 stack_load_preserves_const_precision_subreg[8]", { { .code = 0x61, .dst_reg = 2, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r2 = *(u32 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:753 stack_load_preserves_const_precision_subreg[8]", { { .code = 0x61, .dst_reg = 2, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r2 = *(u32 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:758 stack_load_preserves_const_precision_subreg[5]", { { .code = 0x63, .dst_reg = 10, .src_reg = 0, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(63) *(u32 *)(r10 -16) = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:760 stack_load_preserves_const_precision_subreg[3]", { { .code = 0x62, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(62) *(u32 *)(r10 -8) = 1", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:763 stack_load_preserves_const_precision_subreg[12]", { { .code = 0x61, .dst_reg = 2, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r2 = *(u32 *)(r10 -16)", MATCH_EXACT, NULL, true },
	{ "verifier_spill_fill.c:766 stack_load_preserves_const_precision_subreg[12]", { { .code = 0x61, .dst_reg = 2, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r2 = *(u32 *)(r10 -16)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:1134 old_imprecise_scalar_vs_cur_stack_misc[8]", { { .code = 0x79, .dst_reg = 1, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r1 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, false },
	{ "verifier_spill_fill.c:1135 old_imprecise_scalar_vs_cur_stack_misc[9]", { { .code = 0x95, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(95) exit", MATCH_PREFIX, NULL, false },
	{ "verifier_spill_fill.c:1207 old_stack_misc_vs_cur_scalar[8]", { { .code = 0x79, .dst_reg = 0, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:1393 partial_fill_from_cleaned_pointer_spill[2]", { { .code = 0x61, .dst_reg = 0, .src_reg = 10, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(61) r0 = *(u32 *)(r10 -4)", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:42 subprog_result_precise[7]", { { .code = 0x0f, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r1 += r0", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:43 subprog_result_precise[6]", { { .code = 0xbf, .dst_reg = 1, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r1 = r7", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:44 subprog_result_precise[5]", { { .code = 0x27, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 4 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(27) r0 *= 4", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:47 subprog_result_precise[4]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 5 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+5", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:49 subprog_result_precise[2]", { { .code = 0xb7, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r6 = 3", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:105 fp_precise_subprog_result[3]", { { .code = 0x57, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(57) r0 &= 3", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:107 fp_precise_subprog_result[9]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 10, .off = 8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = (s8)r10", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:138 sneaky_fp_precise_subprog_result[10]", { { .code = 0xbf, .dst_reg = 0, .src_reg = 1, .off = 8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r0 = (s8)r1", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:172 global_subprog_result_precise[5]", { { .code = 0xa5, .dst_reg = 0, .src_reg = 0, .off = 1, .imm = 4 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(a5) if r0 < 0x4 goto pc+1", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:173 global_subprog_result_precise[4]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+7", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:262 callback_result_precise[9]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 181 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_loop#181", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:266 callback_result_precise[8]", { { .code = 0xb7, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r4 = 0", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:271 callback_result_precise[7]", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r3 = 0", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:272 callback_result_precise[6]", { { .code = 0xbf, .dst_reg = 2, .src_reg = 8, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r2 = r8", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:276 callback_result_precise[14]", { { .code = 0x0f, .dst_reg = 1, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r1 += r6", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:279 callback_result_precise[12]", { { .code = 0x27, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 4 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(27) r6 *= 4", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:280 callback_result_precise[11]", { { .code = 0x25, .dst_reg = 6, .src_reg = 0, .off = 4, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(25) if r6 > 0x3 goto pc+4", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:465 parent_stack_slot_precise[6]", { { .code = 0x79, .dst_reg = 6, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r6 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:470 parent_stack_slot_precise[5]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 6 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+6", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:472 parent_stack_slot_precise[3]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 6, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -8) = r6", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:631 subprog_arg_precise[6]", { { .code = 0x18, .dst_reg = 2, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(18) r2 = ", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:632 subprog_arg_precise[5]", { { .code = 0x67, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(67) r1 <<= 2", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:679 subprog_spill_into_parent_stack_slot_precise[10]", { { .code = 0x0f, .dst_reg = 1, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(0f) r1 += r7", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:681 subprog_spill_into_parent_stack_slot_precise[9]", { { .code = 0xbf, .dst_reg = 1, .src_reg = 8, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r1 = r8", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:682 subprog_spill_into_parent_stack_slot_precise[8]", { { .code = 0x27, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = 4 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(27) r7 *= 4", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:683 subprog_spill_into_parent_stack_slot_precise[7]", { { .code = 0x79, .dst_reg = 7, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r7 = *(u64 *)(r10 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:690 subprog_spill_into_parent_stack_slot_precise[14]", { { .code = 0x7b, .dst_reg = 10, .src_reg = 2, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r10 -16) = r2", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:693 subprog_spill_into_parent_stack_slot_precise[5]", { { .code = 0xbf, .dst_reg = 2, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r2 = r6", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:696 subprog_spill_into_parent_stack_slot_precise[2]", { { .code = 0xb7, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r6 = 1", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:738 stack_slot_aliases_precision[13]", { { .code = 0x7b, .dst_reg = 7, .src_reg = 0, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r7 -8) = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:739 stack_slot_aliases_precision[12]", { { .code = 0x79, .dst_reg = 0, .src_reg = 8, .off = 16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r8 +16)", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:740 stack_slot_aliases_precision[11]", { { .code = 0x7b, .dst_reg = 8, .src_reg = 0, .off = 16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(7b) *(u64 *)(r8 +16) = r0", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:741 stack_slot_aliases_precision[10]", { { .code = 0x79, .dst_reg = 0, .src_reg = 7, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(79) r0 = *(u64 *)(r7 -8)", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:743 stack_slot_aliases_precision[8]", { { .code = 0x07, .dst_reg = 8, .src_reg = 0, .off = 0, .imm = -32 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r8 += -32", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:744 stack_slot_aliases_precision[7]", { { .code = 0xbf, .dst_reg = 8, .src_reg = 10, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r8 = r10", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:745 stack_slot_aliases_precision[6]", { { .code = 0x07, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = -8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(07) r7 += -8", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:746 stack_slot_aliases_precision[5]", { { .code = 0xbf, .dst_reg = 7, .src_reg = 10, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(bf) r7 = r10", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:749 stack_slot_aliases_precision[4]", { { .code = 0x85, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 15 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call pc+15", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:822 subprog_result_tail_call[13]", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 12 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_tail_call#12", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:872 ld_abs_backtrack_both_paths[9]", { { .code = 0x20, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(20) r0 = *(u32 *)skb[0]", MATCH_PREFIX, NULL, true },
	{ "verifier_subprog_precision.c:876 ld_abs_backtrack_both_paths[0]", { { .code = 0xb7, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = -8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r7 = -8", MATCH_PREFIX, NULL, true },
	{ "verifier_subreg.c:538 arsh32_imm_sign_extend_positive_check[2]", { { .code = 0x57, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 4095 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(57) r6 &= 4095", MATCH_EXACT, NULL, true },
	{ "verifier_subreg.c:539 arsh32_imm_sign_extend_positive_check[3]", { { .code = 0x67, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 32 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(67) r6 <<= 32", MATCH_EXACT, NULL, true },
	{ "verifier_subreg.c:540 arsh32_imm_sign_extend_positive_check[4]", { { .code = 0xc7, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 32 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(c7) r6 s>>= 32", MATCH_EXACT, NULL, true },
	{ "verifier_subreg.c:560 arsh32_imm_sign_extend_negative_check[3]", { { .code = 0x17, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 4095 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(17) r6 -= 4095", MATCH_EXACT, NULL, true },
	{ "verifier_subreg.c:584 arsh32_imm_sign_extend_check[3]", { { .code = 0x17, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 2047 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(17) r6 -= 2047", MATCH_EXACT, NULL, true },
	{ "verifier_unpriv.c:85 pseudo_btf_id_log_masks_address[0]", { { .code = 0x18, .dst_reg = 1, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(18) r1 = 0x0", MATCH_PREFIX, NULL, false },
};

static const struct logged_insn selftest_xlated_lines[] = {
	{ "epilogue_exit.c:14", { { .code = 0x7b, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -8) = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:16", { { .code = 0x79, .dst_reg = 1, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u64 *)(r1 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:17", { { .code = 0x79, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = *(u64 *)(r1 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:18", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r3 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:19", { { .code = 0xb7, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r4 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:20", { { .code = 0x15, .dst_reg = 2, .src_reg = 0, .off = 10, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r2 == 0x0 goto pc+10", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:21", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:22", { { .code = 0x7b, .dst_reg = 1, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r1 +0) = r3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:24", { { .code = 0x79, .dst_reg = 1, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u64 *)(r10 -8)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:26", { { .code = 0x79, .dst_reg = 6, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 = *(u64 *)(r1 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:27", { { .code = 0x07, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 10000 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 += 10000", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:28", { { .code = 0x7b, .dst_reg = 1, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r1 +0) = r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:29", { { .code = 0xbf, .dst_reg = 0, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:30", { { .code = 0x27, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 *= 2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:33", { { .code = 0x7b, .dst_reg = 1, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r1 +0) = r4", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:34", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:40", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "epilogue_exit.c:41", { { .code = 0x06, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = -12 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "gotol pc-12", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:105", { { .code = 0xbf, .dst_reg = 6, .src_reg = 10, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 = r10", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:106", { { .code = 0x07, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = -8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 += -8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:108", { { .code = 0xbf, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r3 = r0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:109", { { .code = 0x57, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 65535 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r3 &= 65535", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:110", { { .code = 0xbf, .dst_reg = 1, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:111", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:113", { { .code = 0x6e, .dst_reg = 2, .src_reg = 3, .off = 8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w2 s> w3 goto pc+8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:114", { { .code = 0xbc, .dst_reg = 0, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w0 = w3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:115", { { .code = 0x1c, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w0 -= w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:116", { { .code = 0x25, .dst_reg = 0, .src_reg = 0, .off = 8, .imm = 8388608 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 > 0x800000 goto pc+8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:117", { { .code = 0x04, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 += -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:118", { { .code = 0x63, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r1 +0) = r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:119", { { .code = 0x63, .dst_reg = 1, .src_reg = 3, .off = 4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r1 +4) = r3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:122", { { .code = 0x7a, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r1 +0) = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:123", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = -22 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = -22", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:126", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = -7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = -7", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:129", { { .code = 0x61, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = *(u32 *)(r1 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:130", { { .code = 0x04, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w0 += 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:131", { { .code = 0x61, .dst_reg = 2, .src_reg = 1, .off = 4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = *(u32 *)(r1 +4)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:132", { { .code = 0x7e, .dst_reg = 0, .src_reg = 2, .off = 3, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w0 s>= w2 goto pc+3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:133", { { .code = 0x63, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r1 +0) = r0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:134", { { .code = 0xbf, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "iters.c:138", { { .code = 0x55, .dst_reg = 0, .src_reg = 0, .off = -11, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 != 0x0 goto pc-11", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "mem_rdonly_untrusted.c:12", { { .code = 0x79, .dst_reg = 8, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r8 = *(u64 *)(r7 +0)", MATCH_STRIPPED, NULL, true },
	{ "mem_rdonly_untrusted.c:13", { { .code = 0x71, .dst_reg = 9, .src_reg = 8, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r9 = *(u8 *)(r8 +0)", MATCH_STRIPPED, NULL, true },
	{ "mem_rdonly_untrusted.c:224", { { .code = 0x61, .dst_reg = 8, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r8 = *(u32 *)(r7 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue.c:26", { { .code = 0x79, .dst_reg = 7, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r7 = *(u64 *)(r6 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue.c:27", { { .code = 0x07, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = 1000 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r7 += 1000", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue.c:28", { { .code = 0x7b, .dst_reg = 6, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r6 +0) = r7", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue.c:31", { { .code = 0xbf, .dst_reg = 6, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_goto_start.c:19", { { .code = 0x15, .dst_reg = 1, .src_reg = 0, .off = 5, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r1 == 0x0 goto pc+5", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_goto_start.c:20", { { .code = 0x15, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r1 == 0x1 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_goto_start.c:21", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:25", { { .code = 0xbf, .dst_reg = 8, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r8 = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:28", { { .code = 0x55, .dst_reg = 0, .src_reg = 0, .off = 5, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 != 0x0 goto pc+5", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:29", { { .code = 0x79, .dst_reg = 6, .src_reg = 8, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 = *(u64 *)(r8 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:34", { { .code = 0xbf, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = r0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:36", { { .code = 0xbf, .dst_reg = 1, .src_reg = 8, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = r8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:47", { { .code = 0xb7, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "pro_epilogue_with_kfunc.c:49", { { .code = 0x55, .dst_reg = 0, .src_reg = 0, .off = 6, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 != 0x0 goto pc+6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_and.c:91", { { .code = 0xa6, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w0 < 0x1 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_bounds.c:710", { { .code = 0x55, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r1 != 0x0 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_bounds.c:743", { { .code = 0x56, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w1 != 0x0 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_bounds.c:776", { { .code = 0x25, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r1 > 0x0 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_bounds.c:863", { { .code = 0x35, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r1 >= 0x0 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_bounds.c:897", { { .code = 0x36, .dst_reg = 1, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w1 >= 0x0 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_bounds.c:1242", { { .code = 0x2f, .dst_reg = 6, .src_reg = 7, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 *= r7", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bounds.c:1313", { { .code = 0x2f, .dst_reg = 8, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r8 *= r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:15", { { .code = 0xb7, .dst_reg = 5, .src_reg = 0, .off = 0, .imm = 5 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r5 = 5", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:18", { { .code = 0x61, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = *(u32 *)(r0 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:102", { { .code = 0x7b, .dst_reg = 10, .src_reg = 1, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -16) = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:106", { { .code = 0x79, .dst_reg = 2, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = *(u64 *)(r10 -16)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:123", { { .code = 0x7b, .dst_reg = 10, .src_reg = 6, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -16) = r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:127", { { .code = 0x79, .dst_reg = 6, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r6 = *(u64 *)(r10 -16)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:144", { { .code = 0x7b, .dst_reg = 10, .src_reg = 0, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -16) = r0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:148", { { .code = 0x79, .dst_reg = 0, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = *(u64 *)(r10 -16)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:165", { { .code = 0x7b, .dst_reg = 2, .src_reg = 1, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r2 -16) = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:169", { { .code = 0x79, .dst_reg = 1, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u64 *)(r10 -16)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:191", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:231", { { .code = 0x63, .dst_reg = 10, .src_reg = 1, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r10 -4) = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:235", { { .code = 0x61, .dst_reg = 1, .src_reg = 10, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u32 *)(r10 -4)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:252", { { .code = 0x63, .dst_reg = 10, .src_reg = 1, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r10 -16) = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:256", { { .code = 0x61, .dst_reg = 1, .src_reg = 10, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u32 *)(r10 -16)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:273", { { .code = 0x63, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r10 -8) = r1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:277", { { .code = 0x61, .dst_reg = 1, .src_reg = 10, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u32 *)(r10 -8)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:298", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = 2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:301", { { .code = 0x7b, .dst_reg = 10, .src_reg = 2, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -16) = r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:629", { { .code = 0x15, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 == 0x2a goto pc+0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:655", { { .code = 0x15, .dst_reg = 0, .src_reg = 0, .off = 1, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 == 0x2a goto pc+1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:682", { { .code = 0x15, .dst_reg = 0, .src_reg = 0, .off = 4, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 == 0x2a goto pc+4", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:837", { { .code = 0xb7, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r4 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:840", { { .code = 0x7b, .dst_reg = 10, .src_reg = 6, .off = -32, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -32) = r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:841", { { .code = 0x7b, .dst_reg = 10, .src_reg = 7, .off = -24, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -24) = r7", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:842", { { .code = 0x7b, .dst_reg = 10, .src_reg = 8, .off = -16, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -16) = r8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:881", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = 42", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:891", { { .code = 0x7b, .dst_reg = 10, .src_reg = 6, .off = -40, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -40) = r6", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:892", { { .code = 0x7b, .dst_reg = 10, .src_reg = 7, .off = -32, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -32) = r7", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:893", { { .code = 0x7b, .dst_reg = 10, .src_reg = 8, .off = -24, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -24) = r8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:963", { { .code = 0xbf, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:981", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r3 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_bpf_fastcall.c:984", { { .code = 0xbf, .dst_reg = 0, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = r3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:17", { { .code = 0x34, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 /= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:39", { { .code = 0x3c, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 /= w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:62", { { .code = 0x37, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 /= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:84", { { .code = 0x3f, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 /= r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:107", { { .code = 0x34, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s/= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:176", { { .code = 0x34, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s/= -3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:245", { { .code = 0x3c, .dst_reg = 1, .src_reg = 2, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s/= w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:268", { { .code = 0x34, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s/= -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:309", { { .code = 0x37, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s/= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:378", { { .code = 0x37, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s/= -3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:447", { { .code = 0x3f, .dst_reg = 1, .src_reg = 2, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s/= r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:470", { { .code = 0x37, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s/= -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:512", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 %= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:534", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 10 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 %= 10", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:558", { { .code = 0x9c, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 %= w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:583", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 %= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:605", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 10 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 %= 10", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:629", { { .code = 0x9f, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 %= r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:654", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s%= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:723", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 11 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s%= 11", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:746", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s%= -3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:815", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -11 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s%= -11", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:838", { { .code = 0x9c, .dst_reg = 1, .src_reg = 2, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s%= w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:862", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 s%= -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:905", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s%= 3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:974", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 11 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s%= 11", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:997", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -3 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s%= -3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:1066", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -11 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s%= -11", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:1089", { { .code = 0x9f, .dst_reg = 1, .src_reg = 2, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s%= r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_div_mod_bounds.c:1113", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 s%= -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_iterating_callbacks.c:720", { { .code = 0x73, .dst_reg = 7, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u8 *)(r7 +0) = r0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_iterating_callbacks.c:746", { { .code = 0x73, .dst_reg = 8, .src_reg = 0, .off = -1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u8 *)(r8 -1) = r0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_live_stack.c:2496", { { .code = 0x7a, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r0 +0) = 42", MATCH_STRIPPED, NULL, true },
	{ "verifier_may_goto_1.c:90", { { .code = 0x7a, .dst_reg = 10, .src_reg = 0, .off = -16, .imm = 65535 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -16) = 65535", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_may_goto_1.c:91", { { .code = 0x7a, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r10 -8) = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_may_goto_1.c:100", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 2 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 = 2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_movsx.c:250", { { .code = 0xb4, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w0 = 0", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_scalar_ids.c:889", { { .code = 0x57, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 2147483647 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 &= 2147483647", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:890", { { .code = 0xbc, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 = w0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:895", { { .code = 0xbc, .dst_reg = 1, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 = w1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:897", { { .code = 0xa6, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 10 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w0 < 0xa goto pc+0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_scalar_ids.c:898", { { .code = 0x77, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 32 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 >>= 32", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:779", { { .code = 0xb7, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r3 = -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:780", { { .code = 0xbf, .dst_reg = 4, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r4 = r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:786", { { .code = 0x87, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = -r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:788", { { .code = 0x3f, .dst_reg = 2, .src_reg = 3, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 s/= r3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:790", { { .code = 0x5d, .dst_reg = 2, .src_reg = 4, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r2 != r4 goto pc+1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:813", { { .code = 0xb7, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 5 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = 5", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:890", { { .code = 0xb4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = -2147483648 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = -2147483648", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:891", { { .code = 0xb4, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = -1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w3 = -1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:892", { { .code = 0xbc, .dst_reg = 4, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w4 = w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:897", { { .code = 0xb4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = 0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:898", { { .code = 0x84, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = -w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:900", { { .code = 0x3c, .dst_reg = 2, .src_reg = 3, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 s/= w3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:902", { { .code = 0x5e, .dst_reg = 2, .src_reg = 4, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if w2 != w4 goto pc+1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:925", { { .code = 0xb4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = -5 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = -5", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:936", { { .code = 0xbc, .dst_reg = 0, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w0 = w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:982", { { .code = 0xb4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 5 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = 5", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:1013", { { .code = 0x9f, .dst_reg = 2, .src_reg = 3, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 s%= r3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:1117", { { .code = 0x9c, .dst_reg = 2, .src_reg = 3, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 s%= w3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_sdiv.c:1119", { { .code = 0xbc, .dst_reg = 2, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = w2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_spill_fill.c:1172", { { .code = 0x15, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 42 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r1 == 0x2a goto pc+0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_unpriv.c:615", { { .code = 0x15, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 == 0x0 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:788", { { .code = 0x55, .dst_reg = 0, .src_reg = 0, .off = 2, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r0 != 0x1 goto pc+2", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:796", { { .code = 0x71, .dst_reg = 9, .src_reg = 6, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r9 = *(u8 *)(r6 +0)", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:867", { { .code = 0x55, .dst_reg = 8, .src_reg = 0, .off = 1, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r8 != 0x0 goto pc+1", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:869", { { .code = 0x15, .dst_reg = 9, .src_reg = 0, .off = 4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "if r9 == 0x0 goto pc+4", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:870", { { .code = 0xbf, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = r0", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:877", { { .code = 0x7b, .dst_reg = 2, .src_reg = 1, .off = -64, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r2 -64) = r1", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:1022", { { .code = 0x63, .dst_reg = 10, .src_reg = 0, .off = -4, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r10 -4) = r0", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_unpriv.c:1024", { { .code = 0x63, .dst_reg = 10, .src_reg = 0, .off = -8, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u32 *)(r10 -8) = r0", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_value_ptr_arith.c:1314", { { .code = 0x57, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 7 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 &= 7", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_value_ptr_arith.c:1316", { { .code = 0x1f, .dst_reg = 0, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r0 -= r1", MATCH_STRIPPED_PREFIX, NULL, false },
	{ "verifier_zext.c:119", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = atomic_fetch_add((u32 *)(r10 -8), r1)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:159", { { .code = 0xb4, .dst_reg = 6, .src_reg = 0, .off = 0, .imm = 32 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w6 = 32", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:211", { { .code = 0xb4, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:254", { { .code = 0xb4, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:256", { { .code = 0xb4, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w3 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:257", { { .code = 0xb4, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 1 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w4 = 1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:333", { { .code = 0x04, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 8 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w1 += 8", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:335", { { .code = 0xbc, .dst_reg = 2, .src_reg = 1, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w2 = w1", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:337", { { .code = 0x7b, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "*(u64 *)(r1 +0) = r2", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:366", { { .code = 0xbc, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w0 = w0", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:391", { { .code = 0x79, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r1 = *(u64 *)(r0 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:392", { { .code = 0x61, .dst_reg = 2, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r2 = *(u32 *)(r0 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:394", { { .code = 0x69, .dst_reg = 3, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r3 = *(u16 *)(r0 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:395", { { .code = 0xbc, .dst_reg = 3, .src_reg = 3, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w3 = w3", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:396", { { .code = 0x71, .dst_reg = 4, .src_reg = 0, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "r4 = *(u8 *)(r0 +0)", MATCH_STRIPPED_PREFIX, NULL, true },
	{ "verifier_zext.c:397", { { .code = 0xbc, .dst_reg = 4, .src_reg = 4, .off = 0, .imm = 0 }, { .code = 0x00, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "w4 = w4", MATCH_STRIPPED_PREFIX, NULL, true },
};

static const struct logged_insn host_kernel_lines[] = {
	{ "6.18.44 log", { { .code = 0xb7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r1 = 0", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x7b, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 0 } }, "(7b) *(u64 *)(r10 -8) = r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xbc, .dst_reg = 0, .src_reg = 1, .off = 8, .imm = 0 } }, "(bc) w0 = (s8)w1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xbc, .dst_reg = 0, .src_reg = 1, .off = 16, .imm = 0 } }, "(bc) w0 = (s16)w1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xbf, .dst_reg = 0, .src_reg = 1, .off = 16, .imm = 0 } }, "(bf) r0 = (s16)r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xbf, .dst_reg = 0, .src_reg = 1, .off = 32, .imm = 0 } }, "(bf) r0 = (s32)r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x91, .dst_reg = 0, .src_reg = 10, .off = -8, .imm = 0 } }, "(91) r0 = *(s8 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x89, .dst_reg = 0, .src_reg = 10, .off = -8, .imm = 0 } }, "(89) r0 = *(s16 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x81, .dst_reg = 0, .src_reg = 10, .off = -8, .imm = 0 } }, "(81) r0 = *(s32 *)(r10 -8)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 64 } }, "(db) lock *(u64 *)(r10 -8) |= r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 80 } }, "(db) lock *(u64 *)(r10 -8) &= r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 160 } }, "(db) lock *(u64 *)(r10 -8) ^= r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 64 } }, "(c3) lock *(u32 *)(r10 -8) |= r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 80 } }, "(c3) lock *(u32 *)(r10 -8) &= r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 160 } }, "(c3) lock *(u32 *)(r10 -8) ^= r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 225 } }, "(c3) r1 = atomic_xchg((u32 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 65 } }, "(c3) r1 = atomic_fetch_or((u32 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 81 } }, "(c3) r1 = atomic_fetch_and((u32 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 161 } }, "(c3) r1 = atomic_fetch_xor((u32 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 65 } }, "(db) r1 = atomic64_fetch_or((u64 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 81 } }, "(db) r1 = atomic64_fetch_and((u64 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdb, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 161 } }, "(db) r1 = atomic64_fetch_xor((u64 *)(r10 -8), r1)", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x66, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 5 } }, "(66) if w1 s> 0x5 goto pc+0", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xa6, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = -1 } }, "(a6) if w1 < 0xffffffff goto pc+0", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xde, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 } }, "(de) if w1 s<= w2 goto pc+0", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x46, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 3 } }, "(46) if w1 & 0x3 goto pc+0", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x97, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -3 } }, "(97) r1 s%= -3", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x37, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 7 } }, "(37) r1 s/= 7", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x94, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = 3 } }, "(94) w1 s%= 3", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x34, .dst_reg = 1, .src_reg = 0, .off = 1, .imm = -7 } }, "(34) w1 s/= -7", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xd7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 32 } }, "(d7) r1 = bswap32 r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xd7, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 64 } }, "(d7) r1 = bswap64 r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdc, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 32 } }, "(dc) r1 = be32 r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xdc, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 64 } }, "(dc) r1 = be64 r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xd4, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 32 } }, "(d4) r1 = le32 r1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x84, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 0 } }, "(84) w1 = -w1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xcc, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 } }, "(cc) w1 s>>= w2", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xc4, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 3 } }, "(c4) w1 s>>= 3", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xa4, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = -1 } }, "(a4) w1 ^= -1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x64, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = 31 } }, "(64) w1 <<= 31", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xbc, .dst_reg = 1, .src_reg = 2, .off = 0, .imm = 0 } }, "(bc) w1 = w2", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xb4, .dst_reg = 1, .src_reg = 0, .off = 0, .imm = -1 } }, "(b4) w1 = -1", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0xb7, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(b7) r0 = 0", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x95, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(95) exit", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 9999 } }, "(85) call unknown#9999", MATCH_EXACT, NULL, true },
	{ "6.18.44 log", { { .code = 0x85, .dst_reg = 0, .src_reg = 0, .off = 0, .imm = 0 } }, "(85) call bpf_unspec#0", MATCH_EXACT, NULL, true },
};

static const struct logged_insn kernel_macro_lines[] = {
	/* BPF_RAW_INSN(BPF_LDX | BPF_MEMSX | BPF_DW, BPF_REG_0, BPF_REG_0, 0, 0) */
	{ "verifier_cfg.c:61", { { .code = 0x99 } }, "BUG_ldx_99", MATCH_EXACT, NULL, true },
	/* BPF_ST_NOSPEC(): BPF_ST | BPF_NOSPEC, all fields zero */
	{ "verifier_movsx.c:252", { { .code = 0xc2 } }, "nospec", MATCH_STRIPPED, NULL, false },
	/* BPF_MOV64_PERCPU_REG(BPF_REG_0, BPF_REG_0): off = BPF_ADDR_PERCPU */
	{ "verifier_bpf_fastcall.c:17", { { .code = 0xbf, .off = -1 } },
	  "r0 = &(void __percpu *)(r0)", MATCH_STRIPPED, NULL, true },
	/* a kfunc call printed without a name callback */
	{ "pro_epilogue_with_kfunc.c:27", { { .code = 0x85, .src_reg = 2, .imm = 12345 } },
	  "call kernel-function", MATCH_STRIPPED, NULL, true },
	/* BPF_ATOMIC_OP(BPF_W, BPF_CMPXCHG, BPF_REG_10, BPF_REG_1, -8) */
	{ "verifier_zext.c:138", { { .code = 0xc3, .dst_reg = 10, .src_reg = 1, .off = -8, .imm = 0xf1 } },
	  "r0 = atomic_cmpxchg((u32 *)(r10 -8), r0, r1)", MATCH_STRIPPED, NULL, true },
	/* stack_arg_precision.c's asm ("*(u64 *)(r11 - 16) = r1;" ...): 7.3's r11 */
	{ "stack_arg_precision.c:65", { { .code = 0x7b, .dst_reg = 11, .src_reg = 1, .off = -16 } },
	  "(7b) *(u64 *)(r11 -16) = r1", MATCH_EXACT, NULL, true },
	{ "stack_arg_precision.c:71", { { .code = 0x79, .dst_reg = 1, .src_reg = 11, .off = 8 } },
	  "(79) r1 = *(u64 *)(r11 +8)", MATCH_EXACT, NULL, true },
	{ "stack_arg_precision.c:79", { { .code = 0x7a, .dst_reg = 11, .off = -8, .imm = 4 } },
	  "(7a) *(u64 *)(r11 -8) = 4", MATCH_EXACT, NULL, true },
	{ "stack_arg_precision.c:70", { { .code = 0x18, .dst_reg = 2, .imm = 0x04030201 }, { .imm = 0x08070605 } },
	  "(18) r2 = 0x807060504030201", MATCH_EXACT, NULL, true },
};

static const char *table_kfunc_name(void *ctx, const struct bpf_insn *insn)
{
	(void)insn;
	return ctx;
}

/* disasm_helpers.c's disasm_insn(): cut "(xx) ", and "#..." of a call */
static const char *xlated_form(char *text)
{
	char *body = text + 5, *hash;

	if (strncmp(body, "call ", 5) == 0 && (hash = strrchr(body, '#')))
		*hash = '\0';
	return body;
}

static int check_rows(const struct logged_insn *rows, size_t n)
{
	int failures = 0;

	for (size_t i = 0; i < n; i++) {
		const struct logged_insn *row = &rows[i];
		struct sim_strbuf sb = { 0 };
		struct sim_out out = sim_strbuf_out(&sb);
		struct sim_disasm_names names = {
			.kfunc_name = table_kfunc_name, .ctx = (void *)(uintptr_t)row->kfunc,
		};
		const char *got;
		bool ok;

		sim_disasm_insn_text(&out, row->insn, row->kfunc ? &names : NULL,
				     row->allow_ptr_leaks);
		assert_non_null(sb.buf);
		got = row->match >= MATCH_STRIPPED ? xlated_form(sb.buf) : sb.buf;
		if (row->match == MATCH_EXACT || row->match == MATCH_STRIPPED)
			ok = strcmp(got, row->expected) == 0;
		else
			ok = strncmp(got, row->expected, strlen(row->expected)) == 0;
		if (!ok) {
			print_error("%s: printed '%s', kernel printed '%s'%s\n",
				    row->source, got, row->expected,
				    row->match == MATCH_PREFIX ||
				    row->match == MATCH_STRIPPED_PREFIX ? " (prefix)" : "");
			failures++;
		}
		sim_strbuf_free(&sb);
	}
	return failures;
}

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void test_disasm_selftest_log_lines(void **state)
{
	(void)state;
	assert_true(ARRAY_LEN(selftest_log_lines) > 250);
	assert_int_equal(check_rows(selftest_log_lines, ARRAY_LEN(selftest_log_lines)), 0);
}

static void test_disasm_selftest_xlated_lines(void **state)
{
	(void)state;
	assert_true(ARRAY_LEN(selftest_xlated_lines) > 150);
	assert_int_equal(check_rows(selftest_xlated_lines, ARRAY_LEN(selftest_xlated_lines)), 0);
}

static void test_disasm_host_kernel_lines(void **state)
{
	(void)state;
	assert_int_equal(check_rows(host_kernel_lines, ARRAY_LEN(host_kernel_lines)), 0);
}

static void test_disasm_kernel_macro_lines(void **state)
{
	(void)state;
	assert_int_equal(check_rows(kernel_macro_lines, ARRAY_LEN(kernel_macro_lines)), 0);
}

/* ---- contracts of the API around the text ---------------------------- */

static char *render(void (*fn)(const struct sim_out *, const struct bpf_insn *,
			       const struct sim_disasm_names *, bool),
		    const struct bpf_insn *insn, const struct sim_disasm_names *names,
		    bool leaks, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	sim_strbuf_reset(sb);
	fn(&out, insn, names, leaks);
	return sb->buf;
}

/* do_check() prints "%d: ", the insn, then "\n" (7.3 verifier.c) */
static void test_disasm_line_layout(void **state)
{
	const struct bpf_insn exit_insn = { .code = BPF_JMP | BPF_EXIT };
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);

	(void)state;
	assert_string_equal(render(sim_disasm_insn, &exit_insn, NULL, true, &sb), "(95) exit\n");
	assert_string_equal(render(sim_disasm_insn_text, &exit_insn, NULL, true, &sb), "(95) exit");
	sim_strbuf_reset(&sb);
	sim_disasm_log_line(&out, 7, &exit_insn, NULL, true);
	/* compute_live_registers.c:269 "7: ... (95) exit" */
	assert_string_equal(sb.buf, "7: (95) exit\n");
	sim_strbuf_free(&sb);
}

/* Pointer-form LD_IMM64: the constant resolve wrote, or 0 when masked
 * (verifier_unpriv.c:85); the host kernel printed map_ptr/map_value
 * addresses as root. */
static __u64 fake_map_address(void *ctx, const struct bpf_insn *insn)
{
	bool value = insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
		     insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE;

	(void)ctx;
	return 0xffff888104878200ull + (value ? (__u32)insn[1].imm : 0);
}

static void test_disasm_ld_imm64_pointer_forms(void **state)
{
	static const struct {
		__u8 src_reg;
		bool leaks;
		bool hook;
		const char *expected;
	} cases[] = {
		{ BPF_PSEUDO_MAP_FD, true, true, "(18) r1 = 0xffff888104878200" },
		{ BPF_PSEUDO_MAP_VALUE, true, true, "(18) r1 = 0xffff888104878204" },
		{ BPF_PSEUDO_MAP_IDX, false, true, "(18) r1 = 0x0" },
		{ BPF_PSEUDO_MAP_IDX_VALUE, false, true, "(18) r1 = 0x0" },
		{ BPF_PSEUDO_BTF_ID, false, false, "(18) r1 = 0x0" },
		{ BPF_PSEUDO_MAP_FD, true, false, "(18) r1 = 0x40000000b" },
		/* a callback address is not masked: still the relative offset */
		{ BPF_PSEUDO_FUNC, false, true, "(18) r1 = 0x40000000b" },
		{ 0, false, true, "(18) r1 = 0x40000000b" },
	};
	struct sim_strbuf sb = { 0 };
	struct sim_disasm_names names = { .ldimm64_value = fake_map_address };

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct bpf_insn pair[2] = {
			{ .code = BPF_LD | BPF_IMM | BPF_DW, .dst_reg = 1,
			  .src_reg = cases[i].src_reg, .imm = 11 },
			{ .imm = 4 },
		};

		assert_string_equal(render(sim_disasm_insn_text, pair,
					   cases[i].hook ? &names : NULL,
					   cases[i].leaks, &sb),
				    cases[i].expected);
	}
	sim_strbuf_free(&sb);
}

/* func_id_name(): host log "call bpf_unspec#0", "call unknown#9999" and
 * selftest lines "call bpf_map_lookup_elem#1", "call bpf_loop#181" */
static void test_disasm_helper_names(void **state)
{
	static const struct {
		int id;
		const char *name;
	} cases[] = {
		{ 0, "bpf_unspec" },
		{ 1, "bpf_map_lookup_elem" },
		{ 6, "bpf_trace_printk" },
		{ 7, "bpf_get_prandom_u32" },
		{ 12, "bpf_tail_call" },
		{ 181, "bpf_loop" },
		{ 211, "bpf_cgrp_storage_delete" }, /* last id of the frozen list */
		{ 212, "unknown" },
		{ 9999, "unknown" },
		{ -1, "unknown" },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		assert_string_equal(sim_helper_name(cases[i].id), cases[i].name);
	assert_int_equal(sim_helper_count(), __BPF_FUNC_MAX_ID);
}

/* kfunc naming: the callback's name, "kernel-function" when there is none
 * or it returns NULL (disasm.c __func_get_name()) */
static const char *no_name(void *ctx, const struct bpf_insn *insn)
{
	(void)ctx;
	(void)insn;
	return NULL;
}

static void test_disasm_kfunc_names(void **state)
{
	const struct bpf_insn call = { .code = BPF_JMP | BPF_CALL,
				       .src_reg = BPF_PSEUDO_KFUNC_CALL, .imm = 4242 };
	static char kfunc[] = "bpf_obj_new_impl";
	const struct sim_disasm_names named = { .kfunc_name = table_kfunc_name,
						.ctx = kfunc };
	const struct sim_disasm_names unnamed = { .kfunc_name = no_name };
	struct sim_strbuf sb = { 0 };

	(void)state;
	assert_string_equal(render(sim_disasm_insn_text, &call, &named, true, &sb),
			    "(85) call bpf_obj_new_impl#4242");
	assert_string_equal(render(sim_disasm_insn_text, &call, &unnamed, true, &sb),
			    "(85) call kernel-function#4242");
	assert_string_equal(render(sim_disasm_insn_text, &call, NULL, true, &sb),
			    "(85) call kernel-function#4242");
	sim_strbuf_free(&sb);
}

/* Every opcode byte with every field pattern prints something without
 * crashing, and exactly one line (fuzz-style sweep of the 256 codes). */
static void test_disasm_all_opcodes_print(void **state)
{
	static const struct bpf_insn fields[] = {
		{ 0 },
		{ .dst_reg = 15, .src_reg = 15, .off = -1, .imm = -1 },
		{ .dst_reg = 1, .src_reg = 2, .off = 1, .imm = 0x100 },
		{ .off = 32, .imm = 0xf1 },
	};
	struct sim_strbuf sb = { 0 };

	(void)state;
	for (int code = 0; code < 256; code++) {
		for (size_t f = 0; f < ARRAY_LEN(fields); f++) {
			struct bpf_insn pair[2] = { fields[f], { 0 } };
			const char *text;

			pair[0].code = (__u8)code;
			text = render(sim_disasm_insn, pair, NULL, true, &sb);
			assert_non_null(text);
			assert_true(strlen(text) > 1);
			assert_ptr_equal(strchr(text, '\n'), text + strlen(text) - 1);
		}
	}
	sim_strbuf_free(&sb);
}

int main(void)
{
	const struct CMUnitTest kernel_text[] = {
		cmocka_unit_test(test_disasm_selftest_log_lines),
		cmocka_unit_test(test_disasm_selftest_xlated_lines),
		cmocka_unit_test(test_disasm_host_kernel_lines),
		cmocka_unit_test(test_disasm_kernel_macro_lines),
	};
	const struct CMUnitTest contracts[] = {
		cmocka_unit_test(test_disasm_line_layout),
		cmocka_unit_test(test_disasm_ld_imm64_pointer_forms),
		cmocka_unit_test(test_disasm_helper_names),
		cmocka_unit_test(test_disasm_kfunc_names),
		cmocka_unit_test(test_disasm_all_opcodes_print),
	};
	int failed = 0;

	failed += cmocka_run_group_tests_name("disasm: kernel-printed text", kernel_text, NULL, NULL);
	failed += cmocka_run_group_tests_name("disasm: contracts", contracts, NULL, NULL);
	return failed;
}
