// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 4: a referenced kptr stored in a map, and the old "xchg dance".
 *
 * stash() takes a reference on task 1 (bpf_task_from_pid) and moves it into
 * the map with bpf_kptr_xchg: the map now owns it. peek() is the pattern
 * KF_KPTR_GET kfuncs were invented to avoid (seed 01): take the pointer out
 * of the map, acquire a second reference, put the first one back, and
 * release whatever someone else put there in the meantime. The verifier
 * accepts it; it is just ugly, and racy (another CPU sees an empty slot). */
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
int stash_and_peek(struct __sk_buff *skb)
{
	struct task_struct *task, *old, *mine;
	struct task_slot *slot;
	__u32 key = 0;
	int pid;

	slot = bpf_map_lookup_elem(&slots, &key);
	if (!slot)
		return 0;

	/* stash: the map takes our reference, we get the previous one back */
	task = bpf_task_from_pid(1);
	if (!task)
		return 0;
	old = bpf_kptr_xchg(&slot->task, task);
	if (old)
		bpf_task_release(old);

	/* peek, the pre-RCU way */
	old = bpf_kptr_xchg(&slot->task, NULL);
	if (!old)
		return 0;
	mine = bpf_task_acquire(old);
	old = bpf_kptr_xchg(&slot->task, old);
	if (old)
		bpf_task_release(old);
	if (!mine)
		return 0;
	pid = mine->pid;
	bpf_task_release(mine);
	return pid;	/* 1 */
}

char _license[] SEC("license") = "GPL";
