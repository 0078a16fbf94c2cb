// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 2: maybe-NULL pointers.
 *
 * bpf_map_lookup_elem returns map_value_or_null: a pointer into the map, or
 * NULL. Linux 7.3 knows more for arrays: when the key on the stack is a
 * known constant below max_entries the element always exists, so the
 * result is plain map_value and this program needs no NULL check. A hash
 * map gives no such guarantee: see exercise.bpf.c. */
#include "veristep.h"

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

SEC("tc")
int count_packets(struct __sk_buff *skb)
{
	__u32 key = 0;		/* a known constant, below max_entries */
	__u64 *count;

	count = bpf_map_lookup_elem(&counters, &key);
	*count += 1;
	return *count;		/* 1: the first packet this map has seen */
}

char _license[] SEC("license") = "GPL";
