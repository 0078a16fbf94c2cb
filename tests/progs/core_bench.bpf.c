/* Benchmark programs for tools/bench-sim.sh: the worst cases of the
 * explored-state lists (long loops, many diamonds) next to ordinary code.
 * Each is also verified by the native kernel (tools/bench-native). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

#define __imm(name) [name] "i"(name)

/* rejected at the 1M limit: the kernel's "most abusive loop"
 * (comment in is_state_visited()): no state ever matches */
SEC("socket")
__attribute__((naked)) int loop_1m_limit(void)
{
	asm volatile("r1 = 0;"
		     "l0_%=: r1 += 1;"
		     "if r1 < 1000000 goto l0_%=;"
		     "r0 = 0;"
		     "exit;" ::: "r0", "r1", "r2", "memory");
}

/* accepted: 100k iterations of a counted loop, ~300k insns */
SEC("socket")
__attribute__((naked)) int loop_100k(void)
{
	asm volatile("r1 = 0;"
		     "r2 = 0;"
		     "l0_%=: r1 += 1;"
		     "r2 += r1;"
		     "if r1 < 100000 goto l0_%=;"
		     "r0 = 0;"
		     "exit;" ::: "r0", "r1", "r2", "memory");
}

/* accepted: a loop that spills to the stack each round */
SEC("socket")
__attribute__((naked)) int loop_stack(void)
{
	asm volatile("r1 = 0;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "l0_%=: r1 = *(u64 *)(r10 - 8);"
		     "r1 += 1;"
		     "*(u64 *)(r10 - 8) = r1;"
		     "*(u64 *)(r10 - 16) = r1;"
		     "if r1 < 50000 goto l0_%=;"
		     "r0 = 0;"
		     "exit;" ::: "r0", "r1", "r2", "memory");
}

/* accepted: 24 diamonds on a random value; pruning keeps it linear */
#define DIAMOND(n) "call %[bpf_get_prandom_u32];" \
	"if r0 & 1 goto d" #n "_%=;" "r6 += 1;" "d" #n "_%=: r7 += 1;"
SEC("socket")
__attribute__((naked)) int diamonds(void)
{
	asm volatile("r6 = 0; r7 = 0;"
		     DIAMOND(0) DIAMOND(1) DIAMOND(2) DIAMOND(3) DIAMOND(4) DIAMOND(5)
		     DIAMOND(6) DIAMOND(7) DIAMOND(8) DIAMOND(9) DIAMOND(10) DIAMOND(11)
		     DIAMOND(12) DIAMOND(13) DIAMOND(14) DIAMOND(15) DIAMOND(16) DIAMOND(17)
		     DIAMOND(18) DIAMOND(19) DIAMOND(20) DIAMOND(21) DIAMOND(22) DIAMOND(23)
		     "r0 = 0;"
		     "exit;"
		     :
		     : __imm(bpf_get_prandom_u32)
		     : "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "memory");
}
