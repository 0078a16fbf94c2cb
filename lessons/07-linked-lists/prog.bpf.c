// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 7: a linked list under its spin lock (seed 02).
 *
 * A bpf_list_head lives in a map value (here the .data.A global section)
 * next to the bpf_spin_lock that guards it: the verifier pairs them because
 * they share the map value. Push hands our owning reference to the list;
 * pop gives an owning reference back (or NULL) that we must drop. */
#include "veristep.h"

struct item {
	long value;
	struct bpf_list_node node;
};

private(A) struct bpf_spin_lock lock_a;
private(A) struct bpf_list_head list_a __contains(item, node);

SEC("tc")
int push_pop(struct __sk_buff *skb)
{
	struct bpf_list_node *n;
	struct item *it;
	long value;

	it = bpf_obj_new(struct item);
	if (!it)
		return 0;
	it->value = 7;

	bpf_spin_lock(&lock_a);
	bpf_list_push_front(&list_a, &it->node);
	n = bpf_list_pop_front(&list_a);
	bpf_spin_unlock(&lock_a);

	if (!n)
		return 0;
	it = container_of(n, struct item, node);
	value = it->value;
	bpf_obj_drop(it);
	return value;	/* 7 */
}

char _license[] SEC("license") = "GPL";
