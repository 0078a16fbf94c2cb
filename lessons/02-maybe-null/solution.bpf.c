// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 2 solution: check the pointer before using it. On the branch where
 * it is not NULL the verifier turns map_value_or_null into map_value. */
#include "veristep.h"

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

SEC("tc")
int count_packets(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *count;

	count = bpf_map_lookup_elem(&counters, &key);
	if (!count)
		return 0;	/* a fresh hash map is empty: this path runs */
	*count += 1;
	return *count;
}

char _license[] SEC("license") = "GPL";
