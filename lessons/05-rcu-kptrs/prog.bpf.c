// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 5: RCU-protected kptrs, the replacement for KF_KPTR_GET.
 *
 * task_struct is RCU-safe, so a plain load of the kptr field gives an
 * rcu_ptr_or_null_ pointer (MEM_RCU): valid until the RCU read section
 * ends. bpf_task_acquire is KF_ACQUIRE | KF_RCU | KF_RET_NULL: it accepts
 * that pointer and tries refcount_inc_not_zero(), so it may return NULL. No
 * xchg dance, no empty slot for other CPUs to see (compare lesson 4). */
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
	int pid = 0;

	slot = bpf_map_lookup_elem(&slots, &key);
	if (!slot)
		return 0;
	task = bpf_task_from_pid(1);
	if (!task)
		return 0;
	task = bpf_kptr_xchg(&slot->task, task);
	if (task)
		bpf_task_release(task);

	bpf_rcu_read_lock();
	task = slot->task;		/* MEM_RCU: no reference taken */
	if (task) {
		mine = bpf_task_acquire(task);
		if (mine) {
			pid = mine->pid;
			bpf_task_release(mine);
		}
	}
	bpf_rcu_read_unlock();
	return pid;	/* 1 */
}

char _license[] SEC("license") = "GPL";
