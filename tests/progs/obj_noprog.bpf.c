// SPDX-License-Identifier: GPL-2.0
/* Loader test: a valid BPF object with data but no program. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

__u64 lonely_counter = 1;
char _license[] SEC("license") = "GPL";
