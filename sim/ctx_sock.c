/* Context access rules of the socket-level program types: mirrors the
 * is_valid_access() of cgroup/sock (bpf_sock), cgroup/sock_addr, sock_ops,
 * sk_msg, sk_reuseport and sk_lookup programs in Linux 7.3's
 * net/core/filter.c, and the rules for loads through the socket pointers
 * those contexts (and helpers) hand out (check_sock_access()).
 *
 * Each function answers "is this off/size read or write valid" and, for
 * pointer fields, sets the loaded register's type; ctx_access.c
 * dispatches to them by program type.
 */
#include <stddef.h>

#include "check.h"
#include "ctx_rules.h"

#define SOCK struct bpf_sock

/* mirrors bpf_sock_is_valid_access() */
static bool sock_valid(int off, int size)
{
	static const int narrow_fields[] = {
		offsetof(SOCK, state), offsetof(SOCK, family), offsetof(SOCK, type),
		offsetof(SOCK, protocol), offsetof(SOCK, src_port),
		offsetof(SOCK, rx_queue_mapping),
	};

	if (off < 0 || off >= (int)sizeof(SOCK) || off % size != 0)
		return false;
	for (size_t i = 0; i < CTX_N(narrow_fields); i++)
		if (off == narrow_fields[i])
			return ctx_narrow_ok(size, 4);
	if (CTX_IN(off, SOCK, src_ip4) || CTX_IN_TILL(off, SOCK, src_ip6[0], src_ip6[3]) ||
	    CTX_IN(off, SOCK, dst_ip4) || CTX_IN_TILL(off, SOCK, dst_ip6[0], dst_ip6[3]))
		return ctx_narrow_ok(size, 4);
	if (CTX_IN(off, SOCK, dst_port))
		return ctx_narrow_ok(size, size == 4 ? 4 : (int)sizeof(((SOCK *)0)->dst_port));
	if (off >= (int)CTX_END(SOCK, dst_port) && off < (int)offsetof(SOCK, dst_ip4))
		return false;
	return size == 4;
}

/* mirrors __sock_filter_check_attach_type(): which bpf_sock fields each
 * cgroup/sock attach point may read or write */
static bool sock_filter_attach_ok(int off, bool write, uint32_t at)
{
	if (off == (int)offsetof(SOCK, bound_dev_if) || off == (int)offsetof(SOCK, mark) ||
	    off == (int)offsetof(SOCK, priority))
		return at == BPF_CGROUP_INET_SOCK_CREATE || at == BPF_CGROUP_INET_SOCK_RELEASE;
	if (CTX_IN(off, SOCK, src_ip4)) {
		if (at != BPF_CGROUP_INET4_POST_BIND)
			return false;
	} else if (CTX_IN_TILL(off, SOCK, src_ip6[0], src_ip6[3])) {
		if (at != BPF_CGROUP_INET6_POST_BIND)
			return false;
	} else if (CTX_IN(off, SOCK, src_port)) {
		if (at != BPF_CGROUP_INET4_POST_BIND && at != BPF_CGROUP_INET6_POST_BIND)
			return false;
	}
	return !write;
}

/* mirrors sock_filter_is_valid_access() */
bool sim_ctx_cg_sock(uint32_t attach_type, struct sim_ctx_access *a)
{
	return sock_valid(a->off, a->size) && sock_filter_attach_ok(a->off, a->write, attach_type);
}

#define SA struct bpf_sock_addr

/* the first switch of sock_addr_is_valid_access(): address fields of the
 * attach type's family only */
static bool sock_addr_family_ok(int off, uint32_t at)
{
	if (CTX_IN(off, SA, user_ip4))
		return at == BPF_CGROUP_INET4_BIND || at == BPF_CGROUP_INET4_CONNECT ||
		       at == BPF_CGROUP_INET4_GETPEERNAME || at == BPF_CGROUP_INET4_GETSOCKNAME ||
		       at == BPF_CGROUP_UDP4_SENDMSG || at == BPF_CGROUP_UDP4_RECVMSG;
	if (CTX_IN_TILL(off, SA, user_ip6[0], user_ip6[3]))
		return at == BPF_CGROUP_INET6_BIND || at == BPF_CGROUP_INET6_CONNECT ||
		       at == BPF_CGROUP_INET6_GETPEERNAME || at == BPF_CGROUP_INET6_GETSOCKNAME ||
		       at == BPF_CGROUP_UDP6_SENDMSG || at == BPF_CGROUP_UDP6_RECVMSG;
	if (CTX_IN(off, SA, msg_src_ip4))
		return at == BPF_CGROUP_UDP4_SENDMSG;
	if (CTX_IN_TILL(off, SA, msg_src_ip6[0], msg_src_ip6[3]))
		return at == BPF_CGROUP_UDP6_SENDMSG;
	return true;
}

/* mirrors sock_addr_is_valid_access() */
bool sim_ctx_sock_addr(uint32_t attach_type, struct sim_ctx_access *a)
{
	int off = a->off, size = a->size;
	int ip6 = (int)offsetof(SA, user_ip6), ip6_end = (int)CTX_END(SA, user_ip6);
	int src6 = (int)offsetof(SA, msg_src_ip6), src6_end = (int)CTX_END(SA, msg_src_ip6);

	if (off < 0 || off >= (int)sizeof(SA) || off % size)
		return false;
	if (!sock_addr_family_ok(off, attach_type))
		return false;
	if (CTX_IN(off, SA, user_ip4) || CTX_IN_TILL(off, SA, user_ip6[0], user_ip6[3]) ||
	    CTX_IN(off, SA, msg_src_ip4) || CTX_IN_TILL(off, SA, msg_src_ip6[0], msg_src_ip6[3]) ||
	    CTX_IN(off, SA, user_port)) {
		/* u64 halves of the IPv6 arrays, else u32 (narrow reads) */
		if (ctx_wide_ok(off, size, ip6, ip6_end) || ctx_wide_ok(off, size, src6, src6_end))
			return true;
		return a->write ? size == 4 : ctx_narrow_ok(size, 4);
	}
	if (CTX_IN_PTR(off, SA, sk)) {
		if (a->write || size != 8)
			return false;
		a->reg_type = PTR_TO_SOCKET;
		return true;
	}
	if (CTX_IN(off, SA, user_family) || CTX_IN(off, SA, family) || CTX_IN(off, SA, type) ||
	    CTX_IN(off, SA, protocol))
		return !a->write && size == 4;
	return false;
}

#define OPS struct bpf_sock_ops

/* mirrors sock_ops_is_valid_access() */
bool sim_ctx_sock_ops(struct sim_ctx_access *a)
{
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(OPS) || off % size)
		return false;
	if (a->write)
		return (off == (int)offsetof(OPS, reply) || off == (int)offsetof(OPS, sk_txhash)) &&
		       size == 4;
	if (CTX_IN_TILL(off, OPS, bytes_received, bytes_acked) || CTX_IN(off, OPS, skb_hwtstamp))
		return size == 8;
	if (CTX_IN_PTR(off, OPS, sk) || CTX_IN_PTR(off, OPS, skb_data) ||
	    CTX_IN_PTR(off, OPS, skb_data_end)) {
		if (size != 8)
			return false;
		a->reg_type = CTX_IN_PTR(off, OPS, sk) ? PTR_TO_SOCKET | PTR_MAYBE_NULL
			    : CTX_IN_PTR(off, OPS, skb_data) ? PTR_TO_PACKET : PTR_TO_PACKET_END;
		return true;
	}
	if (off == (int)offsetof(OPS, skb_tcp_flags))
		return ctx_narrow_ok(size, 4);
	return size == 4;
}

#define MSG struct sk_msg_md

/* mirrors sk_msg_is_valid_access() */
bool sim_ctx_sk_msg(struct sim_ctx_access *a)
{
	int off = a->off;

	if (a->write || off % a->size)
		return false;
	if (CTX_IN_PTR(off, MSG, data) || CTX_IN_PTR(off, MSG, data_end) ||
	    CTX_IN_PTR(off, MSG, sk)) {
		a->reg_type = CTX_IN_PTR(off, MSG, data) ? PTR_TO_PACKET
			    : CTX_IN_PTR(off, MSG, data_end) ? PTR_TO_PACKET_END : PTR_TO_SOCKET;
		return a->size == 8;
	}
	if (CTX_IN(off, MSG, family) || CTX_IN(off, MSG, remote_ip4) ||
	    CTX_IN(off, MSG, local_ip4) || CTX_IN_TILL(off, MSG, remote_ip6[0], remote_ip6[3]) ||
	    CTX_IN_TILL(off, MSG, local_ip6[0], local_ip6[3]) || CTX_IN(off, MSG, remote_port) ||
	    CTX_IN(off, MSG, local_port) || CTX_IN(off, MSG, size))
		return a->size == 4;
	return false;
}

#define REUSE struct sk_reuseport_md

/* mirrors sk_reuseport_is_valid_access(): cases are exact offsets */
bool sim_ctx_sk_reuseport(struct sim_ctx_access *a)
{
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(REUSE) || off % size || a->write)
		return false;
	if (off == (int)offsetof(REUSE, data)) {
		a->reg_type = PTR_TO_PACKET;
		return size == 8;
	}
	if (off == (int)offsetof(REUSE, data_end)) {
		a->reg_type = PTR_TO_PACKET_END;
		return size == 8;
	}
	if (off == (int)offsetof(REUSE, hash))
		return size == 4;
	if (off == (int)offsetof(REUSE, sk)) {
		a->reg_type = PTR_TO_SOCKET;
		return size == 8;
	}
	if (off == (int)offsetof(REUSE, migrating_sk)) {
		a->reg_type = PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL;
		return size == 8;
	}
	/* eth_protocol is read whole or as sk_buff's 2-byte protocol */
	if (CTX_IN(off, REUSE, eth_protocol) && size < 2)
		return false;
	if (CTX_IN(off, REUSE, eth_protocol) || CTX_IN(off, REUSE, ip_protocol) ||
	    CTX_IN(off, REUSE, bind_inany) || CTX_IN(off, REUSE, len))
		return ctx_narrow_ok(size, 4);
	return false;
}

#define LOOKUP struct bpf_sk_lookup

/* mirrors sk_lookup_is_valid_access() */
bool sim_ctx_sk_lookup(struct sim_ctx_access *a)
{
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(LOOKUP) || off % size || a->write)
		return false;
	if (CTX_IN_PTR(off, LOOKUP, sk)) {
		a->reg_type = PTR_TO_SOCKET | PTR_MAYBE_NULL;
		return size == 8;
	}
	if (CTX_IN(off, LOOKUP, family) || CTX_IN(off, LOOKUP, protocol) ||
	    CTX_IN(off, LOOKUP, remote_ip4) || CTX_IN(off, LOOKUP, local_ip4) ||
	    CTX_IN_TILL(off, LOOKUP, remote_ip6[0], remote_ip6[3]) ||
	    CTX_IN_TILL(off, LOOKUP, local_ip6[0], local_ip6[3]) ||
	    CTX_IN(off, LOOKUP, local_port) || CTX_IN(off, LOOKUP, ingress_ifindex))
		return ctx_narrow_ok(size, 4);
	if (CTX_IN(off, LOOKUP, remote_port))
		/* a 4-byte read of the 2-byte port, for backward compatibility */
		return size == 4 || ctx_narrow_ok(size, 2);
	if (off >= (int)CTX_END(LOOKUP, remote_port) && off < (int)offsetof(LOOKUP, local_ip4))
		return ctx_narrow_ok(size, 2); /* the zero padding, also for compatibility */
	return false;
}

/* ---- socket pointers (check_sock_access()) ------------------------------ */

/* mirrors bpf_tcp_sock_is_valid_access() */
static bool tcp_sock_valid(int off, int size)
{
	if (off < 0 || off >= (int)CTX_END(struct bpf_tcp_sock, icsk_retransmits) || off % size != 0)
		return false;
	if (off == (int)offsetof(struct bpf_tcp_sock, bytes_received) ||
	    off == (int)offsetof(struct bpf_tcp_sock, bytes_acked))
		return size == 8;
	return size == 4;
}

/* mirrors bpf_xdp_sock_is_valid_access() */
static bool xdp_sock_valid(int off, int size)
{
	if (off < 0 || off >= (int)CTX_END(struct bpf_xdp_sock, queue_id) || off % size != 0)
		return false;
	return size == 4;
}

bool sim_sock_access_ok(uint32_t reg_type, int off, int size)
{
	switch (reg_type) {
	case PTR_TO_SOCK_COMMON:
		/* mirrors bpf_sock_common_is_valid_access(): type..priority
		 * are not in struct sock_common */
		if (CTX_IN_TILL(off, SOCK, type, priority))
			return false;
		return sock_valid(off, size);
	case PTR_TO_SOCKET:
		return sock_valid(off, size);
	case PTR_TO_TCP_SOCK:
		return tcp_sock_valid(off, size);
	case PTR_TO_XDP_SOCK:
		return xdp_sock_valid(off, size);
	default:
		return false;
	}
}
