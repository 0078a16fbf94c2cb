/* Indirect jumps through jump tables (gotox), as a switch compiles to.
 *
 * clang-19 does not emit jump tables for BPF (later clangs do, with the
 * same layout: a .jumptables symbol of u64 byte offsets from the start of
 * the function's section, loaded with LD_IMM64), so the switches are
 * written in assembly like the kernel's verifier_gotox selftests, and gotox
 * itself as raw bytes: BPF_JMP|BPF_JA|BPF_X (0x0d), dst_reg in the next
 * nibble. Three programs share the "tc" section (libbpf rebases each
 * table to its own program), one switch sits in a .text subprogram (its
 * table is rebased to where the subprogram is appended). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

#define GOTOX_R2 ".8byte 0x20d;"

/* accepted: switch (skb->len & 3) { case 0..3: return 10, 11, 12, 13; } */
SEC("tc")
__attribute__((naked)) int gotox_switch(void)
{
	asm volatile (
	".pushsection .jumptables,\"\",@progbits;"
	"jt_sw_%=:"
	".quad case0_%= - tc;"
	".quad case1_%= - tc;"
	".quad case2_%= - tc;"
	".quad case3_%= - tc;"
	".size jt_sw_%=, 32;"
	".global jt_sw_%=;"
	".popsection;"
	"r1 = *(u32 *)(r1 + 0);"
	"r1 &= 3;"
	"r1 <<= 3;"
	"r2 = jt_sw_%= ll;"
	"r2 += r1;"
	"r2 = *(u64 *)(r2 + 0);"
	GOTOX_R2
	"case0_%=:"
	"r0 = 10;"
	"exit;"
	"case1_%=:"
	"r0 = 11;"
	"exit;"
	"case2_%=:"
	"r0 = 12;"
	"exit;"
	"case3_%=:"
	"r0 = 13;"
	"exit;"
	::: "r0", "r1", "r2", "memory");
}

/* rejected: the index is not bounded to the table (8 slots read, 4 exist) */
SEC("tc")
__attribute__((naked)) int gotox_unbounded(void)
{
	asm volatile (
	".pushsection .jumptables,\"\",@progbits;"
	"jt_ub_%=:"
	".quad case0_%= - tc;"
	".quad case1_%= - tc;"
	".quad case0_%= - tc;"
	".quad case1_%= - tc;"
	".size jt_ub_%=, 32;"
	".global jt_ub_%=;"
	".popsection;"
	"r1 = *(u32 *)(r1 + 0);"
	"r1 &= 7;"
	"r1 <<= 3;"
	"r2 = jt_ub_%= ll;"
	"r2 += r1;"
	"r2 = *(u64 *)(r2 + 0);"
	GOTOX_R2
	"case0_%=:"
	"r0 = 20;"
	"exit;"
	"case1_%=:"
	"r0 = 21;"
	"exit;"
	::: "r0", "r1", "r2", "memory");
}

/* a switch in a subprogram: switch (x & 1) { case 0: 30; case 1: 31; } */
__attribute__((naked, noinline, used)) static int gotox_sub(void)
{
	asm volatile (
	".pushsection .jumptables,\"\",@progbits;"
	"jt_sub_%=:"
	".quad case0_%= - .text;"
	".quad case1_%= - .text;"
	".size jt_sub_%=, 16;"
	".global jt_sub_%=;"
	".popsection;"
	"r1 &= 1;"
	"r1 <<= 3;"
	"r2 = jt_sub_%= ll;"
	"r2 += r1;"
	"r2 = *(u64 *)(r2 + 0);"
	GOTOX_R2
	"case0_%=:"
	"r0 = 30;"
	"exit;"
	"case1_%=:"
	"r0 = 31;"
	"exit;"
	::: "r0", "r1", "r2", "memory");
}

/* accepted: calls the subprogram with skb->len */
SEC("tc")
__attribute__((naked)) int gotox_in_subprog(void)
{
	asm volatile (
	"r1 = *(u32 *)(r1 + 0);"
	"call gotox_sub;"
	"exit;"
	::: "r0", "r1", "r2", "memory");
}
