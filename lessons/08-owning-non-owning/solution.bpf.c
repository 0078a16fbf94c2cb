// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 8 solution: one owning reference per add: two nodes. */
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

private(A) struct bpf_rb_root groot2 __contains(node_data, node);

SEC("tc")
int add_twice(struct __sk_buff *skb)
{
	struct node_data *n, *m;

	n = bpf_obj_new(struct node_data);
	if (!n)
		return 0;
	m = bpf_obj_new(struct node_data);
	if (!m) {
		bpf_obj_drop(n);
		return 0;
	}
	n->key = 5;
	m->key = 5;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->node, less);
	bpf_rbtree_add(&groot2, &m->node, less);
	bpf_spin_unlock(&glock);
	return 1;
}

char _license[] SEC("license") = "GPL";
