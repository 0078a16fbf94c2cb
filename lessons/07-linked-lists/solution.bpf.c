// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 7 solution: list_b lives in .data.B, so lock_b guards it. */
#include "veristep.h"

struct item {
	long value;
	struct bpf_list_node node;
};

private(A) struct bpf_spin_lock lock_a;
private(A) struct bpf_list_head list_a __contains(item, node);
private(B) struct bpf_spin_lock lock_b;
private(B) struct bpf_list_head list_b __contains(item, node);

SEC("tc")
int push_b(struct __sk_buff *skb)
{
	struct item *it;

	it = bpf_obj_new(struct item);
	if (!it)
		return 0;
	it->value = 7;
	bpf_spin_lock(&lock_b);
	bpf_list_push_back(&list_b, &it->node);
	bpf_spin_unlock(&lock_b);
	return 1;
}

char _license[] SEC("license") = "GPL";
