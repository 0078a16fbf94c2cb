// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 14, review 2: cache init's task in a map. Rejected: an error path
 * added later forgets the reference. */
#include "veristep.h"

struct task_slot {
	struct task_struct __kptr *task;
	long hits;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u32);
	__type(value, struct task_slot);
} cache SEC(".maps");

SEC("tc")
int cache_init_task(struct __sk_buff *skb)
{
	struct task_struct *task, *old;
	struct task_slot *slot;
	__u32 key = 0;

	task = bpf_task_from_pid(1);
	if (!task)
		return 0;
	slot = bpf_map_lookup_elem(&cache, &key);
	if (!slot)
		return 0;		/* the new error path */
	slot->hits++;
	old = bpf_kptr_xchg(&slot->task, task);
	if (old)
		bpf_task_release(old);
	return 1;
}

char _license[] SEC("license") = "GPL";
