// SPDX-License-Identifier: GPL-2.0-only
/* For tools/bench-tui.sh: a bounded loop the verifier walks iteration by
 * iteration (the counter is a known constant each time round, so no state
 * repeats and nothing is pruned): close to a million processed
 * instructions, just under the kernel's limit. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("tc")
int tui_long_loop(struct __sk_buff *skb)
{
	__u32 len = skb->len, acc = 0;

#pragma clang loop unroll(disable)
	for (__u32 i = 0; i < 120000; i++)
		acc += i ^ len;
	return acc & 1;
}

char _license[] SEC("license") = "GPL";
