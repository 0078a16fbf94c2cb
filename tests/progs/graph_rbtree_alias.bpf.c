/* Seed 05's aliasing example on 7.3: after bpf_rbtree_add, n is a
 * non-owning reference; bpf_rbtree_remove(&n->node) returns an owning
 * reference m to the same object. In 7.3 remove does NOT invalidate n
 * (invalidate_non_owning_refs() runs only at unlock), so n and m alias
 * until bpf_spin_unlock; the runtime's owner check makes a second remove
 * of the same node return NULL, which is why no double free follows. */
#include "kernel_kfuncs.h"

extern struct bpf_rb_node *bpf_rbtree_remove(struct bpf_rb_root *root,
					     struct bpf_rb_node *node) __ksym;

struct alias_node {
	long key;
	struct bpf_rb_node node;
};

private(RB) struct bpf_spin_lock rlock;
private(RB) struct bpf_rb_root rroot __contains(alias_node, node);

static bool less(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct alias_node, node)->key <
	       container_of(b, struct alias_node, node)->key;
}

SEC("tc")
long graph_rbtree_alias(void *ctx)
{
	struct bpf_rb_node *m, *m2;
	struct alias_node *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	bpf_spin_lock(&rlock);
	bpf_rbtree_add(&rroot, &n->node, less);
	m = bpf_rbtree_remove(&rroot, &n->node);  /* n stays non-owning */
	m2 = bpf_rbtree_remove(&rroot, &n->node); /* still accepted in 7.3 */
	bpf_spin_unlock(&rlock);                  /* n invalidated here */
	if (m)
		bpf_obj_drop(container_of(m, struct alias_node, node));
	if (m2)
		bpf_obj_drop(container_of(m2, struct alias_node, node));
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
