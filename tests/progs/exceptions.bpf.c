// SPDX-License-Identifier: GPL-2.0
/* bpf_throw(): an exception ends the whole program. With the default
 * exception callback the cookie is the return value, so it must be a
 * valid one for the program type; references still held leak; and a
 * callback frame cannot be unwound (check_max_stack_depth()). The kernel's
 * answers are goldens (tests/golden/tests/progs/exceptions.json). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

/* accepted: the insns after a throw are not walked on that path */
SEC("tc")
int throw_ok(struct __sk_buff *skb)
{
	if (skb->len > 100)
		bpf_throw(0);
	return 0;
}

/* rejected: a socket lookup's reference is still held at the throw */
SEC("tc")
int throw_leaks_ref(struct __sk_buff *skb)
{
	struct bpf_sock_tuple tuple = {};
	struct bpf_sock *sk;

	sk = bpf_sk_lookup_tcp(skb, &tuple, sizeof(tuple.ipv4), -1, 0);
	if (sk)
		bpf_throw(0);
	return 0;
}

/* rejected: a cgroup_skb program returns 0 or 1, and so must the cookie */
SEC("cgroup_skb/ingress")
int throw_bad_cookie(struct __sk_buff *skb)
{
	if (skb->len > 100)
		bpf_throw(7);
	return 1;
}

static int throw_in_cb(__u32 idx, void *ctx)
{
	if (idx == 3)
		bpf_throw(0);
	return 0;
}

/* rejected after the walk: the callback's frame cannot be unwound */
SEC("tc")
int throw_from_callback(struct __sk_buff *skb)
{
	bpf_loop(8, throw_in_cb, NULL, 0);
	return 0;
}
