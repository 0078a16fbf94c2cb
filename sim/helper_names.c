/* Helper id -> name, generated from the UAPI list itself.
 *
 * The helper ids are frozen in include/uapi/linux/bpf.h as the
 * ___BPF_FUNC_MAPPER(FN) list of (name, id) pairs; the kernel's disasm.c
 * expands the same list into func_id_str[] ("bpf_" + name). Expanding it
 * here, from the libbpf copy of the header the build uses, keeps the names
 * and ids identical to the kernel's without a hand-written copy.
 */
#include <linux/bpf.h>

#include "disasm.h"

#define SIM_HELPER_NAME(name, id) [id] = "bpf_" #name,
static const char *const helper_names[] = {
	___BPF_FUNC_MAPPER(SIM_HELPER_NAME)
};
#undef SIM_HELPER_NAME

_Static_assert(sizeof(helper_names) / sizeof(helper_names[0]) == __BPF_FUNC_MAX_ID,
	       "the UAPI helper list has holes or extra ids");

int sim_helper_count(void)
{
	return __BPF_FUNC_MAX_ID;
}

/* mirrors func_id_name() */
const char *sim_helper_name(int func_id)
{
	if (func_id >= 0 && func_id < __BPF_FUNC_MAX_ID && helper_names[func_id])
		return helper_names[func_id];
	return "unknown";
}
