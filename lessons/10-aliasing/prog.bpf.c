// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 10: aliasing — seed 05's double-remove example, on Linux 7.3.
 *
 * n and m are two non-owning references to the same node. Seed 05 says
 * bpf_rbtree_remove invalidates non-owning references so the second remove
 * cannot be written. 7.3 does not: invalidate_non_owning_refs() runs only at
 * lock release. Instead bpf_rbtree_remove checks at run time that the node
 * is still in this tree and returns NULL otherwise, and its result is
 * KF_RET_NULL, so the program must check it. No double free is possible. */
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
int double_remove(struct __sk_buff *skb)
{
	struct bpf_rb_node *m, *o, *p;
	struct node_data *n;
	long key;

	n = bpf_obj_new(struct node_data);		/* 1: owning */
	if (!n)
		return 0;
	n->key = 5;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&groot, &n->node, less);		/* 2: n non-owning */
	m = bpf_rbtree_first(&groot);			/* 3: m aliases n */
	if (!m) {
		bpf_spin_unlock(&glock);
		return 0;
	}
	o = bpf_rbtree_remove(&groot, &n->node);	/* 4: o owning */
	p = bpf_rbtree_remove(&groot, m);		/* 5: NULL at run time */
	key = n->key;					/* n still usable in 7.3 */
	bpf_spin_unlock(&glock);

	if (o)
		bpf_obj_drop(container_of(o, struct node_data, node));
	if (p) {
		bpf_obj_drop(container_of(p, struct node_data, node));
		return 100;				/* 6: never happens */
	}
	return key;	/* 5 */
}

char _license[] SEC("license") = "GPL";
