/* Rejected: after bpf_rbtree_add the node is only borrowed (non-owning),
 * and bpf_spin_unlock invalidates every non-owning reference; reading it
 * after the unlock is refused. The lab events show both moments:
 * "lab: non-owning ..." at the add, "lab: invalidate ..." at the unlock.
 * Used by tests/kernel/test_run_rbtree.sh. */
#include "kernel_kfuncs.h"

struct node_data {
	long key;
	long data;
	struct bpf_rb_node node;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(node_data, node);

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	struct node_data *node_a = container_of(a, struct node_data, node);
	struct node_data *node_b = container_of(b, struct node_data, node);

	return node_a->key < node_b->key;
}

SEC("tc")
long rbtree_use_after_unlock(void *ctx)
{
	struct node_data *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	n->key = 3;
	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->node, less);
	n->data = 4; /* fine: the lock is held, n is a non-owning reference */
	bpf_spin_unlock(&glock);
	return n->key; /* refused: n was invalidated by the unlock */
}

char LICENSE[] SEC("license") = "GPL";
