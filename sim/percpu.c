/* Per-CPU pointers: kernel per-CPU variables a program names as typed
 * ksyms (`extern const struct rq runqueues __ksym;`) and the two helpers
 * that turn such a pointer into an ordinary one, bpf_this_cpu_ptr() and
 * bpf_per_cpu_ptr().
 *
 * A ksym's register type is decided once, from the kernel BTF, the way
 * __check_pseudo_btf_id() does it: a VAR listed in the ".data..percpu"
 * DATASEC is PTR_TO_BTF_ID | MEM_PERCPU (usable only through the helpers);
 * any other struct VAR is a plain PTR_TO_BTF_ID; a VAR of another type is
 * read-only memory of the type's size, and a FUNC is read-only memory of
 * size 0. The helpers take ARG_PTR_TO_PERCPU_BTF_ID and return
 * RET_PTR_TO_MEM_OR_BTF_ID: the same choice again for the pointee, minus
 * MEM_PERCPU. */
#include <errno.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "kfuncs.h"

/* mirrors find_btf_percpu_datasec() */
static int percpu_datasec(const struct btf *btf)
{
	return btf__find_by_name_kind(btf, ".data..percpu", BTF_KIND_DATASEC);
}

static bool var_is_percpu(const struct btf *btf, uint32_t var_id)
{
	int ds = percpu_datasec(btf);
	const struct btf_type *t = ds > 0 ? btf__type_by_id(btf, (uint32_t)ds) : NULL;
	const struct btf_var_secinfo *vsi;

	if (!t)
		return false;
	vsi = btf_var_secinfos(t);
	for (int i = 0; i < (int)btf_vlen(t); i++, vsi++)
		if (vsi->type == var_id)
			return true;
	return false;
}

/* PTR_TO_BTF_ID of a struct, else read-only memory of the type's size
 * (the non-percpu tail of __check_pseudo_btf_id(), and the
 * RET_PTR_TO_MEM_OR_BTF_ID branch of check_helper_call()) */
static int mark_mem_or_btf_id(struct sim_env *env, struct sim_reg *r, uint32_t flags,
			      const struct btf *btf, uint32_t type_id, bool helper)
{
	uint32_t id = type_id;   /* the register keeps the id as written */
	const struct btf_type *t = btf__type_by_id(btf, id);
	int size;

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (!t)
		return sim_bug(env, "per-CPU type %u not in the kernel BTF", type_id);
	if (btf_is_struct(t)) {
		/* MEM_RDONLY does not apply to PTR_TO_BTF_ID: folded */
		sim_reg_mark_ptr(r, PTR_TO_BTF_ID | (flags & ~MEM_RDONLY));
		r->btf = btf;
		r->btf_id = type_id;
		return 0;
	}
	size = btf__resolve_size(btf, id);
	if (size < 0) {
		if (helper)
			return sim_reject(env, -EINVAL, "unable to resolve the size of type '%s': %d\n",
					  btf__name_by_offset(btf, t->name_off), size);
		return sim_reject(env, -EINVAL, "ldimm64 unable to resolve the size of type '%s': %d\n",
				  btf__name_by_offset(btf, t->name_off), size);
	}
	sim_reg_mark_ptr(r, PTR_TO_MEM | flags);
	r->mem_size = (uint32_t)size;
	return 0;
}

/* mirrors __check_pseudo_btf_id() + the BPF_PSEUDO_BTF_ID branch of
 * check_ld_imm(): a typed ksym of the kernel BTF */
int sim_ld_imm_ksym(struct sim_env *env, const struct bpf_insn *insn)
{
	const struct btf *btf = env->p->vmlinux_btf;
	struct sim_reg *dst = &sim_cur_regs(env)[insn->dst_reg];
	uint32_t id = (uint32_t)insn->imm;
	const struct btf_type *t;

	if (!btf || insn->off)
		return sim_unsupported(env, "ksym of a module BTF");
	t = btf__type_by_id(btf, id);
	if (!t)
		return sim_reject(env, -ENOENT, "ldimm64 insn specifies invalid btf_id %d.\n", (int)id);
	if (!btf_is_var(t) && !btf_is_func(t))
		return sim_reject(env, -EINVAL,
				  "pseudo btf_id %d in ldimm64 isn't KIND_VAR or KIND_FUNC\n", (int)id);
	if (btf_is_func(t)) {
		sim_reg_mark_ptr(dst, PTR_TO_MEM | MEM_RDONLY);
		dst->mem_size = 0;
		return 0;
	}
	if (var_is_percpu(btf, id)) {
		/* the VAR's type as written (not skipping modifiers) */
		sim_reg_mark_ptr(dst, PTR_TO_BTF_ID | MEM_PERCPU);
		dst->btf = btf;
		dst->btf_id = t->type;
		return 0;
	}
	{
		const struct btf_type *vt = btf__type_by_id(btf, t->type);
		uint32_t vid = t->type;

		while (vt && (btf_is_mod(vt) || btf_is_typedef(vt))) {
			vid = vt->type;
			vt = btf__type_by_id(btf, vid);
		}
		if (vt && btf_is_struct(vt)) {
			sim_reg_mark_ptr(dst, PTR_TO_BTF_ID);
			dst->btf = btf;
			dst->btf_id = t->type;
			return 0;
		}
	}
	return mark_mem_or_btf_id(env, dst, MEM_RDONLY, btf, t->type, false);
}

/* mirrors the RET_PTR_TO_MEM_OR_BTF_ID branch of check_helper_call():
 * R0 of bpf_this_cpu_ptr()/bpf_per_cpu_ptr() from the argument's
 * btf/btf_id (meta->ret_btf, meta->ret_btf_id) */
int sim_percpu_helper_ret(struct sim_env *env, struct sim_reg *r0, uint32_t ret_flags,
			  const struct btf *btf, uint32_t btf_id)
{
	if (!btf)
		return sim_bug(env, "per-CPU helper without an argument type");
	return mark_mem_or_btf_id(env, r0, ret_flags, btf, btf_id, true);
}
