/* A module kfunc: bpf_testmod's bpf_kfunc_call_test_acquire/release. The
 * loader resolves them in the module's split BTF (insn off = 1, its
 * fd_array index; imm = the id the kernel gives it after vmlinux's). */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct prog_test_ref_kfunc;

extern struct prog_test_ref_kfunc *bpf_kfunc_call_test_acquire(unsigned long *scalar_ptr) __ksym;
extern void bpf_kfunc_call_test_release(struct prog_test_ref_kfunc *p) __ksym;

SEC("tc")
int kptr_testmod_ok(struct __sk_buff *skb)
{
	unsigned long sp = 0;
	struct prog_test_ref_kfunc *p = bpf_kfunc_call_test_acquire(&sp);

	if (p)
		bpf_kfunc_call_test_release(p);
	return 0;
}

SEC("tc")
int kptr_testmod_leak(struct __sk_buff *skb)
{
	unsigned long sp = 0;

	return bpf_kfunc_call_test_acquire(&sp) != 0;
}

char LICENSE[] SEC("license") = "GPL";
