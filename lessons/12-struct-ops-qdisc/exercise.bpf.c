// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 12 exercise: a bpf qdisc FIFO (seed 03). Rejected: when the queue
 * is full .enqueue returns NET_XMIT_DROP but keeps the skb it was handed.
 * Fix it. (libbpf loads all ops of a struct_ops map together: while
 * .enqueue is rejected the others are not judged.) */
#include "veristep.h"

#define NET_XMIT_SUCCESS	0x00
#define NET_XMIT_DROP		0x01

struct skb_node {
	struct sk_buff __kptr *skb;
	struct bpf_list_node node;
};

private(Q) struct bpf_spin_lock q_lock;
private(Q) struct bpf_list_head q_list __contains(skb_node, node);

SEC("struct_ops")
int BPF_PROG(fifo_enqueue, struct sk_buff *skb, struct Qdisc *sch, struct bpf_sk_buff_ptr *to_free)
{
	struct skb_node *n;

	if (sch->q.qlen >= sch->limit)
		return NET_XMIT_DROP;		/* the skb is never dropped */
	n = bpf_obj_new(struct skb_node);
	if (!n)
		goto drop;
	skb = bpf_kptr_xchg(&n->skb, skb);
	if (skb)
		bpf_qdisc_skb_drop(skb, to_free);
	sch->q.qlen++;
	bpf_spin_lock(&q_lock);
	bpf_list_push_back(&q_list, &n->node);
	bpf_spin_unlock(&q_lock);
	return NET_XMIT_SUCCESS;
drop:
	bpf_qdisc_skb_drop(skb, to_free);
	return NET_XMIT_DROP;
}

SEC("struct_ops")
struct sk_buff *BPF_PROG(fifo_dequeue, struct Qdisc *sch)
{
	struct bpf_list_node *ln;
	struct sk_buff *skb = NULL;
	struct skb_node *n;

	bpf_spin_lock(&q_lock);
	ln = bpf_list_pop_front(&q_list);
	bpf_spin_unlock(&q_lock);
	if (!ln)
		return NULL;
	n = container_of(ln, struct skb_node, node);
	skb = bpf_kptr_xchg(&n->skb, skb);	/* take the skb out of the node */
	bpf_obj_drop(n);
	if (!skb)
		return NULL;
	sch->q.qlen--;
	return skb;				/* the kernel takes this reference */
}

SEC("struct_ops")
int BPF_PROG(fifo_init, struct Qdisc *sch, struct nlattr *opt, struct netlink_ext_ack *extack)
{
	sch->limit = 100;
	return 0;
}

SEC("struct_ops")
void BPF_PROG(fifo_reset, struct Qdisc *sch)
{
}

SEC("struct_ops")
void BPF_PROG(fifo_destroy, struct Qdisc *sch)
{
}

SEC(".struct_ops")
struct Qdisc_ops lesson_fifo = {
	.enqueue = (void *)fifo_enqueue,
	.dequeue = (void *)fifo_dequeue,
	.init    = (void *)fifo_init,
	.reset   = (void *)fifo_reset,
	.destroy = (void *)fifo_destroy,
	.id      = "lesson_fifo",
};

char _license[] SEC("license") = "GPL";
