// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 14, review 1: an XDP filter that drops UDP. Rejected: the packet
 * is checked to be long enough for the Ethernet header only, then the IPv4
 * header is read. */
#include "veristep.h"
#include <bpf/bpf_endian.h>

SEC("xdp")
int drop_udp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *data_end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);

	if ((void *)(eth + 1) > data_end)
		return XDP_PASS;
	if (eth->h_proto != bpf_htons(0x0800))
		return XDP_PASS;
	if (ip->protocol == 17)		/* IPPROTO_UDP */
		return XDP_DROP;
	return XDP_PASS;
}

char _license[] SEC("license") = "GPL";
