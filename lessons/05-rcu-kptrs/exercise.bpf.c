// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 5 exercise: rejected, the RCU pointer outlives its read section.
 * Fix it so bpf_task_acquire runs while the pointer is still protected. */
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

SEC("syscall")
int rcu_peek(void *ctx)
{
	struct task_struct *task, *mine;
	struct task_slot *slot;
	__u32 key = 0;
	int pid;

	slot = bpf_map_lookup_elem(&slots, &key);
	if (!slot)
		return 0;
	bpf_rcu_read_lock();
	task = slot->task;
	bpf_rcu_read_unlock();
	if (!task)
		return 0;
	mine = bpf_task_acquire(task);
	if (!mine)
		return 0;
	pid = mine->pid;
	bpf_task_release(mine);
	return pid;
}

char _license[] SEC("license") = "GPL";
