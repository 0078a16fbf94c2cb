/* Per-CPU kernel variables as typed ksyms: a pointer to one is
 * PTR_TO_BTF_ID | MEM_PERCPU, usable only through bpf_this_cpu_ptr() and
 * bpf_per_cpu_ptr(), which return read-only memory (a scalar variable) or
 * a BTF pointer (a struct); bpf_per_cpu_ptr() may return NULL. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

extern const int bpf_prog_active __ksym;
extern const struct rq runqueues __ksym;

/* accepted: this CPU's copy of an int */
SEC("tc")
int percpu_this_cpu_ok(void *ctx)
{
	const int *p = bpf_this_cpu_ptr(&bpf_prog_active);

	return *p;
}

/* rejected: bpf_per_cpu_ptr() may return NULL */
SEC("tc")
int percpu_per_cpu_null(void *ctx)
{
	const int *p = bpf_per_cpu_ptr(&bpf_prog_active, 0);

	return *p;
}

/* accepted: checked for NULL first */
SEC("tc")
int percpu_per_cpu_ok(void *ctx)
{
	const int *p = bpf_per_cpu_ptr(&bpf_prog_active, 0);

	return p ? *p : 0;
}

/* rejected: the memory is read-only */
SEC("tc")
int percpu_write_rdonly(void *ctx)
{
	int *p = (int *)bpf_this_cpu_ptr(&bpf_prog_active);

	*p = 1;
	return 0;
}

/* accepted: a struct comes back as a BTF pointer */
SEC("tc")
int percpu_struct_ok(void *ctx)
{
	struct rq *rq = bpf_this_cpu_ptr(&runqueues);

	return rq->cpu;
}

/* rejected: an integer is not a per-CPU pointer */
SEC("tc")
int percpu_scalar_arg(void *ctx)
{
	const int *p = bpf_this_cpu_ptr((void *)0x1000);

	return *p;
}

char _license[] SEC("license") = "GPL";
