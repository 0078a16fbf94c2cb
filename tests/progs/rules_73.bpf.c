// SPDX-License-Identifier: GPL-2.0
/* Rules of Linux 7.3's verifier that older kernels (and the seeds) do not
 * describe, one program each; the kernel's answers are goldens
 * (tests/golden/tests/progs/rules_73.json):
 *   - a taken tail call inside a subprogram returns from it, so packet
 *     pointers of the caller are invalid afterwards (check_helper_call());
 *   - bpf_xdp_pull_data() changes packet data: pointers die
 *     (bpf_is_kfunc_pkt_changing());
 *   - a recursive bpf-to-bpf call is refused before the walk
 *     (sort_subprogs_topo());
 *   - a map the program may only read (BPF_F_RDONLY_PROG) refuses a store
 *     (check_map_access_type());
 *   - bpf_get_smp_processor_id() is bounded by the machine's CPU count (the
 *     lab VM has one CPU), so it may index a one-element array;
 *   - "r = -1 or 0; r |= 8" forks into two exact states that both re-run
 *     the OR (maybe_fork_scalars());
 *   - a variable-offset read of spilled zeros reads 0 (mark_reg_stack_read()). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} jmp_table SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
	__uint(map_flags, BPF_F_RDONLY_PROG);
} ro_map SEC(".maps");

__u64 per_cpu_slot[1];

extern int bpf_xdp_pull_data(struct xdp_md *x, __u32 len) __weak __ksym;

static __noinline int tail_call_sub(struct __sk_buff *skb)
{
	bpf_tail_call_static(skb, &jmp_table, 0);
	return skb->len;
}

/* rejected: the tail call in tail_call_sub() may have been taken */
SEC("tc")
int tail_call_in_subprog(struct __sk_buff *skb)
{
	__u8 *data = (void *)(long)skb->data;
	int ret;

	if (data + 1 > (__u8 *)(long)skb->data_end)
		return 0;
	ret = tail_call_sub(skb);
	return ret + *data;
}

/* accepted: a tail call in the main program does not come back */
SEC("tc")
int tail_call_in_main(struct __sk_buff *skb)
{
	__u8 *data = (void *)(long)skb->data;

	if (data + 1 > (__u8 *)(long)skb->data_end)
		return 0;
	bpf_tail_call_static(skb, &jmp_table, 0);
	return *data;
}

/* rejected: the packet may have been reallocated by the pull */
SEC("xdp")
int pull_data_stale(struct xdp_md *x)
{
	__u8 *data = (void *)(long)x->data;

	if (data + 1 > (__u8 *)(long)x->data_end)
		return XDP_DROP;
	bpf_xdp_pull_data(x, 0);
	return *data ? XDP_PASS : XDP_DROP;
}

/* calls itself while r1 < 4 (written in asm: clang would turn the
 * recursion into a loop) */
static __attribute__((naked, noinline, used)) void countdown(void)
{
	asm volatile("r1 += 1;"
		     "r0 = r1;"
		     "if r1 < 4 goto 1f;"
		     "exit;"
		     "1: call countdown;"
		     "exit;");
}

/* rejected before the walk: countdown() calls itself */
SEC("tc")
__attribute__((naked)) int recursion(void)
{
	asm volatile("r1 = 0;"
		     "call countdown;"
		     "exit;");
}

/* rejected: the program may only read ro_map */
SEC("tc")
int write_read_only_map(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&ro_map, &key);

	if (!v)
		return 0;
	*v = skb->len;
	return 0;
}

/* accepted on the one-CPU lab VM: the CPU number is 0 */
SEC("tc")
int cpu_indexed(struct __sk_buff *skb)
{
	__u32 cpu = bpf_get_smp_processor_id();

	per_cpu_slot[cpu] += skb->len;
	return 0;
}

/* rejected: of the two forked states, r6 = 8 walks one byte past the
 * 8-byte value */
SEC("tc")
__attribute__((naked)) int or_fork_out_of_bounds(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[ro_map] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "if r0 == 0 goto 1f;"
		     "r9 = r0;"
		     "r6 = *(u64 *)(r9 + 0);"
		     "r6 s>>= 63;"
		     "r6 |= 8;"
		     "if r6 s< 0 goto 1f;"
		     "r9 += r6;"
		     "r0 = *(u8 *)(r9 + 0);"
		     "1: r0 = 0;"
		     "exit;"
		     :
		     : [ro_map] "i"(&ro_map), [bpf_map_lookup_elem] "i"(BPF_FUNC_map_lookup_elem)
		     : "memory");
}

/* accepted: whichever spilled zero the variable offset reads, it is 0,
 * so r1 + r3 stays at fp-1 */
SEC("cgroup_skb/ingress")
__attribute__((naked)) int var_off_read_of_zero(void)
{
	asm volatile("r0 = 0;"
		     "*(u64 *)(r10 - 8) = r0;"
		     "r2 = *(u32 *)(r1 + 0);"
		     "r2 &= 7;"
		     "r2 -= 8;"
		     "r2 += r10;"
		     "r3 = *(u8 *)(r2 + 0);"
		     "r1 = r10;"
		     "r1 += -1;"
		     "r1 += r3;"
		     "*(u8 *)(r1 + 0) = r3;"
		     "r0 = 1;"
		     "exit;");
}
