// SPDX-License-Identifier: GPL-2.0-only
/* Lesson 6: local kptrs — objects the program allocates itself (seed 02).
 *
 * bpf_obj_new(struct point) returns ptr_or_null_point: an owning reference
 * (acquired at the call) to program-defined memory, or NULL. After the NULL
 * check the program may read and write its fields; bpf_obj_drop frees it and
 * releases the reference: every register that pointed at it dies. */
#include "veristep.h"

struct point {
	long x;
	long y;
};

SEC("tc")
int make_point(struct __sk_buff *skb)
{
	struct point *p;
	long sum;

	p = bpf_obj_new(struct point);
	if (!p)
		return 0;
	p->x = 40;
	p->y = 2;
	sum = p->x + p->y;
	bpf_obj_drop(p);
	return sum;	/* 42 */
}

char _license[] SEC("license") = "GPL";
