/* Arguments of global BPF subprograms, as Linux 7.3 derives them from BTF
 * and checks them at each call (global_args.h).
 *
 * A global function is verified once, on its own, from its prototype: the
 * kernel turns each parameter into an argument kind
 * (btf_prepare_func_args(): a scalar, the program's context, a dynptr, a
 * kernel object that is trusted or untrusted, arena memory, or sized user
 * memory maybe NULL), starts the body from registers of those kinds
 * (do_check_common()) and at each call checks that the caller's registers
 * fit them (btf_check_func_arg_match()). Decl tags "arg:ctx",
 * "arg:nonnull", "arg:nullable", "arg:trusted", "arg:untrusted",
 * "arg:arena" (the __arg_* macros) override what the BTF type alone says.
 * A kernel object is named by the local struct's name without its
 * "___flavor" suffix and must match exactly one struct of the kernel
 * (btf_get_ptr_to_btf_id() / bpf_core_find_cands()).
 *
 * A dynptr argument is an initialized dynptr at each call and a LOCAL
 * CONST_PTR_TO_DYNPTR in the body (dynptr.c).
 * Not modelled: functions with stack arguments (more than five), and
 * freplace (BPF_PROG_TYPE_EXT) targets.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "arena.h"
#include "btf_util.h"
#include "check.h"
#include "diagnostics.h"
#include "dynptr.h"
#include "global_args.h"
#include "helper_args.h"
#include "kfuncs.h"
#include "object.h"

#define MAX_BPF_FUNC_ARGS 12
#define S32_MAX 0x7fffffff

unsigned sim_btf_arg_tags(const struct btf *btf, uint32_t func_id, int arg)
{
	static const struct {
		const char *name;
		unsigned tag;
	} names[] = {
		{ "ctx", SIM_ARG_TAG_CTX },
		{ "trusted", SIM_ARG_TAG_TRUSTED },
		{ "untrusted", SIM_ARG_TAG_UNTRUSTED },
		{ "nonnull", SIM_ARG_TAG_NONNULL },
		{ "nullable", SIM_ARG_TAG_NULLABLE },
		{ "arena", SIM_ARG_TAG_ARENA },
	};
	uint32_t n = btf ? btf__type_cnt(btf) : 0;
	unsigned tags = 0;

	/* btf_find_next_decl_tag(): "arg:" tags of this parameter */
	for (uint32_t k = 1; k < n; k++) {
		const struct btf_type *t = btf__type_by_id(btf, k);
		unsigned tag = SIM_ARG_TAG_UNKNOWN;
		const char *s;

		if (!btf_is_decl_tag(t) || t->type != func_id || btf_decl_tag(t)->component_idx != arg)
			continue;
		s = btf__name_by_offset(btf, t->name_off);
		if (!s || strncmp(s, "arg:", 4))
			continue;
		for (size_t j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			if (!strcmp(s + 4, names[j].name))
				tag = names[j].tag;
		tags |= tag;
	}
	return tags;
}

/* ---- BTF walks as the kernel's ------------------------------------------ */

static const char *name_of(const struct btf *btf, const struct btf_type *t)
{
	const char *s = t ? btf__name_by_offset(btf, t->name_off) : NULL;

	return s ? s : "";
}

static bool is_void(const struct btf_type *t)
{
	return !t || btf_kind(t) == BTF_KIND_UNKN;
}

/* btf_type_is_primitive(): a regular int or an enum */
static bool is_primitive(const struct btf_type *t)
{
	if (t && btf_is_int(t)) {
		uint32_t bits = BTF_INT_BITS(*(const uint32_t *)(t + 1));

		return !BTF_INT_OFFSET(*(const uint32_t *)(t + 1)) && bits == t->size * 8 &&
		       (t->size == 1 || t->size == 2 || t->size == 4 || t->size == 8 || t->size == 16);
	}
	return t && btf_is_any_enum(t);
}


/* btf_is_dynptr_ptr(): a pointer to struct bpf_dynptr (or its forward
 * declaration) */
static bool is_dynptr_ptr(const struct btf *btf, const struct btf_type *ptr)
{
	const struct btf_type *t = sim_btf_skip_mods(btf, ptr->type, NULL);

	if (!t || !(btf_is_struct(t) || (btf_is_fwd(t) && !btf_kflag(t))))
		return false;
	return !strcmp(name_of(btf, t), "bpf_dynptr");
}

/* find_canonical_prog_ctx_type(): the type of struct bpf_ctx_convert's
 * member "<BPF_PROG_TYPE_X>_prog" in the kernel BTF (a pointer for the
 * program types whose context has no name of its own) */
static const struct btf_type *canonical_ctx_type(const struct sim_env *env)
{
	uint32_t id = sim_btf_ctx_convert_type(env->p->vmlinux_btf, env->p->prog_type, false);

	return id ? btf__type_by_id(env->p->vmlinux_btf, id) : NULL;
}

/* btf_is_projection_of() */
static bool is_projection_of(const char *pname, const char *tname)
{
	return (!strcmp(pname, "__sk_buff") && !strcmp(tname, "sk_buff")) ||
	       (!strcmp(pname, "xdp_md") && !strcmp(tname, "xdp_buff"));
}

/* mirrors btf_is_prog_ctx_type(): pointer @ptr names the program type's
 * context struct (or, for kprobes, the bpf_user_pt_regs_t typedef) */
static bool is_prog_ctx_type(const struct sim_env *env, const struct btf *btf,
			     const struct btf_type *ptr)
{
	const struct btf *vml = env->p->vmlinux_btf;
	const struct btf_type *t = btf__type_by_id(btf, ptr->type), *ctx;
	const char *tname;

	if (env->p->prog_type == BPF_PROG_TYPE_KPROBE) {
		while (t && btf_is_mod(t))
			t = btf__type_by_id(btf, t->type);
		if (t && btf_is_typedef(t) && !strcmp(name_of(btf, t), "bpf_user_pt_regs_t"))
			return true;
	}
	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_composite(t))
		return false;
	tname = name_of(btf, t);
	ctx = canonical_ctx_type(env);
	while (ctx) {
		const char *ctx_tname = name_of(vml, ctx);

		/* program types without named context types work only with
		 * arg:ctx */
		if (!ctx_tname[0])
			return false;
		if (is_projection_of(ctx_tname, tname))
			return true;
		if (!strcmp(ctx_tname, tname))
			return true;
		if (!btf_is_mod(ctx) && !btf_is_typedef(ctx))
			return false;
		while (ctx && (btf_is_mod(ctx) || btf_is_typedef(ctx)))
			ctx = btf__type_by_id(vml, ctx->type);
	}
	return false;
}

/* mirrors btf_validate_prog_ctx_type() for an arg:ctx parameter: 0, or
 * -EINVAL with the kernel's line in @msg */
static int validate_prog_ctx_type(const struct sim_env *env, const struct btf *btf,
				  const struct btf_type *ptr, int arg, char *msg, size_t msz)
{
	const struct btf *vml = env->p->vmlinux_btf;
	uint32_t pt = env->p->prog_type, at = env->p->expected_attach_type;
	const struct btf_type *t = btf__type_by_id(btf, ptr->type), *ctx;
	bool is_struct, u64;
	const char *tname;

	if (pt == BPF_PROG_TYPE_KPROBE || pt == BPF_PROG_TYPE_PERF_EVENT) {
		while (t && btf_is_mod(t))
			t = btf__type_by_id(btf, t->type);
		if (t && btf_is_typedef(t) && !strcmp(name_of(btf, t), "bpf_user_pt_regs_t"))
			return 0;
	}
	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	if (is_void(t))   /* `void *ctx __arg_ctx` is always valid */
		return 0;
	tname = name_of(btf, t);
	if (!tname[0]) {
		snprintf(msg, msz, "arg#%d type doesn't have a name", arg);
		return -EINVAL;
	}
	is_struct = btf_is_struct(t);
	u64 = btf_is_int(t) && t->size == 8;
	switch (pt) {
	case BPF_PROG_TYPE_KPROBE:
		if (is_struct && !strcmp(tname, "pt_regs"))
			return 0;
		break;
	case BPF_PROG_TYPE_PERF_EVENT:
		/* x86: bpf_user_pt_regs_t is struct pt_regs */
		if (is_struct && !strcmp(tname, "pt_regs"))
			return 0;
		break;
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		if (u64)
			return 0;
		break;
	case BPF_PROG_TYPE_TRACING:
		if (at == BPF_TRACE_RAW_TP && ((is_struct && !strcmp(tname, "bpf_raw_tracepoint_args")) || u64))
			return 0;
		if (at == BPF_TRACE_ITER && is_struct && !strncmp(tname, "bpf_iter__", 10))
			return 0;
		if ((at == BPF_TRACE_FENTRY || at == BPF_TRACE_FEXIT || at == BPF_MODIFY_RETURN ||
		     at == BPF_TRACE_FSESSION) && u64)
			return 0;
		break;
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_STRUCT_OPS:
		if (u64)
			return 0;
		break;
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_SYSCALL:
	case BPF_PROG_TYPE_EXT:
		return 0;   /* anything goes */
	default:
		break;
	}
	ctx = canonical_ctx_type(env);
	if (!ctx) {
		snprintf(msg, msz, "btf_vmlinux is malformed");
		return -EINVAL;
	}
	while (ctx && (btf_is_mod(ctx) || btf_is_typedef(ctx)))
		ctx = btf__type_by_id(vml, ctx->type);
	if (!ctx || !btf_is_struct(ctx)) {
		snprintf(msg, msz, "arg#%d should be void pointer", arg);
		return -EINVAL;
	}
	if (!is_struct || strcmp(name_of(vml, ctx), tname)) {
		snprintf(msg, msz, "arg#%d should be `struct %s *`", arg, name_of(vml, ctx));
		return -EINVAL;
	}
	return 0;
}

/* bpf_core_essential_name_len(): the name without a "___flavor" suffix */
static size_t essential_name_len(const char *name)
{
	size_t n = strlen(name);

	for (int i = (int)n - 5; i >= 0; i--)
		if (name[i] != '_' && name[i + 1] == '_' && name[i + 2] == '_' && name[i + 3] == '_' &&
		    name[i + 4] != '_')
			return (size_t)i + 1;
	return n;
}

/* candidates of @local in @targ's types [from, to) (bpf_core_add_cands()) */
static int add_cands(const struct btf *targ, uint32_t from, uint32_t to, const char *name,
		     size_t len, unsigned kind, uint32_t *first)
{
	int cnt = 0;

	for (uint32_t i = from; i < to; i++) {
		const struct btf_type *t = btf__type_by_id(targ, i);
		const char *tn;

		if (btf_kind(t) != kind)
			continue;
		tn = btf__name_by_offset(targ, t->name_off);
		if (!tn || strncmp(name, tn, len) || essential_name_len(tn) != len)
			continue;
		if (!cnt++)
			*first = i;
	}
	return cnt;
}

/* mirrors btf_get_ptr_to_btf_id(): the kernel type pointer @ptr names,
 * or a negative error with the kernel's line in @msg. The simulator's
 * kernel BTF may carry a module's types after vmlinux's (split BTF): those
 * are searched only when vmlinux has no candidate, as
 * bpf_core_find_cands() does. */
static int ptr_to_btf_id(const struct sim_env *env, const struct btf *btf, int arg,
			 const struct btf_type *ptr, char *msg, size_t msz)
{
	const struct btf *vml = env->p->vmlinux_btf, *base = vml ? btf__base_btf(vml) : NULL;
	uint32_t id, first = 0, nvml, nall;
	const struct btf_type *t = sim_btf_skip_mods(btf, ptr->type, &id);
	const char *name = name_of(btf, t);
	int cnt;
	bool module = false;

	if (!vml || is_void(t) || !name[0]) {
		snprintf(msg, msz, "arg#%d reference type('%s %s') candidate matching error: %d", arg,
			 sim_btf_kind_str(t), name, -EINVAL);
		return -EINVAL;
	}
	nall = btf__type_cnt(vml);
	nvml = base ? btf__type_cnt(base) : nall;
	cnt = add_cands(vml, 1, nvml, name, essential_name_len(name), btf_kind(t), &first);
	if (!cnt && nvml < nall) {
		cnt = add_cands(vml, nvml, nall, name, essential_name_len(name), btf_kind(t), &first);
		module = true;
	}
	if (cnt != 1) {
		snprintf(msg, msz, "arg#%d reference type('%s %s') %s", arg, sim_btf_kind_str(t), name,
			 cnt ? "is ambiguous" : "has no matches");
		return cnt ? -ESRCH : -ENOENT;
	}
	if (module) {
		snprintf(msg, msz,
			 "arg#%d reference type('%s %s') points to kernel module type (unsupported)",
			 arg, sim_btf_kind_str(t), name);
		return -EOPNOTSUPP;
	}
	return (int)first;
}

/* the BTF FUNC of subprog @subprog (the simulator finds it by name) */
static int subprog_func_id(const struct sim_env *env, int subprog)
{
	const struct btf *btf = env->p->btf;
	const char *name = subprog ? env->p->subprogs[subprog].name : env->p->name;

	return btf && name ? btf__find_by_name_kind(btf, name, BTF_KIND_FUNC) : -ENOENT;
}

/* ---- btf_prepare_func_args() -------------------------------------------- */

#define FAIL(err, ...)                                           \
	do {                                                     \
		snprintf(a->msg, sizeof(a->msg), __VA_ARGS__);   \
		return (err);                                    \
	} while (0)

/* one parameter: 0 with a->arg[i] filled, or a negative error */
static int prepare_arg(const struct sim_env *env, const struct btf *btf, uint32_t fid,
		       const struct btf_param *p, int i, bool is_global, const char *fname,
		       struct sim_subprog_args *a)
{
	struct sim_subprog_arg *arg = &a->arg[i];
	const struct btf_type *t, *ref;
	unsigned tags = sim_btf_arg_tags(btf, fid, i);
	int64_t sz;
	int kid, err;

	if (tags && !is_global)
		FAIL(-EOPNOTSUPP, "arg#%d type tag is not supported in static functions", i);
	if (tags & SIM_ARG_TAG_UNKNOWN)
		FAIL(-EOPNOTSUPP, "arg#%d has unsupported set of tags", i);
	/* btf_scan_type_tags(): __arena on the pointer */
	if (sim_btf_type_tag_arena(btf, p->type))
		tags |= SIM_ARG_TAG_ARENA;
	t = sim_btf_skip_mods(btf, p->type, NULL);
	if (!t || !btf_is_ptr(t))
		goto skip_pointer;
	if ((tags & SIM_ARG_TAG_CTX) || is_prog_ctx_type(env, btf, t)) {
		if (tags & ~SIM_ARG_TAG_CTX)
			FAIL(-EINVAL, "arg#%d has invalid combination of tags", i);
		if ((tags & SIM_ARG_TAG_CTX) &&
		    (err = validate_prog_ctx_type(env, btf, t, i, a->msg, sizeof(a->msg))))
			return err;
		arg->arg_type = ARG_PTR_TO_CTX;
		return 0;
	}
	if (is_dynptr_ptr(btf, t)) {
		if (tags)
			FAIL(-EINVAL, "arg#%d has invalid combination of tags", i);
		arg->arg_type = ARG_PTR_TO_DYNPTR;
		return 0;
	}
	if (tags & SIM_ARG_TAG_TRUSTED) {
		if (tags & SIM_ARG_TAG_NONNULL)
			FAIL(-EINVAL, "arg#%d has invalid combination of tags", i);
		kid = ptr_to_btf_id(env, btf, i, t, a->msg, sizeof(a->msg));
		if (kid < 0)
			return kid;
		arg->arg_type = ARG_PTR_TO_BTF_ID | PTR_TRUSTED |
				(tags & SIM_ARG_TAG_NULLABLE ? PTR_MAYBE_NULL : 0);
		arg->btf_id = (uint32_t)kid;
		return 0;
	}
	if (tags & SIM_ARG_TAG_UNTRUSTED) {
		if (tags & ~SIM_ARG_TAG_UNTRUSTED)
			FAIL(-EINVAL, "arg#%d untrusted cannot be combined with any other tags", i);
		ref = sim_btf_skip_mods(btf, t->type, NULL);
		if (is_void(ref) || is_primitive(ref)) {
			arg->arg_type = ARG_PTR_TO_MEM | MEM_RDONLY | PTR_UNTRUSTED;
			arg->mem_size = 0;
			return 0;
		}
		kid = ptr_to_btf_id(env, btf, i, t, a->msg, sizeof(a->msg));
		if (kid < 0)
			return kid;
		ref = btf__type_by_id(env->p->vmlinux_btf, (uint32_t)kid);
		if (!btf_is_struct(ref))
			/* the kernel names the pointer, looked up in vmlinux */
			FAIL(-EINVAL,
			     "arg#%d has type %s '%s', but only struct or primitive types are allowed", i,
			     sim_btf_kind_str(ref), name_of(env->p->vmlinux_btf, t));
		arg->arg_type = ARG_PTR_TO_BTF_ID | PTR_UNTRUSTED;
		arg->btf_id = (uint32_t)kid;
		return 0;
	}
	if (tags & SIM_ARG_TAG_ARENA) {
		if (tags & ~SIM_ARG_TAG_ARENA)
			FAIL(-EINVAL, "arg#%d arena cannot be combined with any other tags", i);
		arg->arg_type = ARG_PTR_TO_ARENA;
		return 0;
	}
	if (is_global) {   /* generic user data pointer */
		if (tags & SIM_ARG_TAG_NULLABLE)
			FAIL(-EINVAL, "arg#%d has invalid combination of tags", i);
		ref = sim_btf_skip_mods(btf, t->type, NULL);
		if ((sz = sim_btf_resolve_size(btf, ref)) < 0)
			FAIL(-EINVAL, "arg#%d reference type('%s %s') size cannot be determined: %d", i,
			     sim_btf_kind_str(ref), name_of(btf, ref), -EINVAL);
		arg->arg_type = ARG_PTR_TO_MEM | (tags & SIM_ARG_TAG_NONNULL ? 0 : PTR_MAYBE_NULL);
		arg->mem_size = (uint32_t)sz;
		return 0;
	}
skip_pointer:
	if (tags)
		FAIL(-EINVAL, "arg#%d has pointer tag, but is not a pointer type", i);
	if (t && (btf_is_int(t) || btf_is_any_enum(t))) {
		arg->arg_type = ARG_ANYTHING;
		return 0;
	}
	if (!is_global)
		return -EINVAL;
	FAIL(-EINVAL, "Arg#%d type %s in %s() is not supported yet.", i, sim_btf_kind_str(t), fname);
}

static int prepare(struct sim_env *env, int subprog, bool is_global, struct sim_subprog_args *a)
{
	const struct btf *btf = env->p->btf;
	int fid = subprog_func_id(env, subprog);
	const struct btf_type *fn = fid > 0 ? btf__type_by_id(btf, (uint32_t)fid) : NULL, *proto, *rt;
	const char *fname = fn ? name_of(btf, fn) : "";
	const struct btf_param *params;
	int nargs, err;

	memset(a, 0, sizeof(*a));
	if (!fn) {
		if (!is_global)
			return -EINVAL;
		FAIL(-EFAULT, "Global functions need valid BTF");
	}
	proto = btf__type_by_id(btf, fn->type);
	if (!proto || !btf_is_func_proto(proto))
		FAIL(-EFAULT, "Invalid type of function %s()", fname);
	nargs = btf_vlen(proto);
	if (nargs > MAX_BPF_FUNC_ARGS)
		FAIL(-EFAULT, "kernel supports at most %d parameters, function %s has %d",
		     MAX_BPF_FUNC_ARGS, fname, nargs);
	if (is_global && nargs > SIM_MAX_GLOBAL_ARGS)
		FAIL(-EINVAL, "global function %s has %d > %d args, stack args not supported", fname,
		     nargs, SIM_MAX_GLOBAL_ARGS);
	if (nargs > SIM_MAX_GLOBAL_ARGS)
		return -EINVAL;   /* static functions with stack args: not modelled */
	a->cnt = nargs;
	/* btf_validate_return_type(): void or a scalar; subprogs may return
	 * arena pointers */
	rt = sim_btf_skip_mods(btf, proto->type, NULL);
	if (!(subprog && sim_btf_type_tag_arena(btf, proto->type) && rt && btf_is_ptr(rt)) &&
	    !(is_void(rt) || btf_is_int(rt) || btf_is_any_enum(rt))) {
		if (is_global)
			FAIL(-EOPNOTSUPP,
			     "Global function %s() return value not void or scalar. Only those are supported.",
			     fname);
		return -EOPNOTSUPP;
	}
	params = btf_params(proto);
	for (int i = 0; i < nargs; i++) {
		err = prepare_arg(env, btf, (uint32_t)fid, &params[i], i, is_global, fname, a);
		if (err)
			return err;
	}
	return 0;
}

#undef FAIL

int sim_prepare_func_args(struct sim_env *env, int subprog, struct sim_subprog_args *a)
{
	return prepare(env, subprog, subprog > 0 && env->p->subprogs[subprog].global, a);
}

void sim_prepare_main_func_args(struct sim_env *env)
{
	const struct btf *btf = env->p->btf;
	int fid = subprog_func_id(env, 0);
	const struct btf_type *fn = fid > 0 ? btf__type_by_id(btf, (uint32_t)fid) : NULL;
	struct sim_subprog_args a;

	/* only a main program with func_info; its linkage decides */
	if (!fn)
		return;
	if (prepare(env, 0, btf_vlen(fn) == BTF_FUNC_GLOBAL, &a) && a.msg[0])
		sim_verbose(env, "%s\n", a.msg);
}

/* ---- btf_check_func_arg_match() ----------------------------------------- */

/* the error line of a check the kernel follows with a "Verification
 * failed:" block: logged, and the program's error line */
static void error_line(struct sim_env *env, const char *line)
{
	sim_verbose(env, "%s\n", line);
	snprintf(env->err, sizeof(env->err), "%s", line);
	env->err_insn = env->insn_idx;
	env->verdict = SIM_REJECTED;
}

/* mirrors check_reg_type() for a global function's ARG_PTR_TO_BTF_ID
 * argument (compatible types btf_ptr_types) */
static int check_btf_id_arg(struct sim_env *env, int regno, const struct sim_subprog_arg *arg,
			    const char *callee, bool *err_is_set)
{
	static const uint32_t types[] = {
		PTR_TO_BTF_ID, PTR_TO_BTF_ID | PTR_TRUSTED, PTR_TO_BTF_ID | MEM_RCU,
	};
	const size_t ntypes = sizeof(types) / sizeof(types[0]);
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	uint32_t type = reg->type;
	char line[256], accepted[128], tb[96];
	const struct btf_type *t;
	size_t n = 0;
	int len;

	if (arg->arg_type & PTR_MAYBE_NULL)
		type &= ~PTR_MAYBE_NULL;
	for (n = 0; n < ntypes; n++)
		if (type == types[n])
			break;
	if (n == ntypes) {
		len = 0;
		accepted[0] = '\0';
		for (size_t j = 0; j < ntypes; j++)
			len += snprintf(accepted + len, sizeof(accepted) - (size_t)len, "%s%s",
					j ? ", " : "", sim_reg_type_str(types[j], tb, sizeof(tb)));
		snprintf(line, sizeof(line), "R%d type=%s expected=%s", regno,
			 sim_reg_type_str(reg->type, tb, sizeof(tb)), accepted);
		error_line(env, line);
		*err_is_set = true;
		sim_diag_call_arg(env, env->insn_idx, regno, callee,
				  "Pass a value with one of the accepted pointer or scalar types for this call.",
				  "it has type %s, but this argument accepts %s",
				  sim_reg_type_str(reg->type, tb, sizeof(tb)), accepted);
		return -EACCES;
	}
	/* found: a maybe-NULL register reaches here only for a nullable
	 * argument, whose flags were folded */
	if (sim_check_ptr_off_reg(env, reg, regno, true))
		return -EACCES;
	if (!sim_btf_struct_ids_match(reg->btf, reg->btf_id, (uint32_t)reg->s.var_off.value,
				      env->p->vmlinux_btf, arg->btf_id, false)) {
		const struct btf_type *want = btf__type_by_id(env->p->vmlinux_btf, arg->btf_id);

		t = btf__type_by_id(reg->btf, reg->btf_id);
		sim_verbose(env, "R%d is of type %s but %s is expected\n", regno, name_of(reg->btf, t),
			    name_of(env->p->vmlinux_btf, want));
		return -EACCES;
	}
	return 0;
}

/* reg_is_pkt_pointer_any() || reg_is_dynptr_slice_pkt() */
static bool is_pkt_pointer(const struct sim_reg *reg)
{
	uint32_t base = sim_base_type(reg->type);

	return base == PTR_TO_PACKET || base == PTR_TO_PACKET_META ||
	       (base == PTR_TO_MEM && (reg->type & (DYNPTR_TYPE_SKB | DYNPTR_TYPE_XDP)));
}

/* mirrors check_mem_reg() with meta == NULL (read and write) */
static int check_mem_arg(struct sim_env *env, int regno, uint32_t mem_size)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];

	if (sim_reg_is_null(reg))
		return sim_mark_chain_precision(env, regno);
	if (mem_size > S32_MAX) {
		sim_verbose(env, "R%d memory size %u is too large\n", regno, mem_size);
		return -EACCES;
	}
	if (sim_check_helper_mem_access(env, regno, (int)mem_size, false, true))
		return -EACCES;
	return sim_check_helper_mem_access(env, regno, (int)mem_size, true, true);
}

static int check_arg(struct sim_env *env, int subprog, const struct sim_subprog_arg *arg,
		     int regno, bool changes_pkt_data, bool *err_is_set)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const char *callee = env->p->subprogs[subprog].name;
	uint32_t base = sim_base_type(arg->arg_type);
	int err;

	if (arg->arg_type == ARG_ANYTHING) {
		if (reg->type != SCALAR_VALUE) {
			sim_verbose(env, "R%d is not a scalar\n", regno);
			return -EINVAL;
		}
		return 0;
	}
	/* untrusted arguments are read-only, through probe reads: anything */
	if (arg->arg_type & PTR_UNTRUSTED)
		return 0;
	if (arg->arg_type == ARG_PTR_TO_CTX) {
		err = sim_helper_arg_reg_off(env, reg, regno, ARG_PTR_TO_CTX);
		if (err < 0)
			return err;
		if (reg->type != PTR_TO_CTX) {
			sim_verbose(env, "R%d expects pointer to ctx\n", regno);
			return -EINVAL;
		}
		return 0;
	}
	if (base == ARG_PTR_TO_MEM) {
		err = sim_helper_arg_reg_off(env, reg, regno, ARG_DONTCARE);
		if (err < 0)
			return err;
		if (check_mem_arg(env, regno, arg->mem_size))
			return -EINVAL;
		/* a packet pointer passed as memory would keep its range
		 * across a call that may move the packet */
		if (is_pkt_pointer(reg) && changes_pkt_data) {
			sim_verbose(env, "R%d is a packet pointer, but func#%d may change packet data\n",
				    regno, subprog);
			return -EINVAL;
		}
		if (!(arg->arg_type & PTR_MAYBE_NULL) &&
		    ((reg->type & PTR_MAYBE_NULL) || sim_reg_is_null(reg))) {
			sim_verbose(env, "R%d is expected to be non-NULL\n", regno);
			return -EINVAL;
		}
		return 0;
	}
	if (base == ARG_PTR_TO_ARENA) {
		if (reg->type != PTR_TO_ARENA && reg->type != SCALAR_VALUE) {
			sim_verbose(env, "R%d is not a pointer to arena or scalar.\n", regno);
			return -EINVAL;
		}
		return 0;
	}
	if (arg->arg_type == ARG_PTR_TO_DYNPTR) {
		/* an initialized dynptr (dynptr.c) */
		err = sim_helper_arg_reg_off(env, reg, regno, ARG_PTR_TO_DYNPTR);
		if (err)
			return err;
		err = sim_process_dynptr_func(env, regno, env->insn_idx, callee, arg->arg_type, 0, 0,
					      NULL);
		/* each of its refusals carries a diagnosis: its line is the error */
		if (err && env->verdict == SIM_REJECTED)
			*err_is_set = true;
		return err;
	}
	if (base == ARG_PTR_TO_BTF_ID) {
		if (sim_reg_is_null(reg) && (arg->arg_type & PTR_MAYBE_NULL))
			return sim_mark_chain_precision(env, regno);
		err = check_btf_id_arg(env, regno, arg, callee, err_is_set);
		if (!err)
			err = sim_helper_arg_reg_off(env, reg, regno, arg->arg_type);
		return err;
	}
	return sim_bug(env, "unrecognized R%d type %u", regno, arg->arg_type);
}

int sim_check_global_func_args(struct sim_env *env, int subprog, bool changes_pkt_data,
			       bool *err_is_set)
{
	struct sim_subprog_args a;
	int err;

	*err_is_set = false;
	err = sim_prepare_func_args(env, subprog, &a);
	if (err) {
		if (a.msg[0]) {
			if (err == -EFAULT) {
				/* check_func_call() stops right there */
				error_line(env, a.msg);
				*err_is_set = true;
			} else {
				sim_verbose(env, "%s\n", a.msg);
			}
		}
		return err;
	}
	for (int i = 0; i < a.cnt; i++) {
		err = check_arg(env, subprog, &a.arg[i], i + 1, changes_pkt_data, err_is_set);
		if (err)
			return err;
	}
	return 0;
}

/* ---- do_check_common() for a global subprog ----------------------------- */

int sim_init_global_func_args(struct sim_env *env, int subprog, struct sim_reg *regs)
{
	struct sim_subprog_args a;
	int err = sim_prepare_func_args(env, subprog, &a);

	if (err) {
		if (!a.msg[0])
			return sim_bug(env, "btf_prepare_func_args() failed (%d) without a message", err);
		return sim_reject(env, err, "%s\n", a.msg);
	}
	for (int i = 0; i < a.cnt; i++) {
		const struct sim_subprog_arg *arg = &a.arg[i];
		struct sim_reg *reg = &regs[i + 1];
		uint32_t base = sim_base_type(arg->arg_type);

		if (arg->arg_type == ARG_PTR_TO_CTX) {
			sim_init_ctx_reg(env, reg);
		} else if (arg->arg_type == ARG_ANYTHING || base == ARG_PTR_TO_ARENA) {
			/* an arena argument may be a pointer or a scalar */
			sim_reg_mark_unknown(reg);
		} else if (arg->arg_type == ARG_PTR_TO_DYNPTR) {
			/* assume an unspecial LOCAL dynptr (dynptr.c) */
			sim_mark_dynptr_cb_reg(env, reg, SIM_DYNPTR_TYPE_LOCAL);
		} else if (base == ARG_PTR_TO_MEM) {
			sim_reg_mark_ptr(reg, PTR_TO_MEM | (arg->arg_type & (PTR_MAYBE_NULL |
									    PTR_UNTRUSTED | MEM_RDONLY)));
			reg->mem_size = arg->mem_size;
			if (arg->arg_type & PTR_MAYBE_NULL)
				reg->id = ++env->id_gen;
		} else if (base == ARG_PTR_TO_BTF_ID) {
			sim_reg_mark_ptr(reg, PTR_TO_BTF_ID | (arg->arg_type & (PTR_MAYBE_NULL |
									       PTR_UNTRUSTED | PTR_TRUSTED)));
			reg->btf = env->p->vmlinux_btf;
			reg->btf_id = arg->btf_id;
			reg->id = ++env->id_gen;
		} else {
			return sim_bug(env, "unhandled arg#%d type %u", i, arg->arg_type);
		}
	}
	return 0;
}

bool sim_subprog_returns_void(const struct sim_env *env, int subprog)
{
	const struct btf *btf = env->p->btf;
	int fid = subprog_func_id(env, subprog);
	const struct btf_type *fn = fid > 0 ? btf__type_by_id(btf, (uint32_t)fid) : NULL;
	const struct btf_type *proto = fn ? btf__type_by_id(btf, fn->type) : NULL;

	return proto && btf_is_func_proto(proto) && is_void(sim_btf_skip_mods(btf, proto->type, NULL));
}

int sim_exception_cb_subprog(const struct sim_env *env)
{
	static const char tag[] = "exception_callback:";
	const struct btf *btf = env->p->btf;
	int main_id = subprog_func_id(env, 0);
	uint32_t n = btf ? btf__type_cnt(btf) : 0;

	for (uint32_t i = 1; main_id > 0 && i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *s;

		if (!btf_is_decl_tag(t) || t->type != (uint32_t)main_id ||
		    btf_decl_tag(t)->component_idx != -1)
			continue;
		s = btf__name_by_offset(btf, t->name_off);
		if (!s || strncmp(s, tag, sizeof(tag) - 1))
			continue;
		for (int k = 1; k < env->p->subprog_cnt; k++)
			if (!strcmp(env->p->subprogs[k].name, s + sizeof(tag) - 1))
				return k;
	}
	return 0;
}
