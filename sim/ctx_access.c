/* Context access rules per program type: mirrors each type's
 * bpf_verifier_ops.is_valid_access() of Linux 7.3 (net/core/filter.c,
 * kernel/trace/bpf_trace.c), for the program types the core verifier
 * selftests use.
 *
 * How it works
 * ------------
 * The kernel asks the program type whether "off/size read or write" is a
 * valid context access and, for pointer fields, what type the loaded
 * register gets. The __sk_buff family shares one base rule,
 * bpf_skb_is_valid_access(), wrapped by a per-type filter that forbids
 * fields (sk_filter, cg_skb, lwt, tc ...) and decides which fields may be
 * written. Those wrappers are written here as tables of field ranges with
 * a verdict each, checked in the kernel's order; the tracing types are one
 * arithmetic rule each. A range is [first byte, last byte] as the kernel's
 * bpf_ctx_range()/bpf_ctx_range_till() case labels spell them: the checks
 * switch on the access's first byte only, as the kernel's do.
 */
#include <stddef.h>

#include "check.h"
#include "ctx_access.h"

#define END(T, f) (offsetof(T, f) + sizeof(((T *)0)->f))
#define RANGE(T, f) offsetof(T, f), END(T, f) - 1
#define TILL(T, a, b) offsetof(T, a), END(T, b) - 1
#define SKB struct __sk_buff

#define PT_REGS_SIZE (21 * 8)              /* x86-64 struct pt_regs */
#define PERF_EVENT_DATA_SIZE (PT_REGS_SIZE + 16) /* + sample_period, addr */
#define PERF_MAX_TRACE_SIZE 8192
#define MAX_BPF_FUNC_ARGS 12

/* mirrors bpf_ctx_narrow_access_ok() */
static bool narrow_ok(int size, int size_default)
{
	return size <= size_default && (size & (size - 1)) == 0;
}

/* What a range rule says about an access starting in it. */
enum rule {
	R_DENY,       /* return false */
	R_WRITE_OK,   /* writable field (write filters) */
	R_PKT,        /* the load gives PTR_TO_PACKET */
	R_PKT_META,
	R_PKT_END,
};

struct range_rule {
	int first, last;
	enum rule rule;
};

static const struct range_rule *find_rule(const struct range_rule *r, size_t n, int off)
{
	for (size_t i = 0; i < n; i++)
		if (off >= r[i].first && off <= r[i].last)
			return &r[i];
	return NULL;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* mirrors bpf_skb_is_valid_access() */
static bool skb_base(struct sim_ctx_access *a)
{
	const int size_default = 4;
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(SKB) || off % size)
		return false;
	if (off >= (int)offsetof(SKB, cb[0]) && off < (int)END(SKB, cb[4]))
		return off + size <= (int)END(SKB, cb[4]);
	if ((off >= (int)offsetof(SKB, data) && off < (int)END(SKB, data)) ||
	    (off >= (int)offsetof(SKB, data_meta) && off < (int)END(SKB, data_meta)) ||
	    (off >= (int)offsetof(SKB, data_end) && off < (int)END(SKB, data_end)))
		return !a->ldsx && size == size_default;
	if ((off >= (int)offsetof(SKB, remote_ip6[0]) && off < (int)END(SKB, remote_ip6[3])) ||
	    (off >= (int)offsetof(SKB, local_ip6[0]) && off < (int)END(SKB, local_ip6[3])) ||
	    (off >= (int)offsetof(SKB, remote_ip4) && off < (int)END(SKB, remote_ip4)) ||
	    (off >= (int)offsetof(SKB, local_ip4) && off < (int)END(SKB, local_ip4)))
		return size == size_default;
	if (off >= (int)offsetof(SKB, flow_keys) && off < (int)offsetof(SKB, flow_keys) + 8)
		return false;
	if (off >= (int)offsetof(SKB, hwtstamp) && off < (int)END(SKB, hwtstamp))
		return !a->write && size == 8;
	if (off >= (int)offsetof(SKB, tstamp) && off < (int)END(SKB, tstamp))
		return size == 8;
	if (off >= (int)offsetof(SKB, sk) && off < (int)offsetof(SKB, sk) + 8) {
		if (a->write || size != 8)
			return false;
		a->reg_type = PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL;
		return true;
	}
	if (off == (int)offsetof(SKB, tstamp_type))
		return false;
	if (off >= (int)END(SKB, tstamp_type) && off < (int)offsetof(SKB, hwtstamp))
		return false; /* padding */
	if (a->write)
		return size == size_default;
	return narrow_ok(size, size_default);
}

/* A wrapper: fields it forbids, fields it lets be written, pointer fields. */
struct skb_filter {
	const struct range_rule *deny;
	size_t ndeny;
	const struct range_rule *writable;
	size_t nwritable;
	const struct range_rule *ptrs;
	size_t nptrs;
};

/* mirrors sk_filter_is_valid_access() */
static const struct range_rule sk_filter_deny[] = {
	{ RANGE(SKB, tc_classid), R_DENY },  { RANGE(SKB, data), R_DENY },
	{ RANGE(SKB, data_meta), R_DENY },   { RANGE(SKB, data_end), R_DENY },
	{ TILL(SKB, family, local_port), R_DENY }, { RANGE(SKB, tstamp), R_DENY },
	{ RANGE(SKB, wire_len), R_DENY },    { RANGE(SKB, hwtstamp), R_DENY },
};
static const struct range_rule cb_only[] = { { TILL(SKB, cb[0], cb[4]), R_WRITE_OK } };

/* mirrors cg_skb_is_valid_access() for a CAP_BPF loader */
static const struct range_rule cg_skb_deny[] = {
	{ RANGE(SKB, tc_classid), R_DENY }, { RANGE(SKB, data_meta), R_DENY },
	{ RANGE(SKB, wire_len), R_DENY },
};
static const struct range_rule cg_skb_writable[] = {
	{ RANGE(SKB, mark), R_WRITE_OK }, { RANGE(SKB, priority), R_WRITE_OK },
	{ TILL(SKB, cb[0], cb[4]), R_WRITE_OK }, { RANGE(SKB, tstamp), R_WRITE_OK },
};
static const struct range_rule data_end_ptrs[] = {
	{ RANGE(SKB, data), R_PKT }, { RANGE(SKB, data_end), R_PKT_END },
};

/* mirrors lwt_is_valid_access() */
static const struct range_rule lwt_deny[] = {
	{ RANGE(SKB, tc_classid), R_DENY }, { TILL(SKB, family, local_port), R_DENY },
	{ RANGE(SKB, data_meta), R_DENY },  { RANGE(SKB, tstamp), R_DENY },
	{ RANGE(SKB, wire_len), R_DENY },   { RANGE(SKB, hwtstamp), R_DENY },
};
static const struct range_rule lwt_writable[] = {
	{ RANGE(SKB, mark), R_WRITE_OK }, { RANGE(SKB, priority), R_WRITE_OK },
	{ TILL(SKB, cb[0], cb[4]), R_WRITE_OK },
};

/* mirrors tc_cls_act_is_valid_access() */
static const struct range_rule tc_deny[] = { { TILL(SKB, family, local_port), R_DENY } };
static const struct range_rule tc_writable[] = {
	{ RANGE(SKB, mark), R_WRITE_OK },     { RANGE(SKB, tc_index), R_WRITE_OK },
	{ RANGE(SKB, priority), R_WRITE_OK }, { RANGE(SKB, tc_classid), R_WRITE_OK },
	{ TILL(SKB, cb[0], cb[4]), R_WRITE_OK }, { RANGE(SKB, tstamp), R_WRITE_OK },
	{ RANGE(SKB, queue_mapping), R_WRITE_OK },
};
static const struct range_rule tc_ptrs[] = {
	{ RANGE(SKB, data), R_PKT }, { RANGE(SKB, data_meta), R_PKT_META },
	{ RANGE(SKB, data_end), R_PKT_END },
};

#define FILTER(d, w, p) { d, N(d), w, N(w), p, N(p) }
static const struct skb_filter sk_filter = { sk_filter_deny, N(sk_filter_deny), cb_only, N(cb_only), NULL, 0 };
static const struct skb_filter cg_skb = FILTER(cg_skb_deny, cg_skb_writable, data_end_ptrs);
static const struct skb_filter lwt = FILTER(lwt_deny, lwt_writable, data_end_ptrs);
static const struct skb_filter tc = FILTER(tc_deny, tc_writable, tc_ptrs);

static bool skb_filtered(const struct skb_filter *f, struct sim_ctx_access *a, bool tc_rules)
{
	const struct range_rule *r;

	if (find_rule(f->deny, f->ndeny, a->off))
		return false;
	if (a->write && !find_rule(f->writable, f->nwritable, a->off))
		return false;
	r = find_rule(f->ptrs, f->nptrs, a->off);
	if (r)
		a->reg_type = r->rule == R_PKT ? PTR_TO_PACKET
			    : r->rule == R_PKT_META ? PTR_TO_PACKET_META : PTR_TO_PACKET_END;
	/* tc: tstamp_type is a one-byte read (tc_cls_act_is_valid_access()) */
	if (tc_rules && a->off == (int)offsetof(SKB, tstamp_type))
		return a->size == 1;
	return skb_base(a);
}

/* mirrors sk_msg_is_valid_access() */
static bool sk_msg_access(struct sim_ctx_access *a)
{
	typedef struct sk_msg_md M;
	int off = a->off;

	if (a->write || off % a->size)
		return false;
	if (off >= (int)offsetof(M, data) && off < (int)offsetof(M, data) + 8) {
		a->reg_type = PTR_TO_PACKET;
		return a->size == 8;
	}
	if (off >= (int)offsetof(M, data_end) && off < (int)offsetof(M, data_end) + 8) {
		a->reg_type = PTR_TO_PACKET_END;
		return a->size == 8;
	}
	if (off >= (int)offsetof(M, sk) && off < (int)offsetof(M, sk) + 8) {
		a->reg_type = PTR_TO_SOCKET;
		return a->size == 8;
	}
	if ((off >= (int)offsetof(M, family) && off < (int)END(M, family)) ||
	    (off >= (int)offsetof(M, remote_ip4) && off < (int)END(M, remote_ip4)) ||
	    (off >= (int)offsetof(M, local_ip4) && off < (int)END(M, local_ip4)) ||
	    (off >= (int)offsetof(M, remote_ip6[0]) && off < (int)END(M, remote_ip6[3])) ||
	    (off >= (int)offsetof(M, local_ip6[0]) && off < (int)END(M, local_ip6[3])) ||
	    (off >= (int)offsetof(M, remote_port) && off < (int)END(M, remote_port)) ||
	    (off >= (int)offsetof(M, local_port) && off < (int)END(M, local_port)) ||
	    (off >= (int)offsetof(M, size) && off < (int)END(M, size)))
		return a->size == 4;
	return false;
}

/* mirrors kprobe_prog_is_valid_access() */
static bool kprobe_access(struct sim_ctx_access *a)
{
	return a->off >= 0 && a->off < PT_REGS_SIZE && a->off % a->size == 0 &&
	       a->off + a->size <= PT_REGS_SIZE;
}

/* mirrors tp_prog_is_valid_access() */
static bool tracepoint_access(struct sim_ctx_access *a)
{
	return a->off >= 8 && a->off < PERF_MAX_TRACE_SIZE && !a->write && a->off % a->size == 0;
}

/* mirrors bpf_tracing_ctx_access() (raw_tp_prog_is_valid_access()) */
static bool raw_tp_access(struct sim_ctx_access *a)
{
	return a->off >= 0 && a->off < 8 * MAX_BPF_FUNC_ARGS && !a->write && a->off % a->size == 0;
}

/* mirrors pe_prog_is_valid_access() on a 64-bit kernel */
static bool perf_event_access(struct sim_ctx_access *a)
{
	if (a->off < 0 || a->off >= PERF_EVENT_DATA_SIZE || a->write || a->off % a->size)
		return false;
	if (a->off >= PT_REGS_SIZE) /* sample_period, addr: u64, narrow reads ok */
		return narrow_ok(a->size, 8);
	return a->size == 8;
}

int sim_ctx_access(uint32_t prog_type, struct sim_ctx_access *a)
{
	a->reg_type = SCALAR_VALUE;
	switch (prog_type) {
	case BPF_PROG_TYPE_SOCKET_FILTER:
		return skb_filtered(&sk_filter, a, false);
	case BPF_PROG_TYPE_CGROUP_SKB:
		return skb_filtered(&cg_skb, a, false);
	case BPF_PROG_TYPE_LWT_IN:
	case BPF_PROG_TYPE_LWT_OUT:
	case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_LWT_SEG6LOCAL:
		return skb_filtered(&lwt, a, false);
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
		return skb_filtered(&tc, a, true);
	case BPF_PROG_TYPE_SK_MSG:
		return sk_msg_access(a);
	case BPF_PROG_TYPE_KPROBE:
		return kprobe_access(a);
	case BPF_PROG_TYPE_TRACEPOINT:
		return tracepoint_access(a);
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		return raw_tp_access(a);
	case BPF_PROG_TYPE_PERF_EVENT:
		return perf_event_access(a);
	default:
		return -1;
	}
}

/* ---- socket pointers (check_sock_access()) ------------------------------ */

#define SOCK struct bpf_sock

/* mirrors bpf_sock_is_valid_access() */
static bool sock_valid(int off, int size)
{
	static const int narrow_fields[] = {
		offsetof(SOCK, state), offsetof(SOCK, family), offsetof(SOCK, type),
		offsetof(SOCK, protocol), offsetof(SOCK, src_port),
		offsetof(SOCK, rx_queue_mapping),
	};
	static const struct range_rule narrow_ranges[] = {
		{ RANGE(SOCK, src_ip4), R_WRITE_OK }, { TILL(SOCK, src_ip6[0], src_ip6[3]), R_WRITE_OK },
		{ RANGE(SOCK, dst_ip4), R_WRITE_OK }, { TILL(SOCK, dst_ip6[0], dst_ip6[3]), R_WRITE_OK },
	};

	if (off < 0 || off >= (int)sizeof(SOCK) || off % size != 0)
		return false;
	for (size_t i = 0; i < sizeof(narrow_fields) / sizeof(narrow_fields[0]); i++)
		if (off == narrow_fields[i])
			return narrow_ok(size, 4);
	if (find_rule(narrow_ranges, sizeof(narrow_ranges) / sizeof(narrow_ranges[0]), off))
		return narrow_ok(size, 4);
	if (off >= (int)offsetof(SOCK, dst_port) && off < (int)END(SOCK, dst_port))
		return narrow_ok(size, size == 4 ? 4 : (int)sizeof(((SOCK *)0)->dst_port));
	if (off >= (int)END(SOCK, dst_port) && off < (int)offsetof(SOCK, dst_ip4))
		return false;
	return size == 4;
}

/* mirrors bpf_tcp_sock_is_valid_access() */
static bool tcp_sock_valid(int off, int size)
{
	if (off < 0 || off >= (int)END(struct bpf_tcp_sock, icsk_retransmits) || off % size != 0)
		return false;
	if (off == (int)offsetof(struct bpf_tcp_sock, bytes_received) ||
	    off == (int)offsetof(struct bpf_tcp_sock, bytes_acked))
		return size == 8;
	return size == 4;
}

/* mirrors bpf_xdp_sock_is_valid_access() */
static bool xdp_sock_valid(int off, int size)
{
	if (off < 0 || off >= (int)END(struct bpf_xdp_sock, queue_id) || off % size != 0)
		return false;
	return size == 4;
}

bool sim_sock_access_ok(uint32_t reg_type, int off, int size)
{
	switch (reg_type) {
	case PTR_TO_SOCK_COMMON:
		/* mirrors bpf_sock_common_is_valid_access(): type..priority
		 * are not in struct sock_common */
		if (off >= (int)offsetof(SOCK, type) && off < (int)END(SOCK, priority))
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
