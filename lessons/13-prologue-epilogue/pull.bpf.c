// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 13, second program: a tc program that writes packet data directly.
 * tc's gen_prologue() (tc_cls_act_prologue) puts a call to
 * bpf_skb_pull_data in front of it, so the bytes it writes are private to
 * this skb. Compare the 'insns' the verifier walked with 'xlated'. */
#include "veristep.h"

SEC("tc")
int pull_prologue(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data;
	void *data_end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > data_end)
		return 0;
	eth->h_dest[0] = 0x02;		/* a direct write: tc's gen_prologue adds a pull */
	return 1;
}

char _license[] SEC("license") = "GPL";
