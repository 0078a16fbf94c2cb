// SPDX-License-Identifier: GPL-2.0-only
/* For the tracer's tests: two branch points on the packet length, so the
 * verifier explores several paths; the lookup's result is used without a
 * NULL check on one of them only, so the error sits on a pushed path. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} tui_counts SEC(".maps");

SEC("tc")
int tui_two_paths(struct __sk_buff *skb)
{
	__u32 key = skb->len & 3;
	__u64 *v = bpf_map_lookup_elem(&tui_counts, &key);

	if (skb->len > 100) {
		if (v)
			return *v & 1;
		return 0;
	}
	if (skb->protocol == 8)
		return 2;
	return *v & 2; /* refused: v may be NULL on this path */
}

SEC("tc")
int tui_accepted(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&tui_counts, &key);

	if (!v)
		return 0;
	if (skb->len > 64)
		*v += 1;
	return 1;
}

char _license[] SEC("license") = "GPL";
