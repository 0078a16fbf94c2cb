/* Which values a program may return: mirrors return_retval_range() and
 * program_returns_void() of Linux 7.3's kernel/bpf/verifier.c, which
 * check_return_code() (check_call.c) enforces on R0 at the main program's
 * exit. Program types not listed (socket filters, tc, XDP, kprobes,
 * tracepoints ...) may return anything.
 */
#include "check.h"
#include "ctx_access.h"
#include "retval_range.h"

#define SK_DROP 0
#define SK_PASS 1
#define NF_DROP 0
#define NF_ACCEPT 1

static struct sim_retval_range range(int minval, int maxval)
{
	return (struct sim_retval_range){ .minval = minval, .maxval = maxval };
}

/* cgroup/sock_addr hooks: getters must return 1, bind may ask for the
 * port checks to be skipped (0..3), the rest allow or deny */
bool sim_sock_addr_getter(uint32_t attach_type)
{
	switch (attach_type) {
	case BPF_CGROUP_UDP4_RECVMSG:
	case BPF_CGROUP_UDP6_RECVMSG:
	case BPF_CGROUP_UNIX_RECVMSG:
	case BPF_CGROUP_INET4_GETPEERNAME:
	case BPF_CGROUP_INET6_GETPEERNAME:
	case BPF_CGROUP_UNIX_GETPEERNAME:
	case BPF_CGROUP_INET4_GETSOCKNAME:
	case BPF_CGROUP_INET6_GETSOCKNAME:
	case BPF_CGROUP_UNIX_GETSOCKNAME:
		return true;
	default:
		return false;
	}
}

static struct sim_retval_range sock_addr_range(uint32_t attach_type)
{
	if (sim_sock_addr_getter(attach_type))
		return range(1, 1);
	switch (attach_type) {
	case BPF_CGROUP_INET4_BIND:
	case BPF_CGROUP_INET6_BIND:
		return range(0, 3);
	default:
		return range(0, 1);
	}
}

bool sim_return_retval_range(const struct sim_prog_view *p, struct sim_retval_range *r)
{
	uint32_t at = p->expected_attach_type;

	*r = range(0, 1);
	switch (p->prog_type) {
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR:
		*r = sock_addr_range(at);
		return true;
	case BPF_PROG_TYPE_CGROUP_SKB:
		/* egress may also return congestion notification bits */
		if (at == BPF_CGROUP_INET_EGRESS)
			*r = range(0, 3);
		return true;
	case BPF_PROG_TYPE_CGROUP_SOCK:
	case BPF_PROG_TYPE_SOCK_OPS:
	case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_CGROUP_SYSCTL:
	case BPF_PROG_TYPE_CGROUP_SOCKOPT:
		return true;
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		if (!p->attach_btf_id)
			return false;
		*r = range(0, 0);
		return true;
	case BPF_PROG_TYPE_TRACING:
		switch (at) {
		case BPF_TRACE_FENTRY:
		case BPF_TRACE_FEXIT:
		case BPF_TRACE_FSESSION:
		case BPF_TRACE_FENTRY_MULTI:
		case BPF_TRACE_FEXIT_MULTI:
		case BPF_TRACE_FSESSION_MULTI:
			*r = range(0, 0);
			return true;
		case BPF_TRACE_RAW_TP:
		case BPF_MODIFY_RETURN:
			return false;
		default: /* BPF_TRACE_ITER ... */
			return true;
		}
	case BPF_PROG_TYPE_KPROBE:
		return at == BPF_TRACE_KPROBE_SESSION || at == BPF_TRACE_UPROBE_SESSION;
	case BPF_PROG_TYPE_SK_LOOKUP:
		*r = range(SK_DROP, SK_PASS);
		return true;
	case BPF_PROG_TYPE_LSM:
		if (at != BPF_LSM_CGROUP) {
			/* the hook's own range; none: anything goes */
			if (!sim_lsm_retval_range(p, &r->minval, &r->maxval))
				return false;
			r->return_32bit = true;
		} else if (sim_btf_attach_returns_void(p)) {
			/* a void hook's return value cannot be changed */
			*r = range(1, 1);
		}
		return true;
	case BPF_PROG_TYPE_NETFILTER:
		*r = range(NF_DROP, NF_ACCEPT);
		return true;
	case BPF_PROG_TYPE_STRUCT_OPS:
		*r = range(0, 0);
		return true;
	default: /* freplace (EXT) returns what its target does */
		return false;
	}
}

bool sim_program_returns_void(const struct sim_prog_view *p)
{
	return p->prog_type == BPF_PROG_TYPE_LSM && p->expected_attach_type != BPF_LSM_CGROUP &&
	       sim_btf_attach_returns_void(p);
}
