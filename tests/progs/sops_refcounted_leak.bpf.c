/* struct_ops: a __ref argument that is neither released nor returned is a
 * leak of the reference acquired at insn 0. Needs bpf_testmod. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

struct bpf_testmod_ops {
	int (*test_refcounted)(int dummy, struct task_struct *task);
};

SEC("struct_ops/test_refcounted")
int BPF_PROG(sops_leak, int dummy, struct task_struct *task)
{
	return 0;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops sops_bad = {
	.test_refcounted = (void *)sops_leak,
};

char LICENSE[] SEC("license") = "GPL";
