/* kfunc calls: mirrors check_kfunc_call(), check_kfunc_args(),
 * get_kfunc_arg_type(), check_special_kfunc() and the process_kf_arg_*()
 * family of Linux 7.3.
 *
 * How a call is checked
 * ---------------------
 * The loader resolved the call to a FUNC of the kernel BTF (insn->imm). Its
 * name selects the row of the generated kfunc table (KF_* flags, program
 * types); with KF_IMPLICIT_ARGS the prototype is that of NAME_impl and the
 * arguments beyond the BPF-visible prototype are filled in by the verifier
 * (fetch_kfunc_meta / is_kfunc_arg_implicit). Every other argument is
 * classified from its BTF type and parameter-name suffix (__k, __sz, __ign,
 * __alloc, __refcounted_kptr, __nullable, __str, __map, __nonown_allowed)
 * into a KF_ARG_* kind, then the register is checked against that kind:
 * trusted / RCU pointers to kernel objects, allocated objects that must be
 * owned, graph roots whose lock must be held, graph nodes that must be
 * owning (push, add) or may be non-owning (remove, left, right).
 *
 * After the arguments: RCU / preemption sections, the release of the
 * KF_RELEASE argument (R1), the owning -> non-owning conversion of the node
 * handed to bpf_list_push_* / bpf_rbtree_add, the return value (local
 * objects for bpf_obj_new, the container of a graph node for pop/remove/
 * first, trusted PTR_TO_BTF_ID otherwise), and KF_ACQUIRE's new reference.
 *
 * bpf_rbtree_add's less() callback is pushed as a path of its own
 * (callbacks.c), as push_callback_call() does. Kfuncs of module BTF
 * (bpf_testmod) arrive with insn->off = 1, their fd_array index, and imm =
 * the id in the module's split BTF, which the simulator's kernel BTF
 * (vmlinux + the module) resolves like find_kfunc_desc_btf().
 *
 * Open-coded iterators (KF_ITER_NEW / _NEXT / _DESTROY and "__iter"
 * arguments) are checked by iter.c: process_iter_arg() for the argument,
 * process_iter_next_call() after R0 is set.
 *
 * bpf_wq / bpf_task_work arguments and the async callbacks of
 * bpf_wq_set_callback() and bpf_task_work_schedule_*(): async_cb.c.
 * Dynptr arguments (KF_ARG_PTR_TO_DYNPTR) and the slices of
 * bpf_dynptr_slice(_rdwr): dynptr.c.
 * Not modelled (reported as unsupported): timer and
 * arena arguments, and kfuncs of a second module BTF.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "async_cb.h"
#include "check.h"
#include "ctx_access.h"
#include "diagnostics.h"
#include "dynptr.h"
#include "helper_args.h"
#include "iter.h"
#include "kfuncs.h"
#include "btf_util.h"

/* ---- the table ---------------------------------------------------------- */

static int row_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct sim_kfunc_row *)elem)->name);
}

const struct sim_kfunc_row *sim_kfunc_lookup(const char *name)
{
	if (!name)
		return NULL;
	return bsearch(name, sim_kfunc_table, (size_t)sim_kfunc_table_len, sizeof(sim_kfunc_table[0]),
		       row_cmp);
}

/* mirrors bpf_prog_type_to_kfunc_hook(): program types sharing one hook */
static int kfunc_hook(uint32_t t)
{
	switch (t) {
	case BPF_PROG_TYPE_TRACING: case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT: case BPF_PROG_TYPE_PERF_EVENT: case BPF_PROG_TYPE_LSM:
		return BPF_PROG_TYPE_TRACING;
	case BPF_PROG_TYPE_CGROUP_SKB: case BPF_PROG_TYPE_CGROUP_SOCK: case BPF_PROG_TYPE_CGROUP_DEVICE:
	case BPF_PROG_TYPE_CGROUP_SOCK_ADDR: case BPF_PROG_TYPE_CGROUP_SOCKOPT:
	case BPF_PROG_TYPE_CGROUP_SYSCTL: case BPF_PROG_TYPE_SOCK_OPS:
		return BPF_PROG_TYPE_CGROUP_SKB;
	case BPF_PROG_TYPE_LWT_IN: case BPF_PROG_TYPE_LWT_OUT: case BPF_PROG_TYPE_LWT_XMIT:
	case BPF_PROG_TYPE_LWT_SEG6LOCAL:
		return BPF_PROG_TYPE_LWT_IN;
	default:
		return (int)t;
	}
}

/* mirrors btf_kfunc_id_set_contains(): UNSPEC sets hold for every type,
 * others for every program type of the hook they were registered with */
bool sim_kfunc_allowed(const struct sim_kfunc_row *row, uint32_t prog_type)
{
	if (!row || prog_type >= 64)
		return false;
	if (row->prog_types & SIM_PT(BPF_PROG_TYPE_UNSPEC))
		return true;
	for (uint32_t t = 1; t < 64; t++)
		if ((row->prog_types & SIM_PT(t)) && kfunc_hook(t) == kfunc_hook(prog_type))
			return true;
	return false;
}

/* mirrors bpf_fs_kfuncs_filter() (fs/bpf_fs_kfuncs.c), the filter
 * btf_kfunc_is_allowed() runs for the tracing hook: the fs kfuncs are for
 * LSM programs only (their STRUCT_OPS registration needs
 * CONFIG_BINFMT_MISC_BPF, which the lab kernel does not set) */
static bool kfunc_filter_denies(const char *name, uint32_t prog_type)
{
	static const char *const fs_kfuncs[] = {
		"bpf_get_task_exe_file", "bpf_put_file", "bpf_path_d_path",
		"bpf_get_dentry_xattr", "bpf_get_file_xattr", "bpf_set_dentry_xattr",
		"bpf_remove_dentry_xattr", "bpf_real_data_inode", "bpf_sock_read_xattr",
	};

	for (size_t i = 0; i < sizeof(fs_kfuncs) / sizeof(fs_kfuncs[0]); i++)
		if (!strcmp(name, fs_kfuncs[i]))
			return prog_type != BPF_PROG_TYPE_LSM;
	return false;
}

/* ---- kinds of kfunc ----------------------------------------------------- */

/* the special_kfunc_list entries the simulator treats specially */
#define SPECIAL_KFUNCS(X)                                                           \
	X(OBJ_NEW, "bpf_obj_new") X(OBJ_NEW_IMPL, "bpf_obj_new_impl")                \
	X(PERCPU_OBJ_NEW, "bpf_percpu_obj_new")                                     \
	X(PERCPU_OBJ_NEW_IMPL, "bpf_percpu_obj_new_impl")                           \
	X(OBJ_DROP, "bpf_obj_drop") X(OBJ_DROP_IMPL, "bpf_obj_drop_impl")            \
	X(PERCPU_OBJ_DROP, "bpf_percpu_obj_drop")                                   \
	X(PERCPU_OBJ_DROP_IMPL, "bpf_percpu_obj_drop_impl")                         \
	X(REFCOUNT_ACQUIRE, "bpf_refcount_acquire")                                 \
	X(REFCOUNT_ACQUIRE_IMPL, "bpf_refcount_acquire_impl")                       \
	X(LIST_PUSH_FRONT, "bpf_list_push_front")                                   \
	X(LIST_PUSH_FRONT_IMPL, "bpf_list_push_front_impl")                         \
	X(LIST_PUSH_BACK, "bpf_list_push_back")                                     \
	X(LIST_PUSH_BACK_IMPL, "bpf_list_push_back_impl")                           \
	X(LIST_ADD, "bpf_list_add")                                                 \
	X(LIST_POP_FRONT, "bpf_list_pop_front") X(LIST_POP_BACK, "bpf_list_pop_back") \
	X(LIST_DEL, "bpf_list_del") X(LIST_FRONT, "bpf_list_front")                  \
	X(LIST_BACK, "bpf_list_back") X(LIST_IS_FIRST, "bpf_list_is_first")          \
	X(LIST_IS_LAST, "bpf_list_is_last") X(LIST_EMPTY, "bpf_list_empty")          \
	X(RBTREE_ADD, "bpf_rbtree_add") X(RBTREE_ADD_IMPL, "bpf_rbtree_add_impl")    \
	X(RBTREE_REMOVE, "bpf_rbtree_remove") X(RBTREE_FIRST, "bpf_rbtree_first")    \
	X(RBTREE_ROOT, "bpf_rbtree_root") X(RBTREE_LEFT, "bpf_rbtree_left")          \
	X(RBTREE_RIGHT, "bpf_rbtree_right")                                         \
	X(RCU_READ_LOCK, "bpf_rcu_read_lock") X(RCU_READ_UNLOCK, "bpf_rcu_read_unlock") \
	X(PREEMPT_DISABLE, "bpf_preempt_disable")                                   \
	X(PREEMPT_ENABLE, "bpf_preempt_enable")                                     \
	X(CAST_TO_KERN_CTX, "bpf_cast_to_kern_ctx") X(RDONLY_CAST, "bpf_rdonly_cast")   \
	X(LOCAL_IRQ_SAVE, "bpf_local_irq_save")                                     \
	X(LOCAL_IRQ_RESTORE, "bpf_local_irq_restore")                               \
	X(RES_SPIN_LOCK, "bpf_res_spin_lock") X(RES_SPIN_UNLOCK, "bpf_res_spin_unlock") \
	X(RES_SPIN_LOCK_IRQSAVE, "bpf_res_spin_lock_irqsave")                       \
	X(RES_SPIN_UNLOCK_IRQRESTORE, "bpf_res_spin_unlock_irqrestore")            \
	X(DYNPTR_FROM_SKB, "bpf_dynptr_from_skb") X(DYNPTR_FROM_XDP, "bpf_dynptr_from_xdp") \
	X(DYNPTR_FROM_SKB_META, "bpf_dynptr_from_skb_meta")                         \
	X(DYNPTR_SLICE, "bpf_dynptr_slice") X(DYNPTR_SLICE_RDWR, "bpf_dynptr_slice_rdwr") \
	X(DYNPTR_CLONE, "bpf_dynptr_clone") X(DYNPTR_FROM_FILE, "bpf_dynptr_from_file") \
	X(DYNPTR_FILE_DISCARD, "bpf_dynptr_file_discard")

enum special_kfunc {
	KF_NONE,
#define SPECIAL_ENUM(e, name) KF_##e,
	SPECIAL_KFUNCS(SPECIAL_ENUM)
#undef SPECIAL_ENUM
};

static const char *const special_names[] = {
#define SPECIAL_NAME(e, name) [KF_##e] = name,
	SPECIAL_KFUNCS(SPECIAL_NAME)
#undef SPECIAL_NAME
};

static enum special_kfunc special_of(const char *name)
{
	for (size_t i = 1; i < sizeof(special_names) / sizeof(special_names[0]); i++)
		if (!strcmp(special_names[i], name))
			return (enum special_kfunc)i;
	return KF_NONE;
}

static bool is_obj_new(enum special_kfunc k) { return k == KF_OBJ_NEW || k == KF_OBJ_NEW_IMPL; }
static bool is_percpu_obj_new(enum special_kfunc k)
{
	return k == KF_PERCPU_OBJ_NEW || k == KF_PERCPU_OBJ_NEW_IMPL;
}
static bool is_obj_drop(enum special_kfunc k) { return k == KF_OBJ_DROP || k == KF_OBJ_DROP_IMPL; }
static bool is_percpu_obj_drop(enum special_kfunc k)
{
	return k == KF_PERCPU_OBJ_DROP || k == KF_PERCPU_OBJ_DROP_IMPL;
}
static bool is_refcount_acquire(enum special_kfunc k)
{
	return k == KF_REFCOUNT_ACQUIRE || k == KF_REFCOUNT_ACQUIRE_IMPL;
}
/* mirrors is_bpf_list_push_kfunc() */
static bool is_list_push(enum special_kfunc k)
{
	return k == KF_LIST_PUSH_FRONT || k == KF_LIST_PUSH_FRONT_IMPL || k == KF_LIST_PUSH_BACK ||
	       k == KF_LIST_PUSH_BACK_IMPL || k == KF_LIST_ADD;
}
static bool is_rbtree_add(enum special_kfunc k) { return k == KF_RBTREE_ADD || k == KF_RBTREE_ADD_IMPL; }
/* mirrors is_bpf_list_api_kfunc() */
static bool is_list_api(enum special_kfunc k)
{
	return is_list_push(k) || (k >= KF_LIST_POP_FRONT && k <= KF_LIST_EMPTY);
}
/* mirrors is_bpf_rbtree_api_kfunc() */
static bool is_rbtree_api(enum special_kfunc k)
{
	return is_rbtree_add(k) || (k >= KF_RBTREE_REMOVE && k <= KF_RBTREE_RIGHT);
}

/* ---- BTF helpers -------------------------------------------------------- */

static bool is_scalar_type(const struct btf_type *t)
{
	return t && (btf_is_int(t) || btf_is_enum(t) || btf_is_enum64(t));
}

static const char *type_name(const struct btf *btf, const struct btf_type *t)
{
	return btf__name_by_offset(btf, t->name_off);
}

/* mirrors btf_type_str() */
static const char *btf_kind_str(const struct btf_type *t)
{
	static const char *const kinds[] = {
		[BTF_KIND_UNKN] = "UNKNOWN", [BTF_KIND_INT] = "INT",     [BTF_KIND_PTR] = "PTR",
		[BTF_KIND_ARRAY] = "ARRAY",  [BTF_KIND_STRUCT] = "STRUCT", [BTF_KIND_UNION] = "UNION",
		[BTF_KIND_ENUM] = "ENUM",    [BTF_KIND_FWD] = "FWD",     [BTF_KIND_TYPEDEF] = "TYPEDEF",
		[BTF_KIND_VOLATILE] = "VOLATILE", [BTF_KIND_CONST] = "CONST",
		[BTF_KIND_RESTRICT] = "RESTRICT", [BTF_KIND_FUNC] = "FUNC",
		[BTF_KIND_FUNC_PROTO] = "FUNC_PROTO", [BTF_KIND_VAR] = "VAR",
		[BTF_KIND_DATASEC] = "DATASEC", [BTF_KIND_FLOAT] = "FLOAT",
		[BTF_KIND_DECL_TAG] = "DECL_TAG", [BTF_KIND_TYPE_TAG] = "TYPE_TAG",
		[BTF_KIND_ENUM64] = "ENUM64",
	};
	uint32_t k = btf_kind(t);

	return k < sizeof(kinds) / sizeof(kinds[0]) && kinds[k] ? kinds[k] : "UNKNOWN";
}

/* mirrors btf_param_match_suffix() */
static bool param_suffix(const struct btf *btf, const struct btf_param *p, const char *suffix)
{
	const char *name = btf__name_by_offset(btf, p->name_off);
	size_t n = strlen(name), s = strlen(suffix);

	return n >= s && !strcmp(name + n - s, suffix);
}

static bool struct_named(const struct btf *btf, uint32_t id, const char *name)
{
	const struct btf_type *t = sim_btf_skip_mods(btf, id, NULL);

	return t && btf_is_struct(t) && !strcmp(type_name(btf, t), name);
}

/* mirrors btf_struct_ids_match(): @id at @off is @need_id, or (when not
 * strict) its first member is, recursively */
bool sim_btf_struct_ids_match(const struct btf *btf, uint32_t id, uint32_t off,
			      const struct btf *need_btf, uint32_t need_id, bool strict)
{
	for (int depth = 0; depth < 8; depth++) {
		const struct btf_type *t = sim_btf_skip_mods(btf, id, &id);
		const struct btf_type *nt = sim_btf_skip_mods(need_btf, need_id, NULL);

		if (!t || !nt)
			return false;
		if (off == 0 && btf_is_composite(t) && btf_is_composite(nt) &&
		    !strcmp(type_name(btf, t), type_name(need_btf, nt)) && btf_kind(t) == btf_kind(nt))
			return true;
		/* strict: the top-level type must match, no walk */
		if (strict)
			return false;
		/* btf_struct_walk() goes into unions too (btf_type_is_struct()
		 * holds for both): &file->f_path is in an anonymous union */
		if (!btf_is_composite(t) || !btf_vlen(t))
			return false;
		/* walk to the member at @off (first member at 0) */
		{
			const struct btf_member *m = btf_members(t);
			bool found = false;

			for (int i = 0; i < (int)btf_vlen(t); i++, m++) {
				uint32_t mo = btf_member_bit_offset(t, (uint32_t)i) / 8;
				const struct btf_type *mt = sim_btf_skip_mods(btf, m->type, NULL);

				if (mt && btf_is_composite(mt) && off >= mo && off < mo + mt->size) {
					off -= mo;
					id = m->type;
					found = true;
					break;
				}
			}
			if (!found)
				return false;
		}
		strict = false;
	}
	return false;
}

/* ---- the call ----------------------------------------------------------- */

enum kf_arg_type {
	KF_ARG_CONST_MEM_SIZE,
	KF_ARG_MEM_SIZE,
	KF_ARG_CONST,
	KF_ARG_CONST_ALLOC_SIZE_OR_ZERO,
	KF_ARG_ANYTHING,
	KF_ARG_PTR_TO_CTX,
	KF_ARG_PTR_TO_ALLOC_BTF_ID,
	KF_ARG_PTR_TO_REFCOUNTED_KPTR,
	KF_ARG_PTR_TO_DYNPTR,
	KF_ARG_PTR_TO_ITER,
	KF_ARG_PTR_TO_LIST_HEAD,
	KF_ARG_PTR_TO_LIST_NODE,
	KF_ARG_PTR_TO_BTF_ID,
	KF_ARG_PTR_TO_MEM,
	KF_ARG_PTR_TO_CALLBACK,
	KF_ARG_PTR_TO_RB_ROOT,
	KF_ARG_PTR_TO_RB_NODE,
	KF_ARG_PTR_TO_CONST_STR,
	KF_ARG_CONST_MAP_PTR,
	KF_ARG_PTR_TO_WORKQUEUE,
	KF_ARG_PTR_TO_TASK_WORK,
	KF_ARG_PTR_TO_IRQ_FLAG,
	KF_ARG_PTR_TO_RES_SPIN_LOCK,
	KF_ARG_UNSUPPORTED,
};
#define KF_ARG_NULLABLE 0x100
#define KF_ARG_FIXED_SIZE 0x200

struct kf_meta {
	const struct btf *btf;
	uint32_t func_id;
	const char *name;
	const struct btf_type *proto;     /* full prototype (_impl for implicit args) */
	uint32_t api_nargs;               /* arguments the program passes */
	uint32_t flags;
	enum special_kfunc special;
	int release_regno;
	/* filled by the argument checks */
	bool arg_constant_found;
	uint64_t arg_constant;
	const struct btf *arg_btf;
	uint32_t arg_btf_id;
	struct sim_field root;            /* the graph root argument's field */
	bool root_found;
	uint32_t ret_mem_size;
	bool arg_owning_ref;
	int callback_subprog;
	const struct sim_map_view *map;   /* meta->map: the wq's map (async_cb.c) */
	struct sim_iter_arg iter;         /* meta->iter, meta->ref_obj (iter.c) */
	struct sim_dynptr_desc dynptr;    /* meta->dynptr (dynptr.c) */
};

static bool is_scalar_struct(const struct btf *btf, const struct btf_type *t, int depth);

/* reg2btf_ids[]: the register types that stand for a kernel struct */
static const struct {
	uint32_t reg_type;
	const char *st;
} reg2btf[] = {
	{ PTR_TO_SOCKET, "sock" },
	{ PTR_TO_SOCK_COMMON, "sock_common" },
	{ PTR_TO_TCP_SOCK, "tcp_sock" },
	{ CONST_PTR_TO_MAP, "bpf_map" },
};

static const char *reg2btf_struct(uint32_t base)
{
	for (size_t i = 0; i < sizeof(reg2btf) / sizeof(reg2btf[0]); i++)
		if (reg2btf[i].reg_type == base)
			return reg2btf[i].st;
	return NULL;
}

/* mirrors lookup_reg2btf_ids() */
static uint32_t lookup_reg2btf_type(const char *st)
{
	for (size_t i = 0; i < sizeof(reg2btf) / sizeof(reg2btf[0]); i++)
		if (!strcmp(reg2btf[i].st, st))
			return reg2btf[i].reg_type;
	return 0;
}

/* mirrors get_kfunc_arg_type() */
static int kfunc_arg_type(struct sim_env *env, struct kf_meta *m, const struct btf_param *args, int i,
			  int nargs)
{
	const struct btf *btf = m->btf;
	const struct btf_type *t = sim_btf_skip_mods(btf, args[i].type, NULL), *ref_t;
	int kind;

	if (is_scalar_type(t)) {
		if (param_suffix(btf, &args[i], "__k"))
			return KF_ARG_CONST;
		if (param_suffix(btf, &args[i], "__szk"))
			return KF_ARG_CONST_MEM_SIZE;
		if (param_suffix(btf, &args[i], "__sz"))
			return KF_ARG_MEM_SIZE;
		return KF_ARG_ANYTHING;
	}
	if (!t || !btf_is_ptr(t))
		return sim_reject(env, -EINVAL, "Unrecognized R%d type %s\n", i + 1,
				  t ? btf_kind_str(t) : "UNKNOWN");
	ref_t = sim_btf_skip_mods(btf, t->type, NULL);
	if (m->special == KF_CAST_TO_KERN_CTX)
		kind = KF_ARG_PTR_TO_CTX;
	else if (ref_t && btf_is_struct(ref_t) &&
		 (!strcmp(type_name(btf, ref_t), "__sk_buff") ||
		  !strcmp(type_name(btf, ref_t), "xdp_md") ||
		  !strcmp(type_name(btf, ref_t), "bpf_sock_ops")))
		kind = KF_ARG_PTR_TO_CTX;   /* btf_is_prog_ctx_type(), the UAPI contexts */
	else if (param_suffix(btf, &args[i], "__alloc"))
		kind = KF_ARG_PTR_TO_ALLOC_BTF_ID;
	else if (param_suffix(btf, &args[i], "__refcounted_kptr"))
		kind = KF_ARG_PTR_TO_REFCOUNTED_KPTR;
	else if (struct_named(btf, t->type, "bpf_dynptr"))
		kind = KF_ARG_PTR_TO_DYNPTR;    /* is_kfunc_arg_dynptr() */
	else if ((m->flags & (KF_ITER_NEW | KF_ITER_NEXT | KF_ITER_DESTROY)) ? i == 0
									   : param_suffix(btf, &args[i], "__iter"))
		kind = KF_ARG_PTR_TO_ITER;      /* is_kfunc_arg_iter() */
	else if (param_suffix(btf, &args[i], "__irq_flag"))
		kind = KF_ARG_PTR_TO_IRQ_FLAG;
	else if (struct_named(btf, t->type, "bpf_res_spin_lock"))
		kind = KF_ARG_PTR_TO_RES_SPIN_LOCK;
	else if (struct_named(btf, t->type, "bpf_wq"))
		kind = KF_ARG_PTR_TO_WORKQUEUE; /* is_kfunc_arg_wq() */
	else if (struct_named(btf, t->type, "bpf_task_work"))
		kind = KF_ARG_PTR_TO_TASK_WORK; /* is_kfunc_arg_task_work() */
	else if (struct_named(btf, t->type, "bpf_timer") ||
		 param_suffix(btf, &args[i], "__arena") || param_suffix(btf, &args[i], "__uninit") ||
		 (ref_t && btf_is_struct(ref_t) && !strncmp(type_name(btf, ref_t), "bpf_iter_", 9)))
		kind = KF_ARG_UNSUPPORTED;
	else if (struct_named(btf, t->type, "bpf_list_head"))
		kind = KF_ARG_PTR_TO_LIST_HEAD;
	else if (struct_named(btf, t->type, "bpf_list_node"))
		kind = KF_ARG_PTR_TO_LIST_NODE;
	else if (struct_named(btf, t->type, "bpf_rb_root"))
		kind = KF_ARG_PTR_TO_RB_ROOT;
	else if (struct_named(btf, t->type, "bpf_rb_node"))
		kind = KF_ARG_PTR_TO_RB_NODE;
	else if (param_suffix(btf, &args[i], "__str"))
		kind = KF_ARG_PTR_TO_CONST_STR;
	else if (param_suffix(btf, &args[i], "__const_map"))
		kind = KF_ARG_CONST_MAP_PTR;
	else if (param_suffix(btf, &args[i], "__map"))
		kind = KF_ARG_PTR_TO_BTF_ID;
	else if (ref_t && btf_is_func_proto(ref_t))
		kind = KF_ARG_PTR_TO_CALLBACK;  /* is_kfunc_arg_callback() */
	else if (i + 1 < nargs && (param_suffix(btf, &args[i + 1], "__sz") ||
				   param_suffix(btf, &args[i + 1], "__szk")))
		kind = KF_ARG_PTR_TO_MEM;
	else if (ref_t && btf_is_struct(ref_t))
		kind = KF_ARG_PTR_TO_BTF_ID;
	else
		kind = KF_ARG_PTR_TO_MEM | KF_ARG_FIXED_SIZE;
	if (param_suffix(btf, &args[i], "__nullable"))
		kind |= KF_ARG_NULLABLE;
	return kind;
}

static bool type_is_ptr_alloc_obj(uint32_t type)
{
	/* an allocated object that outlived its RCU section is untrusted */
	return sim_base_type(type) == PTR_TO_BTF_ID && (type & MEM_ALLOC) && !(type & PTR_UNTRUSTED);
}

static bool type_is_non_owning_ref(uint32_t type)
{
	return type_is_ptr_alloc_obj(type) && (type & NON_OWN_REF);
}

/* mirrors is_trusted_reg() */
bool sim_is_trusted_reg(const struct sim_env *env, const struct sim_reg *reg)
{
	uint32_t flags = sim_type_flags(reg->type);
	uint32_t trusted = MEM_ALLOC | PTR_TRUSTED | NON_OWN_REF;

	if (sim_reg_is_referenced(env, reg))
		return true;
	return (flags & trusted) && !(flags & ~trusted);
}

/* mirrors __check_ptr_off_reg() */
int sim_check_ptr_off_reg(struct sim_env *env, const struct sim_reg *reg, int regno,
			     bool fixed_off_ok)
{
	char tb[96];

	if (!sim_scalar_is_const(&reg->s, false)) {
		char tn[64];

		tnum_strn(tn, sizeof(tn), reg->s.var_off);
		return sim_reject(env, -EACCES, "variable %s access var_off=%s disallowed\n",
				  sim_reg_type_str(reg->type, tb, sizeof(tb)), tn);
	}
	if ((int64_t)reg->s.var_off.value < 0)
		return sim_reject(env, -EACCES, "negative offset %s ptr R%d off=%lld disallowed\n",
				  sim_reg_type_str(reg->type, tb, sizeof(tb)), regno,
				  (long long)reg->s.var_off.value);
	if (!fixed_off_ok && reg->s.var_off.value)
		return sim_diag_modified_ptr(env, sim_reject(env, -EACCES, "dereference of modified %s ptr R%d off=%lld disallowed\n",
				  sim_reg_type_str(reg->type, tb, sizeof(tb)), regno,
				  (long long)reg->s.var_off.value), regno, reg->type, (int64_t)reg->s.var_off.value);
	return 0;
}

/* mirrors __check_func_arg_reg_off() */
static int check_func_arg_reg_off(struct sim_env *env, const struct sim_reg *reg, int regno,
				  bool release, bool is_ctx_arg, bool fixed_off_ok)
{
	uint32_t t = reg->type;

	if (release && (!sim_scalar_is_const(&reg->s, false) || reg->s.var_off.value != 0))
		return sim_reject(env, -EINVAL,
				  "R%d must have zero offset when passed to release func or trusted arg to kfunc\n",
				  regno);
	switch (t) {
	case PTR_TO_STACK: case PTR_TO_PACKET: case PTR_TO_PACKET_META: case PTR_TO_MAP_KEY:
	case PTR_TO_MAP_VALUE: case PTR_TO_MEM: case PTR_TO_MEM | MEM_RDONLY:
	case PTR_TO_MEM | MEM_RINGBUF: case PTR_TO_BUF: case PTR_TO_BUF | MEM_RDONLY:
	case PTR_TO_ARENA: case SCALAR_VALUE:
		return 0;
	case PTR_TO_BTF_ID: case PTR_TO_BTF_ID | MEM_ALLOC: case PTR_TO_BTF_ID | PTR_TRUSTED:
	case PTR_TO_BTF_ID | MEM_RCU: case PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF:
	case PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF | MEM_RCU:
		return sim_check_ptr_off_reg(env, reg, regno, fixed_off_ok);
	case PTR_TO_CTX:
		if (!is_ctx_arg && env->p->prog_type == BPF_PROG_TYPE_SYSCALL)
			return 0;
		return sim_check_ptr_off_reg(env, reg, regno, false);
	default:
		return sim_check_ptr_off_reg(env, reg, regno, false);
	}
}

/* mirrors __process_kf_arg_ptr_to_graph_root() */
static int process_graph_root(struct sim_env *env, struct sim_reg *reg, int regno,
			      struct kf_meta *m, enum sim_field_type head)
{
	const char *hname = sim_field_type_name(head);
	struct sim_record rec;
	const struct sim_field *f;

	if ((head == SIM_FIELD_LIST_HEAD && !is_list_api(m->special)) ||
	    (head == SIM_FIELD_RB_ROOT && !is_rbtree_api(m->special)))
		return sim_reject(env, -EFAULT, "verifier internal error: %s head arg for unknown kfunc\n",
				  hname);
	if (!sim_scalar_is_const(&reg->s, false))
		return sim_reject(env, -EINVAL,
				  "R%d doesn't have constant offset. %s has to be at the constant offset\n",
				  regno, hname);
	if (!sim_reg_btf_record(env, reg, &rec) ||
	    !(f = sim_record_find(&rec, (uint32_t)reg->s.var_off.value, head)))
		return sim_reject(env, -EINVAL, "%s not found at offset=%u\n", hname,
				  (unsigned)reg->s.var_off.value);
	if (sim_check_reg_allocation_locked(env, reg))
		return sim_reject(env, -EINVAL, "bpf_spin_lock at off=%d must be held for %s\n",
				  rec.spin_lock_off, hname);
	m->root = *f;
	m->root_found = true;
	return 0;
}

/* mirrors __process_kf_arg_ptr_to_graph_node() */
static int process_graph_node(struct sim_env *env, struct sim_reg *reg, int regno,
			      struct kf_meta *m, enum sim_field_type head, enum sim_field_type node)
{
	const char *nname = sim_field_type_name(node);
	struct sim_record rec;
	uint32_t node_off;
	const struct btf_type *et, *t;

	if (!sim_scalar_is_const(&reg->s, false))
		return sim_reject(env, -EINVAL,
				  "R%d doesn't have constant offset. %s has to be at the constant offset\n",
				  regno, nname);
	node_off = (uint32_t)reg->s.var_off.value;
	if (!sim_reg_btf_record(env, reg, &rec) || !sim_record_find(&rec, node_off, node))
		return sim_reject(env, -EINVAL, "%s not found at offset=%u\n", nname, node_off);
	if (!m->root_found || !m->root.root_btf)
		return sim_unsupported(env, "graph node argument without a known root");
	et = btf__type_by_id(m->root.root_btf, m->root.value_btf_id);
	t = btf__type_by_id(reg->btf, reg->btf_id);
	if (!sim_btf_struct_ids_match(reg->btf, reg->btf_id, 0, m->root.root_btf,
				      m->root.value_btf_id, true))
		return sim_reject(env, -EINVAL,
				  "operation on %s expects arg#1 %s at offset=%d in struct %s, but arg is at offset=%d in struct %s\n",
				  sim_field_type_name(head), nname, (int)m->root.node_off,
				  type_name(m->root.root_btf, et), (int)node_off, type_name(reg->btf, t));
	m->arg_btf = reg->btf;
	m->arg_btf_id = reg->btf_id;
	if (node_off != m->root.node_off)
		return sim_reject(env, -EINVAL, "arg#1 offset=%d, but expected %s at offset=%d in struct %s\n",
				  (int)node_off, nname, (int)m->root.node_off,
				  type_name(m->root.root_btf, et));
	return 0;
}

/* mirrors process_kf_arg_ptr_to_btf_id() */
static int process_btf_id_arg(struct sim_env *env, struct sim_reg *reg, int regno,
			      struct kf_meta *m, const struct btf_type *ref_t, uint32_t ref_id)
{
	bool strict = (m->flags & KF_RELEASE) && sim_reg_is_referenced(env, reg);
	const struct btf_type *reg_t;
	const char *ref_name = type_name(m->btf, ref_t), *reg_name;
	size_t rl;

	if (sim_base_type(reg->type) != PTR_TO_BTF_ID)
		return sim_unsupported(env, "kfunc argument from %s", "a non-BTF pointer");
	reg_t = sim_btf_skip_mods(reg->btf, reg->btf_id, NULL);
	reg_name = reg_t ? type_name(reg->btf, reg_t) : "";
	if (sim_btf_struct_ids_match(reg->btf, reg->btf_id, (uint32_t)reg->s.var_off.value, m->btf, ref_id,
				     strict))
		return 0;
	/* btf_is_projection_of(): __sk_buff -> sk_buff, xdp_md -> xdp_buff */
	rl = strlen(reg_name);
	(void)rl;
	if ((!strcmp(ref_name, "__sk_buff") && !strcmp(reg_name, "sk_buff")) ||
	    (!strcmp(ref_name, "xdp_md") && !strcmp(reg_name, "xdp_buff")))
		return 0;
	return sim_reject(env, -EINVAL,
			  "kernel function %s R%d expected pointer to %s %s but R%d has a pointer to %s %s\n",
			  m->name, regno, btf_kind_str(ref_t), ref_name, regno,
			  reg_t ? btf_kind_str(reg_t) : "UNKNOWN", reg_name);
}

/* The kernel's recorded error is the line its first diagnosis
 * (bpf_diag_*) belongs to: check_mem_region_access() attaches one to each
 * of its bound errors, so when the memory of a kfunc's mem/len pair fails
 * there, that line stays the error and the "len pair" line that
 * check_kfunc_args() prints after it does not replace it. */
static bool region_bounds_error(const char *err)
{
	static const char *const tails[] = {
		" min value is outside of the allowed memory range",
		" max value is outside of the allowed memory range",
		" unbounded memory access, make sure to bounds check any such access",
		" min value is negative, either use unsigned index or do a if (index >=0) check.",
	};
	size_t n = strlen(err);

	for (size_t i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		size_t t = strlen(tails[i]);

		if (n > t && err[0] == 'R' && !strcmp(err + n - t, tails[i]))
			return true;
	}
	return false;
}

/* mirrors process_const_arg(): a scalar the verdict relies on */
static int process_const_arg(struct sim_env *env, struct kf_meta *m, const struct sim_reg *reg,
			     int regno)
{
	int err;

	if (m->arg_constant_found)
		return sim_bug(env, "only one constant argument permitted");
	if (!sim_scalar_is_const(&reg->s, false))
		return sim_reject(env, -EINVAL, "R%d must be a known constant\n", regno);
	err = sim_mark_chain_precision(env, regno);
	if (err)
		return err;
	m->arg_constant_found = true;
	m->arg_constant = reg->s.var_off.value;
	return 0;
}

/* mirrors check_kfunc_args() */
static int check_kfunc_args(struct sim_env *env, struct kf_meta *m)
{
	const struct btf *btf = m->btf;
	const struct btf_param *args = btf_params(m->proto);
	int nargs = btf_vlen(m->proto);
	struct sim_reg *regs = sim_cur_regs(env);
	int err;

	if (nargs > 5)
		return sim_unsupported(env, "kfunc %s with %d arguments", m->name, nargs);
	for (int i = 0; i < nargs; i++) {
		int regno = i + 1, kind;
		struct sim_reg *reg = &regs[regno];
		const struct btf_type *t, *ref_t = NULL;
		uint32_t ref_id = args[i].type;
		bool nullable;

		if (struct_named(btf, args[i].type, "bpf_prog_aux") ||
		    (sim_btf_skip_mods(btf, args[i].type, NULL) && btf_is_ptr(sim_btf_skip_mods(btf, args[i].type, NULL)) &&
		     struct_named(btf, sim_btf_skip_mods(btf, args[i].type, NULL)->type, "bpf_prog_aux")))
			continue;
		if (param_suffix(btf, &args[i], "__ign") || ((m->flags & KF_IMPLICIT_ARGS) &&
							     (uint32_t)i >= m->api_nargs))
			continue;
		kind = kfunc_arg_type(env, m, args, i, nargs);
		if (kind < 0)
			return kind;
		nullable = kind & KF_ARG_NULLABLE;
		err = sim_check_reg_arg(env, regno, SIM_SRC_OP);
		if (err)
			return err;
		t = sim_btf_skip_mods(btf, args[i].type, NULL);
		if (btf_is_ptr(t))
			ref_t = sim_btf_skip_mods(btf, t->type, &ref_id);
		if (btf_is_ptr(t) && param_suffix(btf, &args[i], "__map") && env->p->vmlinux_btf) {
			/* check_kfunc_args(): a `__map` argument expects
			 * reg2btf_ids[CONST_PTR_TO_MAP], struct bpf_map */
			int mid = btf__find_by_name_kind(env->p->vmlinux_btf, "bpf_map", BTF_KIND_STRUCT);

			if (mid > 0) {
				ref_id = (uint32_t)mid;
				ref_t = btf__type_by_id(env->p->vmlinux_btf, ref_id);
			}
		}
		if (btf_is_ptr(t) && (sim_reg_is_null(reg) || (reg->type & PTR_MAYBE_NULL)) && !nullable) {
			char tn[128];

			err = sim_reject(env, -EACCES, "Possibly NULL pointer passed to trusted R%d\n", regno);
			sim_diag_call_arg(env, env->insn_idx, regno, m->name,
					  "Add a NULL check and call the kfunc only on the non-NULL path.",
					  "the pointer may be NULL, but this kfunc requires a non-NULL value of type %s",
					  sim_diag_fmt_btf_type(btf, args[i].type, tn, sizeof(tn)));
			return err;
		}
		if (regno == m->release_regno && (kind & 0xff) != KF_ARG_PTR_TO_DYNPTR &&
		    !sim_reg_is_referenced(env, reg) && !sim_reg_is_null(reg)) {
			char tn[128];

			err = sim_reject(env, -EINVAL,
					 "release kfunc %s expects referenced PTR_TO_BTF_ID passed to R%d\n",
					 m->name, regno);
			sim_diag_call_arg(env, env->insn_idx, regno, m->name,
					  "Pass the resource-owning pointer returned by the matching acquire kfunc, and avoid calling the release kfunc after ownership has already been transferred or released.",
					  "release kfuncs require a resource-owning value of type %s returned by a matching acquire kfunc",
					  sim_diag_fmt_btf_type(btf, ref_id, tn, sizeof(tn)));
			return err;
		}
		if (sim_reg_is_null(reg) && nullable) {
			/* mark_arg_precision(): the verdict relies on the NULL */
			err = sim_mark_chain_precision(env, regno);
			if (err)
				return err;
			continue;
		}
		kind &= 0xff | KF_ARG_FIXED_SIZE;
		if ((kind & 0xff) == KF_ARG_UNSUPPORTED)
			return sim_unsupported(env, "kfunc %s argument %d kind", m->name, regno);
		/* a dynptr released through a stack pointer may sit at any
		 * stack offset */
		err = check_func_arg_reg_off(env, reg, regno,
					     regno == m->release_regno &&
						     !((kind & 0xff) == KF_ARG_PTR_TO_DYNPTR &&
						       reg->type == PTR_TO_STACK),
					     (kind & 0xff) == KF_ARG_PTR_TO_CTX,
					     (kind & 0xff) != KF_ARG_PTR_TO_REFCOUNTED_KPTR);
		if (err)
			return err;
		switch (kind & 0xff) {
		case KF_ARG_CONST:
			if (reg->type != SCALAR_VALUE)
				return sim_reject(env, -EINVAL, "R%d is not a scalar\n", regno);
			err = process_const_arg(env, m, reg, regno);
			if (err)
				return err;
			break;
		case KF_ARG_CONST_MEM_SIZE:
			/* reached when the buffer before it was NULL (or not a
			 * memory argument): the size is still a constant */
			err = process_const_arg(env, m, reg, regno);
			if (err)
				return err;
			/* fallthrough */
		case KF_ARG_ANYTHING:
		case KF_ARG_MEM_SIZE:
			if (reg->type != SCALAR_VALUE)
				return sim_reject(env, -EINVAL, "R%d is not a scalar\n", regno);
			break;
		case KF_ARG_PTR_TO_DYNPTR: {
			/* the dynptr kfuncs' argument kinds: constructors take
			 * an __uninit dynptr of their kind, a clone the kind of
			 * the dynptr it clones */
			uint32_t dt = ARG_PTR_TO_DYNPTR, obj_id = 0;
			int ref_cnt = 0;

			if (param_suffix(btf, &args[i], "__uninit"))
				dt |= MEM_UNINIT;
			switch (m->special) {
			case KF_DYNPTR_FROM_SKB:
				dt |= DYNPTR_TYPE_SKB;
				break;
			case KF_DYNPTR_FROM_XDP:
				dt |= DYNPTR_TYPE_XDP;
				break;
			case KF_DYNPTR_FROM_SKB_META:
				dt |= DYNPTR_TYPE_SKB_META;
				break;
			case KF_DYNPTR_FROM_FILE:
				dt |= DYNPTR_TYPE_FILE;
				break;
			case KF_DYNPTR_FILE_DISCARD:
				dt |= DYNPTR_TYPE_FILE | OBJ_RELEASE;
				break;
			case KF_DYNPTR_CLONE:
				if (!(dt & MEM_UNINIT))
					break;
				if (m->dynptr.type == SIM_DYNPTR_TYPE_INVALID)
					return sim_bug(env, "no dynptr type for parent of clone");
				dt |= sim_dynptr_type_flag(m->dynptr.type);
				break;
			default:
				break;
			}
			/* meta->ref_obj: update_ref_obj() of the arguments so far */
			for (int r = 1; r < regno; r++) {
				if (sim_reg_is_referenced(env, &regs[r])) {
					obj_id = regs[r].id;
					ref_cnt++;
				}
			}
			err = sim_process_dynptr_func(env, regno, env->insn_idx, m->name, dt, obj_id,
						      ref_cnt, &m->dynptr);
			if (err)
				return err;
			break;
		}
		case KF_ARG_PTR_TO_CTX:
			if (reg->type != PTR_TO_CTX)
			{
				char tb[96];

				return sim_reject(env, -EINVAL, "R%d expected pointer to ctx, but got %s\n", regno,
						  sim_reg_type_str(reg->type, tb, sizeof(tb)));
			}
			if (m->special == KF_CAST_TO_KERN_CTX) {
				/* get_kern_ctx_btf_id(): the return type */
				uint32_t id = sim_btf_ctx_convert_type(env->p->vmlinux_btf,
								       env->p->prog_type, true);
				const struct btf_type *kt =
					id ? btf__type_by_id(env->p->vmlinux_btf, id) : NULL;

				if (!kt)
					return sim_unsupported(env, "bpf_cast_to_kern_ctx without bpf_ctx_convert");
				if (!btf_is_struct(kt))
					return sim_reject(env, -EINVAL, "kern ctx type id %u is not a struct\n", id);
				m->arg_btf = env->p->vmlinux_btf;
				m->arg_btf_id = id;
			}
			break;
		case KF_ARG_PTR_TO_ALLOC_BTF_ID:
			if (reg->type == (PTR_TO_BTF_ID | MEM_ALLOC)) {
				if (!is_obj_drop(m->special))
					return sim_reject(env, -EINVAL, "R%d expected for bpf_obj_drop()\n", regno);
			} else if (reg->type == (PTR_TO_BTF_ID | MEM_ALLOC | MEM_PERCPU)) {
				if (!is_percpu_obj_drop(m->special))
					return sim_reject(env, -EINVAL, "R%d expected for bpf_percpu_obj_drop()\n",
							  regno);
			} else {
				return sim_reject(env, -EINVAL, "R%d expected pointer to allocated object\n",
						  regno);
			}
			if (!sim_reg_is_referenced(env, reg))
				return sim_reject(env, -EINVAL, "allocated object must be referenced\n");
			m->arg_btf = reg->btf;
			m->arg_btf_id = reg->btf_id;
			break;
		case KF_ARG_PTR_TO_LIST_HEAD:
		case KF_ARG_PTR_TO_RB_ROOT:
			if (reg->type != PTR_TO_MAP_VALUE && reg->type != (PTR_TO_BTF_ID | MEM_ALLOC))
				return sim_reject(env, -EINVAL,
						  "R%d expected pointer to map value or allocated object\n", regno);
			if (reg->type == (PTR_TO_BTF_ID | MEM_ALLOC) && !sim_reg_is_referenced(env, reg))
				return sim_reject(env, -EINVAL, "allocated object must be referenced\n");
			err = process_graph_root(env, reg, regno, m,
						 (kind & 0xff) == KF_ARG_PTR_TO_LIST_HEAD ? SIM_FIELD_LIST_HEAD
											  : SIM_FIELD_RB_ROOT);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_LIST_NODE:
			if (!(param_suffix(btf, &args[i], "__nonown_allowed") &&
			      type_is_non_owning_ref(reg->type) && !sim_reg_is_referenced(env, reg))) {
				if (reg->type != (PTR_TO_BTF_ID | MEM_ALLOC))
					return sim_reject(env, -EINVAL,
							  "R%d expected pointer to allocated object\n", regno);
				if (!sim_reg_is_referenced(env, reg))
					return sim_reject(env, -EINVAL, "allocated object must be referenced\n");
			}
			err = process_graph_node(env, reg, regno, m, SIM_FIELD_LIST_HEAD, SIM_FIELD_LIST_NODE);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_RB_NODE:
			if (is_rbtree_add(m->special)) {
				if (reg->type != (PTR_TO_BTF_ID | MEM_ALLOC))
					return sim_reject(env, -EINVAL,
							  "R%d expected pointer to allocated object\n", regno);
				if (!sim_reg_is_referenced(env, reg))
					return sim_reject(env, -EINVAL, "allocated object must be referenced\n");
			} else {
				if (!type_is_non_owning_ref(reg->type) && !sim_reg_is_referenced(env, reg))
					return sim_reject(env, -EINVAL,
							  "%s can only take non-owning or refcounted bpf_rb_node pointer\n",
							  m->name);
				if (sim_in_rbtree_lock_required_cb(env))
					return sim_reject(env, -EINVAL, "%s not allowed in rbtree cb\n",
							  m->name);
			}
			err = process_graph_node(env, reg, regno, m, SIM_FIELD_RB_ROOT, SIM_FIELD_RB_NODE);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_REFCOUNTED_KPTR: {
			struct sim_record rec;

			if (!type_is_ptr_alloc_obj(reg->type)) {
				char tb[96];

				err = sim_reject(env, -EINVAL, "R%d is neither owning or non-owning ref\n", regno);
				/* check_kfunc_args(), KF_ARG_PTR_TO_REFCOUNTED_KPTR */
				sim_diag_call_arg(env, env->insn_idx, regno, m->name,
						  "Pass an owning or non-owning pointer to a BPF-managed object containing a bpf_refcount field.",
						  "the kfunc expects a pointer to a BPF-managed refcounted object, but R%d is %s",
						  regno, sim_diag_reg_type_plain(reg->type, tb, sizeof(tb)));
				return err;
			}
			if (!type_is_non_owning_ref(reg->type) && sim_reg_is_referenced(env, reg))
				m->arg_owning_ref = true;
			if (!sim_reg_btf_record(env, reg, &rec))
				return sim_bug(env, "Couldn't find btf_record");
			if (rec.refcount_off < 0)
				return sim_reject(env, -EINVAL,
						  "R%d doesn't point to a type with bpf_refcount field\n", regno);
			m->arg_btf = reg->btf;
			m->arg_btf_id = reg->btf_id;
			break;
		}
		case KF_ARG_PTR_TO_WORKQUEUE:
			if (reg->type != PTR_TO_MAP_VALUE)
				return sim_reject(env, -EINVAL, "R%d doesn't point to a map value\n", regno);
			err = sim_check_map_field_pointer(env, regno, SIM_FIELD_WORKQUEUE, &m->map);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_TASK_WORK:
			if (reg->type != PTR_TO_MAP_VALUE)
				return sim_reject(env, -EINVAL, "R%d doesn't point to a map value\n", regno);
			err = sim_check_map_field_pointer(env, regno, SIM_FIELD_TASK_WORK, &m->map);
			if (err)
				return err;
			break;
		case KF_ARG_CONST_MAP_PTR:
			if (sim_base_type(reg->type) != CONST_PTR_TO_MAP || (reg->type & PTR_MAYBE_NULL))
				return sim_reject(env, -EINVAL, "pointer in R%d isn't map pointer\n", regno);
			err = sim_process_map_ptr_arg(env, regno, &m->map);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_CONST_STR:
			if (reg->type != PTR_TO_MAP_VALUE) {
				char tb[96];

				err = sim_reject(env, -EINVAL, "R%d doesn't point to a const string\n", regno);
				sim_diag_call_arg(env, env->insn_idx, regno, m->name,
						  "Pass a constant string pointer that the verifier recognizes, such as a string stored in a read-only map value.",
						  "the kfunc expects a pointer to a constant string stored in verifier-known memory, but R%d is %s",
						  regno, sim_diag_reg_type_plain(reg->type, tb, sizeof(tb)));
				return err;
			}
			/* check_arg_const_str(), as for helpers */
			err = sim_helper_arg_const_str(env, regno);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_CALLBACK:
			if (reg->type != PTR_TO_FUNC)
				return sim_reject(env, -EINVAL, "R%d expected pointer to func\n", regno);
			m->callback_subprog = (int)reg->subprogno;
			break;
		case KF_ARG_PTR_TO_BTF_ID:
			if (sim_base_type(reg->type) == PTR_TO_BTF_ID) {
				if (!sim_is_trusted_reg(env, reg) ||
				    (sim_type_flags(reg->type) & ~(MEM_ALLOC | PTR_TRUSTED | NON_OWN_REF))) {
					char eb[128], pb[64];

					if (!(m->flags & KF_RCU))
						return sim_diag_call_arg_err(env, sim_reject(env, -EINVAL, "R%d must be referenced or trusted\n",
								  regno), regno, m->name,
									     "Pass a pointer acquired from a verifier-tracked source, or call this kfunc only inside the required protection if it accepts RCU pointers.",
									     "the kfunc requires a trusted or resource-owning pointer to %s, but R%d is %s",
									     sim_diag_fmt_btf_type(btf, ref_id, eb, sizeof(eb)), regno,
									     sim_diag_reg_type_plain(reg->type, pb, sizeof(pb)));
					if (!(reg->type & MEM_RCU))
						return sim_diag_call_arg_err(env, sim_reject(env, -EINVAL, "R%d must be a rcu pointer\n", regno),
									     regno, m->name,
									     "Use this kfunc with a pointer that is valid in an RCU read lock region.",
									     "the kfunc requires an RCU-protected pointer to %s, but R%d is %s",
									     sim_diag_fmt_btf_type(btf, ref_id, eb, sizeof(eb)), regno,
									     sim_diag_reg_type_plain(reg->type, pb, sizeof(pb)));
				}
				err = process_btf_id_arg(env, reg, regno, m, ref_t, ref_id);
				if (err)
					return err;
				break;
			}
			/* a `__map` argument (e.g. bpf_arena_alloc_pages()'s
			 * p__map) expects struct bpf_map: a map pointer is in
			 * reg2btf_ids, so trusted, and is that struct at offset
			 * 0 (process_kf_arg_ptr_to_btf_id() matches) */
			if (reg->type == CONST_PTR_TO_MAP && param_suffix(btf, &args[i], "__map"))
				break;
			if (reg2btf_struct(sim_base_type(reg->type)))
				return sim_unsupported(env, "kfunc %s argument R%d of type %u", m->name,
						       regno, reg->type);
			if (!is_scalar_struct(btf, ref_t, 0)) {
				char tb[96], line[256], eb[128], pb[64];
				uint32_t alt = lookup_reg2btf_type(type_name(btf, ref_t));
				int len = snprintf(line, sizeof(line), "R%d is %s expected %s %s", regno,
						   sim_reg_type_str(reg->type, tb, sizeof(tb)),
						   btf_kind_str(ref_t), type_name(btf, ref_t));

				if (alt)
					snprintf(line + len, sizeof(line) - (size_t)len, " or %s",
						 sim_reg_type_str(alt, tb, sizeof(tb)));
				return sim_diag_call_arg_err(env, sim_reject(env, -EINVAL, "%s\n", line), regno, m->name,
							     "Pass a verifier-tracked pointer to the expected kernel object type, not a pointer to stack storage or another memory buffer.",
							     "the kfunc expects a pointer to %s, but this argument is %s and cannot be used as that kernel object pointer",
							     sim_diag_fmt_btf_type(btf, ref_id, eb, sizeof(eb)),
							     sim_diag_reg_type_plain(reg->type, pb, sizeof(pb)));
			}
			/* a pointer to a scalar-only struct that is not a BTF
			 * object: checked as fixed-size memory */
			kind = KF_ARG_PTR_TO_MEM | KF_ARG_FIXED_SIZE;
			/* fallthrough */
		case KF_ARG_PTR_TO_MEM: {
			int64_t size;

			if (kind & KF_ARG_FIXED_SIZE) {
				size = ref_t ? btf__resolve_size(btf, ref_id) : -1;
				if (size < 0)
					return sim_unsupported(env, "kfunc memory argument of unknown size");
				err = sim_check_helper_mem_access(env, regno, (int)size, true, false);
				if (err && env->verdict == SIM_REJECTED) {
					/* check_mem_reg()'s known_memory: false when
					 * check_helper_mem_access() found no memory */
					char eb[128], pb[64];
					bool known = !strstr(env->err, " expected=fp") ||
						     sim_base_type(reg->type) == PTR_TO_CTX;

					sim_diag_call_arg(env, env->insn_idx, regno, m->name,
							  known ? "Pass memory with at least the required number of accessible bytes and suitable read and write access."
								: "Pass stack, map, context, or other verifier-known memory of the expected type and size, not an integer cast to a pointer.",
							  known ? "the kfunc expects %u bytes of memory for %s, but the verifier cannot prove that %s provides a readable and writable range of that size"
								: "the kfunc expects %u bytes of memory for %s, but it is %s and not verifier-known memory",
							  (unsigned)size, sim_diag_fmt_btf_type(btf, ref_id, eb, sizeof(eb)),
							  sim_diag_reg_type_plain(reg->type, pb, sizeof(pb)));
				}
				if (err)
					return err;
				break;
			}
			/* the size is the next argument */
			{
				struct sim_reg *sz = &regs[regno + 1];

				/* KF_ARG_CONST_MEM_SIZE (__szk): process_const_arg()
				 * before the pair is checked */
				if (param_suffix(btf, &args[i + 1], "__szk")) {
					err = process_const_arg(env, m, sz, regno + 1);
					if (err)
						return err;
				}
				if (sz->type != SCALAR_VALUE)
					return sim_reject(env, -EINVAL, "R%d is not a scalar\n", regno + 1);
				if (!sim_scalar_is_const(&sz->s, false))
					return sim_unsupported(env, "kfunc variable memory size");
				err = sim_check_helper_mem_access(env, regno, (int)sz->s.var_off.value, true,
								  true);
				/* the pair is checked at the size argument, whose
				 * line closes the rejection */
				if (err && env->verdict == SIM_REJECTED) {
					char first[sizeof(env->err)];
					bool diagnosed = region_bounds_error(env->err);

					snprintf(first, sizeof(first), "%s", env->err);
					err = sim_reject(env, err,
							 "R%d and R%d memory, len pair leads to invalid memory access\n",
							 regno, regno + 1);
					{
						char sz_name[16];

						snprintf(sz_name, sizeof(sz_name), "R%d", regno + 1);
						sim_diag_call_arg(env, env->insn_idx, regno, m->name,
								  "Pass a stack, map, context, or other verifier-known memory pointer, and keep the paired length within that object.",
								  "it is the memory pointer in a memory/length pair with %s, but R%d does not describe verifier-readable memory for the requested length",
								  sz_name, regno);
					}
					if (diagnosed)
						snprintf(env->err, sizeof(env->err), "%s", first);
					return err;
				}
				if (err)
					return err;
				/* check_mem_size_reg(): mark_arg_precision() */
				err = sim_mark_chain_precision(env, regno + 1);
				if (err)
					return err;
				i++;
			}
			break;
		}
		case KF_ARG_PTR_TO_IRQ_FLAG: {
			/* process_irq_flag() (irq.c) */
			bool save = m->special == KF_LOCAL_IRQ_SAVE || m->special == KF_RES_SPIN_LOCK_IRQSAVE;
			bool restore = m->special == KF_LOCAL_IRQ_RESTORE ||
				       m->special == KF_RES_SPIN_UNLOCK_IRQRESTORE;

			if (reg->type != PTR_TO_STACK)
				return sim_reject(env, -EINVAL, "R%d doesn't point to an irq flag on stack\n",
						  regno);
			if (!save && !restore)
				return sim_bug(env, "unknown irq flags kfunc");
			err = sim_process_irq_flag(env, regno, save,
						   m->special == KF_LOCAL_IRQ_SAVE ||
								   m->special == KF_LOCAL_IRQ_RESTORE
							   ? SIM_IRQ_NATIVE_KFUNC
							   : SIM_IRQ_LOCK_KFUNC,
						   m->name);
			if (err)
				return err;
			break;
		}
		case KF_ARG_PTR_TO_ITER:
			/* check_css_task_iter_allowlist() */
			if (!strcmp(m->name, "bpf_iter_css_task_new") &&
			    env->p->prog_type != BPF_PROG_TYPE_LSM &&
			    !(env->p->prog_type == BPF_PROG_TYPE_TRACING &&
			      env->p->expected_attach_type == BPF_TRACE_ITER) &&
			    !env->cur->in_sleepable)
				return sim_reject(env, -EINVAL,
						  "css_task_iter is only allowed in bpf_lsm, bpf_iter and sleepable progs\n");
			m->iter.btf = m->btf;
			m->iter.proto = m->proto;
			m->iter.func_name = m->name;
			m->iter.kfunc_flags = m->flags;
			err = sim_process_iter_arg(env, regno, i, &m->iter);
			if (err)
				return err;
			break;
		case KF_ARG_PTR_TO_RES_SPIN_LOCK: {
			int flags = SIM_PROCESS_RES_LOCK;

			if (sim_in_rbtree_lock_required_cb(env))
				return sim_reject(env, -EACCES, "can't res_spin_{lock,unlock} in rbtree cb\n");
			if (reg->type != PTR_TO_MAP_VALUE && reg->type != (PTR_TO_BTF_ID | MEM_ALLOC))
				return sim_reject(env, -EINVAL,
						  "R%d doesn't point to map value or allocated object\n", regno);
			if (m->special == KF_RES_SPIN_LOCK || m->special == KF_RES_SPIN_LOCK_IRQSAVE)
				flags |= SIM_PROCESS_SPIN_LOCK;
			else if (m->special != KF_RES_SPIN_UNLOCK && m->special != KF_RES_SPIN_UNLOCK_IRQRESTORE)
				return -EFAULT;
			if (m->special == KF_RES_SPIN_LOCK_IRQSAVE || m->special == KF_RES_SPIN_UNLOCK_IRQRESTORE)
				flags |= SIM_PROCESS_LOCK_IRQ;
			err = sim_process_spin_lock(env, regno, flags, m->name);
			if (err)
				return err;
			break;
		}
		default:
			return sim_unsupported(env, "kfunc %s argument R%d kind %d", m->name, regno, kind);
		}
	}
	return 0;
}

/* mirrors mark_reg_graph_node() */
static void mark_reg_graph_node(struct sim_reg *r0, const struct sim_field *root)
{
	sim_reg_mark_ptr(r0, PTR_TO_BTF_ID | MEM_ALLOC);
	r0->btf = root->root_btf;
	r0->btf_id = root->value_btf_id;
	sim_scalar_mark_known(&r0->s, root->node_off);
}

static bool is_scalar_struct(const struct btf *btf, const struct btf_type *t, int depth)
{
	const struct btf_member *m;

	if (!t || !btf_is_struct(t) || depth > 3)
		return false;
	m = btf_members(t);
	for (int i = 0; i < (int)btf_vlen(t); i++, m++) {
		const struct btf_type *mt = sim_btf_skip_mods(btf, m->type, NULL);

		if (mt && btf_is_struct(mt)) {
			if (!is_scalar_struct(btf, mt, depth + 1))
				return false;
			continue;
		}
		if (mt && btf_is_array(mt)) {
			if (!btf_array(mt)->nelems || !is_scalar_type(sim_btf_skip_mods(btf, btf_array(mt)->type, NULL)))
				return false;
			continue;
		}
		if (!is_scalar_type(mt))
			return false;
	}
	return true;
}

/* mirrors check_special_kfunc(): 1 when R0 was set here */
static int check_special_kfunc(struct sim_env *env, struct kf_meta *m, const struct btf_type *ptr_type)
{
	struct sim_reg *r0 = &sim_cur_regs(env)[0];

	if (is_obj_new(m->special) || is_percpu_obj_new(m->special)) {
		const struct btf *pbtf = env->p->btf;
		const struct btf_type *rt;
		struct sim_record rec;

		if ((uint64_t)(uint32_t)m->arg_constant != m->arg_constant)
			return sim_reject(env, -EINVAL, "local type ID argument must be in range [0, U32_MAX]\n");
		if (!pbtf)
			return sim_reject(env, -EINVAL, "bpf_obj_new/bpf_percpu_obj_new requires prog BTF\n");
		rt = btf__type_by_id(pbtf, (uint32_t)m->arg_constant);
		if (!rt || !btf_is_struct(rt))
			return sim_reject(env, -EINVAL,
					  "bpf_obj_new/bpf_percpu_obj_new type ID argument must be of a struct\n");
		if (is_percpu_obj_new(m->special)) {
			if (rt->size > 512)
				return sim_reject(env, -EINVAL, "bpf_percpu_obj_new type size (%d) is greater than %d\n",
						  (int)rt->size, 512);
			if (!is_scalar_struct(pbtf, rt, 0))
				return sim_reject(env, -EINVAL,
						  "bpf_percpu_obj_new type ID argument must be of a struct of scalars\n");
			sim_btf_record(pbtf, env->p->vmlinux_btf, (uint32_t)m->arg_constant, &rec, NULL);
			if (rec.cnt)
				return sim_reject(env, -EINVAL,
						  "bpf_percpu_obj_new type ID argument must not contain special fields\n");
		}
		sim_reg_mark_ptr(r0, PTR_TO_BTF_ID | MEM_ALLOC |
					     (is_percpu_obj_new(m->special) ? MEM_PERCPU : 0));
		r0->btf = pbtf;
		r0->btf_id = (uint32_t)m->arg_constant;
		return 1;
	}
	if (is_refcount_acquire(m->special)) {
		sim_reg_mark_ptr(r0, PTR_TO_BTF_ID | MEM_ALLOC);
		r0->btf = m->arg_btf;
		r0->btf_id = m->arg_btf_id;
		return 1;
	}
	if (ptr_type && btf_is_struct(ptr_type) &&
	    (!strcmp(type_name(m->btf, ptr_type), "bpf_list_node") ||
	     !strcmp(type_name(m->btf, ptr_type), "bpf_rb_node"))) {
		if (!m->root_found)
			return sim_bug(env, "graph node return without a root argument");
		mark_reg_graph_node(r0, &m->root);
		return 1;
	}
	if (m->special == KF_DYNPTR_SLICE || m->special == KF_DYNPTR_SLICE_RDWR) {
		/* the slice's size is the __szk constant; it is read-only for
		 * bpf_dynptr_slice(), and writable packet data for _rdwr;
		 * it dies with its dynptr (parent_id) */
		if (!m->arg_constant_found)
			return sim_bug(env, "bpf_dynptr_slice(_rdwr) no constant size");
		sim_reg_mark_ptr(r0, PTR_TO_MEM | sim_dynptr_type_flag(m->dynptr.type));
		r0->mem_size = (uint32_t)m->arg_constant;
		if (m->special == KF_DYNPTR_SLICE)
			r0->type |= MEM_RDONLY;
		else if (!sim_may_access_direct_pkt_data(env->p->prog_type, true))
			return sim_reject(env, -EINVAL, "the prog does not allow writes to packet data\n");
		if (!m->dynptr.id)
			return sim_bug(env, "no dynptr id");
		r0->parent_id = m->dynptr.id;
		return 1;
	}
	if (m->special == KF_CAST_TO_KERN_CTX) {
		/* a trusted pointer to the kernel's context struct */
		sim_reg_mark_ptr(r0, PTR_TO_BTF_ID | PTR_TRUSTED);
		r0->btf = m->arg_btf;
		r0->btf_id = m->arg_btf_id;
		return 1;
	}
	if (m->special == KF_RDONLY_CAST) {
		/* the constant names a type of the kfunc's own BTF: a struct
		 * gives an untrusted BTF pointer, void read-only memory */
		const struct btf_type *rt = m->arg_constant <= UINT32_MAX ?
						    btf__type_by_id(m->btf, (uint32_t)m->arg_constant) : NULL;

		if (!rt)
			return sim_reject(env, -EINVAL, "Unknown type ID %lld passed to kfunc bpf_rdonly_cast\n",
					  (long long)m->arg_constant);
		if (btf_is_composite(rt)) {
			sim_reg_mark_ptr(r0, PTR_TO_BTF_ID | PTR_UNTRUSTED);
			r0->btf = m->btf;
			r0->btf_id = (uint32_t)m->arg_constant;
			return 1;
		}
		if (btf_kind(rt) == BTF_KIND_UNKN) { /* void */
			sim_reg_mark_ptr(r0, PTR_TO_MEM | MEM_RDONLY | PTR_UNTRUSTED);
			r0->mem_size = 0;
			return 1;
		}
		return sim_reject(env, -EINVAL,
				  "kfunc bpf_rdonly_cast type ID argument must be of a struct or void\n");
	}
	return 0;
}

/* mirrors find_kfunc_desc_btf(): off 0 is vmlinux, off N the module BTF at
 * fd_array[N]. The simulator's kernel BTF is vmlinux + the first module
 * (split, ids as the kernel numbers them), so off 1 must name one of the
 * module's own ids. NULL when @insn does not name a FUNC there. */
static const struct btf_type *kfunc_func(const struct sim_env *env, const struct bpf_insn *insn)
{
	const struct btf *btf = env->p->vmlinux_btf;
	const struct btf *base = btf ? btf__base_btf(btf) : NULL;
	const struct btf_type *t;

	if (!btf || insn->imm <= 0 || insn->off < 0 || insn->off > 1)
		return NULL;
	if (insn->off == 1 && (!base || (uint32_t)insn->imm < btf__type_cnt(base)))
		return NULL;
	if (insn->off == 0 && base && (uint32_t)insn->imm >= btf__type_cnt(base))
		return NULL;
	t = btf__type_by_id(btf, (uint32_t)insn->imm);
	return t && btf_is_func(t) ? t : NULL;
}

const char *sim_kfunc_call_name(const struct sim_env *env, const struct bpf_insn *insn)
{
	const struct btf_type *t = kfunc_func(env, insn);

	return t ? btf__name_by_offset(env->p->vmlinux_btf, t->name_off) : NULL;
}

const struct btf_type *sim_kfunc_call_proto(const struct sim_env *env, const struct bpf_insn *insn)
{
	const struct btf *btf = env->p->vmlinux_btf;
	const char *name = sim_kfunc_call_name(env, insn);
	const struct sim_kfunc_row *row = name ? sim_kfunc_lookup(name) : NULL;
	const struct btf_type *func, *proto;
	int id = insn->imm;

	if (!row || !sim_kfunc_allowed(row, env->p->prog_type))
		return NULL;
	if (row->flags & KF_IMPLICIT_ARGS) {
		char impl[256];

		snprintf(impl, sizeof(impl), "%s_impl", name);
		id = btf__find_by_name_kind(btf, impl, BTF_KIND_FUNC);
	}
	func = id > 0 ? btf__type_by_id(btf, (uint32_t)id) : NULL;
	proto = func ? btf__type_by_id(btf, func->type) : NULL;
	return proto && btf_is_func_proto(proto) ? proto : NULL;
}

/* mirrors in_rbtree_lock_required_cb(): inside the less() callback of an
 * rbtree kfunc (or a subprogram it calls) */
bool sim_in_rbtree_lock_required_cb(const struct sim_env *env)
{
	const struct sim_state *st = env->cur;

	for (uint32_t fr = st->curframe; fr; fr--) {
		const struct sim_func *f = st->frame[fr];
		const struct bpf_insn *insn;
		const char *name;

		if (!f->in_callback_fn || f->callsite < 0 || f->callsite >= env->insn_cnt)
			continue;
		insn = &env->insns[f->callsite];
		if (insn->src_reg != BPF_PSEUDO_KFUNC_CALL)
			continue;
		name = sim_kfunc_call_name(env, insn);
		if (name && is_rbtree_api(special_of(name)))
			return true;
	}
	return false;
}

/* mirrors kfunc_spin_allowed() */
bool sim_kfunc_spin_allowed(const struct sim_env *env, const struct bpf_insn *insn)
{
	const struct sim_kfunc_row *row = sim_kfunc_lookup(sim_kfunc_call_name(env, insn));

	return row && (row->flags & KF_SPINLOCK_SAFE);
}

/* mirrors check_kfunc_call() */
int sim_check_kfunc_call(struct sim_env *env, const struct bpf_insn *insn)
{
	const struct btf *btf = env->p->vmlinux_btf;
	struct sim_reg *regs = sim_cur_regs(env);
	struct sim_state *st = env->cur;
	const struct sim_kfunc_row *row;
	const struct btf_type *func, *t, *ptr_type;
	struct kf_meta m = { 0 };
	uint32_t ptr_type_id;
	int err;

	if (insn->off < 0)
		return sim_reject(env, -EINVAL, "negative offset disallowed for kernel module function call\n");
	if (insn->off > 1)
		return sim_unsupported(env, "kfunc of a second module BTF (fd index %d)", insn->off);
	if (insn->imm <= 0)
		return sim_reject(env, -EINVAL, "invalid kernel function btf_id %d\n", insn->imm);
	func = kfunc_func(env, insn);
	if (!func)
		return sim_reject(env, -EINVAL, "kernel btf_id %d is not a function\n", insn->imm);
	m.btf = btf;
	m.func_id = (uint32_t)insn->imm;
	m.name = btf__name_by_offset(btf, func->name_off);
	m.special = special_of(m.name);
	m.proto = btf__type_by_id(btf, func->type);
	m.api_nargs = m.proto ? btf_vlen(m.proto) : 0;
	row = sim_kfunc_lookup(m.name);
	if (!row || !sim_kfunc_allowed(row, env->p->prog_type) ||
	    kfunc_filter_denies(m.name, env->p->prog_type))
		/* check_kfunc_call(): bpf_diag_policy() */
		return sim_diag_policy(env, sim_reject(env, -EACCES, "calling kernel function %s is not allowed\n", m.name),
				       "this program cannot call the kfunc",
				       "Use a kfunc allowed for this program type and attach point, or change the program context.",
				       "kfunc %s", m.name);
	m.flags = row->flags;
	if (m.flags & KF_IMPLICIT_ARGS) {
		char impl[256];
		int id;

		snprintf(impl, sizeof(impl), "%s_impl", m.name);
		id = btf__find_by_name_kind(btf, impl, BTF_KIND_FUNC);
		if (id <= 0)
			return sim_reject(env, -EINVAL, "cannot find function %s in BTF\n", impl);
		m.proto = btf__type_by_id(btf, btf__type_by_id(btf, (uint32_t)id)->type);
	}
	if (!m.proto || !btf_is_func_proto(m.proto))
		return sim_reject(env, -EINVAL,
				  "kernel function btf_id %d does not have a valid func_proto\n", insn->imm);
	if (m.flags & KF_RELEASE)
		m.release_regno = 1;
	if (m.special == KF_RES_SPIN_LOCK || m.special == KF_RES_SPIN_LOCK_IRQSAVE) {
		/* a resilient lock can fail: the path where it did not take
		 * the lock returns an error in [-MAX_ERRNO, -1] */
		struct sim_state *branch = sim_push_stack(env, env->insn_idx + 1, env->insn_idx);
		struct sim_reg *bregs;

		if (!branch)
			return sim_reject(env, -ENOMEM, "failed to push state for failed lock acquisition\n");
		bregs = sim_cur_frame(branch)->regs;
		for (int i = 0; i <= 5; i++)
			sim_reg_mark_not_init(&bregs[i]);
		sim_reg_mark_unknown(&bregs[0]);
		err = sim_scalar_mark_s32_range(&bregs[0].s, -4095, -1, false, NULL);
		if (err)
			return sim_reject(env, err,
					  "failed to mark s32 range for retval in forked state for lock\n");
	} else if (!insn->off && !strcmp(m.name, "__bpf_trap")) {
		/* check_kfunc_call(): clang emits __bpf_trap() for code it
		 * proved undefined; a reachable one is refused */
		return sim_reject(env, -EFAULT, "unexpected __bpf_trap() due to uninitialized variable?\n");
	}
	if (m.flags & KF_DESTRUCTIVE)
		return sim_unsupported(env, "kfunc %s (destructive)", m.name);
	if ((m.flags & KF_SLEEPABLE) && !env->cur->in_sleepable)  /* in_sleepable() */
		return sim_diag_ctx_forbidden(env, sim_reject(env, -EACCES, "program must be sleepable to call sleepable kfunc %s\n",
				  m.name),
					      "Mark the program sleepable if the program type allows it, or use a non-sleepable kfunc.",
					      "sleepable kfunc %s", m.name);

	err = check_kfunc_args(env, &m);
	if (err)
		return err;
	/* freeing kptrs, graph nodes ... is not NMI safe: not in programs that
	 * may run in NMI context */
	if ((is_obj_drop(m.special) || is_percpu_obj_drop(m.special)) &&
	    (sim_is_tracing_prog_type(env->p->prog_type) ||
	     (env->p->prog_type == BPF_PROG_TYPE_TRACING &&
	      env->p->expected_attach_type != BPF_TRACE_ITER && !env->p->sleepable))) {
		struct sim_record rec;

		if (m.arg_btf && m.arg_btf != env->p->vmlinux_btf &&
		    !sim_btf_record(m.arg_btf, env->p->vmlinux_btf, m.arg_btf_id, &rec, NULL) &&
		    sim_record_has_nmi_unsafe_fields(&rec))
			return sim_reject(env, -EINVAL,
					  "%s cannot be used in tracing programs on types with NMI unsafe fields\n",
					  m.name);
	}

	switch (m.special) {
	case KF_RCU_READ_LOCK:
		st->active_rcu_locks++;
		sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_RCU, true, st->active_rcu_locks);
		break;
	case KF_RCU_READ_UNLOCK:
		if (!st->active_rcu_locks)
			return sim_diag_ctx_underflow(env, sim_reject(env, -EINVAL, "unmatched rcu read unlock (kernel function %s)\n",
					  m.name), SIM_DIAG_CTX_RCU,
						      "Remove the extra bpf_rcu_read_unlock() call, or ensure this path first enters an RCU read lock region.",
						      m.name);
		st->active_rcu_locks--;
		sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_RCU, false, st->active_rcu_locks);
		if (!sim_in_rcu_cs(env))
			sim_invalidate_rcu_protected_refs(env, m.name);
		break;
	case KF_PREEMPT_DISABLE:
		st->active_preempt_locks++;
		sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_PREEMPT, true,
					st->active_preempt_locks);
		break;
	case KF_PREEMPT_ENABLE:
		if (!st->active_preempt_locks)
			return sim_diag_ctx_underflow(env, sim_reject(env, -EINVAL,
					  "unmatched attempt to enable preemption (kernel function %s)\n", m.name),
						      SIM_DIAG_CTX_PREEMPT,
						      "Remove the extra bpf_preempt_enable() call, or ensure this path first disables preemption.",
						      m.name);
		st->active_preempt_locks--;
		sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_PREEMPT, false,
					st->active_preempt_locks);
		if (!sim_in_rcu_cs(env))
			sim_invalidate_rcu_protected_refs(env, m.name);
		break;
	default:
		break;
	}
	/* in_sleepable_context(): a sleepable kfunc may not sleep inside an
	 * RCU, preemption, IRQ or lock section */
	if ((m.flags & KF_SLEEPABLE) && sim_in_rcu_cs(env))
		return sim_diag_ctx_forbidden(env, sim_reject(env, -EACCES, "kernel func %s is sleepable within %s\n", m.name,
				  st->active_rcu_locks      ? "rcu_read_lock region"
				  : st->active_preempt_locks ? "non-preemptible region"
				  : st->active_irq_id        ? "IRQ-disabled region"
				  : st->active_locks         ? "lock region"
							     : "non-sleepable prog"),
					      "Move the kfunc call outside the critical section, or use a non-sleepable kfunc.",
					      "sleepable kfunc %s", m.name);
	if (sim_in_rbtree_lock_required_cb(env) &&
	    (m.special == KF_RCU_READ_LOCK || m.special == KF_RCU_READ_UNLOCK))
		return sim_reject(env, -EACCES,
				  "Calling bpf_rcu_read_{lock,unlock} in unnecessary rbtree callback\n");
	if ((m.flags & KF_RCU_PROTECTED) && !sim_in_rcu_cs(env))
		return sim_diag_ctx_required(env, sim_reject(env, -EACCES, "kernel func %s requires RCU critical section protection\n",
				  m.name), SIM_DIAG_CTX_RCU,
					     "Call this kfunc between bpf_rcu_read_lock() and bpf_rcu_read_unlock(), keeping all exit paths balanced.",
					     m.name);
	if (is_rbtree_add(m.special)) {
		err = m.root_found ? sim_push_rbtree_add_callback(env, m.callback_subprog, &m.root)
				   : -EFAULT;
		if (err) {
			sim_verbose(env, "kfunc %s#%d failed callback verification\n", m.name,
				    (int)m.func_id);
			return err;
		}
	}
	/* is_bpf_wq_set_callback_kfunc(): push_async_cb() with
	 * set_timer_callback_state(); wq callbacks are sleepable */
	if (!insn->off && !strcmp(m.name, "bpf_wq_set_callback")) {
		err = sim_push_async_callback(env, m.callback_subprog, true);
		if (err) {
			sim_verbose(env, "kfunc %s#%d failed callback verification\n", m.name,
				    (int)m.func_id);
			return err;
		}
	}
	/* is_task_work_add_kfunc(): set_task_work_schedule_callback_state() */
	if (!insn->off && (!strcmp(m.name, "bpf_task_work_schedule_signal") ||
			   !strcmp(m.name, "bpf_task_work_schedule_resume"))) {
		err = sim_push_task_work_callback(env, m.callback_subprog);
		if (err) {
			sim_verbose(env, "kfunc %s#%d failed callback verification\n", m.name,
				    (int)m.func_id);
			return err;
		}
	}
	if (m.release_regno) {
		/* release_reg(..., !!meta.dynptr.id) */
		if (m.dynptr.id && !sim_reg_is_null(&regs[m.release_regno]))
			err = sim_unmark_stack_slots_dynptr(env, &regs[m.release_regno]);
		else
			err = sim_release_reg(env, &regs[m.release_regno]);
		if (err)
			return err;
	}
	if (is_list_push(m.special) || is_rbtree_add(m.special))
		sim_ref_convert_owning_non_owning(env, regs[2].id, m.name);
	if (sim_kfunc_changes_pkt_data(m.name))
		sim_clear_all_pkt_pointers(env->cur);
	if (!insn->off && !strcmp(m.name, "bpf_throw") && (err = sim_throw_call(env)))
		return err;   /* exceptions.c */

	for (int i = 1; i <= 5; i++) {
		sim_reg_mark_not_init(&regs[i]);
		sim_mark_reg_scratched(env, i);
	}
	sim_reg_mark_not_init(&regs[0]);

	t = sim_btf_skip_mods(btf, m.proto->type, NULL);
	if ((m.flags & KF_ACQUIRE) &&
	    !(t && btf_is_ptr(t) && sim_btf_skip_mods(btf, t->type, NULL) &&
	      btf_is_struct(sim_btf_skip_mods(btf, t->type, NULL))) &&
	    !is_obj_new(m.special) && !is_percpu_obj_new(m.special) && !is_refcount_acquire(m.special))
		return sim_reject(env, -EINVAL, "acquire kernel function does not return PTR_TO_BTF_ID\n");
	if (!t || btf_kind(t) == BTF_KIND_UNKN) {
		/* void; bpf_throw() ends the program (exceptions.c) */
		if (!insn->off && !strcmp(m.name, "bpf_throw"))
			return sim_throw_exit(env);
		return 0;
	}
	if (is_scalar_type(t)) {
		sim_reg_mark_unknown(&regs[0]);
		/* the path that took a resilient lock got 0 */
		if (m.special == KF_RES_SPIN_LOCK || m.special == KF_RES_SPIN_LOCK_IRQSAVE)
			sim_reg_mark_known(&regs[0], 0);
		return 0;
	}
	if (!btf_is_ptr(t))
		return sim_unsupported(env, "kfunc %s return type", m.name);
	ptr_type = sim_btf_skip_mods(btf, t->type, &ptr_type_id);
	err = check_special_kfunc(env, &m, ptr_type);
	if (err < 0)
		return err;
	if (!err) {
		if (!ptr_type || btf_kind(ptr_type) == BTF_KIND_UNKN) {
			sim_reg_mark_unknown(&regs[0]);
		} else if (!btf_is_composite(ptr_type)) {
			int64_t sz = btf__resolve_size(btf, ptr_type_id);

			if (sz < 0)
				return sim_reject(env, -EINVAL,
						  "kernel function %s returns pointer type %s %s is not supported\n",
						  m.name, btf_kind_str(ptr_type), type_name(btf, ptr_type));
			sim_reg_mark_ptr(&regs[0], PTR_TO_MEM | MEM_RDONLY |
							   ((m.flags & KF_RCU_PROTECTED) ? MEM_RCU : 0));
			regs[0].mem_size = (uint32_t)sz;
			/* memory of an iterator (bpf_iter_num_next()'s int *)
			 * goes when the iterator does (meta.ref_obj) */
			if (m.iter.ref_cnt > 1)
				return sim_bug(env, "function expects only one referenced object but got %d",
					       m.iter.ref_cnt);
			if (m.iter.ref_id)
				regs[0].parent_id = m.iter.ref_id;
		} else {
			/* a KF_RCU_PROTECTED iterator made inside an RCU section
			 * hands out RCU pointers from its _next() */
			bool rcu = (m.flags & KF_RCU_PROTECTED) ||
				   ((m.flags & KF_ITER_NEXT) && m.iter.found &&
				    (sim_iter_from_state(st, &m.iter)->type & MEM_RCU));

			/* bpf_get_kmem_cache() may find no cache: untrusted */
			sim_reg_mark_ptr(&regs[0], PTR_TO_BTF_ID |
				(!strcmp(m.name, "bpf_get_kmem_cache") ? PTR_UNTRUSTED
				 : rcu ? MEM_RCU : PTR_TRUSTED));
			regs[0].btf = btf;
			regs[0].btf_id = ptr_type_id;
		}
	}
	/* is_kfunc_ret_null(): refcount_acquire of an owned object cannot fail */
	if ((m.flags & KF_RET_NULL) && !(is_refcount_acquire(m.special) && m.arg_owning_ref)) {
		regs[0].type |= PTR_MAYBE_NULL;
		regs[0].id = ++env->id_gen;
	}
	if (m.flags & KF_ACQUIRE) {
		int id = sim_acquire_reference(env, env->insn_idx, 0);

		if (id < 0)
			return id;
		regs[0].id = (uint32_t)id;
	} else if (ptr_type && btf_is_struct(ptr_type) &&
		   (!strcmp(type_name(btf, ptr_type), "bpf_list_node") ||
		    !strcmp(type_name(btf, ptr_type), "bpf_rb_node"))) {
		err = sim_ref_set_non_owning(env, &regs[0]);
		if (err)
			return err;
	}
	if (m.flags & KF_ITER_NEXT) {
		if (!m.iter.found)
			return sim_bug(env, "iter next call without an iterator argument");
		sim_diag_call_recorded(env);   /* bpf_diag_mod_end() before the fork */
		return sim_process_iter_next_call(env, env->insn_idx, &m.iter);
	}
	return 0;
}
