// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 3 exercise: look up a TCP socket and report whether it listens.
 * Rejected: one path returns without releasing the socket. Fix it. */
#include "veristep.h"
#include <bpf/bpf_endian.h>

#define BPF_F_CURRENT_NETNS (-1L)

SEC("tc")
int is_listening(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;

	tuple.ipv4.daddr = bpf_htonl(0x7f000001);
	tuple.ipv4.dport = bpf_htons(80);
	sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), BPF_F_CURRENT_NETNS, 0);
	if (!sk)
		return 0;
	if (sk->state == BPF_TCP_LISTEN)
		return 1;	/* leaks sk */
	bpf_sk_release(sk);
	return 0;
}

char _license[] SEC("license") = "GPL";
