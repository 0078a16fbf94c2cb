// SPDX-License-Identifier: GPL-2.0
/* Loader test: maps, global data, static and global subprograms, callbacks.
 * Two main programs call the same subprograms in a different order so that
 * libbpf appends them in a different order for each (see
 * bpf_object__reloc_code()). No kfuncs, ksyms or CO-RE: libbpf can prepare
 * this object without the running kernel, so tests compare against it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct inner {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u32);
} inner_a SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 2);
	__type(key, __u32);
	__array(values, struct inner);
} outer SEC(".maps") = {
	.values = { [0] = &inner_a },
};

__u64 hits = 7;                 /* .data */
const volatile __u32 limit = 3; /* .rodata */
__u32 scratch[4];               /* .bss */
char _license[] SEC("license") = "GPL";

static __noinline int add_one(int x)
{
	return x + (int)limit;
}

static __noinline int twice(int x)
{
	return add_one(x) + add_one(x + 1);
}

__noinline int global_sum(int x)
{
	if (x > 100)
		return 0;
	return x + 1;
}

static int loop_cb(__u32 idx, void *ctx)
{
	hits += idx;
	return 0;
}

SEC("tc")
int tc_main(struct __sk_buff *skb)
{
	__u32 key = 1;
	__u64 *v;

	v = bpf_map_lookup_elem(&counts, &key);
	if (v)
		*v += 1;
	scratch[1] = skb->len;
	bpf_loop(4, loop_cb, NULL, 0);
	return twice(skb->len) + global_sum(skb->len);
}

SEC("xdp")
int xdp_main(struct xdp_md *ctx)
{
	__u32 key = 0;
	void *m;

	m = bpf_map_lookup_elem(&outer, &key);
	if (!m)
		return XDP_PASS;
	return global_sum(ctx->ingress_ifindex) + add_one(hits) > 5 ? XDP_DROP : XDP_PASS;
}

SEC("syscall")
int sys_main(void *ctx)
{
	return add_one(scratch[2]);
}
