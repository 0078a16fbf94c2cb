// SPDX-License-Identifier: GPL-2.0
/* bpf_loop callbacks and global subprograms' BTF arguments, accepted and
 * rejected: tests/test_calls.c checks the simulator on each program, and
 * the kernel's answers are goldens (tests/golden/tests/progs/). Each
 * program isolates one rule of 7.3's verifier:
 *   - bpf_loop: the callback is verified with R1 = the index and R2 = the
 *     context pointer, its R0 must be 0 or 1, flags must be 0
 *     (check_helper_call(), set_loop_callback_state(), prepare_func_exit());
 *   - global subprograms are verified once, from their BTF prototype
 *     (btf_prepare_func_args()): a pointer argument must point to readable
 *     memory of the pointee's size; inside the subprogram it may be NULL
 *     unless tagged arg:nonnull, and then no caller may pass NULL. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

__u64 sum;

struct loop_ctx {
	__u64 acc;
	__u32 seen;
};

static int add_index(__u32 idx, struct loop_ctx *c)
{
	c->acc += idx;
	c->seen++;
	return 0;
}

SEC("tc")
int loop_ok(struct __sk_buff *skb)
{
	struct loop_ctx c = {};

	bpf_loop(10, add_index, &c, 0);
	sum = c.acc;
	return 0;
}

static int bad_return(__u32 idx, void *ctx)
{
	return 2; /* a bpf_loop callback returns 0 (go on) or 1 (stop) */
}

SEC("tc")
int loop_bad_return(struct __sk_buff *skb)
{
	bpf_loop(4, bad_return, NULL, 0);
	return 0;
}

static int touch_ctx(__u32 idx, struct loop_ctx *c)
{
	c->seen = idx;
	return 0;
}

SEC("tc")
int loop_null_ctx_deref(struct __sk_buff *skb)
{
	/* the callback's R2 is whatever the caller passed: NULL here */
	bpf_loop(4, touch_ctx, NULL, 0);
	return 0;
}

SEC("tc")
int loop_nonzero_flags(struct __sk_buff *skb)
{
	struct loop_ctx c = {};

	bpf_loop(4, add_index, &c, 1);
	return 0;
}

__noinline int global_read(int *p)
{
	return p ? *p : 0;
}

/* global pointer arguments are maybe-NULL inside the subprogram unless
 * tagged non-NULL; then every caller must prove it */
#define __arg_nonnull __attribute__((btf_decl_tag("arg:nonnull")))

__noinline int global_read_strict(int *p __arg_nonnull)
{
	return *p;
}

__noinline int global_ctx(struct __sk_buff *skb)
{
	return skb ? skb->len : 0;
}

SEC("tc")
int global_stack_arg_ok(struct __sk_buff *skb)
{
	int v = 5;

	return global_read(&v) + global_ctx(skb);
}

SEC("tc")
int global_null_arg(struct __sk_buff *skb)
{
	int *p = NULL;

	asm volatile("" : "+r"(p)); /* keep clang from folding the NULL deref */
	return global_read_strict(p);
}

SEC("tc")
int global_scalar_as_ptr(struct __sk_buff *skb)
{
	return global_read_strict((int *)(long)skb->len);
}
