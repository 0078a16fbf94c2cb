// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 1: reading the tracer — registers, scalars and bounds, the stack.
 *
 * A tc program that reads the packet length from the context, clamps it,
 * spills it to the stack and reads it back. Step through it and watch:
 * R1 starts as ctx(), R10 as fp0; the load from skb->len gives a scalar with
 * unknown bits; the comparison narrows its bounds on each branch; the spill
 * shows up as a stack slot and the fill brings the same bounds back. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

SEC("tc")
int read_len(struct __sk_buff *skb)
{
	volatile __u32 saved;
	__u32 len = skb->len;

	if (len > 1500)
		len = 1500;
	saved = len;
	return saved > 64 ? 1 : 0;
}

char _license[] SEC("license") = "GPL";
