// SPDX-License-Identifier: GPL-2.0
/* Loader test: a strong kfunc extern the kernel does not have. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern int veristep_missing_kfunc(int x) __ksym;

SEC("syscall")
int call_missing(void *ctx)
{
	return veristep_missing_kfunc(1);
}
