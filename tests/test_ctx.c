/* Context access per program type (ctx_access.c, ctx_sock.c, ctx_cgroup.c),
 * the accesses through the pointers a context hands out (ctx_mem.c) and
 * the return-value ranges (retval_range.c). The expected answers are read
 * off Linux 7.3's is_valid_access() functions (net/core/filter.c,
 * kernel/bpf/cgroup.c, kernel/trace/bpf_trace.c, net/netfilter/
 * nf_bpf_link.c) and check_return_code(), field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "ctx_access.h"
#include "retval_range.h"
#include "state.h"
#include "verifier.h"

/* ---- is_valid_access() tables ------------------------------------------- */

#define RD 0
#define WR 1
#define INVALID 0, SCALAR_VALUE
#define SCALAR 1, SCALAR_VALUE
#define PTR(t) 1, (t)

struct acase {
	const char *name;
	uint32_t prog_type, attach_type;
	int off, size;
	int write;
	bool ldsx;
	int valid;          /* sim_ctx_access()'s answer */
	uint32_t reg_type;  /* when valid */
};

#define SKB struct __sk_buff
#define SA struct bpf_sock_addr
#define OPS struct bpf_sock_ops
#define RP struct sk_reuseport_md
#define LK struct bpf_sk_lookup
#define SO struct bpf_sockopt
#define O(T, f) (int)offsetof(T, f)
#define OEND(T, f) (int)(offsetof(T, f) + sizeof(((T *)0)->f))

static const struct acase acases[] = {
	/* flow_dissector_is_valid_access() */
	{ "flow: flow_keys", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, flow_keys), 8, RD, false,
	  PTR(PTR_TO_FLOW_KEYS) },
	{ "flow: flow_keys u32", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, flow_keys), 4, RD, false,
	  INVALID },
	{ "flow: data", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, data), 4, RD, false,
	  PTR(PTR_TO_PACKET) },
	{ "flow: data ldsx", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, data), 4, RD, true, INVALID },
	{ "flow: data_end", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, data_end), 4, RD, false,
	  PTR(PTR_TO_PACKET_END) },
	{ "flow: len", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, len), 4, RD, false, INVALID },
	{ "flow: write", BPF_PROG_TYPE_FLOW_DISSECTOR, 0, O(SKB, cb[0]), 4, WR, false, INVALID },
	/* sk_skb_is_valid_access() */
	{ "sk_skb: mark", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, mark), 4, RD, false, INVALID },
	{ "sk_skb: data", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, data), 4, RD, false, PTR(PTR_TO_PACKET) },
	{ "sk_skb: data_meta", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, data_meta), 4, RD, false, INVALID },
	{ "sk_skb: write tc_index", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, tc_index), 4, WR, false,
	  SCALAR },
	{ "sk_skb: write cb", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, cb[0]), 4, WR, false, INVALID },
	{ "sk_skb: remote_ip6 narrow", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, remote_ip6[0]), 2, RD, false,
	  INVALID },
	{ "sk_skb: len narrow", BPF_PROG_TYPE_SK_SKB, 0, O(SKB, len), 2, RD, false, SCALAR },
	/* sock_filter_is_valid_access() + __sock_filter_check_attach_type() */
	{ "cg_sock: post_bind4 src_ip4", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND,
	  O(struct bpf_sock, src_ip4), 4, RD, false, SCALAR },
	{ "cg_sock: post_bind4 src_ip6", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND,
	  O(struct bpf_sock, src_ip6[0]), 4, RD, false, INVALID },
	{ "cg_sock: post_bind6 src_ip4", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET6_POST_BIND,
	  O(struct bpf_sock, src_ip4), 4, RD, false, INVALID },
	{ "cg_sock: post_bind4 mark", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND,
	  O(struct bpf_sock, mark), 4, RD, false, INVALID },
	{ "cg_sock: sock_create write mark", BPF_PROG_TYPE_CGROUP_SOCK,
	  BPF_CGROUP_INET_SOCK_CREATE, O(struct bpf_sock, mark), 4, WR, false, SCALAR },
	{ "cg_sock: sock_create src_port", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE,
	  O(struct bpf_sock, src_port), 4, RD, false, INVALID },
	{ "cg_sock: post_bind4 write src_ip4", BPF_PROG_TYPE_CGROUP_SOCK,
	  BPF_CGROUP_INET4_POST_BIND, O(struct bpf_sock, src_ip4), 4, WR, false, INVALID },
	{ "cg_sock: dst_port u16", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND,
	  O(struct bpf_sock, dst_port), 2, RD, false, SCALAR },
	{ "cg_sock: padding after dst_port", BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET4_POST_BIND,
	  OEND(struct bpf_sock, dst_port), 2, RD, false, INVALID },
	/* sock_addr_is_valid_access() */
	{ "sock_addr: bind4 user_ip4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND,
	  O(SA, user_ip4), 4, RD, false, SCALAR },
	{ "sock_addr: bind4 user_ip6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND,
	  O(SA, user_ip6[0]), 4, RD, false, INVALID },
	{ "sock_addr: sendmsg6 user_ip6 u64", BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_UDP6_SENDMSG, O(SA, user_ip6[2]), 8, RD, false, SCALAR },
	{ "sock_addr: sendmsg6 write user_ip6 u64", BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_UDP6_SENDMSG, O(SA, user_ip6[0]), 8, WR, false, SCALAR },
	{ "sock_addr: write user_port u16", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND,
	  O(SA, user_port), 2, WR, false, INVALID },
	{ "sock_addr: connect4 msg_src_ip4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_INET4_CONNECT, O(SA, msg_src_ip4), 4, RD, false, INVALID },
	{ "sock_addr: sendmsg4 msg_src_ip4", BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_UDP4_SENDMSG, O(SA, msg_src_ip4), 4, RD, false, SCALAR },
	{ "sock_addr: sk", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND, O(SA, sk), 8, RD,
	  false, PTR(PTR_TO_SOCKET) },
	{ "sock_addr: sk narrow", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND, O(SA, sk),
	  4, RD, false, INVALID },
	{ "sock_addr: write family", BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_BIND,
	  O(SA, family), 4, WR, false, INVALID },
	{ "sock_addr: padding after msg_src_ip6", BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_INET4_BIND, OEND(SA, msg_src_ip6[3]), 4, RD, false, INVALID },
	/* sock_ops_is_valid_access() */
	{ "sock_ops: write reply", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, reply), 4, WR, false, SCALAR },
	{ "sock_ops: write op", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, op), 4, WR, false, INVALID },
	{ "sock_ops: sk", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, sk), 8, RD, false,
	  PTR(PTR_TO_SOCKET | PTR_MAYBE_NULL) },
	{ "sock_ops: sk narrow", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, sk), 4, RD, false, INVALID },
	{ "sock_ops: skb_data", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, skb_data), 8, RD, false,
	  PTR(PTR_TO_PACKET) },
	{ "sock_ops: skb_data_end", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, skb_data_end), 8, RD, false,
	  PTR(PTR_TO_PACKET_END) },
	{ "sock_ops: skb_hwtstamp narrow", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, skb_hwtstamp), 4, RD,
	  false, INVALID },
	{ "sock_ops: skb_tcp_flags u8", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, skb_tcp_flags), 1, RD,
	  false, SCALAR },
	{ "sock_ops: op u8", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, op), 1, RD, false, INVALID },
	{ "sock_ops: bytes_acked", BPF_PROG_TYPE_SOCK_OPS, 0, O(OPS, bytes_acked), 8, RD, false,
	  SCALAR },
	/* sk_reuseport_is_valid_access() */
	{ "reuseport: data", BPF_PROG_TYPE_SK_REUSEPORT, 0, O(RP, data), 8, RD, false,
	  PTR(PTR_TO_PACKET) },
	{ "reuseport: hash", BPF_PROG_TYPE_SK_REUSEPORT, 0, O(RP, hash), 4, RD, false, SCALAR },
	{ "reuseport: padding after hash", BPF_PROG_TYPE_SK_REUSEPORT, 0, OEND(RP, hash), 4, RD,
	  false, INVALID },
	{ "reuseport: migrating_sk", BPF_PROG_TYPE_SK_REUSEPORT, 0, O(RP, migrating_sk), 8, RD,
	  false, PTR(PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL) },
	{ "reuseport: eth_protocol u8", BPF_PROG_TYPE_SK_REUSEPORT, 0, O(RP, eth_protocol), 1, RD,
	  false, INVALID },
	{ "reuseport: eth_protocol u16", BPF_PROG_TYPE_SK_REUSEPORT, 0, O(RP, eth_protocol), 2, RD,
	  false, SCALAR },
	{ "reuseport: write", BPF_PROG_TYPE_SK_REUSEPORT, 0, O(RP, hash), 4, WR, false, INVALID },
	/* sk_lookup_is_valid_access() */
	{ "sk_lookup: sk", BPF_PROG_TYPE_SK_LOOKUP, 0, O(LK, sk), 8, RD, false,
	  PTR(PTR_TO_SOCKET | PTR_MAYBE_NULL) },
	{ "sk_lookup: remote_port u32", BPF_PROG_TYPE_SK_LOOKUP, 0, O(LK, remote_port), 4, RD,
	  false, SCALAR },
	{ "sk_lookup: padding after remote_port", BPF_PROG_TYPE_SK_LOOKUP, 0,
	  OEND(LK, remote_port), 2, RD, false, SCALAR },
	{ "sk_lookup: write", BPF_PROG_TYPE_SK_LOOKUP, 0, O(LK, family), 4, WR, false, INVALID },
	/* cgroup_dev_is_valid_access() */
	{ "cgroup_dev: access_type u16", BPF_PROG_TYPE_CGROUP_DEVICE, 0,
	  O(struct bpf_cgroup_dev_ctx, access_type), 2, RD, false, SCALAR },
	{ "cgroup_dev: major u16", BPF_PROG_TYPE_CGROUP_DEVICE, 0,
	  O(struct bpf_cgroup_dev_ctx, major), 2, RD, false, INVALID },
	{ "cgroup_dev: write", BPF_PROG_TYPE_CGROUP_DEVICE, 0, O(struct bpf_cgroup_dev_ctx, major),
	  4, WR, false, INVALID },
	{ "cgroup_dev: past the end", BPF_PROG_TYPE_CGROUP_DEVICE, 0,
	  (int)sizeof(struct bpf_cgroup_dev_ctx), 4, RD, false, INVALID },
	/* sysctl_is_valid_access() */
	{ "sysctl: read write", BPF_PROG_TYPE_CGROUP_SYSCTL, 0, O(struct bpf_sysctl, write), 1, RD,
	  false, SCALAR },
	{ "sysctl: write write", BPF_PROG_TYPE_CGROUP_SYSCTL, 0, O(struct bpf_sysctl, write), 4,
	  WR, false, INVALID },
	{ "sysctl: write file_pos", BPF_PROG_TYPE_CGROUP_SYSCTL, 0,
	  O(struct bpf_sysctl, file_pos), 4, WR, false, SCALAR },
	{ "sysctl: write file_pos u16", BPF_PROG_TYPE_CGROUP_SYSCTL, 0,
	  O(struct bpf_sysctl, file_pos), 2, WR, false, INVALID },
	/* cg_sockopt_is_valid_access() */
	{ "sockopt: get writes retval", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT,
	  O(SO, retval), 4, WR, false, SCALAR },
	{ "sockopt: set writes retval", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT,
	  O(SO, retval), 4, WR, false, INVALID },
	{ "sockopt: set reads retval", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT,
	  O(SO, retval), 4, RD, false, INVALID },
	{ "sockopt: set writes optname", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_SETSOCKOPT,
	  O(SO, optname), 4, WR, false, SCALAR },
	{ "sockopt: get writes level", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT,
	  O(SO, level), 4, WR, false, INVALID },
	{ "sockopt: optval", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, O(SO, optval), 8,
	  RD, false, PTR(PTR_TO_PACKET) },
	{ "sockopt: optval_end narrow", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT,
	  O(SO, optval_end), 4, RD, false, INVALID },
	{ "sockopt: sk", BPF_PROG_TYPE_CGROUP_SOCKOPT, BPF_CGROUP_GETSOCKOPT, O(SO, sk), 8, RD,
	  false, PTR(PTR_TO_SOCKET) },
	/* raw_tp_writable_prog_is_valid_access() */
	{ "raw_tp_w: buffer", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0, 8, RD, false,
	  PTR(PTR_TO_TP_BUFFER) },
	{ "raw_tp_w: buffer narrow", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 0, 4, RD, false,
	  INVALID },
	{ "raw_tp_w: second arg", BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, 8, 8, RD, false,
	  SCALAR },
	/* xdp_is_valid_access(): u32 reads only */
	{ "xdp: data_meta", BPF_PROG_TYPE_XDP, 0, O(struct xdp_md, data_meta), 4, RD, false,
	  PTR(PTR_TO_PACKET_META) },
	{ "xdp: ingress_ifindex u16", BPF_PROG_TYPE_XDP, 0, O(struct xdp_md, ingress_ifindex), 2,
	  RD, false, INVALID },
	{ "xdp: egress_ifindex", BPF_PROG_TYPE_XDP, 0, O(struct xdp_md, egress_ifindex), 4, RD,
	  false, INVALID },
	{ "xdp: devmap egress_ifindex", BPF_PROG_TYPE_XDP, BPF_XDP_DEVMAP,
	  O(struct xdp_md, egress_ifindex), 4, RD, false, SCALAR },
	/* nf_is_valid_access(): without vmlinux BTF the pointers cannot be typed */
	{ "netfilter: skb without BTF", BPF_PROG_TYPE_NETFILTER, 0, 8, 8, RD, false, -1,
	  SCALAR_VALUE },
	{ "netfilter: past the end", BPF_PROG_TYPE_NETFILTER, 0, 16, 8, RD, false, INVALID },
	{ "netfilter: narrow", BPF_PROG_TYPE_NETFILTER, 0, 8, 2, RD, false, INVALID },
	{ "netfilter: write", BPF_PROG_TYPE_NETFILTER, 0, 0, 8, WR, false, INVALID },
};

static void test_ctx_is_valid_access(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(acases) / sizeof(acases[0]); i++) {
		const struct acase *c = &acases[i];
		struct sim_prog_view p = { .prog_type = c->prog_type,
					   .expected_attach_type = c->attach_type };
		struct sim_ctx_access a = { .off = c->off, .size = c->size, .write = c->write,
					    .ldsx = c->ldsx };

		print_message("case: %s\n", c->name);
		assert_int_equal(sim_ctx_access(&p, &a), c->valid);
		if (c->valid == 1)
			assert_int_equal(a.reg_type, c->reg_type);
	}
}

static void test_ctx_rewrite_and_packet_rules(void **state)
{
	(void)state;
	/* ops without convert_ctx_access take a moved ctx pointer */
	assert_false(sim_ctx_converted(BPF_PROG_TYPE_CGROUP_DEVICE));
	assert_false(sim_ctx_converted(BPF_PROG_TYPE_NETFILTER));
	assert_false(sim_ctx_converted(BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE));
	assert_true(sim_ctx_converted(BPF_PROG_TYPE_SCHED_CLS));
	assert_true(sim_ctx_converted(BPF_PROG_TYPE_CGROUP_SOCKOPT));
	/* may_access_direct_pkt_data() */
	assert_true(sim_may_access_direct_pkt_data(BPF_PROG_TYPE_SK_MSG, true));
	assert_true(sim_may_access_direct_pkt_data(BPF_PROG_TYPE_CGROUP_SOCKOPT, true));
	assert_false(sim_may_access_direct_pkt_data(BPF_PROG_TYPE_CGROUP_SKB, true));
	assert_true(sim_may_access_direct_pkt_data(BPF_PROG_TYPE_FLOW_DISSECTOR, false));
	assert_false(sim_may_access_direct_pkt_data(BPF_PROG_TYPE_SOCK_OPS, false));
}

/* ---- return_retval_range() ----------------------------------------------- */

struct rcase {
	uint32_t prog_type, attach_type;
	bool has_range;
	int minval, maxval;
};

static const struct rcase rcases[] = {
	{ BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_UDP4_RECVMSG, true, 1, 1 },
	{ BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET6_BIND, true, 0, 3 },
	{ BPF_PROG_TYPE_CGROUP_SOCK_ADDR, BPF_CGROUP_INET4_CONNECT, true, 0, 1 },
	{ BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_EGRESS, true, 0, 3 },
	{ BPF_PROG_TYPE_CGROUP_SKB, BPF_CGROUP_INET_INGRESS, true, 0, 1 },
	{ BPF_PROG_TYPE_CGROUP_SOCK, BPF_CGROUP_INET_SOCK_CREATE, true, 0, 1 },
	{ BPF_PROG_TYPE_SK_LOOKUP, BPF_SK_LOOKUP, true, 0, 1 },
	{ BPF_PROG_TYPE_NETFILTER, BPF_NETFILTER, true, 0, 1 },
	{ BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, true, 0, 0 },
	{ BPF_PROG_TYPE_TRACING, BPF_TRACE_ITER, true, 0, 1 },
	{ BPF_PROG_TYPE_TRACING, BPF_MODIFY_RETURN, false, 0, 0 },
	{ BPF_PROG_TYPE_KPROBE, BPF_TRACE_KPROBE_SESSION, true, 0, 1 },
	{ BPF_PROG_TYPE_KPROBE, 0, false, 0, 0 },
	{ BPF_PROG_TYPE_RAW_TRACEPOINT, 0, false, 0, 0 },
	{ BPF_PROG_TYPE_SCHED_CLS, 0, false, 0, 0 },
	{ BPF_PROG_TYPE_XDP, 0, false, 0, 0 },
};

static void test_ctx_retval_ranges(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rcases) / sizeof(rcases[0]); i++) {
		const struct rcase *c = &rcases[i];
		struct sim_prog_view p = { .prog_type = c->prog_type,
					   .expected_attach_type = c->attach_type };
		struct sim_retval_range r;

		print_message("case: prog type %u attach %u\n", c->prog_type, c->attach_type);
		assert_int_equal(sim_return_retval_range(&p, &r), c->has_range);
		if (c->has_range) {
			assert_int_equal(r.minval, c->minval);
			assert_int_equal(r.maxval, c->maxval);
		}
	}
}

/* ---- whole programs ------------------------------------------------------- */

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX(sz, d, s, o) I(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define ST_B(d, o, i) I(BPF_ST | BPF_MEM | BPF_B, d, 0, o, i)
#define JGT_REG(d, s, o) I(BPF_JMP | BPF_JGT | BPF_X, d, s, o, 0)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

struct pcase {
	const char *name;
	struct bpf_insn insns[12];
	int cnt;
	uint32_t prog_type, attach_type;
	enum sim_verdict verdict;
	const char *error;
	int error_insn;
};

static const struct pcase pcases[] = {
	{ "flow keys in bounds",
	  { LDX(BPF_DW, 2, 1, O(SKB, flow_keys)), LDX(BPF_W, 0, 2, 0), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_FLOW_DISSECTOR, 0, SIM_ACCEPTED, NULL, -1 },
	{ "flow keys past the end",
	  { LDX(BPF_DW, 2, 1, O(SKB, flow_keys)),
	    LDX(BPF_W, 0, 2, (int)sizeof(struct bpf_flow_keys) - 2), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_FLOW_DISSECTOR, 0, SIM_REJECTED, "invalid access to flow keys off=54 size=4",
	  1 },
	{ "tp buffer negative offset",
	  { LDX(BPF_DW, 2, 1, 0), LDX(BPF_B, 0, 2, -8), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, SIM_REJECTED,
	  "R2 invalid negative tracepoint buffer offset: off=-8, var_off=0", 1 },
	{ "tp buffer beyond any ctx size",
	  { LDX(BPF_DW, 2, 1, 0), LDX(BPF_DW, 0, 2, 4096), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE, 0, SIM_ACCEPTED, NULL, -1 },
	{ "tc: moved ctx", { ADD64_IMM(1, 8), LDX(BPF_W, 0, 1, 0), EXIT() }, 3,
	  BPF_PROG_TYPE_SCHED_CLS, 0, SIM_REJECTED, "dereference of modified ctx ptr R1 off=8 disallowed",
	  1 },
	{ "cgroup_dev: moved ctx", { ADD64_IMM(1, 4), LDX(BPF_W, 0, 1, 0), MOV64_IMM(0, 0), EXIT() },
	  4, BPF_PROG_TYPE_CGROUP_DEVICE, 0, SIM_ACCEPTED, NULL, -1 },
	{ "cgroup_dev: moved ctx, bad field", { ADD64_IMM(1, 4), LDX(BPF_H, 0, 1, 0), MOV64_IMM(0, 0),
	  EXIT() }, 4, BPF_PROG_TYPE_CGROUP_DEVICE, 0, SIM_REJECTED,
	  "invalid bpf_context access off=4 size=2", 1 },
	{ "sk_msg: packet write",
	  { LDX(BPF_DW, 2, 1, O(struct sk_msg_md, data)), LDX(BPF_DW, 3, 1, O(struct sk_msg_md, data_end)),
	    MOV64_REG(4, 2), ADD64_IMM(4, 1), JGT_REG(4, 3, 1), ST_B(2, 0, 0), MOV64_IMM(0, 1), EXIT() },
	  8, BPF_PROG_TYPE_SK_MSG, 0, SIM_ACCEPTED, NULL, -1 },
	{ "cgroup_skb: packet write",
	  { LDX(BPF_W, 2, 1, O(SKB, data)), LDX(BPF_W, 3, 1, O(SKB, data_end)),
	    MOV64_REG(4, 2), ADD64_IMM(4, 1), JGT_REG(4, 3, 1), ST_B(2, 0, 0), MOV64_IMM(0, 1), EXIT() },
	  8, BPF_PROG_TYPE_CGROUP_SKB, 0, SIM_REJECTED, "cannot write into packet", 5 },
	{ "sock_ops: sk needs a NULL check",
	  { LDX(BPF_DW, 2, 1, O(OPS, sk)), LDX(BPF_W, 0, 2, 0), MOV64_IMM(0, 0), EXIT() }, 4,
	  BPF_PROG_TYPE_SOCK_OPS, 0, SIM_REJECTED, "R2 invalid mem access 'sock_or_null'", 1 },
	{ "cgroup/sock returns 2", { MOV64_IMM(0, 2), EXIT() }, 2, BPF_PROG_TYPE_CGROUP_SOCK,
	  BPF_CGROUP_INET_SOCK_CREATE, SIM_REJECTED,
	  "At program exit the register R0 has smin=2 smax=2 should have been in [0, 1]", 1 },
	{ "cgroup/sock returns ctx", { MOV64_REG(0, 1), EXIT() }, 2, BPF_PROG_TYPE_CGROUP_SOCK,
	  BPF_CGROUP_INET_SOCK_CREATE, SIM_REJECTED,
	  "At program exit the register R0 is not a known value (ctx)", 1 },
	{ "bind4 returns 3", { MOV64_IMM(0, 3), EXIT() }, 2, BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_INET4_BIND, SIM_ACCEPTED, NULL, -1 },
	{ "getpeername4 returns 0", { MOV64_IMM(0, 0), EXIT() }, 2, BPF_PROG_TYPE_CGROUP_SOCK_ADDR,
	  BPF_CGROUP_INET4_GETPEERNAME, SIM_REJECTED,
	  "At program exit the register R0 has smin=0 smax=0 should have been in [1, 1]", 1 },
	{ "tc returns anything", { MOV64_IMM(0, 7), EXIT() }, 2, BPF_PROG_TYPE_SCHED_CLS, 0,
	  SIM_ACCEPTED, NULL, -1 },
};

static void test_ctx_programs(void **state)
{
	static struct sim_subprog_view main_sp = { .start = 0, .name = "main" };

	(void)state;
	for (size_t i = 0; i < sizeof(pcases) / sizeof(pcases[0]); i++) {
		const struct pcase *c = &pcases[i];
		struct sim_verify_opts o = { .log_level = 0 };
		struct sim_prog_view v = { .name = c->name, .insns = c->insns, .insn_cnt = c->cnt,
					   .prog_type = c->prog_type,
					   .expected_attach_type = c->attach_type,
					   .subprogs = &main_sp, .subprog_cnt = 1 };
		struct sim_trace *t = sim_verify_view(&v, &o);

		assert_non_null(t);
		print_message("case: %s\n", c->name);
		assert_int_equal(sim_trace_verdict(t), c->verdict);
		if (c->error) {
			assert_string_equal(sim_trace_error(t), c->error);
			assert_int_equal(sim_trace_error_insn(t), c->error_insn);
		}
		sim_trace_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ctx_is_valid_access),
		cmocka_unit_test(test_ctx_rewrite_and_packet_rules),
		cmocka_unit_test(test_ctx_retval_ranges),
		cmocka_unit_test(test_ctx_programs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
