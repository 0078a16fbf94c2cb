/* Socket references from bpf_sk_lookup_tcp (an acquiring helper): released
 * with bpf_sk_release, leaked, and a bpf_tcp_sock() cast that shares the
 * socket's reference and dies with it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

#define LOOKUP(skb, tuple) \
	bpf_sk_lookup_tcp(skb, &(tuple), sizeof((tuple).ipv4), -1, 0)

SEC("tc")
int ref_sk_release_ok(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk = LOOKUP(skb, tuple);

	if (sk)
		bpf_sk_release(sk);
	return 0;
}

SEC("tc")
int ref_sk_leak(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk = LOOKUP(skb, tuple);

	return sk != 0;
}

SEC("tc")
int ref_sk_release_null(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk = LOOKUP(skb, tuple);

	bpf_sk_release(sk);
	return 0;
}

SEC("tc")
int ref_sk_tcp_sock_after_release(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk = LOOKUP(skb, tuple);
	struct bpf_tcp_sock *tp;

	if (!sk)
		return 0;
	tp = bpf_tcp_sock(sk);
	if (!tp) {
		bpf_sk_release(sk);
		return 0;
	}
	bpf_sk_release(sk);
	return tp->snd_cwnd;
}

char LICENSE[] SEC("license") = "GPL";
