// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 4 exercise: replace the task stored in the map. Rejected: what
 * bpf_kptr_xchg hands back is a reference you now own. Fix it. */
#include "veristep.h"

struct task_slot {
	struct task_struct __kptr *task;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct task_slot);
} slots SEC(".maps");

SEC("tc")
int replace_task(struct __sk_buff *skb)
{
	struct task_struct *task, *old;
	struct task_slot *slot;
	__u32 key = 0;

	slot = bpf_map_lookup_elem(&slots, &key);
	if (!slot)
		return 0;
	task = bpf_task_from_pid(1);
	if (!task)
		return 0;
	old = bpf_kptr_xchg(&slot->task, task);
	return old != NULL;
}

char _license[] SEC("license") = "GPL";
