/* struct_ops programs: the context a kernel subsystem hands a BPF
 * implementation of one of its operations, and what the program may give
 * back. Mirrors check_struct_ops_btf_id(), prepare_arg_info() of
 * bpf_struct_ops.c, btf_ctx_access() for struct_ops, the "__ref" part of
 * do_check_common() and the struct_ops part of check_return_code() of 7.3.
 *
 * How it works
 * ------------
 * The loader resolved the program to a member of a kernel struct (the
 * struct's BTF id is the attach target, the member index the expected
 * attach type, as libbpf tells the kernel). The member's type is a function
 * pointer: its prototype gives the program's arguments, which the program
 * reads from its context as an array of u64 (BPF_PROG() does that).
 *
 * The kernel learns more about each argument from the subsystem's stub
 * function "<struct>__<member>" (the CFI stub): a parameter named
 * "...__nullable" is a trusted pointer that may be NULL, "...__ref" a
 * trusted pointer the program receives a reference to. For each "__ref"
 * argument do_check_common() acquires a reference at instruction 0 before
 * the first instruction runs; loading the argument from the context gives a
 * register holding that reference (its id), so the program must release it
 * (or hand it on, or return it) like any acquired pointer. The ids are
 * deterministic: the main program is verified first and these are its first
 * acquisitions, so "__ref" argument k (in argument order) holds id k + 1.
 * A global subprogram verified on its own reads the same context but holds
 * no reference: that load fails ("Reference may already be released").
 *
 * A member whose prototype returns a pointer to a struct may return a
 * referenced pointer of exactly that type, unmodified; check_reference_leak
 * lets that one reference live past exit. Anything else must be NULL
 * (return range [0, 0]). A member returning void ignores R0.
 *
 * Not here: gen_prologue / gen_epilogue (the kernel inserts instructions
 * around the program after verification of the BPF-visible part; the
 * simulator verifies the program as written), the subsystems'
 * btf_struct_access() write rules (bpf_qdisc_btf_struct_access), and
 * check_member() / init_member() (attach-time, not verification).
 */
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "diagnostics.h"
#include "kfuncs.h"
#include "btf_util.h"

/* mirrors the kernel's MAX_BPF_FUNC_ARGS */
#define SIM_MAX_FUNC_ARGS 12

/* mirrors btf_type_str() for the kinds an argument can have */
static const char *kind_str(const struct btf_type *t)
{
	static const char *const names[] = {
		[BTF_KIND_UNKN] = "UNKNOWN", [BTF_KIND_INT] = "INT", [BTF_KIND_PTR] = "PTR",
		[BTF_KIND_ARRAY] = "ARRAY", [BTF_KIND_STRUCT] = "STRUCT", [BTF_KIND_UNION] = "UNION",
		[BTF_KIND_ENUM] = "ENUM", [BTF_KIND_FWD] = "FWD", [BTF_KIND_TYPEDEF] = "TYPEDEF",
		[BTF_KIND_VOLATILE] = "VOLATILE", [BTF_KIND_CONST] = "CONST",
		[BTF_KIND_RESTRICT] = "RESTRICT", [BTF_KIND_FUNC] = "FUNC",
		[BTF_KIND_FUNC_PROTO] = "FUNC_PROTO", [BTF_KIND_VAR] = "VAR",
		[BTF_KIND_DATASEC] = "DATASEC", [BTF_KIND_FLOAT] = "FLOAT",
		[BTF_KIND_DECL_TAG] = "DECL_TAG", [BTF_KIND_TYPE_TAG] = "TYPE_TAG",
		[BTF_KIND_ENUM64] = "ENUM64",
	};
	unsigned k = btf_kind(t);

	return k < sizeof(names) / sizeof(names[0]) && names[k] ? names[k] : "UNKNOWN";
}

static bool name_has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), s = strlen(suffix);

	return n > s && !strcmp(name + n - s, suffix);
}

/* mirrors check_struct_ops_btf_id()'s lookup of the member's prototype */
bool sim_struct_ops_info(const struct sim_prog_view *p, struct sim_struct_ops_info *info)
{
	const struct btf *btf = p->vmlinux_btf;
	const struct btf_type *st, *fp;
	const struct btf_member *m;
	char stub[256];
	int stub_id;

	memset(info, 0, sizeof(*info));
	if (p->prog_type != BPF_PROG_TYPE_STRUCT_OPS || !btf || !p->attach_btf_id)
		return false;
	st = btf__type_by_id(btf, p->attach_btf_id);
	if (!st || !btf_is_struct(st) || p->expected_attach_type >= btf_vlen(st))
		return false;
	m = btf_members(st) + p->expected_attach_type;
	fp = sim_btf_skip_mods(btf, m->type, NULL);
	if (!fp || !btf_is_ptr(fp))
		return false;
	fp = sim_btf_skip_mods(btf, fp->type, NULL);
	if (!fp || !btf_is_func_proto(fp))
		return false;
	info->btf = btf;
	info->func_proto = fp;
	info->st_name = btf__name_by_offset(btf, st->name_off);
	info->member = btf__name_by_offset(btf, m->name_off);
	info->member_off = btf_member_bit_offset(st, p->expected_attach_type) / 8;
	info->nargs = btf_vlen(fp) < SIM_MAX_FUNC_ARGS ? btf_vlen(fp) : SIM_MAX_FUNC_ARGS;

	/* mirrors prepare_arg_info(): the stub's parameter names */
	snprintf(stub, sizeof(stub), "%s__%s", info->st_name, info->member);
	stub_id = btf__find_by_name_kind(btf, stub, BTF_KIND_FUNC);
	if (stub_id > 0) {
		const struct btf_type *sp = btf__type_by_id(btf, btf__type_by_id(btf, (uint32_t)stub_id)->type);
		const struct btf_param *sa = sp ? btf_params(sp) : NULL;
		const struct btf_param *a = btf_params(fp);
		int ref_id = 0;

		for (uint32_t i = 0; sa && i < info->nargs && i < btf_vlen(sp); i++) {
			const char *pn = btf__name_by_offset(btf, sa[i].name_off);
			const struct btf_type *pt;
			uint32_t pid;

			if (!pn || a[i].type != sa[i].type)
				continue;
			pt = sim_btf_skip_mods(btf, a[i].type, NULL);
			if (!pt || !btf_is_ptr(pt) || !(pt = sim_btf_skip_mods(btf, pt->type, &pid)) ||
			    !btf_is_struct(pt))
				continue;
			if (name_has_suffix(pn, "__nullable")) {
				info->args[i].reg_type = PTR_TO_BTF_ID | PTR_TRUSTED | PTR_MAYBE_NULL;
			} else if (name_has_suffix(pn, "__ref")) {
				info->args[i].reg_type = PTR_TO_BTF_ID | PTR_TRUSTED;
				info->args[i].ref_id = ++ref_id;
				info->has_refcounted_arg = true;
			} else {
				continue;
			}
			info->args[i].btf_id = pid;
		}
	}
	return true;
}

/* the tail-call rule of check_struct_ops_btf_id(), run by
 * check_attach_btf_id() before the walk (and before the log's liveness
 * preamble): a program taking a __ref argument cannot tail call */
int sim_struct_ops_check_attach(struct sim_env *env)
{
	struct sim_struct_ops_info info;

	if (!sim_struct_ops_info(env->p, &info) || !info.has_refcounted_arg)
		return 0;
	for (int i = 0; i < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];

		if (insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == 0 &&
		    insn->imm == BPF_FUNC_tail_call) {
			int err = sim_reject(env, -EINVAL, "program with __ref argument cannot tail call\n");

			env->err_insn = -1; /* before the walk */
			return err;
		}
	}
	return 0;
}

/* What bpf_check() does before do_check_main() and is ours to model: the
 * map compatibility checks of check_and_resolve_insns() and the __ref
 * acquisition of do_check_common(), at the start of the main program */
int sim_struct_ops_enter(struct sim_env *env)
{
	struct sim_struct_ops_info info;
	int err = sim_check_used_maps(env);

	if (err)
		return err;
	if (!sim_struct_ops_info(env->p, &info))
		return 0;
	for (uint32_t i = 0; i < info.nargs; i++) {
		int id;

		if (!info.args[i].ref_id)
			continue;
		id = sim_acquire_reference(env, 0, 0);
		if (id < 0)
			return id;
		sim_diag_record_ref_acquire(env, 0, id);   /* acquire_reference() */
		if (id != info.args[i].ref_id)
			return sim_bug(env, "__ref argument %u got id %d, not %d", i, id,
				       info.args[i].ref_id);
	}
	return 0;
}

/* mirrors __check_ctx_access() with btf_ctx_access() as the struct_ops'
 * is_valid_access (bpf_tracing_btf_ctx_access; bpf_qdisc_is_valid_access's
 * to_free argument) */
int sim_struct_ops_ctx_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			      int size, bool write, int value_regno)
{
	struct sim_struct_ops_info info;
	const struct btf *btf;
	const struct btf_type *t;
	struct sim_reg *dst;
	uint32_t arg, tid, type = SCALAR_VALUE, btf_id = 0;
	int ref_id = 0;
	int64_t o;

	if (!sim_struct_ops_info(env->p, &info))
		return sim_unsupported(env, "struct_ops program without a resolvable member");
	btf = info.btf;
	/* check_ctx_access(): no convert_ctx_access, so a fixed offset is
	 * fine and folds into the access */
	if (!sim_reg_is_const(reg)) {
		int err = sim_check_ptr_off_reg(env, reg, regno, true);

		if (err)
			return err;
	}
	o = (int64_t)off + (int64_t)reg->s.var_off.value;
	/* bpf_tracing_ctx_access() */
	if (o < 0 || o >= 8 * SIM_MAX_FUNC_ARGS || write || o % size)
		goto invalid;
	/* btf_ctx_access() */
	if (o % 8) {
		sim_verbose(env, "func '%s' offset %lld is not multiple of 8\n", info.member,
			    (long long)o);
		goto invalid;
	}
	arg = (uint32_t)(o / 8);
	if (!strcmp(info.st_name, "Qdisc_ops") && !strcmp(info.member, "enqueue") && arg == 2) {
		int id = btf__find_by_name_kind(btf, "bpf_sk_buff_ptr", BTF_KIND_STRUCT);

		type = PTR_TO_BTF_ID | PTR_TRUSTED;
		btf_id = id > 0 ? (uint32_t)id : 0;
		goto valid;
	}
	if (arg >= info.nargs) {
		sim_verbose(env, "func '%s' doesn't have %u-th argument\n", info.member, arg + 1);
		goto invalid;
	}
	t = sim_btf_skip_mods(btf, btf_params(info.func_proto)[arg].type, &tid);
	if (!t)
		goto invalid;
	if ((btf_is_int(t) && t->size <= 8) || btf_is_any_enum(t) || btf_is_composite(t))
		goto valid;
	if (!btf_is_ptr(t)) {
		sim_verbose(env, "func '%s' arg%u '%s' has type %s. Only pointer access is allowed\n",
			    info.member, arg, btf__name_by_offset(btf, t->name_off), kind_str(t));
		goto invalid;
	}
	if (size != 8) {
		sim_verbose(env, "func '%s' size %d must be 8\n", info.member, size);
		goto invalid;
	}
	t = sim_btf_skip_mods(btf, t->type, &tid);
	if (!t || !btf_is_struct(t))
		goto valid; /* pointers to non-structs read as scalars */
	if (info.args[arg].reg_type) {
		type = info.args[arg].reg_type;
		btf_id = info.args[arg].btf_id;
		ref_id = info.args[arg].ref_id;
	} else {
		/* btf_ctx_access() names the argument's type in the log */
		sim_verbose(env, "func '%s' arg%u has btf_id %u type %s '%s'\n", info.member, arg,
			    tid, kind_str(t), btf__name_by_offset(btf, t->name_off));
		/* prog_args_trusted(): struct_ops arguments are trusted */
		type = PTR_TO_BTF_ID | PTR_TRUSTED;
		btf_id = tid;
		const char *an = btf__name_by_offset(btf, btf_params(info.func_proto)[arg].name_off);

		if (an && name_has_suffix(an, "__nullable"))
			type |= PTR_MAYBE_NULL;
	}
valid:
	if (sim_base_type(type) == PTR_TO_BTF_ID && ref_id &&
	    sim_state_find_ref(env->cur, ref_id, SIM_REF_TYPE_PTR) < 0)
		return sim_reject(env, -EACCES,
				  "invalid bpf_context access off=%d. Reference may already be released\n",
				  (int)o);
	if (value_regno < 0)
		return 0;
	dst = &sim_cur_regs(env)[value_regno];
	if (type == SCALAR_VALUE) {
		sim_reg_mark_unknown(dst);
		return 0;
	}
	/* mirrors check_mem_access()'s PTR_TO_CTX load of a BTF pointer */
	sim_reg_mark_ptr(dst, type);
	dst->btf = btf;
	dst->btf_id = btf_id;
	dst->id = (uint32_t)ref_id;
	if ((type & PTR_MAYBE_NULL) && !dst->id)
		dst->id = ++env->id_gen;
	return 0;
invalid:
	return sim_reject(env, -EACCES, "invalid bpf_context access off=%lld size=%d\n",
			  (long long)o, size);
}

/* mirrors program_returns_void() and the struct_ops branch of
 * check_return_code(): 1 when R0 needs no further check (void member, or
 * the referenced kptr of the member's return type), 0 to check R0 as a
 * value in [0, 0] (pointer-returning members) -- or 2 when any value goes
 * (members returning a scalar), negative on rejection */
int sim_struct_ops_return(struct sim_env *env)
{
	struct sim_struct_ops_info info;
	const struct sim_reg *r0 = &sim_cur_regs(env)[0];
	const struct btf_type *ret, *rt;
	uint32_t ret_id;

	if (!sim_struct_ops_info(env->p, &info))
		return 2;
	ret = sim_btf_skip_mods(info.btf, info.func_proto->type, NULL);
	if (!info.func_proto->type || !ret)
		return 1;
	if (!btf_is_ptr(ret))
		return 2;
	rt = sim_btf_skip_mods(info.btf, ret->type, &ret_id);
	if (rt && sim_base_type(r0->type) == PTR_TO_BTF_ID && r0->btf == info.btf &&
	    sim_btf_skip_mods(r0->btf, r0->btf_id, NULL) == rt && sim_reg_is_referenced(env, r0)) {
		int err = sim_check_ptr_off_reg(env, r0, 0, false);

		return err ? err : 1;
	}
	return 0;
}

/* byte offset and size of member @path ("q.qlen") of struct @st in @btf,
 * looking through anonymous structs and unions as C does; -1 if absent */
static int member_off(const struct btf *btf, uint32_t id, const char *path, uint32_t *size)
{
	const struct btf_type *t = sim_btf_skip_mods(btf, id, &id);
	const char *dot = strchr(path, '.');
	size_t len = dot ? (size_t)(dot - path) : strlen(path);
	const struct btf_member *m;

	if (!t || !btf_is_composite(t))
		return -1;
	m = btf_members(t);
	for (int i = 0; i < (int)btf_vlen(t); i++, m++) {
		const char *n = btf__name_by_offset(btf, m->name_off);
		int base = (int)(btf_member_bit_offset(t, (uint32_t)i) / 8), sub;

		if (!n[0]) {
			sub = member_off(btf, m->type, path, size);
			if (sub >= 0)
				return base + sub;
			continue;
		}
		if (strlen(n) != len || strncmp(n, path, len))
			continue;
		if (dot) {
			sub = member_off(btf, m->type, dot + 1, size);
			return sub < 0 ? -1 : base + sub;
		}
		{
			int64_t sz = btf__resolve_size(btf, m->type);

			*size = sz > 0 ? (uint32_t)sz : 0;
		}
		return base;
	}
	return -1;
}

/* the writable ranges [start, end) of bpf_qdisc_btf_struct_access():
 * a write must start inside one and end by its end */
static const struct qdisc_range {
	const char *st, *member;
	bool any_start;          /* a write may start anywhere in the member */
} qdisc_ranges[] = {
	{ "Qdisc", "limit", false },
	{ "Qdisc", "q.qlen", false },
	{ "Qdisc", "qstats", true },
	{ "sk_buff", "tstamp", false },
	{ "sk_buff", "cb", true },   /* qdisc_skb_cb.data[]: checked below */
};

/* mirrors the struct_ops' btf_struct_access for writes through a kernel
 * PTR_TO_BTF_ID: bpf_qdisc_btf_struct_access() for Qdisc_ops programs.
 * 0 allowed, negative rejected (with the kernel's lines), 1 when the
 * program's ops are not modelled */
int sim_struct_ops_btf_write(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			     int size)
{
	struct sim_struct_ops_info info;
	const struct btf *btf = reg->btf;
	const struct btf_type *t = btf__type_by_id(btf, reg->btf_id);
	const char *tname = t ? btf__name_by_offset(btf, t->name_off) : "";
	bool known = false;

	if (!sim_struct_ops_info(env->p, &info) || strcmp(info.st_name, "Qdisc_ops"))
		return 1;
	for (size_t i = 0; i < sizeof(qdisc_ranges) / sizeof(qdisc_ranges[0]); i++) {
		const struct qdisc_range *r = &qdisc_ranges[i];
		int id = btf__find_by_name_kind(btf, r->st, BTF_KIND_STRUCT);
		uint32_t msize = 0, start, end;
		int moff;

		if (strcmp(tname, r->st))
			continue;
		known = true;
		moff = id > 0 ? member_off(btf, (uint32_t)id, r->member, &msize) : -1;
		if (moff < 0)
			continue;
		start = (uint32_t)moff;
		end = start + msize;
		if (!strcmp(r->member, "cb")) {
			/* only qdisc_skb_cb.data[QDISC_CB_PRIV_LEN] */
			int cid = btf__find_by_name_kind(btf, "qdisc_skb_cb", BTF_KIND_STRUCT);
			uint32_t dsize = 0;
			int doff = cid > 0 ? member_off(btf, (uint32_t)cid, "data", &dsize) : -1;

			if (doff < 0)
				continue;
			start += (uint32_t)doff;
			end = start + dsize;
		}
		if (r->any_start ? (off < (int)start || off >= (int)end) : off != (int)start)
			continue;
		if ((uint32_t)(off + size) > end) {
			sim_verbose(env,
				    "write access at off %d with size %d beyond the member of %s ended at %u\n",
				    off, size, tname, end);
			return sim_reject(env, -EACCES, "R%d cannot write into ptr_%s at off=%d size=%d\n",
					  regno, tname, off, size);
		}
		return 0;
	}
	if (!known)
		sim_verbose(env, "only read is supported\n");
	else
		sim_verbose(env, "no write support to %s at off %d\n", tname, off);
	return sim_reject(env, -EACCES, "R%d cannot write into ptr_%s at off=%d size=%d\n", regno,
			  tname, off, size);
}
