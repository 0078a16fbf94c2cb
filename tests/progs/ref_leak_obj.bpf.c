/* Rejected: the object from bpf_obj_new is never dropped, so reference 2 is
 * still in the table at exit (check_reference_leak()). */
#include "kernel_kfuncs.h"

struct ref_leak_node {
	long key;
	long data;
};

SEC("tc")
long ref_leak_obj(void *ctx)
{
	struct ref_leak_node *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	n->key = 5;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
