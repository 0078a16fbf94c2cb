// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 13: what the kernel adds around your program (seed 04).
 *
 * The bpf qdisc's gen_prologue() puts a call to the kfunc
 * bpf_qdisc_init_prologue in front of .init, and gen_epilogue() a call to
 * bpf_qdisc_reset_destroy_epilogue after .reset and .destroy. The verifier
 * checks the program as you wrote it; the prologue and epilogue appear in
 * the xlated instructions the kernel keeps (`veristep run --json`, field
 * "xlated"): compare the instruction counts. tc programs get one
 * too: see pull.bpf.c. */
#include "veristep.h"

#define NET_XMIT_DROP	0x01

SEC("struct_ops")
int BPF_PROG(pe_enqueue, struct sk_buff *skb, struct Qdisc *sch, struct bpf_sk_buff_ptr *to_free)
{
	bpf_qdisc_skb_drop(skb, to_free);
	return NET_XMIT_DROP;
}

SEC("struct_ops")
struct sk_buff *BPF_PROG(pe_dequeue, struct Qdisc *sch)
{
	return NULL;
}

SEC("struct_ops")
int BPF_PROG(pe_init, struct Qdisc *sch, struct nlattr *opt, struct netlink_ext_ack *extack)
{
	sch->limit = 100;		/* prologue: bpf_qdisc_init_prologue() ran first */
	return 0;
}

SEC("struct_ops")
void BPF_PROG(pe_reset, struct Qdisc *sch)
{
	sch->q.qlen = 0;		/* epilogue: bpf_qdisc_reset_destroy_epilogue() */
}

SEC("struct_ops")
void BPF_PROG(pe_destroy, struct Qdisc *sch)
{
}

SEC(".struct_ops")
struct Qdisc_ops lesson_pe = {
	.enqueue = (void *)pe_enqueue,
	.dequeue = (void *)pe_dequeue,
	.init    = (void *)pe_init,
	.reset   = (void *)pe_reset,
	.destroy = (void *)pe_destroy,
	.id      = "lesson_pe",
};

char _license[] SEC("license") = "GPL";
