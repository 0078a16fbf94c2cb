/* Rejected: an object from bpf_obj_new is neither dropped nor handed to a
 * graph, so the reference is still held at exit. 7.3's
 * check_reference_leak() says "Unreleased reference id=%d alloc_insn=%d".
 * Used by tests/kernel/test_run_leak.sh. */
#include "kernel_kfuncs.h"

struct node_data {
	long key;
	long data;
	struct bpf_rb_node node;
};

SEC("tc")
long leak_obj_new(void *ctx)
{
	struct node_data *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	n->key = 5;
	return 0; /* n is never dropped */
}

char LICENSE[] SEC("license") = "GPL";
