// SPDX-License-Identifier: GPL-2.0
/* An object whose BTF the kernel refuses: clang 19 leaves the unused
 * argument of a naked function unnamed, and btf_func_check() rejects a
 * FUNC with an unnamed typed argument ("Invalid arg#1"). libbpf then loads
 * every program without BTF: the log has no source lines and no subprogram
 * names, and a callback (which needs func_info) is refused with "missing
 * btf func_info". tests/test_object.c checks the simulator notices; the
 * kernel's answers are goldens. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

/* accepted, but its BTF sinks the object's */
SEC("tc")
__attribute__((naked)) int naked_unnamed_arg(void *ctx)
{
	asm volatile("r0 = 0;"
		     "exit;");
}

static int count(__u32 idx, void *data)
{
	return 0;
}

/* rejected: without func_info the callback cannot be checked */
SEC("tc")
int loop_needs_func_info(struct __sk_buff *skb)
{
	bpf_loop(4, count, NULL, 0);
	return 0;
}
