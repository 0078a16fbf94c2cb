// SPDX-License-Identifier: GPL-2.0
/* __kconfig externs take their values from the kernel's .config: libbpf
 * reads /boot/config-$(uname -r) in the guest, the simulator reads
 * bpf/kernel.config, the same file. .kconfig is a read-only map, so the
 * verifier knows the values and walks only the branch they select: each
 * program's dead branch would be rejected if it were walked. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char _license[] SEC("license") = "GPL";

extern bool CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS __kconfig __weak;
extern int CONFIG_HZ __kconfig;
extern bool CONFIG_VERISTEP_NEVER_SET __kconfig __weak;

SEC("tc")
int kconfig_bool(struct __sk_buff *skb)
{
	if (!CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS)
		return *(volatile int *)0; /* rejected if walked */
	return 0;
}

SEC("tc")
int kconfig_int(struct __sk_buff *skb)
{
	if (CONFIG_HZ < 100)
		return *(volatile int *)0;
	return 0;
}

SEC("tc")
int kconfig_weak_unset(struct __sk_buff *skb)
{
	if (CONFIG_VERISTEP_NEVER_SET) /* weak and not in .config: zero */
		return *(volatile int *)0;
	return 0;
}
