// SPDX-License-Identifier: GPL-2.0
/* Loader test: things resolved against the kernel's BTF: kfunc calls
 * (present and weak-missing), a typed ksym, CO-RE field/type/enum
 * relocations, a .kconfig extern, tp_btf/fentry/lsm.s sections. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

char _license[] SEC("license") = "GPL";

extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;
extern struct task_struct *bpf_task_acquire(struct task_struct *p) __ksym;
extern void bpf_task_release(struct task_struct *p) __ksym;
extern int veristep_no_such_kfunc(int x) __ksym __weak;
extern const int bpf_prog_active __ksym;
extern unsigned int LINUX_KERNEL_VERSION __kconfig;

/* A local flavour of a kernel struct: only the fields we use. */
struct task_struct___local {
	int pid;
	int tgid;
} __attribute__((preserve_access_index));

struct veristep_missing_type {
	int nope;
} __attribute__((preserve_access_index));

int seen_pid;

SEC("tp_btf/sched_switch")
int BPF_PROG(on_switch, bool preempt, struct task_struct *prev, struct task_struct *next)
{
	struct task_struct *t;
	int *active;

	seen_pid = BPF_CORE_READ(next, pid);
	if (bpf_core_field_exists(struct task_struct___local, tgid))
		seen_pid += 1;
	if (bpf_core_type_exists(struct veristep_missing_type))
		seen_pid += 2;
	t = bpf_task_acquire(prev);
	if (t)
		bpf_task_release(t);
	if (veristep_no_such_kfunc)
		veristep_no_such_kfunc(1);
	active = bpf_this_cpu_ptr(&bpf_prog_active);
	return *active + (LINUX_KERNEL_VERSION > 0);
}

SEC("fentry/do_nanosleep")
int BPF_PROG(on_sleep, struct hrtimer_sleeper *t)
{
	struct task_struct___local *cur = (void *)bpf_get_current_task_btf();

	bpf_rcu_read_lock();
	seen_pid = cur->tgid;
	bpf_rcu_read_unlock();
	return 0;
}

SEC("lsm.s/bpf")
int BPF_PROG(on_bpf, int cmd, union bpf_attr *attr, unsigned int size, bool kernel)
{
	return 0;
}
