/* bpf_list: owning -> non-owning at push, non-owning references invalidated
 * at bpf_spin_unlock, the lock must guard the head. */
#include "kernel_kfuncs.h"

extern int bpf_list_push_back_impl(struct bpf_list_head *head, struct bpf_list_node *node,
				   void *meta, __u64 off) __ksym;
extern struct bpf_list_node *bpf_list_pop_front(struct bpf_list_head *head) __ksym;
#define bpf_list_push_back(head, node) bpf_list_push_back_impl(head, node, NULL, 0)

struct graph_elem {
	long data;
	struct bpf_list_node node;
};

private(GL) struct bpf_spin_lock glock;
private(GL) struct bpf_list_head ghead __contains(graph_elem, node);

/* accepted: n is non-owning between the push and the unlock */
SEC("tc")
long graph_list_push_ok(void *ctx)
{
	struct graph_elem *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &n->node);
	n->data = 42;           /* allowed: non-owning, lock still held */
	bpf_spin_unlock(&glock);
	return 0;
}

/* rejected: the head is used without its lock */
SEC("tc")
long graph_list_no_lock(void *ctx)
{
	struct graph_elem *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	bpf_list_push_back(&ghead, &n->node);
	return 0;
}

/* rejected: after the unlock the non-owning reference is gone */
SEC("tc")
long graph_list_use_after_unlock(void *ctx)
{
	struct graph_elem *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 1;
	bpf_spin_lock(&glock);
	bpf_list_push_back(&ghead, &n->node);
	bpf_spin_unlock(&glock);
	n->data = 42;
	return 0;
}

/* accepted: pop gives an owning reference that must be dropped */
SEC("tc")
long graph_list_pop_drop(void *ctx)
{
	struct bpf_list_node *l;

	bpf_spin_lock(&glock);
	l = bpf_list_pop_front(&ghead);
	bpf_spin_unlock(&glock);
	if (!l)
		return 0;
	bpf_obj_drop(container_of(l, struct graph_elem, node));
	return 0;
}

/* rejected: a non-SPINLOCK_SAFE kfunc under the lock */
SEC("tc")
long graph_list_drop_under_lock(void *ctx)
{
	struct bpf_list_node *l;

	bpf_spin_lock(&glock);
	l = bpf_list_pop_front(&ghead);
	if (l)
		bpf_obj_drop(container_of(l, struct graph_elem, node));
	bpf_spin_unlock(&glock);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
