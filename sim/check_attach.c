/* The program-type checks of check_attach_btf_id() (Linux 7.3) that the
 * simulator can judge from the object alone.
 *
 * bpf_check() runs check_attach_btf_id() after bpf_check_cfg() and before
 * any instruction is walked, so a refusal here has no insn and the log
 * holds nothing but the message. libbpf already resolved the attach
 * target (obj_attach.c: a target the kernel lacks refuses the program
 * before the verifier); what is left is the hook policy of the LSM:
 * bpf_lsm_verify_prog() refuses the hooks in bpf_lsm_disabled_hooks. Hooks
 * in that set that sit under a kernel config option exist in the kernel's
 * BTF only when the option is set, so finding the target in the list is
 * enough: no .config lookup is needed. */
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "kfuncs.h"

/* mirrors the bpf_lsm_disabled_hooks set of kernel/bpf/bpf_lsm.c */
static const char *const lsm_disabled_hooks[] = {
	"bpf_lsm_vm_enough_memory", "bpf_lsm_inode_need_killpriv",
	"bpf_lsm_inode_getsecurity", "bpf_lsm_inode_listsecurity",
	"bpf_lsm_inode_copy_up_xattr", "bpf_lsm_getselfattr", "bpf_lsm_getprocattr",
	"bpf_lsm_setprocattr", "bpf_lsm_key_getsecurity", "bpf_lsm_audit_rule_match",
	"bpf_lsm_xfrm_decode_session", "bpf_lsm_ismaclabel", "bpf_lsm_file_alloc_security",
};

/* mirrors the hook check of bpf_lsm_verify_prog() */
int sim_check_attach_btf_id(struct sim_env *env)
{
	const struct sim_prog_view *p = env->p;
	const struct btf_type *t;
	const char *name;

	if (p->prog_type == BPF_PROG_TYPE_STRUCT_OPS)
		return sim_struct_ops_check_attach(env);   /* struct_ops.c */
	if (p->prog_type != BPF_PROG_TYPE_LSM || !p->vmlinux_btf || !p->attach_btf_id)
		return 0;
	t = btf__type_by_id(p->vmlinux_btf, p->attach_btf_id);
	name = t ? btf__name_by_offset(p->vmlinux_btf, t->name_off) : NULL;
	if (!name)
		return 0;
	for (size_t i = 0; i < sizeof(lsm_disabled_hooks) / sizeof(lsm_disabled_hooks[0]); i++) {
		if (strcmp(name, lsm_disabled_hooks[i]))
			continue;
		sim_reject(env, -EINVAL, "attach_btf_id %u points to disabled hook %s\n",
			   p->attach_btf_id, name);
		env->err_insn = -1;   /* before the walk */
		return -EINVAL;
	}
	return 0;
}
