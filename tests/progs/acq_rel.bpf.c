// SPDX-License-Identifier: GPL-2.0
/* Load-acquire and store-release (BPF_ATOMIC with BPF_LOAD_ACQ /
 * BPF_STORE_REL). clang 19 cannot emit them, so the instructions are
 * written as raw 8-byte encodings: code, dst|src<<4, off, imm. The kernel's
 * answers are goldens (tests/golden/tests/progs/acq_rel.json):
 *   - on the stack both are fine, aligned (check_atomic_load/_store());
 *   - not from the context (atomic_ptr_type_ok());
 *   - a byte-sized load-acquire is a valid size. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

/* accepted: store_release((u64 *)(r10 - 16), r1); r0 = load_acquire((u64 *)(r10 - 16)) */
SEC("tc")
__attribute__((naked)) int acq_rel_stack(void)
{
	asm volatile("r1 = 42;"
		     ".8byte 0x00000110fff01adb;"   /* store_release((u64 *)(r10 -16), r1) */
		     ".8byte 0x00000100fff0a0db;"   /* r0 = load_acquire((u64 *)(r10 -16)) */
		     "r0 = 0;"
		     "exit;");
}

/* rejected: a load-acquire from the context */
SEC("tc")
__attribute__((naked)) int acq_from_ctx(void)
{
	asm volatile(".8byte 0x00000100000010c3;"   /* w0 = load_acquire((u32 *)(r1 +0)) */
		     "r0 = 0;"
		     "exit;");
}

/* accepted: a byte-sized load-acquire of an initialised stack byte */
SEC("tc")
__attribute__((naked)) int acq_byte(void)
{
	asm volatile("r1 = 7;"
		     "*(u8 *)(r10 - 1) = r1;"
		     ".8byte 0x00000100ffffa0d3;"   /* w0 = load_acquire((u8 *)(r10 -1)) */
		     "r0 &= 1;"
		     "exit;");
}
