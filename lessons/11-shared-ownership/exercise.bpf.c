// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 11 exercise: one object in a tree and in a list. Rejected: the
 * first add consumed the only owning reference. The type has a
 * bpf_refcount: use it. */
#include "veristep.h"

struct shared {
	long key;
	struct bpf_rb_node rb;
	struct bpf_list_node ln;
	struct bpf_refcount ref;
};

private(A) struct bpf_spin_lock glock;
private(A) struct bpf_rb_root tree __contains(shared, rb);
private(A) struct bpf_list_head list __contains(shared, ln);

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	struct shared *x = container_of(a, struct shared, rb);
	struct shared *y = container_of(b, struct shared, rb);

	return x->key < y->key;
}

SEC("tc")
int tree_and_list(struct __sk_buff *skb)
{
	struct shared *n;

	n = bpf_obj_new(struct shared);
	if (!n)
		return 0;
	n->key = 3;

	bpf_spin_lock(&glock);
	bpf_rbtree_add(&tree, &n->rb, less);
	bpf_list_push_back(&list, &n->ln);
	bpf_spin_unlock(&glock);
	return 1;
}

char _license[] SEC("license") = "GPL";
