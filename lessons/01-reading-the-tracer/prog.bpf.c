// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 1: reading the tracer — registers, scalars and bounds, the stack.
 *
 * A tc program that reads the packet length from the context, clamps it to
 * 1500 and keeps it on the stack twice: once in an 8-byte slot, once in a
 * 4-byte slot. Watch R1 go from ctx() to a scalar with unknown bits, the
 * branch narrow its bounds, and the two fills: the 8-byte spill keeps the
 * register's bounds, the 4-byte one comes back as an unknown scalar. */
#include "veristep.h"

SEC("tc")
int read_len(struct __sk_buff *skb)
{
	volatile __u64 wide;
	volatile __u32 narrow;
	__u32 len = skb->len;

	if (len > 1500)
		len = 1500;
	wide = len;
	narrow = len;
	if (narrow > 1500)	/* the verifier cannot tell: it forgot */
		return 0;
	return wide;		/* 64 on the lab's 64-byte test packet */
}

char _license[] SEC("license") = "GPL";
