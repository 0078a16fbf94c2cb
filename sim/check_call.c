/* Calls and exits: mirrors check_helper_call() (argument checks from the
 * prototype table, return value, caller-saved registers), check_func_call()
 * / prepare_func_exit() for bpf-to-bpf calls with frames,
 * check_resource_leak() and check_return_code() of 7.3.
 *
 * Reference-carrying helpers follow the kernel's split: acquiring helpers
 * (is_acquire_function(): sk_lookup_*, skc_lookup_tcp, ringbuf_reserve,
 * kptr_xchg) give R0 a fresh reference after its NULL id; OBJ_RELEASE
 * arguments must hold a reference, at offset 0, and release it with every
 * register sharing it; pointer casts (is_ptr_cast_function(): tcp_sock,
 * sk_fullsock, skc_to_*) return the argument's own reference id and explore
 * their NULL result as a separate branch. A lookup in an array at a constant
 * in-range key is not NULL (can_elide_value_nullness()); a checked element
 * of a map of maps is the inner map (sim_map_in_map_non_null()). A
 * callback frame (bpf_rbtree_add's less()) exits by checking its return
 * range; the path ends there (callbacks.c says why). bpf_loop's callback
 * is pushed the same way (callbacks_core.c) while the callback depth is
 * below R1's largest value. A call to a global function is checked
 * against what its body may do (subprog_effects(): might sleep, changes
 * packet data) as check_cfg() marks it. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "async_cb.h"
#include "callbacks_core.h"
#include "ctx_access.h"
#include "arena.h"
#include "check.h"
#include "iter.h"
#include "disasm.h"
#include "global_args.h"
#include "dynptr.h"
#include "helper_args.h"
#include "kfuncs.h"
#include "object.h"
#include "retval_range.h"
#include "btf_util.h"
#include "diagnostics.h"


static const uint32_t mem_types[] = {
	PTR_TO_STACK, PTR_TO_PACKET, PTR_TO_PACKET_META, PTR_TO_MAP_KEY, PTR_TO_MAP_VALUE,
	PTR_TO_MEM, PTR_TO_MEM | MEM_RINGBUF, PTR_TO_BUF, PTR_TO_BTF_ID | PTR_TRUSTED, PTR_TO_CTX,
	NOT_INIT,
};
static const uint32_t ctx_types[] = { PTR_TO_CTX, NOT_INIT };
static const uint32_t map_ptr_types[] = { CONST_PTR_TO_MAP, NOT_INIT };
static const uint32_t stack_types[] = { PTR_TO_STACK, NOT_INIT };
static const uint32_t map_value_types[] = { PTR_TO_MAP_VALUE, NOT_INIT };
static const uint32_t sock_types[] = {
	PTR_TO_SOCK_COMMON, PTR_TO_SOCKET, PTR_TO_TCP_SOCK, PTR_TO_XDP_SOCK, NOT_INIT,
};
static const uint32_t btf_id_sock_common_types[] = {
	PTR_TO_SOCK_COMMON, PTR_TO_SOCKET, PTR_TO_TCP_SOCK, PTR_TO_XDP_SOCK, PTR_TO_BTF_ID,
	PTR_TO_BTF_ID | PTR_TRUSTED, NOT_INIT,
};
static const uint32_t fullsock_types[] = { PTR_TO_SOCKET, NOT_INIT };
static const uint32_t ringbuf_mem_types[] = { PTR_TO_MEM | MEM_RINGBUF, NOT_INIT };
static const uint32_t scalar_types[] = { SCALAR_VALUE, NOT_INIT };
static const uint32_t func_ptr_types[] = { PTR_TO_FUNC, NOT_INIT };
static const uint32_t percpu_btf_ptr_types[] = {
	PTR_TO_BTF_ID | MEM_PERCPU, PTR_TO_BTF_ID | MEM_PERCPU | MEM_RCU,
	PTR_TO_BTF_ID | MEM_PERCPU | PTR_TRUSTED, NOT_INIT,
};
static const uint32_t btf_ptr_types[] = {
	PTR_TO_BTF_ID, PTR_TO_BTF_ID | PTR_TRUSTED, PTR_TO_BTF_ID | MEM_RCU, NOT_INIT,
};
static const uint32_t dynptr_types[] = { PTR_TO_STACK, CONST_PTR_TO_DYNPTR, NOT_INIT };

/* the prototypes' argN_btf_id / compatible->btf_id: which kernel struct a
 * PTR_TO_BTF_ID argument must be */
static const char *arg_btf_struct(int func_id, const uint32_t *types)
{
	if (types == btf_id_sock_common_types)
		return "sock_common";
	switch (func_id) {
	case BPF_FUNC_task_storage_get:
	case BPF_FUNC_task_storage_delete:
	case BPF_FUNC_task_pt_regs:
	case BPF_FUNC_copy_from_user_task:
	case BPF_FUNC_get_task_stack:
	case BPF_FUNC_find_vma:
		return "task_struct";
	case BPF_FUNC_d_path:
		return "path";          /* bpf_d_path_btf_ids */
	case BPF_FUNC_seq_write:
		return "seq_file";      /* btf_seq_file_ids */
	case BPF_FUNC_cgrp_storage_get:
	case BPF_FUNC_cgrp_storage_delete:
		return "cgroup";        /* bpf_cgroup_btf_id */
	case BPF_FUNC_inode_storage_get:
	case BPF_FUNC_inode_storage_delete:
		return "inode";         /* bpf_inode_storage_btf_ids */
	default:
		return NULL;
	}
}

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
	case ARG_PTR_TO_TIMER:    /* timer_types */
		return map_value_types;
	case ARG_PTR_TO_SOCK_COMMON:
		return sock_types;
	case ARG_PTR_TO_BTF_ID_SOCK_COMMON:
		return btf_id_sock_common_types;
	case ARG_PTR_TO_SOCKET:
		return fullsock_types;
	case ARG_PTR_TO_RINGBUF_MEM:
		return ringbuf_mem_types;
	case ARG_CONST_ALLOC_SIZE_OR_ZERO:
	case ARG_SCALAR:
		return scalar_types;
	case ARG_PTR_TO_BTF_ID:
		return btf_ptr_types;
	case ARG_PTR_TO_PERCPU_BTF_ID:
		return percpu_btf_ptr_types;
	case ARG_PTR_TO_FUNC:
		return func_ptr_types;
	case ARG_PTR_TO_DYNPTR:
		return dynptr_types;
	default:
		return NULL;
	}
}

/* the found: part of check_reg_type() for PTR_TO_BTF_ID registers of the
 * argument kinds modelled (sock_common) */
static int check_reg_type_btf_id(struct sim_env *env, int regno, uint32_t arg,
				 const uint32_t *types, int func_id)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	const char *want;
	int need;

	/* per-CPU pointers: handled by the helper's own checks */
	if (sim_base_type(reg->type) != PTR_TO_BTF_ID || types == percpu_btf_ptr_types)
		return 0;
	/* check_reg_type(), found: a kernel object is memory a helper may only
	 * read (MEM_RDONLY arguments) */
	if (types == mem_types) {
		char tb[96];

		if (arg & MEM_RDONLY)
			return 0;
		return sim_reject(env, -EACCES, "%s() may write into memory pointed by R%d type=%s\n",
				  sim_helper_name(func_id), regno,
				  sim_reg_type_str(reg->type, tb, sizeof(tb)));
	}
	if ((reg->type & PTR_MAYBE_NULL) && (!(arg & PTR_MAYBE_NULL) || (arg & OBJ_RELEASE)))
		return sim_diag_null_arg(env, sim_reject(env, -EACCES, "Possibly NULL pointer passed to helper R%d\n", regno), regno, sim_helper_name(func_id));
	want = arg_btf_struct(func_id, types);
	if (!want)
		return sim_unsupported(env, "helper %s#%d argument R%d of BTF type",
				       sim_helper_name(func_id), func_id, regno);
	need = env->p->vmlinux_btf ? btf__find_by_name_kind(env->p->vmlinux_btf, want,
							    BTF_KIND_STRUCT)
				   : -1;
	if (need <= 0)
		return sim_unsupported(env, "no struct %s in the kernel BTF", want);
	if (sim_check_ptr_off_reg(env, reg, regno, true))
		return -EACCES;
	/* strict only for release arguments other than bpf_sk_release's */
	if (!sim_btf_struct_ids_match(reg->btf, reg->btf_id, (uint32_t)reg->s.var_off.value,
				      env->p->vmlinux_btf, (uint32_t)need,
				      (arg & OBJ_RELEASE) && func_id != BPF_FUNC_sk_release)) {
		const struct btf_type *t = btf__type_by_id(reg->btf, reg->btf_id);

		return sim_reject(env, -EACCES, "R%d is of type %s but %s is expected\n", regno,
				  t ? btf__name_by_offset(reg->btf, t->name_off) : "?", want);
	}
	return 0;
}

/* mirrors check_reg_type() */
static int check_reg_type(struct sim_env *env, int regno, uint32_t arg, int func_id)
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
			return check_reg_type_btf_id(env, regno, arg, types, func_id);
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
	sim_diag_arg_types(env, regno, sim_helper_name(func_id), reg->type, types, n);
	return -EACCES;
}

/* mirrors check_helper_mem_access() */
int sim_check_helper_mem_access(struct sim_env *env, int regno, int access_size, bool write,
				bool zero_size_allowed)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];

	(void)zero_size_allowed;
	/* 7.3 lets helpers reach only a syscall program's context
	 * (is_var_ctx_off_allowed()); any other ctx falls to the default
	 * case, even for zero bytes */
	if (sim_base_type(reg->type) == PTR_TO_CTX && env->p->prog_type != BPF_PROG_TYPE_SYSCALL) {
		char tb[96];

		return sim_reject(env, -EACCES, "R%d type=%s expected=fp\n", regno,
				  sim_reg_type_str(reg->type, tb, sizeof(tb)));
	}
	switch (sim_base_type(reg->type)) {
	case PTR_TO_PACKET:
	case PTR_TO_PACKET_META:
	case PTR_TO_MAP_KEY:
	case PTR_TO_MAP_VALUE:
	case PTR_TO_MEM:
	case PTR_TO_CTX:
		/* check_map_access_type() comes first, even for zero bytes */
		if (sim_base_type(reg->type) == PTR_TO_MAP_VALUE &&
		    sim_check_map_access_type(env, reg, 0, access_size, write))
			return -EACCES;
		if (access_size == 0)
			return 0;
		if (sim_base_type(reg->type) == PTR_TO_MAP_VALUE &&
		    sim_check_map_helper_access(env, regno, 0, access_size))
			return -EACCES;
		return sim_check_mem_access(env, regno, 0, access_size, write, -1, false) < 0
			       ? -EACCES : 0;
	case PTR_TO_STACK: {
		/* mirrors check_stack_range_initialized(): root may read
		 * uninitialised stack; a helper write makes the bytes MISC */
		struct sim_func *f = env->cur->frame[reg->frameno];
		int64_t lo, hi;

		/* bounds are checked even for zero bytes, and a variable
		 * offset then still covers [smin, smax) */
		if (!sim_reg_is_const(reg) &&
		    (sim_scalar_smax(&reg->s) >= BPF_MAX_VAR_OFF ||
		     sim_scalar_smin(&reg->s) <= -BPF_MAX_VAR_OFF))
			return sim_reject(env, -EACCES, "invalid unbounded variable-offset %s stack R%d\n",
					  write ? "write to" : "read from", regno);
		lo = sim_scalar_smin(&reg->s);
		hi = sim_scalar_smax(&reg->s) + access_size;
		/* check_stack_slot_within_bounds(): min_off in [-512, -1] */
		if (lo < -SIM_MAX_STACK || lo > -1 || hi > 0) {
			if (sim_reg_is_const(reg))
				return sim_reject(env, -EACCES, "invalid %s stack R%d off=%lld size=%d\n",
						  write ? "write to" : "read from", regno, (long long)lo,
						  access_size);
			{
				/* check_stack_access_within_bounds(): var_off via tnum_strn() */
				char tn_buf[48];

				tnum_strn(tn_buf, sizeof(tn_buf), reg->s.var_off);
				return sim_reject(env, -EACCES,
						  "invalid variable-offset %s stack R%d var_off=%s off=%d size=%d\n",
						  write ? "write to" : "read from", regno, tn_buf, 0,
						  access_size);
			}
		}
		if (sim_grow_stack(env, f, (int)-lo))
			return sim_bug(env, "out of memory");
		for (int64_t o = lo; o < hi; o++) {
			int slot = (int)(-o - 1), spi = slot / SIM_REG_SIZE;
			uint8_t t = f->stack[spi].type[slot % SIM_REG_SIZE];

			/* no scratch mark: check_stack_range_initialized() sets
			 * none (raw-mode writes do, scratch_raw_mem()) */
			/* dynptr, iterator and IRQ flag bytes are neither data
			 * nor a spilled register. A helper filling uninitialised
			 * memory (raw_mode) writes them byte by byte after the
			 * call, which destroys the object (scrub_special_slot();
			 * its reference, if any, then leaks); anything else is
			 * "invalid read". The simulator does not tell raw_mode
			 * from other helper writes: treating every write as
			 * raw_mode still rejects such a program, at the leak. */
			if (write && !sim_slot_is_spill(&f->stack[spi]) &&
			    (t == STACK_DYNPTR || t == STACK_ITER || t == STACK_IRQ_FLAG)) {
				sim_reg_mark_not_init(&f->stack[spi].spilled);
				for (int j = 0; j < SIM_REG_SIZE; j++)
					if (f->stack[spi].type[j] != STACK_INVALID &&
					    f->stack[spi].type[j] != STACK_POISON)
						f->stack[spi].type[j] = STACK_MISC;
			} else if (!sim_slot_is_spill(&f->stack[spi]) &&
			    (t == STACK_DYNPTR || t == STACK_ITER || t == STACK_IRQ_FLAG)) {
				char tn[48];

				if (sim_reg_is_const(reg))
					return sim_reject(env, -EACCES,
							  "invalid read from stack R%d off %d+%d size %d\n",
							  regno, (int)lo, (int)(o - lo), access_size);
				tnum_strn(tn, sizeof(tn), reg->s.var_off);
				return sim_reject(env, -EACCES,
						  "invalid read from stack R%d var_off %s+%d size %d\n", regno,
						  tn, (int)(o - lo), access_size);
			}
			if (write) {
				if (sim_slot_is_spill(&f->stack[spi])) {
					/* check_helper_call()'s raw-mode byte writes:
					 * check_stack_write_fixed_off() records it */
					if (env->insns[env->insn_idx].code == (BPF_JMP | BPF_CALL) &&
					    env->insns[env->insn_idx].src_reg == 0)
						sim_diag_record_scrub_write(env, &f->stack[spi].spilled);
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
	case PTR_TO_BTF_ID:
		/* check_helper_mem_access(): the access through the helper is
		 * checked as a load / store of the object (check_ptr_to_btf_access()) */
		return sim_check_ptr_to_btf_access(env, regno, 0, access_size, write, -1);
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
	int err;

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
	err = sim_check_helper_mem_access(env, mem_regno, (int)sim_scalar_umax(&size_reg->s), write,
					  zero_size_allowed);
	if (err)
		return err;
	/* mark_arg_precision(): the access was judged on the size's bounds */
	return sim_mark_chain_precision(env, size_regno);
}

struct call_meta {
	const struct sim_map_view *map;
	int func_id;
	int release_regno;
	uint32_t ref_obj_id;      /* meta->ref_obj.id: the referenced argument */
	int ref_obj_cnt;
	bool const_size_found;
	uint64_t const_size;      /* ARG_CONST_ALLOC_SIZE_OR_ZERO */
	int64_t const_map_key;    /* -1: not a known constant */
	const struct btf *ret_btf; /* ARG_PTR_TO_PERCPU_BTF_ID: the pointee */
	uint32_t ret_btf_id;
	int subprogno;            /* ARG_PTR_TO_FUNC: the callback */
	bool getsockopt;          /* BPF_CGROUP_GETSOCKOPT: any retval */
	const int *arg_size;      /* the prototype's MEM_FIXED_SIZE sizes */
	uint64_t msize_max_value; /* umax of the last size argument */
	struct sim_dynptr_desc dynptr; /* meta->dynptr (dynptr.c) */
};

/* mirrors can_elide_value_nullness() */
static bool can_elide_value_nullness(const struct sim_map_view *m)
{
	if (m->map && (m->map->map_flags & BPF_F_INNER_MAP))
		return false;
	return m->type == BPF_MAP_TYPE_ARRAY || m->type == BPF_MAP_TYPE_PERCPU_ARRAY;
}

/* mirrors get_constant_map_key() (a privileged loader): the key on the
 * stack as STACK_ZERO bytes or a spilled constant of the key's size; -1
 * when not known. A spilled constant key is marked precise. */
static int64_t constant_map_key(struct sim_env *env, const struct sim_reg *key, int key_size)
{
	const struct sim_func *f;
	const struct sim_stack_slot *slot;
	int stack_off, sl, spi, off, zero = 0, spill = 0;

	if (key->type != PTR_TO_STACK || !sim_reg_is_const(key))
		return -1;
	f = env->cur->frame[key->frameno];
	stack_off = (int)(int64_t)key->s.var_off.value;
	sl = -stack_off - 1;
	spi = sl / SIM_REG_SIZE;
	off = sl % SIM_REG_SIZE;
	if (sl < 0 || spi >= f->allocated_stack / SIM_REG_SIZE)
		return -1;
	slot = &f->stack[spi];
	for (int i = off; i >= 0 && slot->type[i] == STACK_ZERO; i--)
		zero++;
	if (zero >= key_size)
		return 0;
	if (!sim_slot_is_spilled_scalar(slot))
		return -1;
	for (int i = off; i >= 0 && slot->type[i] == STACK_SPILL; i--)
		spill++;
	if (spill != key_size || !sim_reg_is_const(&slot->spilled))
		return -1;
	/* the verdict now relies on that constant: precise, so pruning keeps it */
	sim_bt_set_frame_slot(&env->bt, key->frameno, (uint32_t)spi);
	if (sim_mark_chain_precision_batch(env, env->cur) < 0)
		return -1;
	return (int64_t)slot->spilled.s.var_off.value;
}

/* mirrors may_access_direct_pkt_data() with a helper prototype: packet
 * pointers reach only helpers marked pkt_access, in the program types with
 * direct packet access (any helper in cgroup sockopt programs) */
static bool helper_may_access_pkt(const struct sim_env *env, int func_id)
{
	const struct sim_helper_proto *fn = sim_helper_proto(func_id);

	if (env->p->prog_type == BPF_PROG_TYPE_CGROUP_SOCKOPT)
		return true;
	return sim_may_access_direct_pkt_data(env->p->prog_type, false) && fn && fn->pkt_access;
}

/* mirrors resolve_map_arg_type(): a sockmap/sockhash "value" is a socket,
 * a bloom filter's peek reads the value */
static int resolve_map_arg_type(struct sim_env *env, const struct call_meta *meta,
				uint32_t *arg_type)
{
	if (!meta->map)
		return sim_bug(env, "invalid map_ptr to access map->type");
	switch (meta->map->type) {
	case BPF_MAP_TYPE_SOCKMAP:
	case BPF_MAP_TYPE_SOCKHASH:
		if (*arg_type != ARG_PTR_TO_MAP_VALUE)
			return sim_reject(env, -EINVAL, "invalid arg_type for sockmap/sockhash\n");
		*arg_type = ARG_PTR_TO_BTF_ID_SOCK_COMMON;
		break;
	case BPF_MAP_TYPE_BLOOM_FILTER:
		if (meta->func_id == BPF_FUNC_map_peek_elem)
			*arg_type = ARG_PTR_TO_MAP_VALUE;
		break;
	default:
		break;
	}
	return 0;
}

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
	/* exactly ARG_ANYTHING: ARG_SCALAR is type-checked below */
	if (arg_type == ARG_ANYTHING)
		return 0;
	if (sim_reg_is_pkt_pointer(reg) && !helper_may_access_pkt(env, meta->func_id))
		return sim_reject(env, -EACCES, "helper access to the packet is not allowed\n");
	if (base == ARG_PTR_TO_MAP_VALUE) {
		err = resolve_map_arg_type(env, meta, &arg_type);
		if (err)
			return err;
		base = arg_type & SIM_BASE_TYPE_MASK;
	}
	if (base == ARG_CONST_SIZE || base == ARG_CONST_SIZE_OR_ZERO)
		return check_mem_size_reg(env, regno, base == ARG_CONST_SIZE_OR_ZERO,
					  !(arg_type & MEM_RDONLY) && 0);
	/* a NULL register skips the type checks; the verdict relies on its
	 * value, so it is made precise */
	if ((arg_type & PTR_MAYBE_NULL) && sim_reg_is_null(reg))
		return sim_mark_chain_precision(env, regno);
	err = check_reg_type(env, regno, arg_type, meta->func_id);
	if (err)
		return err;
	/* check_func_arg_reg_off(): release arguments at offset 0; socket
	 * and ring buffer pointers unmodified */
	if ((arg_type & OBJ_RELEASE) && !(base == ARG_PTR_TO_DYNPTR && reg->type == PTR_TO_STACK) &&
	    (!sim_reg_is_const(reg) || reg->s.var_off.value))
		return sim_reject(env, -EINVAL,
				  "R%d must have zero offset when passed to release func or trusted arg to kfunc\n",
				  regno);
	err = sim_helper_arg_reg_off(env, reg, regno, arg_type);
	if (err)
		return err;
	/* the release argument must hold a reference */
	if ((arg_type & OBJ_RELEASE) && base != ARG_PTR_TO_DYNPTR &&
	    !sim_reg_is_referenced(env, reg) && !sim_reg_is_null(reg))
		return sim_diag_call_arg_err(env, sim_reject(env, -EINVAL,
				  "release helper %s expects referenced PTR_TO_BTF_ID passed to R%d\n",
				  sim_helper_name(meta->func_id), regno),
					     regno, sim_helper_name(meta->func_id),
					     "Pass the resource-owning pointer returned by the matching acquire helper, and avoid calling the release helper after ownership has already been transferred or released.",
					     "%s", "release helpers require a value that owns a live resource returned by a matching acquire helper");
	/* update_ref_obj() */
	if (sim_reg_is_referenced(env, reg)) {
		meta->ref_obj_id = reg->id;
		meta->ref_obj_cnt++;
	}
	if (arg_type & OBJ_RELEASE)
		meta->release_regno = regno;
	switch (base) {
	case ARG_CONST_MAP_PTR:
		/* process_map_ptr_arg() (async_cb.c) */
		return sim_process_map_ptr_arg(env, regno, &meta->map);
	case ARG_PTR_TO_TIMER:
		/* process_timer_func() (async_cb.c) */
		return sim_process_timer_func(env, regno, &meta->map);
	case ARG_PTR_TO_MAP_KEY:
		if (!meta->map)
			return sim_bug(env, "invalid map_ptr to access map->key");
		err = sim_check_helper_mem_access(env, regno, (int)meta->map->key_size, false, false);
		if (err)
			return err;
		meta->const_map_key = -1;
		if (can_elide_value_nullness(meta->map))
			meta->const_map_key = constant_map_key(env, reg, (int)meta->map->key_size);
		return 0;
	case ARG_PTR_TO_MAP_VALUE:
		if (!meta->map)
			return sim_bug(env, "invalid map_ptr to access map->value");
		return sim_check_helper_mem_access(env, regno, (int)meta->map->value_size,
						   (arg_type & MEM_WRITE) != 0, false);
	case ARG_PTR_TO_MEM:
		/* the size comes with the next argument (check_mem_size_reg),
		 * or with the prototype (MEM_FIXED_SIZE: check_mem_reg()) */
		if (!(arg_type & MEM_FIXED_SIZE))
			return 0;
		if (sim_reg_is_null(reg))
			return 0;
		err = sim_check_helper_mem_access(env, regno, meta->arg_size[arg],
						  (arg_type & MEM_WRITE) != 0, true);
		if (err)
			return err;
		if (arg_type & MEM_ALIGNED)
			return sim_helper_arg_aligned(env, reg, 0, meta->arg_size[arg]);
		return 0;
	case ARG_PTR_TO_CONST_STR:
		return sim_helper_arg_const_str(env, regno);
	case ARG_PTR_TO_CTX:
		/* the offset rules: sim_helper_arg_reg_off() above */
		return 0;
	case ARG_PTR_TO_PERCPU_BTF_ID:
		if (!reg->btf_id)
			return sim_reject(env, -EACCES, "Helper has invalid btf_id in R%d\n", regno);
		meta->ret_btf = reg->btf;
		meta->ret_btf_id = reg->btf_id;
		return 0;
	case ARG_PTR_TO_FUNC:
		meta->subprogno = (int)reg->subprogno;
		return 0;
	case ARG_PTR_TO_DYNPTR:
		return sim_process_dynptr_func(env, regno, env->insn_idx, sim_helper_name(meta->func_id),
					       arg_type, meta->ref_obj_id, meta->ref_obj_cnt,
					       &meta->dynptr);
	case ARG_SCALAR:
	case ARG_PTR_TO_STACK:
	case ARG_PTR_TO_SOCK_COMMON:
	case ARG_PTR_TO_BTF_ID_SOCK_COMMON:
	case ARG_PTR_TO_SOCKET:
	case ARG_PTR_TO_RINGBUF_MEM:
	case ARG_PTR_TO_BTF_ID:
		return 0;
	case ARG_CONST_ALLOC_SIZE_OR_ZERO:
		/* mirrors the ARG_CONST_ALLOC_SIZE_OR_ZERO case */
		/* process_const_alloc_mem_size() */
		if (!sim_reg_is_const(reg))
			return sim_reject(env, -EINVAL, "R%d is not a const\n", regno);
		if (reg->s.var_off.value > UINT32_MAX)
			return sim_reject(env, -EINVAL, "R%d allocation size exceeds u32 max\n", regno);
		/* the size is relied on: precise */
		err = sim_mark_chain_precision(env, regno);
		if (err)
			return err;
		meta->const_size_found = true;
		meta->const_size = reg->s.var_off.value;
		return 0;
	default:
		return sim_unsupported(env, "helper argument type %u", base);
	}
}

/* mirrors bpf_is_kfunc_pkt_changing() */
bool sim_kfunc_changes_pkt_data(const char *name)
{
	return name && !strcmp(name, "bpf_xdp_pull_data");
}

/* mirrors clear_all_pkt_pointers() after a helper or kfunc that changes
 * packet data */
void sim_clear_all_pkt_pointers(struct sim_state *st)
{
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			struct sim_reg *r = sim_func_walk_reg(f, k);

			if (!r)
				continue;
			/* reg_is_dynptr_slice_pkt(): slices of skb/xdp dynptrs */
			if (sim_reg_is_pkt_pointer(r) || r->type == PTR_TO_PACKET_END ||
			    (sim_base_type(r->type) == PTR_TO_MEM &&
			     (r->type & (DYNPTR_TYPE_SKB | DYNPTR_TYPE_XDP | DYNPTR_TYPE_SKB_META))))
				sim_reg_mark_unknown(r);
		}
	}
}

/* bpf_spin_lock / bpf_spin_unlock: ARG_PTR_TO_SPIN_LOCK (a map value or an
 * allocated object) handed to process_spin_lock() (locks.c) */
static int check_spin_lock_call(struct sim_env *env, int func_id, const char *name)
{
	struct sim_reg *regs = sim_cur_regs(env);
	int err;

	err = sim_check_reg_arg(env, 1, SIM_SRC_OP);
	if (err)
		return err;
	if (regs[1].type != PTR_TO_MAP_VALUE && regs[1].type != (PTR_TO_BTF_ID | MEM_ALLOC)) {
		char tb[96], t1[96], t2[96];

		return sim_reject(env, -EACCES, "R1 type=%s expected=%s, %s\n",
				  sim_reg_type_str(regs[1].type, tb, sizeof(tb)),
				  sim_reg_type_str(PTR_TO_MAP_VALUE, t1, sizeof(t1)),
				  sim_reg_type_str(PTR_TO_BTF_ID | MEM_ALLOC, t2, sizeof(t2)));
	}
	/* check_func_arg(), ARG_PTR_TO_SPIN_LOCK */
	if (sim_in_rbtree_lock_required_cb(env))
		return sim_reject(env, -EACCES, "can't spin_{lock,unlock} in rbtree cb\n");
	err = sim_process_spin_lock(env, 1,
				    func_id == BPF_FUNC_spin_lock ? SIM_PROCESS_SPIN_LOCK : 0, name);
	if (err)
		return err;
	for (int i = 1; i <= 5; i++) {
		sim_reg_mark_not_init(&regs[i]);
		sim_mark_reg_scratched(env, i);
	}
	sim_reg_mark_not_init(&regs[0]);
	return 0;
}

void sim_map_in_map_non_null(struct sim_env *env, struct sim_state *st)
{
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			struct sim_reg *r = sim_func_walk_reg(f, k);
			int inner;

			if (!r)
				continue;
			/* views of this program only: their indexes are the
			 * object's map indexes */
			if (r->type != PTR_TO_MAP_VALUE || !r->map || !r->map->map ||
			    r->map < env->p->maps || r->map >= env->p->maps + env->p->map_cnt)
				continue;
			inner = r->map->map->inner_map;
			if (inner < 0 || inner >= env->p->map_cnt)
				continue;
			r->type = CONST_PTR_TO_MAP;
			r->map = &env->p->maps[inner];
		}
	}
}

/* mirrors is_acquire_function() (kptr_xchg is checked on its own path) */
static bool is_acquire_function(int func_id, const struct sim_map_view *map)
{
	uint32_t map_type = map ? map->type : BPF_MAP_TYPE_UNSPEC;

	if (func_id == BPF_FUNC_sk_lookup_tcp || func_id == BPF_FUNC_sk_lookup_udp ||
	    func_id == BPF_FUNC_skc_lookup_tcp || func_id == BPF_FUNC_ringbuf_reserve ||
	    func_id == BPF_FUNC_kptr_xchg)
		return true;
	return func_id == BPF_FUNC_map_lookup_elem &&
	       (map_type == BPF_MAP_TYPE_SOCKMAP || map_type == BPF_MAP_TYPE_SOCKHASH);
}

/* mirrors is_ptr_cast_function() */
bool sim_is_ptr_cast_function(int func_id)
{
	return func_id == BPF_FUNC_tcp_sock || func_id == BPF_FUNC_sk_fullsock ||
	       func_id == BPF_FUNC_skc_to_tcp_sock || func_id == BPF_FUNC_skc_to_tcp6_sock ||
	       func_id == BPF_FUNC_skc_to_udp6_sock || func_id == BPF_FUNC_skc_to_mptcp_sock ||
	       func_id == BPF_FUNC_skc_to_tcp_timewait_sock ||
	       func_id == BPF_FUNC_skc_to_tcp_request_sock;
}

/* mirrors the BPF_FUNC_loop case of check_helper_call(): the callback is
 * explored (push_callback_call() with set_loop_callback_state(),
 * callbacks_core.c) while the callback depth is below the largest loop
 * count R1 may hold; R1 is precise because that count decides it. */
/* mirrors loop_flag_is_zero(): 1 when R4 is 0, which is then relied on
 * (the call may be inlined) and precise */
static int loop_flag_is_zero(struct sim_env *env)
{
	const struct sim_reg *r4 = &sim_cur_regs(env)[4];
	int err;

	if (r4->type != SCALAR_VALUE || !tnum_equals_const(r4->s.var_off, 0))
		return 0;
	err = sim_mark_chain_precision(env, 4);
	return err ? err : 1;
}

/* mirrors update_loop_inline_state(): a bpf_loop call stays fit for
 * inlining while every visit passes flags 0 and the same callback */
static int update_loop_inline_state(struct sim_env *env, int subprog)
{
	struct sim_loop_inline *st;
	int zero;

	if (!env->loop_inline) {
		env->loop_inline = calloc((size_t)env->insn_cnt, sizeof(*env->loop_inline));
		if (!env->loop_inline)
			return sim_bug(env, "out of memory");
	}
	st = &env->loop_inline[env->insn_idx];
	if (st->initialized && !st->fit_for_inline)
		return 0;
	zero = loop_flag_is_zero(env);
	if (zero < 0)
		return zero;
	if (!st->initialized) {
		st->initialized = true;
		st->fit_for_inline = zero;
		st->callback_subprog = subprog;
		return 0;
	}
	st->fit_for_inline = zero && st->callback_subprog == subprog;
	return 0;
}

static int check_loop_call(struct sim_env *env, int subprog)
{
	struct sim_func *caller = sim_cur_frame(env->cur);
	int err = update_loop_inline_state(env, subprog);

	if (!err)   /* the iteration count decides when the loop ends */
		err = sim_mark_chain_precision(env, 1);
	if (err)
		return err;
	if (caller->callback_depth < sim_scalar_umax(&sim_cur_regs(env)[1].s)) {
		err = sim_push_helper_callback(env, BPF_FUNC_loop, subprog);
		if (err)
			return err;
		/* push_callback_call(): the caller counts afresh */
		caller->callback_depth = 0;
		return 0;
	}
	caller->callback_depth = 0;
	if (env->log_level >= 2 && sim_logging(env))
		sim_verbose(env, "frame%d bpf_loop iteration limit reached\n", env->cur->curframe);
	return 0;
}

/* mirrors the BPF_FUNC_set_retval case of check_helper_call(): R1 a
 * scalar whose 32-bit bounds lie in [-MAX_ERRNO, 0] (getsockopt may
 * set anything) */
static int check_set_retval_call(struct sim_env *env)
{
	const struct sim_reg *r1 = &sim_cur_regs(env)[1];
	char line[256];
	int err, len;

	if (r1->type != SCALAR_VALUE)
		return sim_reject(env, -EINVAL, "R1 is not a scalar\n");
	if (env->p->prog_type == BPF_PROG_TYPE_CGROUP_SOCKOPT &&
	    env->p->expected_attach_type == BPF_CGROUP_GETSOCKOPT)
		return 0;
	/* bpf_lsm_get_retval_range() of a BPF_LSM_CGROUP hook */
	if (env->p->prog_type == BPF_PROG_TYPE_LSM)
		return sim_unsupported(env, "helper bpf_set_retval in an LSM program");
	err = sim_mark_chain_precision(env, 1);
	if (err)
		return err;
	/* retval_range_within(), return_32bit */
	if (sim_scalar_s32_min(&r1->s) >= -4095 && sim_scalar_s32_max(&r1->s) <= 0)
		return 0;
	/* verbose_invalid_scalar() prints the 64-bit bounds */
	len = snprintf(line, sizeof(line), "At bpf_set_retval the register R1 has");
	if (sim_scalar_smin(&r1->s) > INT64_MIN)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " smin=%lld",
				(long long)sim_scalar_smin(&r1->s));
	if (sim_scalar_smax(&r1->s) < INT64_MAX)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " smax=%lld",
				(long long)sim_scalar_smax(&r1->s));
	if (sim_scalar_smin(&r1->s) == INT64_MIN && sim_scalar_smax(&r1->s) == INT64_MAX)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " unknown scalar value");
	return sim_reject(env, -EINVAL, "%s should have been in [%d, %d]\n", line, -4095, 0);
}

/* the parts of the prog types' get_func_proto() and of fn->allowed() that
 * tell flavours of one helper apart: d_path's attach-point allowlist
 * (bpf_d_path_allowed()), and the flavours not modelled */
static int helper_flavour_check(struct sim_env *env, int func_id)
{
	static const char *const d_path_allowlist[] = {
		"security_file_permission", "security_inode_getattr", "security_file_open",
		"security_path_truncate", "vfs_truncate", "vfs_fallocate", "dentry_open",
		"vfs_getattr", "filp_close",
	};
	uint32_t type = env->p->prog_type;
	const char *name = sim_helper_name(func_id);

	if (func_id == BPF_FUNC_get_socket_cookie &&
	    (type == BPF_PROG_TYPE_TRACING || type == BPF_PROG_TYPE_LSM ||
	     type == BPF_PROG_TYPE_SYSCALL || type == BPF_PROG_TYPE_SK_REUSEPORT))
		return sim_unsupported(env, "unsupported helper %s#%d (socket flavour)", name, func_id);
	/* set/getsockopt: sock_filter_func_proto() offers them at socket
	 * creation only, sock_addr_func_proto() at all but the unix
	 * getpeername/getsockname hooks */
	if ((func_id == BPF_FUNC_setsockopt || func_id == BPF_FUNC_getsockopt) &&
	    ((type == BPF_PROG_TYPE_CGROUP_SOCK &&
	      env->p->expected_attach_type != BPF_CGROUP_INET_SOCK_CREATE) ||
	     (type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR &&
	      (env->p->expected_attach_type == BPF_CGROUP_UNIX_GETPEERNAME ||
	       env->p->expected_attach_type == BPF_CGROUP_UNIX_GETSOCKNAME))))
		return sim_diag_policy(env, sim_reject(env, -EINVAL, "program of this type cannot use helper %s#%d\n",
				  name, func_id),
				       "this program type does not allow the helper",
				       "Use a helper allowed for this program type, or move the logic to a compatible program type.",
				       "helper %s#%d", name, func_id);
	/* tracing_prog_func_proto(): bpf_seq_write_proto for bpf_iter only */
	if (func_id == BPF_FUNC_seq_write && env->p->expected_attach_type != BPF_TRACE_ITER)
		return sim_diag_policy(env, sim_reject(env, -EINVAL, "program of this type cannot use helper %s#%d\n",
				  name, func_id),
				       "this program type does not allow the helper",
				       "Use a helper allowed for this program type, or move the logic to a compatible program type.",
				       "helper %s#%d", name, func_id);
	/* cgroup_common_func_proto(): no retval at these attach points;
	 * bpf_lsm_func_proto() asks it only for BPF_LSM_CGROUP */
	if (func_id == BPF_FUNC_get_retval || func_id == BPF_FUNC_set_retval) {
		uint32_t at = env->p->expected_attach_type;
		bool no_retval = at == BPF_CGROUP_INET_INGRESS || at == BPF_CGROUP_INET_EGRESS ||
				 at == BPF_CGROUP_SOCK_OPS || sim_sock_addr_getter(at);

		if (!no_retval && type != BPF_PROG_TYPE_LSM)
			return 0;
		/* bpf_lsm_get_retval_range() is not modelled */
		if (!no_retval && at == BPF_LSM_CGROUP)
			return sim_unsupported(env, "helper %s#%d in an LSM program", name, func_id);
		return sim_diag_policy(env, sim_reject(env, -EINVAL, "program of this type cannot use helper %s#%d\n",
				  name, func_id),
				       "this program type does not allow the helper",
				       "Use a helper allowed for this program type, or move the logic to a compatible program type.",
				       "helper %s#%d", name, func_id);
	}
	if (func_id == BPF_FUNC_d_path) {
		const struct btf_type *t;
		const char *fn;

		if (type == BPF_PROG_TYPE_TRACING && env->p->expected_attach_type == BPF_TRACE_ITER)
			return 0;
		if (type == BPF_PROG_TYPE_LSM)   /* bpf_lsm_is_sleepable_hook() */
			return sim_unsupported(env, "helper %s#%d in an LSM program", name, func_id);
		t = env->p->vmlinux_btf && env->p->attach_btf_id
			    ? btf__type_by_id(env->p->vmlinux_btf, env->p->attach_btf_id)
			    : NULL;
		fn = t ? btf__name_by_offset(env->p->vmlinux_btf, t->name_off) : NULL;
		for (size_t i = 0; fn && i < sizeof(d_path_allowlist) / sizeof(d_path_allowlist[0]); i++)
			if (!strcmp(fn, d_path_allowlist[i]))
				return 0;
		return sim_diag_policy(env, sim_reject(env, -EINVAL, "helper call is not allowed in probe\n"),
				       "the helper-specific policy callback rejected this program",
				       "Use the helper only from an allowed attach point or program configuration.",
				       "helper %s#%d", sim_helper_name(func_id), func_id);
	}
	return 0;
}

/* mirrors record_func_map(): the map helpers need their map, and a map
 * the program may only read cannot be changed through them */
static int record_func_map(struct sim_env *env, const struct call_meta *meta)
{
	int f = meta->func_id;

	if (f != BPF_FUNC_tail_call && f != BPF_FUNC_map_lookup_elem &&
	    f != BPF_FUNC_map_update_elem && f != BPF_FUNC_map_delete_elem &&
	    f != BPF_FUNC_map_push_elem && f != BPF_FUNC_map_pop_elem &&
	    f != BPF_FUNC_map_peek_elem && f != BPF_FUNC_for_each_map_elem &&
	    f != BPF_FUNC_redirect_map && f != BPF_FUNC_map_lookup_percpu_elem)
		return 0;
	if (!meta->map)
		return sim_bug(env, "expected map for helper call");
	if (meta->map->map && (meta->map->map->map_flags & BPF_F_RDONLY_PROG) &&
	    (f == BPF_FUNC_map_delete_elem || f == BPF_FUNC_map_update_elem ||
	     f == BPF_FUNC_map_push_elem || f == BPF_FUNC_map_pop_elem))
		return sim_reject(env, -EACCES, "write into map forbidden\n");
	return 0;
}

/* mirrors do_refine_retval_range(): the helpers whose integer result is
 * bounded by their size argument (-MAX_ERRNO .. size), and the CPU number,
 * bounded by the machine's CPU count (the lab VM's by default) */
static void refine_retval_range(struct sim_env *env, struct sim_reg *r0, uint32_t ret_type,
				int func_id, const struct call_meta *meta)
{
	if (ret_type != RET_INTEGER)
		return;
	switch (func_id) {
	case BPF_FUNC_get_stack:
	case BPF_FUNC_get_task_stack:
	case BPF_FUNC_probe_read_str:
	case BPF_FUNC_probe_read_kernel_str:
	case BPF_FUNC_probe_read_user_str:
		sim_scalar_set_srange64(&r0->s, -4095, (int64_t)meta->msize_max_value);
		sim_scalar_set_srange32(&r0->s, -4095, (int32_t)meta->msize_max_value);
		sim_scalar_sync(&r0->s);
		break;
	case BPF_FUNC_get_smp_processor_id:
		sim_scalar_set_urange64(&r0->s, 0, env->nr_cpu_ids - 1);
		sim_scalar_set_urange32(&r0->s, 0, env->nr_cpu_ids - 1);
		sim_scalar_sync(&r0->s);
		break;
	/* -MAX_ERRNO .. 0, but for getsockopt (anything) and BPF_LSM_CGROUP
	 * (not modelled: helper_flavour_check() refuses LSM) */
	case BPF_FUNC_get_retval:
		if (meta->getsockopt)
			break;
		sim_scalar_set_srange64(&r0->s, -4095, 0);
		sim_scalar_set_srange32(&r0->s, -4095, 0);
		sim_scalar_sync(&r0->s);
		break;
	default:
		break;
	}
}

/* The raw-mode writes of check_helper_call(): a MEM_UNINIT stack buffer
 * of constant offset and size is written byte by byte through
 * check_mem_access(), whose stack write marks the slots scratched, so the
 * log shows them after the call (the slot types themselves were set by
 * sim_check_helper_mem_access()). Log only. */
static void scratch_raw_mem(struct sim_env *env, const struct sim_helper_proto *fn,
			    const struct call_meta *meta)
{
	const struct sim_reg *regs = sim_cur_regs(env);

	for (int i = 0; i < 5; i++) {
		uint32_t t = fn->arg_type[i], base = t & SIM_BASE_TYPE_MASK;
		const struct sim_reg *reg = &regs[i + 1];
		int64_t lo, size;

		if (!(t & MEM_UNINIT) || (base != ARG_PTR_TO_MEM && base != ARG_PTR_TO_MAP_VALUE))
			continue;
		if (reg->type != PTR_TO_STACK || !sim_reg_is_const(reg))
			continue;
		if (t & MEM_FIXED_SIZE)
			size = fn->arg_size[i];
		else if (base == ARG_PTR_TO_MAP_VALUE)
			size = meta->map ? meta->map->value_size : 0;
		else if (i + 1 < 5 && regs[i + 2].type == SCALAR_VALUE && sim_reg_is_const(&regs[i + 2]))
			size = (int64_t)regs[i + 2].s.var_off.value;
		else
			continue;   /* check_mem_size_reg(): variable size, no raw mode */
		lo = sim_scalar_smin(&reg->s);
		for (int64_t o = lo; o < lo + size && o < 0 && o >= -SIM_MAX_STACK; o++)
			sim_mark_stack_scratched(env, (int)((-o - 1) / SIM_REG_SIZE));
	}
}

/* mirrors check_helper_call() */
/* the end of check_helper_call() for bpf_tail_call in a subprogram (7.3):
 * a taken tail call returns from the current frame with R0 unknown and the
 * packet pointers gone; the failed one continues after the call as a
 * pushed branch, packet pointers intact */
static int tail_call_in_subprog(struct sim_env *env)
{
	struct sim_state *branch;
	int err;

	if (sim_cur_frame(env->cur)->in_callback_fn)
		return sim_reject(env, -EINVAL, "cannot tail call within callback\n");
	sim_mark_reg_scratched(env, 0);
	branch = sim_push_stack(env, env->insn_idx + 1, env->insn_idx);
	if (!branch)
		return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
	sim_diag_record_pkt_change(env);
	sim_clear_all_pkt_pointers(env->cur);
	sim_mark_reg_unknown(env, sim_cur_regs(env), 0);
	err = sim_prepare_func_exit(env);
	if (err)
		return err;
	/* prepare_func_exit() set the caller's next instruction */
	return SIM_IDX_UPDATED;
}

/* libbpf's poison call for a CO-RE relocation it could not resolve
 * (relo_core.c: 0xbad2310, "bad relo") */
#define CORE_POISON_CALL 195896080

/* The kernel refuses the poisoned call ("invalid func unknown#195896080");
 * libbpf's fixup_log_failed_core_relo() then rewrites the instruction line
 * and that error in the log it hands back. The simulator writes the log as
 * the loader sees it. */
static int reject_poisoned_core_call(struct sim_env *env, const char *spec)
{
	size_t line_start = env->prev_log_pos - env->prev_insn_print_pos;

	if (sim_logging(env) && env->prev_insn_print_pos && line_start <= env->log.len) {
		env->log.len = line_start;
		if (env->log.buf)
			env->log.buf[line_start] = '\0';
		sim_verbose(env, "%d: <invalid CO-RE relocation>\n", env->insn_idx);
	}
	return sim_reject(env, -EINVAL, "failed to resolve CO-RE relocation %s\n", spec);
}

int sim_check_helper_call(struct sim_env *env, const struct bpf_insn *insn)
{
	int func_id = insn->imm;
	const struct sim_helper_proto *fn = sim_helper_proto(func_id);
	const char *name = sim_helper_name(func_id);
	struct sim_reg *regs = sim_cur_regs(env);
	struct call_meta meta = { .const_map_key = -1 };
	int err;

	/* check_helper_call(): func_id outside [0, __BPF_FUNC_MAX_ID) */
	if (!name || func_id <= 0 || func_id >= __BPF_FUNC_MAX_ID) {
		const struct sim_insn_reloc *r =
			env->p->relocs ? &env->p->relocs[env->insn_idx] : NULL;

		if (func_id == CORE_POISON_CALL && r && r->core_spec)
			return reject_poisoned_core_call(env, r->core_spec);
		return sim_reject(env, -EINVAL, "invalid func %s#%d\n", "unknown", func_id);
	}
	if (!fn)
		return sim_unsupported(env, "unsupported helper %s#%d", name, func_id);
	if (!sim_helper_allowed(func_id, env->p->prog_type))
		return sim_diag_policy(env, sim_reject(env, -EINVAL, "program of this type cannot use helper %s#%d\n",
				  name, func_id),
				       "this program type does not allow the helper",
				       "Use a helper allowed for this program type, or move the logic to a compatible program type.",
				       "helper %s#%d", name, func_id);
	if (func_id == BPF_FUNC_spin_lock || func_id == BPF_FUNC_spin_unlock)
		return check_spin_lock_call(env, func_id, name);
	if (func_id == BPF_FUNC_kptr_xchg)
		return sim_check_kptr_xchg(env);
	err = helper_flavour_check(env, func_id);
	if (err)
		return err;
	/* in_sleepable_context(); kprobe_prog_func_proto() gives sleepable
	 * programs bpf_get_stack_sleepable_proto, which might sleep */
	if ((fn->might_sleep || (func_id == BPF_FUNC_get_stack && env->p->sleepable &&
				 env->p->prog_type == BPF_PROG_TYPE_KPROBE) ||
	     /* bpf_base_func_proto(): bpf_get_task_stack_sleepable_proto */
	     (func_id == BPF_FUNC_get_task_stack && env->p->sleepable)) &&
	    sim_in_rcu_cs(env)) {
		const struct sim_state *st = env->cur;

		return sim_diag_ctx_forbidden(env, sim_reject(env, -EINVAL, "sleepable helper %s#%d in %s\n", name, func_id,
				  st->active_rcu_locks      ? "rcu_read_lock region"
				  : st->active_preempt_locks ? "non-preemptible region"
				  : st->active_irq_id        ? "IRQ-disabled region"
				  : st->active_locks         ? "lock region"
							     : "non-sleepable prog"),
					      "Move the helper call outside the critical section, or use a non-sleepable helper.",
					      "sleepable helper %s#%d", name, func_id);
	}
	meta.func_id = func_id;
	meta.arg_size = fn->arg_size;
	meta.getsockopt = env->p->prog_type == BPF_PROG_TYPE_CGROUP_SOCKOPT &&
			  env->p->expected_attach_type == BPF_CGROUP_GETSOCKOPT;
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
			/* check_mem_size_reg(): meta->msize_max_value */
			meta.msize_max_value = sim_scalar_umax(&regs[i + 2].s);
			err = check_mem_size_reg(env, i + 2,
						 (fn->arg_type[i + 1] & SIM_BASE_TYPE_MASK) ==
							 ARG_CONST_SIZE_OR_ZERO,
						 (fn->arg_type[i] & MEM_WRITE) != 0);
			if (err)
				return err;
			i++;
		}
	}
	err = record_func_map(env, &meta);
	scratch_raw_mem(env, fn, &meta);
	if (err)
		return err;
	/* record_func_key() */
	if (func_id == BPF_FUNC_tail_call &&
	    (!meta.map || meta.map->type != BPF_MAP_TYPE_PROG_ARRAY))
		return sim_reject(env, -EINVAL, "expected prog array map for tail call");
	if (func_id == BPF_FUNC_tail_call && regs[BPF_REG_3].type == SCALAR_VALUE &&
	    sim_reg_is_const(&regs[BPF_REG_3]) &&
	    regs[BPF_REG_3].s.var_off.value < meta.map->max_entries) {
		/* a constant in-range index lets the JIT call directly: the
		 * verdict relies on it, so it is precise */
		err = sim_mark_chain_precision(env, BPF_REG_3);
		if (err)
			return err;
	}
	if (meta.release_regno) {
		/* release_reg(): the reference and every register holding it;
		 * a dynptr's slots and what derives from it */
		if (meta.dynptr.id && !sim_reg_is_null(&regs[meta.release_regno]))
			err = sim_unmark_stack_slots_dynptr(env, &regs[meta.release_regno]);
		else
			err = sim_release_reg(env, &regs[meta.release_regno]);
		if (err)
			return err;
	}
	/* the dynptr cases of check_helper_call()'s switch (dynptr.c) */
	if (func_id == BPF_FUNC_dynptr_from_mem && regs[BPF_REG_1].type != PTR_TO_MAP_VALUE) {
		char tb[96];

		return sim_reject(env, -EACCES, "Unsupported reg type %s for bpf_dynptr_from_mem data\n",
				  sim_reg_type_str(regs[BPF_REG_1].type, tb, sizeof(tb)));
	}
	if (func_id == BPF_FUNC_dynptr_write && meta.dynptr.type == SIM_DYNPTR_TYPE_INVALID)
		return -EFAULT;
	if (func_id == BPF_FUNC_tail_call) {
		err = sim_check_resource_leak(env, false, true, "tail_call");
		if (err)
			return err;
	}
	if (func_id == BPF_FUNC_loop) {
		err = check_loop_call(env, meta.subprogno);
		if (err)
			return err;
	}
	/* push_callback_call() with set_map_elem_callback_state() /
	 * set_find_vma_callback_state() (callbacks_core.c) */
	/* push_callback_call() with push_async_cb() and
	 * set_timer_callback_state() (async_cb.c) */
	if (func_id == BPF_FUNC_timer_set_callback) {
		/* is_async_cb_sleepable(): bpf_timer callbacks never sleep */
		err = sim_push_async_callback(env, meta.subprogno, false);
		if (err)
			return err;
	}
	if (func_id == BPF_FUNC_for_each_map_elem || func_id == BPF_FUNC_find_vma ||
	    func_id == BPF_FUNC_user_ringbuf_drain) {
		err = sim_push_helper_callback(env, func_id, meta.subprogno);
		if (err)
			return err;
		sim_cur_frame(env->cur)->callback_depth = 0;
	}
	if (func_id == BPF_FUNC_set_retval) {
		err = check_set_retval_call(env);
		if (err)
			return err;
	}
	if (func_id == BPF_FUNC_snprintf) {
		err = sim_helper_snprintf_fmt(env);
		if (err)
			return err;
	}
	if (func_id == BPF_FUNC_get_local_storage) {
		/* the helper cannot fail: the flags must be 0 */
		if (!sim_reg_is_null(&regs[2]))
			return sim_reject(env, -EINVAL,
					  "get_local_storage() doesn't support non-zero flags\n");
		err = sim_mark_chain_precision(env, 2);
		if (err)
			return err;
	}

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
	case RET_PTR_TO_MAP_VALUE: {
		uint32_t flag = fn->ret_type & PTR_MAYBE_NULL;
		struct sim_record rec;

		if (!meta.map)
			return sim_bug(env, "kernel subsystem misconfigured verifier");
		/* an array element at a constant in-range key exists */
		if (func_id == BPF_FUNC_map_lookup_elem && can_elide_value_nullness(meta.map) &&
		    meta.const_map_key >= 0 && meta.const_map_key < (int64_t)meta.map->max_entries)
			flag = 0;
		sim_reg_mark_ptr(&regs[0], PTR_TO_MAP_VALUE | flag);
		regs[0].map = meta.map;
		if (flag || (sim_reg_btf_record(env, &regs[0], &rec) &&
			     (rec.field_mask & (SIM_FIELD_SPIN_LOCK | SIM_FIELD_RES_SPIN_LOCK))))
			regs[0].id = ++env->id_gen;
		/* refine_map_lookup_value(): an element of a map of maps is the
		 * inner map (map_ptr_or_null), its uid the lookup's id */
		if (meta.map->map && meta.map >= env->p->maps &&
		    meta.map < env->p->maps + env->p->map_cnt &&
		    meta.map->map->inner_map >= 0 && meta.map->map->inner_map < env->p->map_cnt) {
			regs[0].type = CONST_PTR_TO_MAP | flag;
			regs[0].map = &env->p->maps[meta.map->map->inner_map];
			regs[0].map_uid = regs[0].id;
		} else if (meta.map->type == BPF_MAP_TYPE_XSKMAP) {
			regs[0].type = PTR_TO_XDP_SOCK | flag;
			regs[0].map_uid = 0;
		} else if (meta.map->type == BPF_MAP_TYPE_SOCKMAP ||
			   meta.map->type == BPF_MAP_TYPE_SOCKHASH) {
			regs[0].type = PTR_TO_SOCKET | flag;
			regs[0].map_uid = 0;
		}
		break;
	}
	case RET_PTR_TO_SOCKET:
	case RET_PTR_TO_SOCK_COMMON:
	case RET_PTR_TO_TCP_SOCK: {
		static const uint32_t sock_ret[] = {
			[RET_PTR_TO_SOCKET] = PTR_TO_SOCKET,
			[RET_PTR_TO_SOCK_COMMON] = PTR_TO_SOCK_COMMON,
			[RET_PTR_TO_TCP_SOCK] = PTR_TO_TCP_SOCK,
		};

		sim_reg_mark_ptr(&regs[0], sock_ret[fn->ret_type & SIM_BASE_TYPE_MASK] |
						   (fn->ret_type & PTR_MAYBE_NULL));
		break;
	}
	case RET_PTR_TO_MEM:
		/* ringbuf_reserve: MEM_RINGBUF of the constant size argument */
		if (!meta.const_size_found)
			return sim_unsupported(env, "helper return type of %s#%d", name, func_id);
		sim_reg_mark_ptr(&regs[0], PTR_TO_MEM | (fn->ret_type & ~SIM_BASE_TYPE_MASK));
		regs[0].mem_size = (uint32_t)meta.const_size;
		break;
	case RET_PTR_TO_BTF_ID: {
		/* mirrors the RET_PTR_TO_BTF_ID branch: the prototype's
		 * ret_btf_id in vmlinux BTF */
		const char *ret_struct = fn->ret_btf_id_task ? "task_struct"
					 : func_id == BPF_FUNC_skc_to_tcp_sock ? "tcp_sock"
					 : func_id == BPF_FUNC_skc_to_tcp_request_sock ? "tcp_request_sock"
					 : func_id == BPF_FUNC_task_pt_regs ? "pt_regs" : NULL;
		int tid = ret_struct && env->p->vmlinux_btf
				  ? btf__find_by_name_kind(env->p->vmlinux_btf, ret_struct, BTF_KIND_STRUCT)
				  : -1;

		if (tid <= 0)
			return sim_unsupported(env, "helper return type of %s#%d", name, func_id);
		sim_reg_mark_ptr(&regs[0], PTR_TO_BTF_ID | (fn->ret_type & (PTR_TRUSTED | PTR_MAYBE_NULL)));
		regs[0].btf = env->p->vmlinux_btf;
		regs[0].btf_id = (uint32_t)tid;
		break;
	}
	case RET_PTR_TO_MEM_OR_BTF_ID:
		err = sim_percpu_helper_ret(env, &regs[0], fn->ret_type & ~SIM_BASE_TYPE_MASK,
					    meta.ret_btf, meta.ret_btf_id);
		if (err)
			return err;
		break;
	default:
		return sim_unsupported(env, "helper return type of %s#%d", name, func_id);
	}
	if ((regs[0].type & PTR_MAYBE_NULL) && !regs[0].id)
		regs[0].id = ++env->id_gen;
	if (sim_is_ptr_cast_function(func_id) && meta.ref_obj_id &&
	    sim_state_find_ref(env->cur, (int)meta.ref_obj_id, SIM_REF_TYPE_PTR) >= 0) {
		/* the cast result shares the argument's reference id, so a
		 * release of either invalidates both; its NULL case is
		 * explored as a branch of its own */
		struct sim_state *branch = sim_push_stack(env, env->insn_idx + 1, env->insn_idx);

		if (!branch)
			return sim_bug(env, "out of memory");
		sim_reg_mark_known(&sim_cur_frame(branch)->regs[0], 0);
		regs[0].type &= ~PTR_MAYBE_NULL;
		regs[0].id = meta.ref_obj_id;
	} else if (is_acquire_function(func_id, meta.map)) {
		int id = sim_acquire_reference(env, env->insn_idx, 0);

		if (id < 0)
			return id;
		regs[0].id = (uint32_t)id;
	}
	if (func_id == BPF_FUNC_dynptr_data)
		regs[0].parent_id = meta.dynptr.id;
	refine_retval_range(env, &regs[0], fn->ret_type, func_id, &meta);
	err = sim_check_map_func_compatibility(env, meta.map, func_id);
	if (err)
		return err;
	if (func_id == BPF_FUNC_tail_call && env->cur->curframe)
		return tail_call_in_subprog(env);
	/* bpf_dynptr_write() into an skb changes packet data: its slices go */
	if (fn->changes_pkt_data ||
	    (func_id == BPF_FUNC_dynptr_write && (meta.dynptr.type == SIM_DYNPTR_TYPE_SKB ||
						  meta.dynptr.type == SIM_DYNPTR_TYPE_SKB_META)))
		sim_clear_all_pkt_pointers(env->cur);
	return 0;
}

/* What a subprogram may do, as check_cfg() marks it (visit_insn():
 * mark_subprog_might_sleep(), mark_subprog_changes_pkt_data(), merged
 * from callees by merge_callee_effects()). The simulator scans the
 * subprogram's instructions, dead ones included. */
struct subprog_effects {
	bool might_sleep;
	bool changes_pkt_data;
};

static void subprog_effects(struct sim_env *env, int subprog, int depth, struct subprog_effects *e)
{
	int start = env->p->subprogs[subprog].start;
	int end = subprog + 1 < env->p->subprog_cnt ? env->p->subprogs[subprog + 1].start
						    : env->insn_cnt;

	if (depth > SIM_MAX_FRAMES)
		return;
	for (int i = start; i < end && i < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];

		if (insn->code != (BPF_JMP | BPF_CALL))
			continue;
		if (insn->src_reg == 0) {
			const struct sim_helper_proto *fn = sim_helper_proto(insn->imm);

			e->might_sleep |= fn && fn->might_sleep;
			/* bpf_helper_changes_pkt_data() lists tail_call too */
			e->changes_pkt_data |= (fn && fn->changes_pkt_data) ||
					       insn->imm == BPF_FUNC_tail_call;
		} else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL) {
			const char *kname = sim_kfunc_call_name(env, insn);
			const struct sim_kfunc_row *row = kname ? sim_kfunc_lookup(kname) : NULL;

			e->might_sleep |= row && (row->flags & KF_SLEEPABLE);
			e->changes_pkt_data |= sim_kfunc_changes_pkt_data(kname);
		} else if (insn->src_reg == BPF_PSEUDO_CALL) {
			int callee = sim_find_subprog(env, i + insn->imm + 1);

			if (callee > 0 && callee != subprog)
				subprog_effects(env, callee, depth + 1, e);
		}
	}
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
	if (st->curframe + 1 >= SIM_MAX_FRAMES)
		return sim_reject(env, -E2BIG, "the call stack of %d frames is too deep\n",
				  st->curframe + 2);
	if (env->p->subprogs[subprog].global) {
		/* mirrors the global function branch: args checked against
		 * BTF (btf_check_subprog_call(), first, with its log lines),
		 * R0 unknown, callee verified later in this context */
		const char *name = env->p->subprogs[subprog].name;
		struct subprog_effects effects = { 0 };
		bool err_is_set = false;
		int err;

		subprog_effects(env, subprog, 0, &effects);
		err = sim_check_global_func_args(env, subprog, effects.changes_pkt_data, &err_is_set);
		if (err == -EFAULT || env->verdict == SIM_UNSUPPORTED || env->verdict == SIM_BUG)
			return err;
		if (st->active_locks) {
			/* two lines; the kernel's error line is the last,
			 * unless an argument's error line came first */
			sim_verbose(env, "global function calls are not allowed while holding a lock,\n");
			if (err_is_set) {
				sim_verbose(env, "use static function instead\n");
				return sim_diag_ctx_active(env, -EINVAL, SIM_DIAG_CTX_LOCK,
						   "Release the lock before calling the global function, or use a static function instead.",
						   "global function %s()", name);
			}
			return sim_diag_ctx_active(env, sim_reject(env, -EINVAL, "use static function instead\n"),
						   SIM_DIAG_CTX_LOCK,
						   "Release the lock before calling the global function, or use a static function instead.",
						   "global function %s()", name);
		}
		if (effects.might_sleep && sim_in_rcu_cs(env)) {
			const char *where = st->active_rcu_locks	? "rcu_read_lock region"
					    : st->active_preempt_locks ? "non-preemptible region"
					    : st->active_irq_id	? "IRQ-disabled region"
					    : st->active_locks		? "lock region"
									: "non-sleepable prog";

			if (err_is_set) {
				sim_verbose(env, "sleepable global function %s() called in %s\n", name,
					    where);
				return sim_diag_ctx_forbidden(env, -EINVAL,
						      "Move the call outside the critical section, or use a non-sleepable function.",
						      "sleepable global function %s()", name);
			}
			return sim_diag_ctx_forbidden(env, sim_reject(env, -EINVAL, "sleepable global function %s() called in %s\n",
					  name, where),
						      "Move the call outside the critical section, or use a non-sleepable function.",
						      "sleepable global function %s()", name);
		}
		if (err) {
			if (err_is_set) {
				sim_verbose(env, "Caller passes invalid args into func#%d ('%s')\n",
					    subprog, name);
				return err;
			}
			return sim_reject(env, err, "Caller passes invalid args into func#%d ('%s')\n",
					  subprog, name);
		}
		sim_verbose(env, "Func#%d ('%s') is global and assumed valid.\n", subprog, name);
		/* do_check_subprogs() verifies it once per context it is
		 * called in: called[in_sleepable_context()] */
		if (env->global_ctx)
			env->global_ctx[subprog] |= SIM_GLOBAL_CALLED(!sim_in_rcu_cs(env));
		if (effects.changes_pkt_data) {
			sim_diag_record_pkt_change(env);
			sim_clear_all_pkt_pointers(st);
		}
		for (int i = 1; i <= 5; i++)
			sim_reg_mark_not_init(&caller->regs[i]);
		/* all non-void global functions return a 64-bit scalar */
		if (sim_subprog_returns_void(env, subprog))
			sim_reg_mark_not_init(&caller->regs[0]);
		else
			sim_reg_mark_unknown(&caller->regs[0]);
		return 0;
	}
	callee = sim_func_new(st->curframe + 1, env->insn_idx, (uint32_t)subprog);
	if (!callee)
		return sim_bug(env, "out of memory");
	/* init_func_state() marks the whole state scratched (log only) */
	env->all_scratched = true;
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

static int check_retval_range(struct sim_env *env, int regno, int minval, int maxval,
			      const char *exit_ctx);

/* mirrors prepare_func_exit() */
int sim_prepare_func_exit(struct sim_env *env)
{
	struct sim_state *st = env->cur;
	struct sim_func *callee = sim_cur_frame(st), *caller = st->frame[st->curframe - 1];
	struct sim_reg *r0 = &callee->regs[0];
	int err;

	/* no read check of R0 here: 7.3 hands an unwritten R0 to the
	 * caller, which fails only if it reads it */
	if (r0->type == PTR_TO_STACK)
		return sim_reject(env, -EINVAL, "cannot return stack pointer to the caller\n");
	if (callee->in_callback_fn) {
		if (r0->type != SCALAR_VALUE)
			return sim_reject(env, -EACCES, "R0 not a scalar value\n");
		err = check_retval_range(env, 0, callee->callback_ret_min, callee->callback_ret_max,
					 "At callback return");
		if (err)
			return err;
		/* back to the call site (callbacks.c): the call is checked
		 * again there, unless is_state_visited() finds the iteration
		 * changed nothing ("from X to Y: safe") */
		env->insn_idx = callee->callsite;
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
		/* widen imprecise scalars, as for open-coded iterators */
		if (!env->replay)
			sim_widen_from_prev_entry(env, st, env->insn_idx);
		return 0;
	}
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

/* mirrors check_reference_leak(): every live pointer reference is a leak,
 * except the one a struct_ops program returns in R0 */
static int check_reference_leak(struct sim_env *env, bool exception_exit, char *first,
				size_t first_len)
{
	struct sim_state *st = env->cur;
	const struct sim_reg *r0 = &sim_cur_frame(st)->regs[0];
	bool lingering = false;

	if (!exception_exit && sim_cur_frame(st)->frameno)
		return 0;
	for (uint32_t i = 0; i < st->acquired_refs; i++) {
		if (st->refs[i].type != SIM_REF_TYPE_PTR)
			continue;
		if (env->p->prog_type == BPF_PROG_TYPE_STRUCT_OPS && !exception_exit &&
		    r0->id == (uint32_t)st->refs[i].id)
			continue;
		sim_verbose(env, "Unreleased reference id=%d alloc_insn=%d\n", st->refs[i].id,
			    st->refs[i].insn);
		sim_diag_leak(env, st->refs[i].id, st->refs[i].insn, env->insn_idx);
		/* bpf_diag_leak() prints its block after the first of these
		 * lines: that line is the kernel's one-line error */
		if (!lingering)
			snprintf(first, first_len, "Unreleased reference id=%d alloc_insn=%d",
				 st->refs[i].id, st->refs[i].insn);
		lingering = true;
	}
	return lingering ? -EINVAL : 0;
}

/* mirrors check_resource_leak() */
int sim_check_resource_leak(struct sim_env *env, bool exception_exit, bool check_lock,
			    const char *prefix)
{
	struct sim_state *st = env->cur;
	char first[96] = "";

	if (check_lock && st->active_locks)
		return sim_diag_ctx_active(env, sim_reject(env, -EINVAL, "%s cannot be used inside bpf_spin_lock-ed region\n",
				  prefix), SIM_DIAG_CTX_LOCK,
					   "Release the BPF spin lock before this operation on every path.", "%s",
					   prefix);

	if (check_reference_leak(env, exception_exit, first, sizeof(first))) {
		int err = sim_reject(env, -EINVAL, "%s would lead to reference leak\n", prefix);

		snprintf(env->err, sizeof(env->err), "%s", first);
		return err;
	}
	if (check_lock && st->active_irq_id)
		return sim_diag_ctx_active(env, sim_reject(env, -EINVAL, "%s cannot be used inside bpf_local_irq_save-ed region\n",
				  prefix), SIM_DIAG_CTX_IRQ,
					   "Restore the saved IRQ state before this operation on every path.", "%s",
					   prefix);
	if (check_lock && st->active_rcu_locks)
		return sim_diag_ctx_active(env, sim_reject(env, -EINVAL, "%s cannot be used inside bpf_rcu_read_lock-ed region\n",
				  prefix), SIM_DIAG_CTX_RCU,
					   "Call bpf_rcu_read_unlock() before this operation on every path.", "%s",
					   prefix);
	if (check_lock && st->active_preempt_locks)
		return sim_diag_ctx_active(env, sim_reject(env, -EINVAL, "%s cannot be used inside bpf_preempt_disable-ed region\n",
				  prefix), SIM_DIAG_CTX_PREEMPT,
					   "Call bpf_preempt_enable() before this operation on every path.", "%s",
					   prefix);
	return 0;
}

/* mirrors the enforce_retval part of check_return_code() and
 * verbose_invalid_scalar() */
static int check_retval_range(struct sim_env *env, int regno, int minval, int maxval,
			      const char *exit_ctx)
{
	const struct sim_reg *reg = &sim_cur_regs(env)[regno];
	char line[256];
	int len;

	if (reg->type != SCALAR_VALUE) {
		char tb[96];

		return sim_reject(env, -EINVAL, "%s the register R%d is not a known value (%s)\n",
				  exit_ctx, regno, sim_reg_type_str(reg->type, tb, sizeof(tb)));
	}
	len = sim_mark_chain_precision(env, regno); /* the range is relied on (backtrack.c) */
	if (len)
		return len;
	if (sim_scalar_smin(&reg->s) >= minval && sim_scalar_smax(&reg->s) <= maxval)
		return 0;
	len = snprintf(line, sizeof(line), "%s the register R%d has", exit_ctx, regno);
	if (sim_scalar_smin(&reg->s) > INT64_MIN)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " smin=%lld",
				(long long)sim_scalar_smin(&reg->s));
	if (sim_scalar_smax(&reg->s) < INT64_MAX)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " smax=%lld",
				(long long)sim_scalar_smax(&reg->s));
	if (sim_scalar_smin(&reg->s) == INT64_MIN && sim_scalar_smax(&reg->s) == INT64_MAX)
		len += snprintf(line + len, sizeof(line) - (size_t)len, " unknown scalar value");
	return sim_reject(env, -EINVAL, "%s should have been in [%d, %d]\n", line, minval, maxval);
}

/* mirrors check_return_code(env, regno, "R<regno>") for the program types
 * modelled: R0 at an exit, R1 at bpf_throw() (the exception's cookie is
 * the program's return value) */
int sim_check_return_code_reg(struct sim_env *env, int regno)
{
	struct sim_func *f = sim_cur_frame(env->cur);
	struct sim_reg *reg = &f->regs[regno];
	struct sim_retval_range range;
	int err;

	/* an async callback's frame 0 (async_cb.c): its callback_ret_range */
	if (f->in_async_callback_fn) {
		err = sim_check_reg_arg(env, regno, SIM_SRC_OP);
		if (err)
			return err;
		return check_retval_range(env, regno, f->callback_ret_min, f->callback_ret_max,
					  "At async callback return");
	}
	/* process_bpf_exit_full(): a global subprogram's own exit */
	if (regno == 0 && f->subprogno && env->p->subprogs[f->subprogno].global) {
		/* check_global_subprog_return_code(): nothing for void, else
		 * R0 must be a scalar (or an arena pointer) */
		if (sim_subprog_returns_void(env, (int)f->subprogno))
			return 0;
		err = sim_check_reg_arg(env, 0, SIM_SRC_OP);
		if (err)
			return err;
		if (reg->type == PTR_TO_ARENA)
			return 0;
		if (sim_is_pointer_value(env, 0))
			return sim_reject(env, -EACCES, "R0 leaks addr as return value\n");
		if (reg->type != SCALAR_VALUE) {
			char tb[96];

			return sim_reject(env, -EINVAL,
					  "At subprogram exit the register R0 is not a scalar value (%s)\n",
					  sim_reg_type_str(reg->type, tb, sizeof(tb)));
		}
		return 0;
	}
	if (env->p->prog_type == BPF_PROG_TYPE_STRUCT_OPS) {
		/* struct_ops.c: void members, returned referenced kptrs */
		int how;

		if (regno)
			return sim_unsupported(env, "bpf_throw in a struct_ops program");
		how = sim_struct_ops_return(env);
		if (how < 0 || how == 1)
			return how < 0 ? how : 0;
		err = sim_check_reg_arg(env, 0, SIM_SRC_OP);
		if (err || how == 2)
			return err;
		/* return_retval_range(): [0, 0], a NULL pointer */
		return check_retval_range(env, 0, 0, 0, "At program exit");
	}
	/* the program type's range (retval_range.c) */
	if (sim_program_returns_void(env->p))
		return 0;
	err = sim_check_reg_arg(env, regno, SIM_SRC_OP);
	if (err || !sim_return_retval_range(env->p, &range))
		return err;
	/* retval_range_within() of an LSM hook compares 32-bit bounds */
	if (range.return_32bit && reg->type == SCALAR_VALUE &&
	    sim_scalar_s32_min(&reg->s) >= range.minval &&
	    sim_scalar_s32_max(&reg->s) <= range.maxval)
		return sim_mark_chain_precision(env, regno);
	err = check_retval_range(env, regno, range.minval, range.maxval, "At program exit");
	if (err && env->p->prog_type == BPF_PROG_TYPE_LSM &&
	    env->p->expected_attach_type == BPF_LSM_CGROUP && sim_btf_attach_returns_void(env->p))
		sim_verbose(env, "Note, BPF_LSM_CGROUP that attach to void LSM hooks can't modify return value!\n");
	return err;
}

int sim_check_return_code(struct sim_env *env)
{
	return sim_check_return_code_reg(env, 0);
}
