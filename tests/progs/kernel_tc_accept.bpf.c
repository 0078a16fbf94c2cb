/* Accepted by the verifier; the test run's retval depends on the packet:
 * veristep's default input is Ethernet + IPv4 + UDP to port 80, which
 * tc_drop_udp80 drops (TC_ACT_SHOT = 2) and xdp_drop_ipv4 drops (XDP_DROP
 * = 1). Used by tests/kernel/test_run_accept.sh. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define ETH_HLEN 14
#define ETH_P_IP 0x0800
#define TC_ACT_OK 0
#define TC_ACT_SHOT 2


SEC("tc")
int tc_drop_udp80(struct __sk_buff *skb)
{
	void *data = (void *)(long)skb->data, *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip = data + ETH_HLEN;
	struct udphdr *udp = data + ETH_HLEN + sizeof(*ip);

	if ((void *)(udp + 1) > end)
		return TC_ACT_OK;
	if (eth->h_proto != bpf_htons(ETH_P_IP) || ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return TC_ACT_OK;
	return udp->dest == bpf_htons(80) ? TC_ACT_SHOT : TC_ACT_OK;
}

SEC("xdp")
int xdp_drop_ipv4(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;

	if ((void *)(eth + 1) > end)
		return XDP_PASS;
	return eth->h_proto == bpf_htons(ETH_P_IP) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
