// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 14, review 3: insert this packet's length into a tree and report
 * the smallest length seen. Rejected: the node bpf_rbtree_first returned is
 * read after the lock was dropped. */
#include "veristep.h"

struct len_node {
	long len;
	struct bpf_rb_node node;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root lens __contains(len_node, node);

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct len_node, node)->len <
	       container_of(b, struct len_node, node)->len;
}

SEC("tc")
int smallest_len(struct __sk_buff *skb)
{
	struct bpf_rb_node *first;
	struct len_node *n;

	n = bpf_obj_new(struct len_node);
	if (!n)
		return 0;
	n->len = skb->len;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&lens, &n->node, less);
	first = bpf_rbtree_first(&lens);
	bpf_spin_unlock(&glock);
	if (!first)
		return 0;
	return container_of(first, struct len_node, node)->len;
}

char _license[] SEC("license") = "GPL";
