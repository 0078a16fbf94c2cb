/* Whether the kernel accepts the object's BTF (BPF_BTF_LOAD).
 *
 * libbpf loads the object's BTF into the kernel before any program; when
 * the kernel refuses it, libbpf warns "Error loading .BTF into kernel ...
 * BTF is optional, ignoring" and loads every program without it: no
 * func_info (subprograms have no names and are all static), no line_info
 * (no source lines in the log), no BTF types for maps. The verifier then
 * sees a different program, so the simulator must know.
 *
 * Modelled: the check that clang 19's output trips, btf_func_check() of
 * kernel/bpf/btf.c — every FUNC's prototype names each typed argument
 * (clang 19 leaves the unused argument of a naked function unnamed). The
 * kernel's other BTF checks are not modelled; libbpf has finalised the BTF
 * (DATASEC sizes, VAR offsets) by the time it is checked here, as when it
 * loads it. */
#include <stdio.h>

#include <bpf/btf.h>

#include "obj_internal.h"

/* mirrors btf_func_check(), reported as btf_verifier_log_type() words it */
bool obj_btf_kernel_refuses(const struct btf *btf, char *why, size_t len)
{
	uint32_t n = btf ? btf__type_cnt(btf) : 0;

	for (uint32_t id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_type *proto;
		const struct btf_param *args;

		if (!t || !btf_is_func(t))
			continue;
		proto = btf__type_by_id(btf, t->type);
		if (!proto || !btf_is_func_proto(proto)) {
			snprintf(why, len, "[%u] FUNC %s type_id=%u Invalid type_id", id,
				 btf__name_by_offset(btf, t->name_off), t->type);
			return true;
		}
		args = btf_params(proto);
		for (uint32_t i = 0; i < btf_vlen(proto); i++) {
			if (args[i].name_off || !args[i].type)
				continue;
			snprintf(why, len, "[%u] FUNC %s type_id=%u Invalid arg#%u", id,
				 btf__name_by_offset(btf, t->name_off), t->type, i + 1);
			return true;
		}
	}
	return false;
}
