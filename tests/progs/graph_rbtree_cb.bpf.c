/* bpf_rbtree_add's less() callback is verified like the kernel verifies
 * sync callbacks: a frame with two non-owning node arguments, the lock still
 * held, a return value in [0, 1]. */
#include "kernel_kfuncs.h"

struct cb_node {
	long key;
	struct bpf_rb_node node;
};

private(CB) struct bpf_spin_lock cblock;
private(CB) struct bpf_rb_root cbroot __contains(cb_node, node);

static bool less_ok(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return container_of(a, struct cb_node, node)->key <
	       container_of(b, struct cb_node, node)->key;
}

static bool less_unlock(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	bpf_spin_unlock(&cblock);
	return 0;
}

/* outside bool's range: the kernel checks the callback's R0 as a value */
static long less_two(struct bpf_rb_node *a, const struct bpf_rb_node *b)
{
	return 2;
}

#define ADD_WITH(name, less)                                        \
	SEC("tc")                                                   \
	long name(void *ctx)                                        \
	{                                                           \
		struct cb_node *n = bpf_obj_new(typeof(*n));        \
								    \
		if (!n)                                             \
			return 1;                                   \
		bpf_spin_lock(&cblock);                             \
		bpf_rbtree_add(&cbroot, &n->node, less);            \
		bpf_spin_unlock(&cblock);                           \
		return 0;                                           \
	}

ADD_WITH(graph_rbtree_cb_ok, less_ok)
ADD_WITH(graph_rbtree_cb_unlock, less_unlock)
ADD_WITH(graph_rbtree_cb_ret2, (void *)less_two)

char LICENSE[] SEC("license") = "GPL";
