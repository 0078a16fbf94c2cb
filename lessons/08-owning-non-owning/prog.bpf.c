// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 8: owning vs non-owning references (seed 05).
 *
 * bpf_obj_new gives an owning reference. bpf_rbtree_add passes ownership to
 * the tree: the reference is released and every copy of the pointer becomes
 * a non-owning reference. Until bpf_spin_unlock the program may still read
 * and write the node through it (pointer stability + the lock), but it can
 * no longer drop it or add it somewhere else. */
#include "veristep.h"

struct node_data {
	long key;
	long data;
	struct bpf_rb_node node;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root groot __contains(node_data, node);

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	struct node_data *x = container_of(a, struct node_data, node);
	struct node_data *y = container_of(b, struct node_data, node);

	return x->key < y->key;
}

SEC("tc")
int add_and_touch(struct __sk_buff *skb)
{
	struct node_data *n;
	long data;

	n = bpf_obj_new(struct node_data);
	if (!n)
		return 0;
	n->key = 5;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->node, less);
	n->data = 42;		/* write through a non-owning reference */
	data = n->key;		/* read through it */
	bpf_spin_unlock(&glock);
	return data;	/* 5 */
}

char _license[] SEC("license") = "GPL";
