// SPDX-License-Identifier: GPL-2.0
/* Loader test: a struct_ops map and the programs filling its members. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char _license[] SEC("license") = "GPL";

SEC("struct_ops/vs_ssthresh")
__u32 BPF_PROG(vs_ssthresh, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/vs_cong_avoid")
void BPF_PROG(vs_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

SEC("struct_ops/vs_undo_cwnd")
__u32 BPF_PROG(vs_undo_cwnd, struct sock *sk)
{
	return 10;
}

SEC(".struct_ops")
struct tcp_congestion_ops vs_ca = {
	.ssthresh = (void *)vs_ssthresh,
	.cong_avoid = (void *)vs_cong_avoid,
	.undo_cwnd = (void *)vs_undo_cwnd,
	.name = "veristep_ca",
};
