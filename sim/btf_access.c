/* Loads and stores through BTF-typed pointers and kptr fields: mirrors
 * check_ptr_to_btf_access() / btf_struct_access() (the PTR_TO_BTF_ID
 * branch of check_mem_access()), the special-field part of
 * check_map_access(), check_map_kptr_access() with btf_ld_kptr_type(), and
 * bpf_kptr_xchg's process_kptr_func() of 7.3.
 *
 * Fields the verifier guards (locks, graph roots and nodes, refcounts,
 * kptrs) cannot be touched by plain loads and stores, except kptrs, which
 * may be loaded (giving an RCU pointer inside an RCU section, an untrusted
 * one otherwise) and, when unreferenced, stored. Walking a kernel struct
 * gives a scalar for scalar members and a BTF pointer for pointer members,
 * whose trust follows the kernel: untrusted from an untrusted pointer;
 * from a trusted or RCU one, trusted / RCU only for the members the
 * kernel's BTF_TYPE_SAFE_* allow-lists name (read from vmlinux BTF, where
 * the kernel emits them) or that are tagged __rcu, inside an RCU section;
 * outside one, untrusted; from a legacy pointer, a legacy pointer. */
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "diagnostics.h"
#include "kfuncs.h"
#include "btf_util.h"

static const char *tname_of(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	return t ? btf__name_by_offset(btf, t->name_off) : "";
}

enum walk_result { WALK_SCALAR, WALK_PTR, WALK_STRUCT, WALK_ERR };

static bool is_struct_or_union(const struct btf_type *t)
{
	return t && (btf_is_struct(t) || btf_is_union(t));
}

/* btf_type_is_modifier(): typedef, volatile, const, restrict, type tag */
static bool is_modifier(const struct btf_type *t)
{
	return t && (btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t));
}

/* mirrors __btf_resolve_size(): the size of @id (arrays linearised), the
 * innermost element type and id, the element count; NULL for a type
 * without size. Returns the outermost array type, or the resolved type. */
static const struct btf_type *resolve_size(const struct btf *btf, uint32_t *type_id,
					   uint32_t *type_size, const struct btf_type **elem_type,
					   uint32_t *elem_id, uint32_t *total_nelems)
{
	const struct btf_type *type = btf__type_by_id(btf, *type_id), *array_type = NULL;
	const struct btf_array *array = NULL;
	uint32_t size = 0, nelems = 1, id = 0;

	for (int i = 0; i < 32; i++) { /* MAX_RESOLVE_DEPTH */
		if (!type)
			return NULL;
		switch (btf_kind(type)) {
		case BTF_KIND_INT: case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_ENUM:
		case BTF_KIND_FLOAT: case BTF_KIND_ENUM64:
			size = type->size;
			goto resolved;
		case BTF_KIND_PTR:
			size = 8;
			goto resolved;
		case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST:
		case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
			id = type->type;
			type = btf__type_by_id(btf, type->type);
			break;
		case BTF_KIND_ARRAY:
			if (!array_type)
				array_type = type;
			array = btf_array(type);
			if (nelems && array->nelems > UINT32_MAX / nelems)
				return NULL;
			nelems *= array->nelems;
			type = btf__type_by_id(btf, array->type);
			break;
		default:
			return NULL;
		}
	}
	return NULL;
resolved:
	if (nelems && size > UINT32_MAX / nelems)
		return NULL;
	*type_size = nelems * size;
	*total_nelems = nelems;
	*elem_type = type;
	*elem_id = array ? array->type : 0;
	if (id)
		*type_id = id;
	return array_type ? array_type : type;
}

/* mirrors btf_type_tag_walk() with the walk's tags (user, percpu, rcu):
 * past the modifiers of pointer @t to its target; false for two tags */
static bool type_tag_walk(const struct btf *btf, const struct btf_type *t, uint32_t *res_id,
			  const struct btf_type **res_t, uint32_t *tag_flag)
{
	uint32_t res = 0, id;

	for (;;) {
		id = t->type;
		t = btf__type_by_id(btf, id);
		if (!is_modifier(t))
			break;
		if (!btf_is_type_tag(t) || btf_kflag(t))
			continue;
		{
			const char *v = btf__name_by_offset(btf, t->name_off);

			res |= !strcmp(v, "user") ? MEM_USER : !strcmp(v, "percpu") ? MEM_PERCPU
							 : !strcmp(v, "rcu")	? MEM_RCU : 0;
		}
	}
	if (res & (res - 1))
		return false;
	*res_id = id;
	*res_t = t;
	*tag_flag = res;
	return true;
}

/* mirrors btf_struct_walk(): what [off, off+size) of struct @t is */
static enum walk_result struct_walk_once(struct sim_env *env, const struct btf *btf,
					 const struct btf_type *t, uint32_t off, uint32_t size,
					 uint32_t *next_id, uint32_t *flag, const char **field,
					 bool walk_flex_arrays)
{
	const char *tname;
	uint32_t vlen;

again:
	if (is_modifier(t))
		t = sim_btf_skip_mods(btf, t->type, NULL);
	if (!t)
		return WALK_ERR;
	tname = btf__name_by_offset(btf, t->name_off);
	if (!is_struct_or_union(t)) {
		sim_reject(env, -EINVAL, "Type '%s' is not a struct\n", tname);
		return WALK_ERR;
	}
	vlen = btf_vlen(t);
	/* walking unions yields untrusted pointers, but for single-member ones */
	if (btf_is_union(t) && vlen != 1 && !(*flag & PTR_UNTRUSTED))
		*flag |= PTR_UNTRUSTED;
	if ((uint64_t)off + size > t->size) {
		const struct btf_member *last = btf_members(t) + vlen - 1;
		const struct btf_type *mt;
		uint32_t moff;

		/* a flexible array at the end relaxes the rule */
		if (!walk_flex_arrays || !vlen)
			goto error;
		mt = sim_btf_skip_mods(btf, last->type, NULL);
		if (!mt || !btf_is_array(mt) || btf_array(mt)->nelems)
			goto error;
		moff = btf_member_bit_offset(t, vlen - 1) / 8;
		if (off < moff)
			goto error;
		t = sim_btf_skip_mods(btf, btf_array(mt)->type, NULL);
		if (t && btf_is_int(t))
			return WALK_SCALAR;
		if (!is_struct_or_union(t) || !t->size)
			goto error;
		off = (off - moff) % t->size;
		goto again;
error:
		sim_reject(env, -EACCES, "access beyond struct %s at off %u size %u\n", tname, off, size);
		return WALK_ERR;
	}
	for (uint32_t i = 0; i < vlen; i++) {
		const struct btf_member *m = btf_members(t) + i;
		uint32_t moff = btf_member_bit_offset(t, i) / 8, msize = 0, mtrue_end;
		uint32_t mid = m->type, elem_id = 0, nelems = 0;
		const struct btf_type *mtype, *elem_type = NULL;
		const char *mname;

		if (off + size <= moff)
			break;  /* the field is already too far */
		if (btf_member_bitfield_size(t, i)) {
			uint32_t end_bit = btf_member_bit_offset(t, i) + btf_member_bitfield_size(t, i);

			if (off <= moff && (end_bit + 7) / 8 <= off + size)
				return WALK_SCALAR;
			continue;
		}
		if (off < moff)
			break;  /* a hole */
		mname = btf__name_by_offset(btf, m->name_off);
		mtype = resolve_size(btf, &mid, &msize, &elem_type, &elem_id, &nelems);
		if (!mtype) {
			sim_reject(env, -EFAULT, "field %s doesn't have size\n", mname);
			return WALK_ERR;
		}
		mtrue_end = moff + msize;
		if (off >= mtrue_end)
			continue;
		if (btf_is_array(mtype)) {
			/* linearised: the element at off, the array's true end kept */
			if (moff == mtrue_end)
				continue;
			msize /= nelems;
			moff += (off - moff) / msize * msize;
			mtype = elem_type;
			mid = elem_id;
		}
		if (is_struct_or_union(mtype)) {
			if (off == moff) {
				*next_id = mid;
				return WALK_STRUCT;
			}
			t = mtype;
			off -= moff;
			goto again;
		}
		if (btf_is_ptr(mtype)) {
			const struct btf_type *stype;
			uint32_t id, tag = 0;

			if (msize != size || off != moff) {
				sim_reject(env, -EACCES,
					   "cannot access ptr member %s with moff %u in struct %s with off %u size %u\n",
					   mname, moff, tname, off, size);
				return WALK_ERR;
			}
			if (!type_tag_walk(btf, mtype, &id, &stype, &tag)) {
				/* btf_type_str(mtype) */
				sim_reject(env, -EINVAL, "type '%s' has multiple type tags\n", "PTR");
				return WALK_ERR;
			}
			*next_id = id;
			if (is_struct_or_union(stype)) {
				*flag |= tag;
				*field = mname;
			}
			/* else WALK_PTR_UNTRUSTED: the callers see a non-struct target */
			return WALK_PTR;
		}
		/* an int may be accessed freely up to the member's true end (an
		 * int array is scratch space) */
		if (off + size > mtrue_end && !(*flag & PTR_UNTRUSTED)) {
			sim_reject(env, -EACCES,
				   "access beyond the end of member %s (mend:%u) in struct %s with off %u size %u\n",
				   mname, mtrue_end, tname, off, size);
			return WALK_ERR;
		}
		return WALK_SCALAR;
	}
	sim_reject(env, -EINVAL, "struct %s doesn't have field at offset %d\n", tname, (int)off);
	return WALK_ERR;
}

/* mirrors btf_struct_access()'s walk: nested structs at their start are
 * dived into; for a pointer member, its pointee (@ptr_id), name (@field)
 * and the flags the walk gathered (type tag __rcu/__user/__percpu, a union's
 * PTR_UNTRUSTED). Fields of local objects are checked by the caller. */
static enum walk_result struct_walk(struct sim_env *env, const struct btf *btf, uint32_t id,
				    uint32_t off, uint32_t size, uint32_t *ptr_id,
				    const char **field, uint32_t *tag_flag, bool alloc)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	*field = NULL;
	*tag_flag = 0;
	while (t) {
		enum walk_result w = struct_walk_once(env, btf, t, off, size, &id, tag_flag, field,
						      !alloc);

		if (w == WALK_PTR)
			*ptr_id = id;
		if (w != WALK_STRUCT)
			return w;
		t = btf__type_by_id(btf, id);
		off = 0;
	}
	return WALK_ERR;
}

/* mirrors btf_nested_type_is_trusted(): the kernel's allow-lists
 * (BTF_TYPE_SAFE_RCU / _RCU_OR_NULL / _TRUSTED / _TRUSTED_OR_NULL in
 * verifier.c) are structs "<type><suffix>" in vmlinux BTF, listing the
 * pointer members whose trust the walk keeps */
static bool nested_type_is_trusted(const struct sim_reg *reg, const char *field, uint32_t btf_id,
				   const char *suffix)
{
	const struct btf *btf = reg->btf;
	const struct btf_type *walk = btf__type_by_id(btf, reg->btf_id), *safe;
	const struct btf_member *m;
	char safe_name[64];
	int safe_id;

	if (!walk || !field ||
	    (size_t)snprintf(safe_name, sizeof(safe_name), "%s%s",
			     btf__name_by_offset(btf, walk->name_off), suffix) >= sizeof(safe_name))
		return false;
	safe_id = btf__find_by_name_kind(btf, safe_name, btf_kind(walk));
	if (safe_id <= 0 || !(safe = btf__type_by_id(btf, (uint32_t)safe_id)))
		return false;
	m = btf_members(safe);
	for (int i = 0; i < (int)btf_vlen(safe); i++, m++) {
		const struct btf_type *mt = btf__type_by_id(btf, m->type);
		uint32_t id;

		if (!mt || !btf_is_ptr(mt))
			continue;
		sim_btf_skip_mods(btf, mt->type, &id);
		if (id == btf_id && !strcmp(field, btf__name_by_offset(btf, m->name_off)))
			return true;
	}
	return false;
}

/* the flag of a pointer loaded by walking @reg: mirrors the trust part of
 * check_ptr_to_btf_access() */
static uint32_t walked_ptr_flag(struct sim_env *env, const struct sim_reg *reg, const char *field,
				uint32_t btf_id, uint32_t flag)
{
	if (reg->type & PTR_UNTRUSTED)
		return PTR_UNTRUSTED;
	if (!sim_is_trusted_reg(env, reg) && !(reg->type & MEM_RCU))
		return flag & ~(PTR_TRUSTED | MEM_RCU); /* old compat: clear_trusted_flags() */
	if (nested_type_is_trusted(reg, field, btf_id, "__safe_trusted"))
		return flag | PTR_TRUSTED;
	if (nested_type_is_trusted(reg, field, btf_id, "__safe_trusted_or_null"))
		return flag | PTR_TRUSTED | PTR_MAYBE_NULL;
	if (sim_in_rcu_cs(env) && !(reg->type & PTR_MAYBE_NULL)) {
		bool rcu_or_null;

		if (nested_type_is_trusted(reg, field, btf_id, "__safe_rcu"))
			return flag | MEM_RCU;
		rcu_or_null = nested_type_is_trusted(reg, field, btf_id, "__safe_rcu_or_null");
		if ((flag & MEM_RCU) || rcu_or_null) {
			flag |= MEM_RCU | PTR_MAYBE_NULL;
			if (rcu_or_null)
				flag &= ~PTR_UNTRUSTED;
			return flag;
		}
		if (flag & (MEM_PERCPU | MEM_USER))
			return flag;
		return flag & ~(PTR_TRUSTED | MEM_RCU);
	}
	/* outside an RCU section, or a maybe-NULL RCU pointer */
	return PTR_UNTRUSTED;
}

/* mirrors check_ptr_to_btf_access() */
int sim_check_ptr_to_btf_access(struct sim_env *env, int regno, int off, int size, bool write,
				int value_regno)
{
	struct sim_reg *regs = sim_cur_regs(env);
	struct sim_reg *reg = &regs[regno];
	const char *tname = tname_of(reg->btf, reg->btf_id);
	bool alloc = reg->type & MEM_ALLOC;
	uint32_t ptr_id = 0, tag_flag = 0;
	const char *field = NULL;
	enum walk_result w;

	if (!sim_scalar_is_const(&reg->s, false)) {
		char tn[64];

		snprintf(tn, sizeof(tn), "(%#llx; %#llx)", (unsigned long long)reg->s.var_off.value,
			 (unsigned long long)reg->s.var_off.mask);
		return sim_reject(env, -EACCES, "R%d is ptr_%s invalid variable offset: off=%d, var_off=%s\n",
				  regno, tname, off, tn);
	}
	off += (int)reg->s.var_off.value;
	if (off < 0)
		return sim_reject(env, -EACCES, "R%d is ptr_%s invalid negative access: off=%d\n", regno,
				  tname, off);
	if (reg->type & MEM_USER)
		return sim_reject(env, -EACCES, "R%d is ptr_%s access user memory: off=%d\n", regno, tname,
				  off);
	if (reg->type & MEM_PERCPU)
		return sim_reject(env, -EACCES, "R%d is ptr_%s access percpu memory: off=%d\n", regno,
				  tname, off);
	if (write && (reg->type & PTR_UNTRUSTED))
		return sim_reject(env, -EACCES, "only read is supported\n");
	if (write && !alloc) {
		uint32_t pt = env->p->prog_type;

		/* only tc, xdp and struct_ops verifier_ops have a
		 * btf_struct_access: the others take the default, read only */
		if (reg->btf == env->p->vmlinux_btf &&
		    (pt == BPF_PROG_TYPE_SCHED_CLS || pt == BPF_PROG_TYPE_SCHED_ACT ||
		     pt == BPF_PROG_TYPE_XDP || pt == BPF_PROG_TYPE_STRUCT_OPS)) {
			/* env->ops->btf_struct_access (struct_ops.c) */
			int err = sim_struct_ops_btf_write(env, reg, regno, off, size);

			if (err <= 0)
				return err;
			return sim_unsupported(env, "writes into kernel struct %s", tname);
		}
		return sim_reject(env, -EACCES, "only read is supported\n");
	}
	if (alloc) {
		struct sim_record rec;

		sim_btf_record(reg->btf, env->p->vmlinux_btf, reg->btf_id, &rec, NULL);
		for (int i = 0; i < rec.cnt; i++) {
			const struct sim_field *f = &rec.fields[i];

			if ((uint32_t)off < f->off + f->size && f->off < (uint32_t)(off + size))
				return sim_reject(env, -EACCES, "direct access to %s is disallowed\n",
						  sim_field_type_name(f->type));
		}
	}
	w = struct_walk(env, reg->btf, reg->btf_id, (uint32_t)off, (uint32_t)size, &ptr_id, &field,
			&tag_flag, alloc);
	if (w == WALK_ERR)
		return env->verdict == SIM_REJECTED ? -EACCES : sim_unsupported(env, "BTF walk of %s", tname);
	if (value_regno < 0 || write)
		return 0;
	if (w == WALK_SCALAR) {
		sim_reg_mark_unknown(&regs[value_regno]);
		return 0;
	}
	{
		const struct btf *btf = reg->btf;
		const struct btf_type *pt = sim_btf_skip_mods(btf, ptr_id, NULL);
		uint32_t flag;

		/* WALK_PTR_UNTRUSTED: a pointer to anything but a struct is
		 * read-only untrusted memory of size 0 (mark_btf_ld_reg()) */
		if (!is_struct_or_union(pt)) {
			sim_reg_mark_ptr(&regs[value_regno], PTR_TO_MEM | MEM_RDONLY | PTR_UNTRUSTED);
			regs[value_regno].mem_size = 0;
			return 0;
		}
		/* btf_struct_access(): from a local object a pointer member
		 * reads as a scalar */
		if (alloc) {
			sim_reg_mark_unknown(&regs[value_regno]);
			return 0;
		}
		flag = walked_ptr_flag(env, reg, field, ptr_id, tag_flag);
		/* mark_btf_ld_reg() */
		sim_reg_mark_ptr(&regs[value_regno], PTR_TO_BTF_ID | flag);
		regs[value_regno].btf = btf;
		regs[value_regno].btf_id = ptr_id;
		if (flag & PTR_MAYBE_NULL)
			regs[value_regno].id = ++env->id_gen;
	}
	return 0;
}

/* mirrors rcu_protected_types of the lab kernel's configuration (NET,
 * CGROUPS, BPF_JIT and INET set; no CRYPTO) */
static bool rcu_protected_type(const char *name)
{
	static const char *const types[] = {
		"prog_test_ref_kfunc", "cgroup", "bpf_cpumask", "task_struct", "bpf_ksock",
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(name, types[i]))
			return true;
	return false;
}

/* mirrors rcu_safe_kptr() + btf_ld_kptr_type() */
static uint32_t ld_kptr_type(struct sim_env *env, const struct sim_field *f)
{
	uint32_t t = PTR_MAYBE_NULL;
	bool kernel = f->kptr_btf == env->p->vmlinux_btf;
	bool rcu_safe = f->type == SIM_FIELD_KPTR_PERCPU ||
			(f->type == SIM_FIELD_KPTR_REF &&
			 (!kernel || rcu_protected_type(tname_of(f->kptr_btf, f->kptr_btf_id))));

	if (rcu_safe && sim_in_rcu_cs(env)) {
		struct sim_record rec;

		t |= MEM_RCU;
		if (f->type == SIM_FIELD_KPTR_PERCPU)
			t |= MEM_PERCPU;
		else if (!kernel)
			t |= MEM_ALLOC;
		if (!kernel && !sim_btf_record(f->kptr_btf, env->p->vmlinux_btf, f->kptr_btf_id, &rec, NULL) &&
		    (rec.field_mask & SIM_FIELD_GRAPH_NODE))
			t |= NON_OWN_REF;
	} else {
		t |= PTR_UNTRUSTED;
	}
	return t;
}

/* mirrors the btf_record part of check_map_access() and
 * check_map_kptr_access() */
int sim_check_map_kptr_access(struct sim_env *env, int regno, int off, int size, bool write,
			      int value_regno)
{
	struct sim_reg *regs = sim_cur_regs(env);
	struct sim_reg *reg = &regs[regno];
	const struct bpf_insn *insn = &env->insns[env->insn_idx];
	struct sim_record rec;
	uint64_t lo, hi;

	if (!sim_reg_btf_record(env, reg, &rec) || !rec.cnt)
		return 0;
	lo = sim_scalar_umin(&reg->s) + (uint64_t)(int64_t)off;
	hi = sim_scalar_umax(&reg->s) + (uint64_t)(int64_t)off + (uint64_t)size;
	for (int i = 0; i < rec.cnt; i++) {
		const struct sim_field *f = &rec.fields[i];
		uint32_t p = f->off;
		uint8_t class = BPF_CLASS(insn->code);

		if (!(p + f->size > lo && p < hi))
			continue;
		if (!(f->type & SIM_FIELD_KPTR))
			return sim_reject(env, -EACCES, "%s cannot be accessed directly by load/store\n",
					  sim_field_type_name(f->type));
		if (!sim_scalar_is_const(&reg->s, false))
			return sim_reject(env, -EACCES, "%s access cannot have variable offset\n",
					  sim_field_type_name(f->type));
		if (p != (uint64_t)(int64_t)off + reg->s.var_off.value)
			return sim_reject(env, -EACCES, "%s access misaligned expected=%u off=%llu\n",
					  sim_field_type_name(f->type), p,
					  (unsigned long long)((uint64_t)(int64_t)off + reg->s.var_off.value));
		if (size != 8)
			return sim_reject(env, -EACCES, "%s access size must be BPF_DW\n",
					  sim_field_type_name(f->type));
		if (BPF_MODE(insn->code) != BPF_MEM)
			return sim_reject(env, -EACCES,
					  "kptr in map can only be accessed using BPF_MEM instruction mode\n");
		if (class != BPF_LDX && (f->type & (SIM_FIELD_KPTR_REF | SIM_FIELD_KPTR_PERCPU)))
			return sim_reject(env, -EACCES, "store to referenced kptr disallowed\n");
		if (class == BPF_LDX) {
			struct sim_reg *dst = &regs[value_regno];

			sim_reg_mark_ptr(dst, PTR_TO_BTF_ID | ld_kptr_type(env, f));
			dst->btf = f->kptr_btf;
			dst->btf_id = f->kptr_btf_id;
			dst->id = ++env->id_gen;   /* mark_btf_ld_reg() of a MAYBE_NULL pointer */
			return 1;
		}
		if (class == BPF_ST) {
			if (insn->imm)
				return sim_reject(env, -EACCES,
						  "BPF_ST imm must be 0 when storing to kptr at off=%u\n", p);
			return 1;
		}
		/* valid only because the scalar is known to be zero: precise, so
		 * another scalar is not pruned against this state */
		if (value_regno >= 0 && sim_reg_is_null(&regs[value_regno])) {
			int err = sim_mark_chain_precision(env, value_regno);

			return err ? err : 1;
		}
		/* check_map_kptr_access(): BPF_STX of an unreferenced kptr */
		if (value_regno < 0)
			return sim_bug(env, "kptr store without a value register");
		{
			int err = sim_map_kptr_match_type(env, f, &regs[value_regno], value_regno);

			return err ? err : 1;
		}
	}
	(void)write;
	return 0;
}

/* mirrors check_map_access() with ACCESS_HELPER: the first special field
 * the helper's range [smin + off, umax + off + size) touches decides; a
 * kptr is rejected here, any other field by the direct-access check that
 * runs next (sim_check_map_kptr_access(), same order, same message) */
int sim_check_map_helper_access(struct sim_env *env, int regno, int off, int size)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	struct sim_record rec;
	int64_t lo = sim_scalar_smin(&reg->s) + off;
	uint64_t hi = sim_scalar_umax(&reg->s) + (uint64_t)(int64_t)off + (uint64_t)size;

	if (!sim_reg_btf_record(env, reg, &rec))
		return 0;
	for (int i = 0; i < rec.cnt; i++) {
		const struct sim_field *f = &rec.fields[i];

		if (!(lo < (int64_t)(f->off + f->size) && f->off < hi))
			continue;
		if (f->type & SIM_FIELD_KPTR)
			return sim_reject(env, -EACCES, "%s cannot be accessed indirectly by helper\n",
					  sim_field_type_name(f->type));
		return 0;
	}
	return 0;
}

/* bpf_kptr_xchg(dst, ptr): mirrors process_kptr_func() for R1, the
 * OBJ_RELEASE of R2 and the RET_PTR_TO_BTF_ID | PTR_MAYBE_NULL acquire */
/* mirrors map_kptr_match_type() */
int sim_map_kptr_match_type(struct sim_env *env, const struct sim_field *f,
			    const struct sim_reg *reg, int regno)
{
	const char *targ_name = tname_of(f->kptr_btf, f->kptr_btf_id);
	const char *reg_name = "";
	uint32_t perm;
	char tb[96], eb[96];

	if (sim_base_type(reg->type) != PTR_TO_BTF_ID)
		goto bad_type;
	if (reg->btf == env->p->vmlinux_btf) {
		/* btf_is_kernel(): vmlinux or module BTF */
		perm = PTR_MAYBE_NULL | PTR_TRUSTED | MEM_RCU;
		if (f->type == SIM_FIELD_KPTR_UNREF)
			perm |= PTR_UNTRUSTED;
	} else {
		perm = PTR_MAYBE_NULL | MEM_ALLOC;
		if (f->type == SIM_FIELD_KPTR_PERCPU)
			perm |= MEM_PERCPU;
	}
	if (sim_type_flags(reg->type) & ~perm)
		goto bad_type;
	if ((f->type == SIM_FIELD_KPTR_PERCPU) != !!(reg->type & MEM_PERCPU))
		goto bad_type;
	reg_name = tname_of(reg->btf, reg->btf_id);
	if (sim_check_ptr_off_reg(env, reg, regno, true))
		return -EACCES;
	if (!sim_btf_struct_ids_match(reg->btf, reg->btf_id, (uint32_t)reg->s.var_off.value,
				      f->kptr_btf, f->kptr_btf_id, f->type != SIM_FIELD_KPTR_UNREF))
		goto bad_type;
	return 0;
bad_type:
	sim_reg_type_str(reg->type, tb, sizeof(tb));
	sim_reg_type_str(PTR_TO_BTF_ID, eb, sizeof(eb));
	if (f->type == SIM_FIELD_KPTR_UNREF) {
		char ub[96];

		return sim_reject(env, -EINVAL, "invalid kptr access, R%d type=%s%s expected=%s%s or %s%s\n",
				  regno, tb, reg_name, eb, targ_name,
				  sim_reg_type_str(PTR_TO_BTF_ID | PTR_UNTRUSTED, ub, sizeof(ub)), targ_name);
	}
	return sim_reject(env, -EINVAL, "invalid kptr access, R%d type=%s%s expected=%s%s\n", regno,
			  tb, reg_name, eb, targ_name);
}

int sim_check_kptr_xchg(struct sim_env *env)
{
	struct sim_reg *regs = sim_cur_regs(env);
	struct sim_reg *dst = &regs[1], *val = &regs[2];
	const struct sim_field *f;
	struct sim_record rec;
	uint32_t ret;
	uint64_t off;
	char tb[96];
	int err;

	err = sim_check_reg_arg(env, 1, SIM_SRC_OP);
	if (!err)
		err = sim_check_reg_arg(env, 2, SIM_SRC_OP);
	if (err)
		return err;
	{
		/* check_reg_type() with kptr_xchg_dest_types: a map value or a
		 * local object, owned or not (inside its lock's RCU section) */
		static const uint32_t dest_types[] = {
			PTR_TO_MAP_VALUE, PTR_TO_BTF_ID | MEM_ALLOC, PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF,
			PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF | MEM_RCU,
		};
		const int n = (int)(sizeof(dest_types) / sizeof(dest_types[0]));
		char list[160] = "";
		size_t len = 0;
		int i;

		for (i = 0; i < n && dst->type != dest_types[i]; i++)
			;
		if (i == n) {
			for (int j = 0; j < n; j++)
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
							sim_reg_type_str(dest_types[j], tb, sizeof(tb)),
							j + 1 < n ? ", " : "");
			err = sim_reject(env, -EACCES, "R1 type=%s expected=%s\n",
					  sim_reg_type_str(dst->type, tb, sizeof(tb)), list);
			sim_diag_arg_types(env, 1, "bpf_kptr_xchg", dst->type, dest_types, n);
			return err;
		}
	}
	if (dst->type == PTR_TO_MAP_VALUE && !sim_map_value_type(dst->map))
		return sim_reject(env, -EINVAL, "map '%s' has to have BTF in order to use bpf_kptr_xchg\n",
				  dst->map ? dst->map->name : "");
	if (!sim_scalar_is_const(&dst->s, false))
		return sim_reject(env, -EINVAL,
				  "R1 doesn't have constant offset. kptr has to be at the constant offset\n");
	if (!sim_reg_btf_record(env, dst, &rec) || !(rec.field_mask & SIM_FIELD_KPTR))
		return sim_reject(env, -EINVAL, "R1 has no valid kptr\n");
	off = dst->s.var_off.value;
	f = sim_record_find(&rec, (uint32_t)off, SIM_FIELD_KPTR);
	if (!f)
		return sim_reject(env, -EACCES, "off=%d doesn't point to kptr\n", (int)off);
	if (f->type != SIM_FIELD_KPTR_REF && f->type != SIM_FIELD_KPTR_PERCPU)
		return sim_reject(env, -EACCES, "off=%d kptr isn't referenced kptr\n", (int)off);
	if (!sim_reg_is_null(val)) {
		/* check_reg_type() for ARG_PTR_TO_BTF_ID_OR_NULL | OBJ_RELEASE:
		 * local kptrs fold MEM_ALLOC/MEM_PERCPU for bpf_kptr_xchg */
		uint32_t t = val->type & ~PTR_MAYBE_NULL;

		if (t & MEM_ALLOC)
			t &= ~(MEM_ALLOC | MEM_PERCPU);
		if (t != PTR_TO_BTF_ID && t != (PTR_TO_BTF_ID | PTR_TRUSTED) &&
		    t != (PTR_TO_BTF_ID | MEM_RCU)) {
			static const uint32_t btf_ptr_types[] = { PTR_TO_BTF_ID, PTR_TO_BTF_ID | PTR_TRUSTED,
								  PTR_TO_BTF_ID | MEM_RCU };

			err = sim_reject(env, -EACCES, "R2 type=%s expected=ptr_, trusted_ptr_, rcu_ptr_\n",
					 sim_reg_type_str(val->type, tb, sizeof(tb)));
			sim_diag_arg_types(env, 2, "bpf_kptr_xchg", val->type, btf_ptr_types, 3);
			return err;
		}
		if (val->type & PTR_MAYBE_NULL)
			return sim_diag_null_arg(env, sim_reject(env, -EACCES, "Possibly NULL pointer passed to helper R2\n"),
						 2, "bpf_kptr_xchg");
		err = sim_map_kptr_match_type(env, f, val, 2);
		if (err)
			return err;
		/* check_func_arg_reg_off() and the release argument check */
		if (!sim_scalar_is_const(&val->s, false) || val->s.var_off.value)
			return sim_reject(env, -EINVAL,
					  "R2 must have zero offset when passed to release func or trusted arg to kfunc\n");
		if (!sim_reg_is_referenced(env, val))
			return sim_diag_call_arg_err(env, sim_reject(env, -EINVAL,
					  "release helper bpf_kptr_xchg expects referenced PTR_TO_BTF_ID passed to R2\n"),
						     2, "bpf_kptr_xchg",
						     "Pass the resource-owning pointer returned by the matching acquire helper, and avoid calling the release helper after ownership has already been transferred or released.",
						     "%s", "release helpers require a value that owns a live resource returned by a matching acquire helper");
		err = sim_release_reg(env, val);
		if (err)
			return err;
	} else {
		/* check_func_arg(): a NULL passed for a nullable argument
		 * skips the type check, but its value is relied on */
		err = sim_mark_chain_precision(env, 2);
		if (err)
			return err;
	}
	for (int i = 1; i <= 5; i++) {
		sim_reg_mark_not_init(&regs[i]);
		sim_mark_reg_scratched(env, i);
	}
	/* check_helper_call(), RET_PTR_TO_BTF_ID: no PTR_TRUSTED flag (the
	 * log says "ptr_or_null_task_struct"); the reference acquired below
	 * makes it trusted (is_trusted_reg()) */
	ret = PTR_TO_BTF_ID | PTR_MAYBE_NULL;
	if (f->kptr_btf != env->p->vmlinux_btf) {
		ret |= MEM_ALLOC;
		if (f->type == SIM_FIELD_KPTR_PERCPU)
			ret |= MEM_PERCPU;
	}
	sim_reg_mark_ptr(&regs[0], ret);
	regs[0].btf = f->kptr_btf;
	regs[0].btf_id = f->kptr_btf_id;
	/* check_helper_call(): a maybe-NULL return gets an id first, then
	 * is_acquire_function() a reference id of its own */
	regs[0].id = ++env->id_gen;
	err = sim_acquire_reference(env, env->insn_idx, 0);
	if (err < 0)
		return err;
	regs[0].id = (uint32_t)err;
	return 0;
}

/* the struct behind a map's map_btf_id (bpf_map_ops.map_btf_id of 7.3),
 * for the map types modelled */
static const char *map_btf_struct(uint32_t map_type)
{
	switch (map_type) {
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_PROG_ARRAY:
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
	case BPF_MAP_TYPE_CGROUP_ARRAY:
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
		return "bpf_array";
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		return "bpf_htab";
	case BPF_MAP_TYPE_ARENA:        /* arena_map_ops (arena.c) */
		return "bpf_arena";
	default:
		return NULL;
	}
}

/* mirrors check_ptr_to_map_access(): a map pointer reads as its kernel
 * struct (struct bpf_array, struct bpf_htab) */
int sim_check_ptr_to_map_access(struct sim_env *env, int regno, int off, int size, bool write,
				int value_regno)
{
	struct sim_reg *regs = sim_cur_regs(env);
	const struct sim_reg *reg = &regs[regno];
	const char *tname = reg->map ? map_btf_struct(reg->map->type) : NULL;
	const char *field;
	uint32_t ptr_id = 0, tag_flag = 0;
	enum walk_result w;
	int id;

	if (!tname)
		return sim_unsupported(env, "access through a pointer to map type %u",
				       reg->map ? reg->map->type : 0);
	id = env->p->vmlinux_btf ? btf__find_by_name_kind(env->p->vmlinux_btf, tname, BTF_KIND_STRUCT)
				 : -1;
	if (id <= 0)
		return sim_unsupported(env, "no struct %s in the kernel BTF", tname);
	if (off < 0)
		return sim_reject(env, -EACCES, "R%d is %s invalid negative access: off=%d\n", regno,
				  tname, off);
	if (write)
		return sim_reject(env, -EACCES, "only read from %s is supported\n", tname);
	w = struct_walk(env, env->p->vmlinux_btf, (uint32_t)id, (uint32_t)off, (uint32_t)size, &ptr_id,
			&field, &tag_flag, false);
	if (w == WALK_ERR)
		return env->verdict == SIM_REJECTED ? -EACCES : sim_unsupported(env, "BTF walk of %s", tname);
	if (value_regno < 0)
		return 0;
	if (w == WALK_SCALAR || !btf_is_struct(sim_btf_skip_mods(env->p->vmlinux_btf, ptr_id, NULL))) {
		sim_reg_mark_unknown(&regs[value_regno]);
		return 0;
	}
	/* mark_btf_ld_reg() with the walk's own flag: a legacy pointer */
	sim_reg_mark_ptr(&regs[value_regno], PTR_TO_BTF_ID | tag_flag);
	regs[value_regno].btf = env->p->vmlinux_btf;
	regs[value_regno].btf_id = ptr_id;
	return 0;
}
