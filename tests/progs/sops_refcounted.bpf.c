/* struct_ops with a referenced argument (bpf_testmod's test_refcounted,
 * whose CFI stub names its task argument "task__ref"): the program starts
 * owning a reference to the task (acquired at insn 0) and must release it;
 * test_return_ref_kptr may hand it back instead. Needs bpf_testmod.
 * (The leaking variant is sops_refcounted_leak.bpf.c: a rejected program
 * stops libbpf's load of the rest of its object.) */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* the members used here; libbpf and the kernel match them by name */
struct bpf_testmod_ops {
	int (*test_refcounted)(int dummy, struct task_struct *task);
	struct task_struct *(*test_return_ref_kptr)(int dummy, struct task_struct *task,
						    struct cgroup *cgrp);
};

extern void bpf_task_release(struct task_struct *p) __ksym;

SEC("struct_ops/test_refcounted")
int BPF_PROG(sops_release, int dummy, struct task_struct *task)
{
	bpf_task_release(task);
	return 0;
}

SEC("struct_ops/test_return_ref_kptr")
struct task_struct *BPF_PROG(sops_return, int dummy, struct task_struct *task,
			     struct cgroup *cgrp)
{
	return task;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops sops_ok = {
	.test_refcounted = (void *)sops_release,
	.test_return_ref_kptr = (void *)sops_return,
};

char LICENSE[] SEC("license") = "GPL";
