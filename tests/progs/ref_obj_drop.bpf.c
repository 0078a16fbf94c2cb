/* Accepted and rejected variants of bpf_obj_new / bpf_obj_drop ownership. */
#include "kernel_kfuncs.h"

struct ref_obj {
	long key;
	long data;
};

/* accepted: acquire at the call, release at the drop */
SEC("tc")
long ref_obj_drop_ok(void *ctx)
{
	struct ref_obj *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	n->data = 7;
	bpf_obj_drop(n);
	return 0;
}

/* rejected: the second drop passes a register the first one scrubbed */
SEC("tc")
long ref_obj_double_drop(void *ctx)
{
	struct ref_obj *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	bpf_obj_drop(n);
	bpf_obj_drop(n);
	return 0;
}

/* rejected: the object may be NULL when dropped */
SEC("tc")
long ref_obj_drop_maybe_null(void *ctx)
{
	struct ref_obj *n = bpf_obj_new(typeof(*n));

	bpf_obj_drop(n);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
