/* Calls and exits: mirrors check_helper_call() (argument checks from the
 * prototype table, return value, caller-saved registers), check_func_call()
 * / prepare_func_exit() for bpf-to-bpf calls with frames,
 * check_resource_leak() and check_return_code() of 7.3. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "disasm.h"

#define BPF_MAX_VAR_SIZ (1 << 29)
#define SIM_MAX_CALL_FRAMES 8

static const uint32_t mem_types[] = {
	PTR_TO_STACK, PTR_TO_PACKET, PTR_TO_PACKET_META, PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE,
	PTR_TO_MEM, PTR_TO_MEM | MEM_RINGBUF, PTR_TO_BUF, PTR_TO_BTF_ID | PTR_TRUSTED, PTR_TO_CTX,
	NOT_INIT,
};
static const uint32_t ctx_types[] = { PTR_TO_CTX, NOT_INIT };
static const uint32_t map_ptr_types[] = { CONST_PTR_TO_MAP, NOT_INIT };
static const uint32_t stack_types[] = { PTR_TO_STACK, NOT_INIT };
static const uint32_t map_value_types[] = { PTR_TO_MAP_VALUE, NOT_INIT };

/* mirrors compatible_reg_types[] (the rows the helper table uses) */
static const uint32_t *compatible_types(uint32_t arg)
{
	switch (arg & SIM_BASE_TYPE_MASK) {
	case ARG_PTR_TO_MAP_KEY:
	case ARG_PTR_TO_MAP_VALUE:
	case ARG_PTR_TO_MEM:
		return mem_types;
	case ARG_PTR_TO_CTX:
		return ctx_types;
	case ARG_CONST_MAP_PTR:
		return map_ptr_types;
	case ARG_PTR_TO_STACK:
		return stack_types;
	case ARG_PTR_TO_CONST_STR:
	case ARG_PTR_TO_SPIN_LOCK:
		return map_value_types;
	default:
		return NULL;
	}
}

/* mirrors check_reg_type() */
static int check_reg_type(struct sim_env *env, int regno, uint32_t arg)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const uint32_t *types = compatible_types(arg);
	uint32_t type = reg->type;
	char tb[96];
	int n;

	if (!types)
		return sim_unsupported(env, "helper argument type %u", arg & SIM_BASE_TYPE_MASK);
	/* MEM_RDONLY args accept read-only memory; MAYBE_NULL args accept NULL */
	if (arg & MEM_RDONLY)
		type &= ~MEM_RDONLY;
	if (arg & PTR_MAYBE_NULL)
		type &= ~PTR_MAYBE_NULL;
	for (n = 0; types[n] != NOT_INIT; n++)
		if (type == types[n])
			return 0;
	sim_verbose(env, "R%d type=%s expected=", regno, sim_reg_type_str(reg->type, tb, sizeof(tb)));
	{
		char line[512];
		int len = snprintf(line, sizeof(line), "R%d type=%s expected=", regno,
				   sim_reg_type_str(reg->type, tb, sizeof(tb)));

		for (int j = 0; j < n; j++)
			len += snprintf(line + len, sizeof(line) - (size_t)len, "%s%s",
					sim_reg_type_str(types[j], tb, sizeof(tb)),
					j + 1 < n ? ", " : "");
		for (int j = 0; j < n; j++)
			sim_verbose(env, "%s%s", sim_reg_type_str(types[j], tb, sizeof(tb)),
				    j + 1 < n ? ", " : "\n");
		snprintf(env->err, sizeof(env->err), "%s", line);
		env->err_insn = env->insn_idx;
		env->verdict = SIM_REJECTED;
	}
	return -EACCES;
}

/* mirrors check_helper_mem_access() */
int sim_check_helper_mem_access(struct sim_env *env, int regno, int access_size, bool write,
				bool zero_size_allowed)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];

	(void)zero_size_allowed;
	switch (sim_base_type(reg->type)) {
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_MAP_KEY:
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MEM:
	case PTR_TO_CTX:
		if (access_size == 0)
			return 0;
		return sim_check_mem_access(env, regno, 0, access_size, write, -1, false) < 0
			       ? -EACCES : 0;
	case PTR_TO_STACK: {
		/* mirrors check_stack_range_initialized(): root may read
		 * uninitialised stack; a helper write makes the bytes MISC */
		struct sim_func *f = env->cur->frame[reg->frameno];
		int64_t lo, hi;

		if (access_size == 0)
			return 0;
		if (!sim_reg_is_const(reg) && 0)
			return 0;
		lo = sim_scalar_smin(&reg->s);
		hi = sim_scalar_smax(&reg->s) + access_size;
		if (lo < -SIM_MAX_STACK || hi > 0) {
			if (sim_reg_is_const(reg))
				return sim_reject(env, -EACCES, "invalid %s stack R%d off=%lld size=%d\n",
						  write ? "write to" : "read from", regno, (long long)lo,
						  access_size);
			return sim_reject(env, -EACCES,
					  "invalid variable-offset %s stack R%d var_off=(%#llx; %#llx) off=%d size=%d\n",
					  write ? "write to" : "read from", regno,
					  (unsigned long long)reg->s.var_off.value,
					  (unsigned long long)reg->s.var_off.mask, 0, access_size);
		}
		if (sim_func_grow_stack(f, (int)-lo))
			return sim_bug(env, "out of memory");
		for (int64_t o = lo; o < hi; o++) {
			int slot = (int)(-o - 1), spi = slot / SIM_REG_SIZE;

			sim_mark_stack_scratched(env, spi);
			if (write) {
				if (sim_slot_is_spill(&f->stack[spi])) {
					sim_reg_mark_unknown(&f->stack[spi].spilled);
					for (int j = 0; j < SIM_REG_SIZE; j++)
						if (f->stack[spi].type[j] == STACK_SPILL)
							f->stack[spi].type[j] = STACK_MISC;
				}
				f->stack[spi].type[slot % SIM_REG_SIZE] = STACK_MISC;
			}
		}
		return 0;
	}
	default: {
		char tb[96];

		if (sim_reg_is_null(reg) && zero_size_allowed && access_size == 0)
			return 0;
		return sim_reject(env, -EACCES, "R%d type=%s expected=fp\n", regno,
				  sim_reg_type_str(reg->type, tb, sizeof(tb)));
	}
	}
}

/* mirrors check_mem_size_reg() */
static int check_mem_size_reg(struct sim_env *env, int size_regno, bool zero_size_allowed,
			      bool write)
{
	struct sim_reg *size_reg = &sim_cur_regs(env)[size_regno];
	int mem_regno = size_regno - 1;

	if (size_reg->type != SCALAR_VALUE) {
		char tb[96];

		return sim_reject(env, -EACCES, "R%d type=%s expected=scalar\n", size_regno,
				  sim_reg_type_str(size_reg->type, tb, sizeof(tb)));
	}
	if (sim_scalar_smin(&size_reg->s) < 0)
		return sim_reject(env, -EACCES,
				  "R%d min value is negative, either use unsigned or 'var &= const'\n",
				  size_regno);
	if (sim_scalar_umin(&size_reg->s) == 0 && !zero_size_allowed)
		return sim_reject(env, -EACCES, "R%d invalid zero-sized read: u64=[%lld,%lld]\n",
				  size_regno, (long long)sim_scalar_umin(&size_reg->s),
				  (long long)sim_scalar_umax(&size_reg->s));
	if (sim_scalar_umax(&size_reg->s) >= BPF_MAX_VAR_SIZ)
		return sim_reject(env, -EACCES,
				  "R%d unbounded memory access, use 'var &= const' or 'if (var < const)'\n",
				  size_regno);
	return sim_check_helper_mem_access(env, mem_regno, (int)sim_scalar_umax(&size_reg->s), write,
					   zero_size_allowed);
}

struct call_meta {
	const struct sim_map_view *map;
};

/* mirrors check_func_arg() */
static int check_func_arg(struct sim_env *env, int arg, uint32_t arg_type, struct call_meta *meta)
{
	int regno = arg + 1;
	struct sim_reg *reg = &sim_cur_regs(env)[regno];
	uint32_t base = arg_type & SIM_BASE_TYPE_MASK;
	int err;

	if (base == ARG_DONTCARE)
		return 0;
	err = sim_check_reg_arg(env, regno, SIM_SRC_OP);
	if (err)
		return err;
	if (base == ARG_ANYTHING || base == ARG_SCALAR)
		return 0;
	if (base == ARG_CONST_SIZE || base == ARG_CONST_SIZE_OR_ZERO)
		return check_mem_size_reg(env, regno, base == ARG_CONST_SIZE_OR_ZERO,
					  !(arg_type & MEM_RDONLY) && 0);
	if ((arg_type & PTR_MAYBE_NULL) && sim_reg_is_null(reg))
		return 0;
	err = check_reg_type(env, regno, arg_type);
	if (err)
		return err;
	switch (base) {
	case ARG_CONST_MAP_PTR:
		meta->map = reg->map;
		return 0;
	case ARG_PTR_TO_MAP_KEY:
		if (!meta->map)
			return sim_bug(env, "invalid map_ptr to access map->key");
		return sim_check_helper_mem_access(env, regno, (int)meta->map->key_size, false, false);
	case ARG_PTR_TO_MAP_VALUE:
		if (!meta->map)
			return sim_bug(env, "invalid map_ptr to access map->value");
		return sim_check_helper_mem_access(env, regno, (int)meta->map->value_size,
						   (arg_type & MEM_WRITE) != 0, false);
	case ARG_PTR_TO_MEM:
		/* the size comes with the next argument (check_mem_size_reg) */
		return 0;
	case ARG_PTR_TO_CTX:
		if (!sim_reg_is_const(reg) || reg->s.var_off.value)
			return sim_reject(env, -EACCES,
					  "dereference of modified ctx ptr R%d off=%lld disallowed\n",
					  regno, (long long)reg->s.var_off.value);
		return 0;
	case ARG_PTR_TO_STACK:
		return 0;
	default:
		return sim_unsupported(env, "helper argument type %u", base);
	}
}

/* mirrors clear_all_pkt_pointers() after a helper that changes packet data */
static void clear_all_pkt_pointers(struct sim_state *st)
{
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < SIM_MAX_REG + f->allocated_stack / SIM_REG_SIZE; k++) {
			struct sim_reg *r;

			if (k < SIM_MAX_REG) {
				r = &f->regs[k];
			} else {
				if (!sim_slot_is_spill(&f->stack[k - SIM_MAX_REG]))
					continue;
				r = &f->stack[k - SIM_MAX_REG].spilled;
			}
			if (sim_reg_is_pkt_pointer(r) || r->type == PTR_TO_PACKET_END)
				sim_reg_mark_unknown(r);
		}
	}
}

/* mirrors check_helper_call() */
int sim_check_helper_call(struct sim_env *env, const struct bpf_insn *insn)
{
	int func_id = insn->imm;
	const struct sim_helper_proto *fn = sim_helper_proto(func_id);
	const char *name = sim_helper_name(func_id);
	struct sim_reg *regs = sim_cur_regs(env);
	struct call_meta meta = { 0 };
	int err;

	if (!name || func_id <= 0)
		return sim_reject(env, -EINVAL, "invalid func %s#%d\n", "unknown", func_id);
	if (!fn)
		return sim_unsupported(env, "unsupported helper %s#%d", name, func_id);
	if (!sim_helper_allowed(func_id, env->p->prog_type))
		return sim_reject(env, -EINVAL, "program of this type cannot use helper %s#%d\n",
				  name, func_id);
	if (func_id == BPF_FUNC_spin_lock || func_id == BPF_FUNC_spin_unlock ||
	    func_id == BPF_FUNC_loop || func_id == BPF_FUNC_snprintf)
		return sim_unsupported(env, "unsupported helper %s#%d", name, func_id);
	for (int i = 0; i < 5; i++) {
		err = check_func_arg(env, i, fn->arg_type[i], &meta);
		if (err)
			return err;
		if ((fn->arg_type[i] & SIM_BASE_TYPE_MASK) == ARG_PTR_TO_MEM && i + 1 < 5 &&
		    ((fn->arg_type[i + 1] & SIM_BASE_TYPE_MASK) == ARG_CONST_SIZE ||
		     (fn->arg_type[i + 1] & SIM_BASE_TYPE_MASK) == ARG_CONST_SIZE_OR_ZERO)) {
			err = sim_check_reg_arg(env, i + 2, SIM_SRC_OP);
			if (err)
				return err;
			if ((fn->arg_type[i] & PTR_MAYBE_NULL) && sim_reg_is_null(&regs[i + 1]))
				continue;
			err = check_mem_size_reg(env, i + 2,
						 (fn->arg_type[i + 1] & SIM_BASE_TYPE_MASK) ==
							 ARG_CONST_SIZE_OR_ZERO,
						 (fn->arg_type[i] & MEM_WRITE) != 0);
			if (err)
				return err;
			i++;
		}
	}
	if (func_id == BPF_FUNC_tail_call && meta.map && meta.map->type != BPF_MAP_TYPE_PROG_ARRAY)
		return sim_reject(env, -EINVAL, "cannot pass map_type %d into func %s#%d\n",
				  (int)meta.map->type, name, func_id);

	/* caller-saved registers become unreadable (mark_reg_not_init R1-R5) */
	for (int i = 1; i <= 5; i++) {
		sim_reg_mark_not_init(&regs[i]);
		sim_mark_reg_scratched(env, i);
	}
	switch (fn->ret_type & SIM_BASE_TYPE_MASK) {
	case RET_INTEGER:
		sim_reg_mark_unknown(&regs[0]);
		break;
	case RET_VOID:
		sim_reg_mark_not_init(&regs[0]);
		break;
	case RET_PTR_TO_MAP_VALUE:
		if (!meta.map)
			return sim_bug(env, "kernel subsystem misconfigured verifier");
		sim_reg_mark_ptr(&regs[0], PTR_TO_MAP_VALUE | (fn->ret_type & PTR_MAYBE_NULL));
		regs[0].map = meta.map;
		if (fn->ret_type & PTR_MAYBE_NULL)
			regs[0].id = ++env->id_gen;
		break;
	default:
		return sim_unsupported(env, "helper return type of %s#%d", name, func_id);
	}
	if (fn->changes_pkt_data)
		clear_all_pkt_pointers(env->cur);
	return 0;
}

/* mirrors check_func_call() for a static subprogram (global ones are
 * verified on their own and treated as opaque here) */
int sim_check_func_call(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_state *st = env->cur;
	int target = env->insn_idx + insn->imm + 1;
	int subprog = sim_find_subprog(env, target);
	struct sim_func *caller = sim_cur_frame(st), *callee;

	if (subprog < 0)
		return sim_bug(env, "no subprog starts at insn %d", target);
	if (st->curframe + 1 >= SIM_MAX_CALL_FRAMES)
		return sim_reject(env, -E2BIG, "the call stack of %d frames is too deep\n",
				  st->curframe + 2);
	if (env->p->subprogs[subprog].global) {
		/* mirrors the global function branch: args checked against
		 * BTF (not modelled), R0 unknown, callee verified later */
		for (int i = 1; i <= 5; i++)
			sim_reg_mark_not_init(&caller->regs[i]);
		sim_reg_mark_unknown(&caller->regs[0]);
		sim_verbose(env, "Func#%d ('%s') is global and assumed valid.\n", subprog,
			    env->p->subprogs[subprog].name);
		return 0;
	}
	callee = sim_func_new(st->curframe + 1, env->insn_idx, (uint32_t)subprog);
	if (!callee)
		return sim_bug(env, "out of memory");
	/* mirrors set_callee_state(): R1-R5 are passed, R10 is the new frame */
	for (int i = 1; i <= 5; i++)
		callee->regs[i] = caller->regs[i];
	sim_reg_mark_ptr(&callee->regs[SIM_FP], PTR_TO_STACK);
	callee->regs[SIM_FP].frameno = (uint8_t)callee->frameno;
	for (int i = 0; i <= 5; i++)
		sim_reg_mark_not_init(&caller->regs[i]);
	st->curframe++;
	if (st->frame[st->curframe]) {
		free(st->frame[st->curframe]->stack);
		free(st->frame[st->curframe]);
	}
	st->frame[st->curframe] = callee;
	if (env->log_level && !env->replay) {
		struct sim_out out = sim_strbuf_out(&env->log);

		sim_verbose(env, "caller:\n");
		sim_print_state(&out, st, st->curframe - 1, NULL);
		sim_verbose(env, "callee:\n");
		sim_print_state(&out, st, st->curframe, NULL);
	}
	env->insn_idx = target;
	return SIM_IDX_UPDATED;
}

/* mirrors prepare_func_exit() */
int sim_prepare_func_exit(struct sim_env *env)
{
	struct sim_state *st = env->cur;
	struct sim_func *callee = sim_cur_frame(st), *caller = st->frame[st->curframe - 1];
	struct sim_reg *r0 = &callee->regs[0];
	int err;

	err = sim_check_reg_arg(env, 0, SIM_SRC_OP);
	if (err)
		return err;
	if (r0->type == PTR_TO_STACK)
		return sim_reject(env, -EINVAL, "cannot return stack pointer to the caller\n");
	caller->regs[0] = *r0;
	env->insn_idx = callee->callsite + 1;
	if (env->log_level && !env->replay) {
		struct sim_out out = sim_strbuf_out(&env->log);

		sim_verbose(env, "returning from callee:\n");
		sim_print_state(&out, st, st->curframe, NULL);
		sim_verbose(env, "to caller at %d:\n", env->insn_idx);
		sim_print_state(&out, st, st->curframe - 1, NULL);
	}
	free(callee->stack);
	free(callee);
	st->frame[st->curframe] = NULL;
	st->curframe--;
	return 0;
}

/* mirrors check_resource_leak() */
int sim_check_resource_leak(struct sim_env *env, bool exception_exit, bool check_lock,
			    const char *prefix)
{
	struct sim_state *st = env->cur;

	(void)exception_exit;
	if (check_lock && st->active_locks)
		return sim_reject(env, -EINVAL, "%s cannot be used inside bpf_spin_lock-ed region\n",
				  prefix);
	if (check_lock && st->active_rcu_locks)
		return sim_reject(env, -EINVAL, "%s cannot be used inside bpf_rcu_read_lock-ed region\n",
				  prefix);
	if (check_lock && st->active_preempt_locks)
		return sim_reject(env, -EINVAL, "%s cannot be used inside bpf_preempt_disable-ed region\n",
				  prefix);
	if (!check_lock)
		return 0;
	for (uint32_t i = 0; i < st->acquired_refs; i++) {
		if (st->refs[i].type != SIM_REF_TYPE_PTR)
			continue;
		return sim_reject(env, -EINVAL, "Unreleased reference id=%d alloc_insn=%d\n",
				  st->refs[i].id, st->refs[i].insn);
	}
	return 0;
}

/* mirrors check_return_code() for the program types modelled */
int sim_check_return_code(struct sim_env *env)
{
	struct sim_func *f = sim_cur_frame(env->cur);
	int err;

	if (f->subprogno && env->p->subprogs[f->subprogno].global) {
		/* check_global_subprog_return_code(): R0 must be a scalar */
		err = sim_check_reg_arg(env, 0, SIM_SRC_OP);
		if (err)
			return err;
		if (f->regs[0].type != SCALAR_VALUE) {
			char tb[96];

			return sim_reject(env, -EINVAL,
					  "At subprogram exit the register R0 is not a scalar value (%s)\n",
					  sim_reg_type_str(f->regs[0].type, tb, sizeof(tb)));
		}
		return 0;
	}
	return sim_check_reg_arg(env, 0, SIM_SRC_OP);
}

int sim_check_kfunc_call(struct sim_env *env, const struct bpf_insn *insn)
{
	const char *name = NULL;

	if (env->p->vmlinux_btf && insn->imm > 0) {
		const struct btf_type *t = NULL;

		(void)t;
	}
	(void)name;
	return sim_unsupported(env, "kfunc calls (btf id %d)", insn->imm);
}
