/* Context access rules per program type: mirrors each type's
 * bpf_verifier_ops.is_valid_access() of Linux 7.3 for the __sk_buff family
 * and XDP (net/core/filter.c), the tracing types (kernel/trace/bpf_trace.c),
 * netfilter (net/netfilter/nf_bpf_link.c) and syscall programs, and
 * dispatches the socket-level (ctx_sock.c) and cgroup (ctx_cgroup.c) ones.
 *
 * How it works
 * ------------
 * The kernel asks the program type whether "off/size read or write" is a
 * valid context access and, for pointer fields, what type the loaded
 * register gets. The __sk_buff family shares one base rule,
 * bpf_skb_is_valid_access(), wrapped by a per-type filter that forbids
 * fields (sk_filter, cg_skb, lwt, tc, sk_skb ...) and decides which fields
 * may be written. Those wrappers are written here as tables of field
 * ranges with a verdict each, checked in the kernel's order; the tracing
 * types are one arithmetic rule each. A range is [first byte, last byte]
 * as the kernel's bpf_ctx_range()/bpf_ctx_range_till() case labels spell
 * them: the checks switch on the access's first byte only, as the
 * kernel's do.
 */
#include <stddef.h>

#include <bpf/btf.h>

#include "check.h"
#include "ctx_rules.h"

#define SKB struct __sk_buff

#define PT_REGS_SIZE (21 * 8)              /* x86-64 struct pt_regs */
#define PERF_EVENT_DATA_SIZE (PT_REGS_SIZE + 16) /* + sample_period, addr */
#define PERF_MAX_TRACE_SIZE 8192
#define MAX_BPF_FUNC_ARGS 12
#define U16_MAX 0xffff

/* struct bpf_nf_ctx (include/net/netfilter/nf_bpf_link.h): not in the
 * uapi headers; two kernel pointers */
#define NF_CTX_STATE 0
#define NF_CTX_SKB 8
#define NF_CTX_SIZE 16

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

/* mirrors bpf_skb_is_valid_access() */
static bool skb_base(struct sim_ctx_access *a)
{
	const int size_default = 4;
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(SKB) || off % size)
		return false;
	if (CTX_IN_TILL(off, SKB, cb[0], cb[4]))
		return off + size <= (int)CTX_END(SKB, cb[4]);
	if (CTX_IN(off, SKB, data) || CTX_IN(off, SKB, data_meta) || CTX_IN(off, SKB, data_end))
		return !a->ldsx && size == size_default;
	if (CTX_IN_TILL(off, SKB, remote_ip6[0], remote_ip6[3]) ||
	    CTX_IN_TILL(off, SKB, local_ip6[0], local_ip6[3]) || CTX_IN(off, SKB, remote_ip4) ||
	    CTX_IN(off, SKB, local_ip4))
		return size == size_default;
	if (CTX_IN_PTR(off, SKB, flow_keys))
		return false;
	if (CTX_IN(off, SKB, hwtstamp))
		return !a->write && size == 8;
	if (CTX_IN(off, SKB, tstamp))
		return size == 8;
	if (CTX_IN_PTR(off, SKB, sk)) {
		if (a->write || size != 8)
			return false;
		a->reg_type = PTR_TO_SOCK_COMMON | PTR_MAYBE_NULL;
		return true;
	}
	if (off == (int)offsetof(SKB, tstamp_type))
		return false;
	if (off >= (int)CTX_END(SKB, tstamp_type) && off < (int)offsetof(SKB, hwtstamp))
		return false; /* padding */
	if (a->write)
		return size == size_default;
	return ctx_narrow_ok(size, size_default);
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
	{ CTX_RANGE(SKB, tc_classid), R_DENY },  { CTX_RANGE(SKB, data), R_DENY },
	{ CTX_RANGE(SKB, data_meta), R_DENY },   { CTX_RANGE(SKB, data_end), R_DENY },
	{ CTX_TILL(SKB, family, local_port), R_DENY }, { CTX_RANGE(SKB, tstamp), R_DENY },
	{ CTX_RANGE(SKB, wire_len), R_DENY },    { CTX_RANGE(SKB, hwtstamp), R_DENY },
};
static const struct range_rule cb_only[] = { { CTX_TILL(SKB, cb[0], cb[4]), R_WRITE_OK } };

/* mirrors cg_skb_is_valid_access() for a CAP_BPF loader */
static const struct range_rule cg_skb_deny[] = {
	{ CTX_RANGE(SKB, tc_classid), R_DENY }, { CTX_RANGE(SKB, data_meta), R_DENY },
	{ CTX_RANGE(SKB, wire_len), R_DENY },
};
static const struct range_rule cg_skb_writable[] = {
	{ CTX_RANGE(SKB, mark), R_WRITE_OK }, { CTX_RANGE(SKB, priority), R_WRITE_OK },
	{ CTX_TILL(SKB, cb[0], cb[4]), R_WRITE_OK }, { CTX_RANGE(SKB, tstamp), R_WRITE_OK },
};
static const struct range_rule data_end_ptrs[] = {
	{ CTX_RANGE(SKB, data), R_PKT }, { CTX_RANGE(SKB, data_end), R_PKT_END },
};

/* mirrors lwt_is_valid_access() */
static const struct range_rule lwt_deny[] = {
	{ CTX_RANGE(SKB, tc_classid), R_DENY }, { CTX_TILL(SKB, family, local_port), R_DENY },
	{ CTX_RANGE(SKB, data_meta), R_DENY },  { CTX_RANGE(SKB, tstamp), R_DENY },
	{ CTX_RANGE(SKB, wire_len), R_DENY },   { CTX_RANGE(SKB, hwtstamp), R_DENY },
};
static const struct range_rule lwt_writable[] = {
	{ CTX_RANGE(SKB, mark), R_WRITE_OK }, { CTX_RANGE(SKB, priority), R_WRITE_OK },
	{ CTX_TILL(SKB, cb[0], cb[4]), R_WRITE_OK },
};

/* mirrors tc_cls_act_is_valid_access() */
static const struct range_rule tc_deny[] = { { CTX_TILL(SKB, family, local_port), R_DENY } };
static const struct range_rule tc_writable[] = {
	{ CTX_RANGE(SKB, mark), R_WRITE_OK },     { CTX_RANGE(SKB, tc_index), R_WRITE_OK },
	{ CTX_RANGE(SKB, priority), R_WRITE_OK }, { CTX_RANGE(SKB, tc_classid), R_WRITE_OK },
	{ CTX_TILL(SKB, cb[0], cb[4]), R_WRITE_OK }, { CTX_RANGE(SKB, tstamp), R_WRITE_OK },
	{ CTX_RANGE(SKB, queue_mapping), R_WRITE_OK },
};
static const struct range_rule tc_ptrs[] = {
	{ CTX_RANGE(SKB, data), R_PKT }, { CTX_RANGE(SKB, data_meta), R_PKT_META },
	{ CTX_RANGE(SKB, data_end), R_PKT_END },
};

/* mirrors sk_skb_is_valid_access(): mark is neither read nor written */
static const struct range_rule sk_skb_deny[] = {
	{ CTX_RANGE(SKB, tc_classid), R_DENY }, { CTX_RANGE(SKB, data_meta), R_DENY },
	{ CTX_RANGE(SKB, tstamp), R_DENY },     { CTX_RANGE(SKB, wire_len), R_DENY },
	{ CTX_RANGE(SKB, hwtstamp), R_DENY },   { CTX_RANGE(SKB, mark), R_DENY },
};
static const struct range_rule sk_skb_writable[] = {
	{ CTX_RANGE(SKB, tc_index), R_WRITE_OK }, { CTX_RANGE(SKB, priority), R_WRITE_OK },
};

#define FILTER(d, w, p) { d, CTX_N(d), w, CTX_N(w), p, CTX_N(p) }
static const struct skb_filter sk_filter = { sk_filter_deny, CTX_N(sk_filter_deny), cb_only,
					     CTX_N(cb_only), NULL, 0 };
static const struct skb_filter cg_skb = FILTER(cg_skb_deny, cg_skb_writable, data_end_ptrs);
static const struct skb_filter lwt = FILTER(lwt_deny, lwt_writable, data_end_ptrs);
static const struct skb_filter tc = FILTER(tc_deny, tc_writable, tc_ptrs);
static const struct skb_filter sk_skb = FILTER(sk_skb_deny, sk_skb_writable, data_end_ptrs);

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

/* mirrors flow_dissector_is_valid_access(): read-only packet pointers and
 * the flow keys, nothing else of the __sk_buff */
static bool flow_dissector_access(struct sim_ctx_access *a)
{
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(SKB) || off % size || a->write)
		return false;
	if (CTX_IN(off, SKB, data) || CTX_IN(off, SKB, data_end)) {
		if (a->ldsx || size != 4)
			return false;
		a->reg_type = CTX_IN(off, SKB, data) ? PTR_TO_PACKET : PTR_TO_PACKET_END;
		return true;
	}
	if (CTX_IN_PTR(off, SKB, flow_keys)) {
		if (size != 8)
			return false;
		a->reg_type = PTR_TO_FLOW_KEYS;
		return true;
	}
	return false;
}

/* mirrors xdp_is_valid_access() and __is_valid_xdp_access() for a program
 * not offloaded to a NIC: every field is a u32 read */
static bool xdp_access(uint32_t attach_type, struct sim_ctx_access *a)
{
	typedef struct xdp_md X;
	int off = a->off;

	if (attach_type != BPF_XDP_DEVMAP && off == (int)offsetof(X, egress_ifindex))
		return false;
	if (a->write)
		return false;
	if (off == (int)offsetof(X, data) || off == (int)offsetof(X, data_meta) ||
	    off == (int)offsetof(X, data_end)) {
		if (a->ldsx)
			return false;
		a->reg_type = off == (int)offsetof(X, data) ? PTR_TO_PACKET
			    : off == (int)offsetof(X, data_meta) ? PTR_TO_PACKET_META
								  : PTR_TO_PACKET_END;
	}
	return off >= 0 && off < (int)sizeof(X) && off % a->size == 0 && a->size == 4;
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

/* mirrors raw_tp_writable_prog_is_valid_access(): the first argument is
 * the tracepoint's writable buffer */
static bool raw_tp_writable_access(struct sim_ctx_access *a)
{
	if (a->off == 0) {
		if (a->size != 8 || a->write)
			return false;
		a->reg_type = PTR_TO_TP_BUFFER;
	}
	return raw_tp_access(a);
}

/* mirrors pe_prog_is_valid_access() on a 64-bit kernel */
static bool perf_event_access(struct sim_ctx_access *a)
{
	if (a->off < 0 || a->off >= PERF_EVENT_DATA_SIZE || a->write || a->off % a->size)
		return false;
	if (a->off >= PT_REGS_SIZE) /* sample_period, addr: u64, narrow reads ok */
		return ctx_narrow_ok(a->size, 8);
	return a->size == 8;
}

/* mirrors nf_is_valid_access() and nf_ptr_to_btf_id(): the hook state and
 * the skb, as trusted BTF pointers of vmlinux; -1 without vmlinux BTF */
static int netfilter_access(const struct sim_prog_view *p, struct sim_ctx_access *a)
{
	const char *name;
	int id;

	if (a->off < 0 || a->off >= NF_CTX_SIZE || a->off % a->size || a->write)
		return 0;
	if (a->size != 8)
		return 0;
	name = a->off == NF_CTX_SKB ? "sk_buff" : a->off == NF_CTX_STATE ? "nf_hook_state" : NULL;
	if (!name)
		return 0;
	if (!p->vmlinux_btf)
		return -1;
	id = btf__find_by_name_kind(p->vmlinux_btf, name, BTF_KIND_STRUCT);
	if (id < 0)
		return -1;
	a->btf = p->vmlinux_btf;
	a->btf_id = (uint32_t)id;
	a->reg_type = PTR_TO_BTF_ID | PTR_TRUSTED;
	return 1;
}

int sim_ctx_access(const struct sim_prog_view *p, struct sim_ctx_access *a)
{
	uint32_t at = p->expected_attach_type;

	a->reg_type = SCALAR_VALUE;
	a->btf = NULL;
	a->btf_id = 0;
	switch (p->prog_type) {
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
	case BPF_PROG_TYPE_SK_SKB:
		return skb_filtered(&sk_skb, a, false);
	case BPF_PROG_TYPE_FLOW_DISSECTOR:
		return flow_dissector_access(a);
	case BPF_PROG_TYPE_XDP:
		return xdp_access(at, a);
	case BPF_PROG_TYPE_CGROUP_SOCK:
		return sim_ctx_cg_sock(at, a);
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
		return sim_ctx_sock_addr(at, a);
	case BPF_PROG_TYPE_SOCK_OPS:
		return sim_ctx_sock_ops(a);
	case BPF_PROG_TYPE_SK_MSG:
		return sim_ctx_sk_msg(a);
	case BPF_PROG_TYPE_SK_REUSEPORT:
		return sim_ctx_sk_reuseport(a);
	case BPF_PROG_TYPE_SK_LOOKUP:
		return sim_ctx_sk_lookup(a);
	case BPF_PROG_TYPE_CGROUP_DEVICE:
		return sim_ctx_cgroup_dev(a);
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
		return sim_ctx_sysctl(a);
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return sim_ctx_sockopt(at, a);
	case BPF_PROG_TYPE_NETFILTER:
		return netfilter_access(p, a);
	case BPF_PROG_TYPE_KPROBE:
		return kprobe_access(a);
	case BPF_PROG_TYPE_TRACEPOINT:
		return tracepoint_access(a);
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		return raw_tp_access(a);
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		return raw_tp_writable_access(a);
	case BPF_PROG_TYPE_PERF_EVENT:
		return perf_event_access(a);
	case BPF_PROG_TYPE_SYSCALL:
		/* syscall_prog_is_valid_access(): no alignment rule */
		return a->off >= 0 && a->off < U16_MAX;
	default:
		return -1;
	}
}

bool sim_ctx_converted(uint32_t prog_type)
{
	/* the verifier_ops without .convert_ctx_access: kprobe, tracepoint,
	 * raw_tp(_writable), tracing, lsm, syscall, cgroup_dev, netfilter,
	 * struct_ops, ext, lirc_mode2 */
	switch (prog_type) {
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
	case BPF_PROG_TYPE_TRACING:
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_SYSCALL:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_NETFILTER:
	case BPF_PROG_TYPE_STRUCT_OPS:
	case BPF_PROG_TYPE_EXT:
	case BPF_PROG_TYPE_LIRC_MODE2:
		return false;
	default:
		return true;
	}
}

bool sim_may_access_direct_pkt_data(uint32_t prog_type, bool write)
{
	switch (prog_type) {
	/* direct read access only */
	case BPF_PROG_TYPE_LWT_IN:
	case BPF_PROG_TYPE_LWT_OUT:
	case BPF_PROG_TYPE_LWT_SEG6LOCAL:
	case BPF_PROG_TYPE_SK_REUSEPORT:
	case BPF_PROG_TYPE_FLOW_DISSECTOR:
	case BPF_PROG_TYPE_CGROUP_SKB:
		return !write;
	/* direct read and write access */
	case BPF_PROG_TYPE_SCHED_CLS:
	case BPF_PROG_TYPE_SCHED_ACT:
	case BPF_PROG_TYPE_XDP:
	case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_SK_SKB:
	case BPF_PROG_TYPE_SK_MSG:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return true;
	default:
		return false;
	}
}
