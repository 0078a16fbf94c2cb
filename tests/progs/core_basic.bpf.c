/* Core verifier rules, accepted and rejected variants (issue 3). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

#define __imm(name) [name] "i"(name)
#define __imm_addr(name) [name] "i"(&name)
#define __clobber_all "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "memory"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, int);
	__type(value, long);
} counts SEC(".maps");

/* accepted: constant return */
SEC("tc")
int ret_const(struct __sk_buff *skb)
{
	return 0;
}

/* rejected: R0 never written (R0 !read_ok) */
SEC("tc")
__attribute__((naked)) int ret_uninit(void)
{
	asm volatile("exit;");
}

/* accepted: spill and fill of the context pointer */
SEC("tc")
__attribute__((naked)) int spill_fill(void)
{
	asm volatile("*(u64 *)(r10 - 8) = r1;"
		     "r2 = *(u64 *)(r10 - 8);"
		     "r0 = *(u32 *)(r2 + 0);"
		     "r0 = 0;"
		     "exit;");
}

/* accepted: lookup then NULL check */
SEC("tc")
int lookup_checked(struct __sk_buff *skb)
{
	int key = skb->len & 7;
	long *v = bpf_map_lookup_elem(&counts, &key);

	if (v)
		return *v & 1;
	return 0;
}

/* rejected: dereference before the NULL check */
SEC("tc")
__attribute__((naked)) int lookup_unchecked(void)
{
	asm volatile("r1 = 0;"
		     "*(u32 *)(r10 - 4) = r1;"
		     "r2 = r10;"
		     "r2 += -4;"
		     "r1 = %[counts] ll;"
		     "call %[bpf_map_lookup_elem];"
		     "r0 = *(u64 *)(r0 + 0);"
		     "exit;"
		     :
		     : __imm_addr(counts), __imm(bpf_map_lookup_elem)
		     : __clobber_all);
}

/* accepted: packet access after the bounds check */
SEC("xdp")
int pkt_checked(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;

	if (data + 14 > end)
		return XDP_DROP;
	return data[12] == 8 ? XDP_PASS : XDP_DROP;
}

/* rejected: packet access without the check */
SEC("xdp")
int pkt_unchecked(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;

	return data[12] == 8 ? XDP_PASS : XDP_DROP;
}

/* accepted: a bounded loop */
SEC("tc")
int bounded_loop(struct __sk_buff *skb)
{
	int i, sum = 0;

	for (i = 0; i < 16; i++)
		sum += i ^ skb->len;
	return sum & 1;
}

static __attribute__((noinline)) int add_one(int x)
{
	return x + 1;
}

/* accepted: a static bpf-to-bpf call */
SEC("tc")
int static_call(struct __sk_buff *skb)
{
	return add_one(skb->len) & 1;
}
