/* Context access rules of the cgroup program types defined in Linux 7.3's
 * kernel/bpf/cgroup.c: cgroup/dev (struct bpf_cgroup_dev_ctx), cgroup/sysctl
 * (struct bpf_sysctl) and cgroup/{get,set}sockopt (struct bpf_sockopt).
 * ctx_access.c dispatches to them by program type.
 */
#include <stddef.h>

#include "check.h"
#include "ctx_rules.h"

/* mirrors cgroup_dev_is_valid_access(): read-only u32 fields, the
 * access_type word may be read narrow */
bool sim_ctx_cgroup_dev(struct sim_ctx_access *a)
{
	typedef struct bpf_cgroup_dev_ctx D;

	if (a->write || a->off < 0 || a->off + a->size > (int)sizeof(D) || a->off % a->size)
		return false;
	if (CTX_IN(a->off, D, access_type))
		return ctx_narrow_ok(a->size, 4);
	return a->size == 4;
}

/* mirrors sysctl_is_valid_access() */
bool sim_ctx_sysctl(struct sim_ctx_access *a)
{
	typedef struct bpf_sysctl S;

	if (a->off < 0 || a->off + a->size > (int)sizeof(S) || a->off % a->size)
		return false;
	if (CTX_IN(a->off, S, write))
		return !a->write && ctx_narrow_ok(a->size, 4);
	if (CTX_IN(a->off, S, file_pos))
		return a->write ? a->size == 4 : ctx_narrow_ok(a->size, 4);
	return false;
}

/* mirrors cg_sockopt_is_valid_access(): retval is getsockopt's, level and
 * optname are setsockopt's to write */
bool sim_ctx_sockopt(uint32_t attach_type, struct sim_ctx_access *a)
{
	typedef struct bpf_sockopt O;
	int off = a->off, size = a->size;

	if (off < 0 || off >= (int)sizeof(O) || off % size)
		return false;
	if (a->write) {
		if (off == (int)offsetof(O, retval))
			return size == 4 && attach_type == BPF_CGROUP_GETSOCKOPT;
		if (off == (int)offsetof(O, optname) || off == (int)offsetof(O, level))
			return size == 4 && attach_type == BPF_CGROUP_SETSOCKOPT;
		if (off == (int)offsetof(O, optlen))
			return size == 4;
		return false;
	}
	if (CTX_IN_PTR(off, O, sk) || CTX_IN_PTR(off, O, optval) || CTX_IN_PTR(off, O, optval_end)) {
		if (size != 8)
			return false;
		a->reg_type = CTX_IN_PTR(off, O, sk) ? PTR_TO_SOCKET
			    : CTX_IN_PTR(off, O, optval) ? PTR_TO_PACKET : PTR_TO_PACKET_END;
		return true;
	}
	if (CTX_IN(off, O, retval))
		return size == 4 && attach_type == BPF_CGROUP_GETSOCKOPT;
	return size == 4;
}
