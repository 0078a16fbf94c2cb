/* BTF contexts: the context of tracing programs (tp_btf, fentry, fexit,
 * fmod_ret) and LSM programs, mirroring btf_ctx_access() of Linux 7.3's
 * kernel/bpf/btf.c.
 *
 * How it works
 * ------------
 * Such a program's context is an array of u64, one slot per argument of
 * the function it attaches to (the tracepoint's btf_trace_<name> typedef,
 * minus its leading `void *__data`, or the kernel function / LSM hook).
 * The function's BTF prototype says what each slot holds: integers, enums
 * and structs passed by value read as scalars; a pointer to a struct reads
 * as a PTR_TO_BTF_ID of that struct (trusted for tp_btf and most LSM
 * hooks, maybe-NULL when the parameter is named __nullable or the
 * tracepoint is known to pass NULL there); any other pointer reads as a
 * scalar. fexit and LSM programs may also read the slot after the last
 * argument: the return value. The answer is logged the kernel's way
 * ("func 'sched_switch' arg2 has btf_id N type STRUCT 'task_struct'").
 *
 * A BPF iterator's context is the bpf_iter_<target> function's arguments;
 * the target registers what some of them read as (ctx_arg_info): a
 * maybe-NULL object, or a maybe-NULL buffer (PTR_TO_BUF) for map keys and
 * values. An LSM_MAC program reading its return-value slot gets a scalar
 * already bounded to the hook's return range (get_func_retval_range()).
 *
 * Not modelled (reported as unsupported): freplace targets (tgt_prog).
 */
#include <string.h>

#include <bpf/btf.h>

#include "btf_util.h"
#include "check.h"
#include "ctx_access.h"
#include "kfuncs.h"

#define MAX_FUNC_ARGS 12 /* MAX_BPF_FUNC_ARGS */
#define TRACE_PREFIX "btf_trace_"

/* mirrors raw_tp_null_args[]: per tracepoint, 4 bits per argument: 0x1
 * the argument may be NULL, 0x2 it may be an ERR_PTR */
static const struct {
	const char *func;
	uint64_t mask;
} raw_tp_null_args[] = {
	{ "sched_pi_setprio", 0x10 },
	{ "sched_process_wait", 0x1 },
	{ "sched_stick_numa", 0x100 },
	{ "sched_swap_numa", 0x100 },
	{ "afs_make_fs_call", 0x10 },
	{ "afs_make_fs_calli", 0x10 },
	{ "afs_make_fs_call1", 0x10 },
	{ "afs_make_fs_call2", 0x10 },
	{ "afs_protocol_error", 0x1 },
	{ "afs_flock_ev", 0x10 },
	{ "cachefiles_lookup", 0x1 | 0x200 },
	{ "cachefiles_unlink", 0x1 },
	{ "cachefiles_rename", 0x1 },
	{ "cachefiles_prep_read", 0x1 },
	{ "cachefiles_mark_active", 0x1 },
	{ "cachefiles_mark_failed", 0x1 },
	{ "cachefiles_mark_inactive", 0x1 },
	{ "cachefiles_vfs_error", 0x1 },
	{ "cachefiles_io_error", 0x1 },
	{ "ext4_mballoc_discard", 0x10 },
	{ "ext4_mballoc_free", 0x10 },
	{ "fib_table_lookup", 0x100 },
	{ "posix_lock_inode", 0x10 },
	{ "fcntl_setlk", 0x10 },
	{ "locks_remove_posix", 0x10 },
	{ "flock_lock_inode", 0x10 },
	{ "break_lease_noblock", 0x10 },
	{ "break_lease_block", 0x10 },
	{ "break_lease_unblock", 0x10 },
	{ "generic_delete_lease", 0x10 },
	{ "time_out_leases", 0x10 },
	{ "host1x_cdma_push_gather", 0x10000 },
	{ "mm_khugepaged_scan_pmd", 0x10 },
	{ "mm_collapse_huge_page_isolate", 0x1 },
	{ "mm_khugepaged_scan_file", 0x10 },
	{ "mm_khugepaged_collapse_file", 0x10 },
	{ "mm_page_alloc", 0x1 },
	{ "mm_page_pcpu_drain", 0x1 },
	{ "mm_page_alloc_zone_locked", 0x1 },
	{ "netfs_failure", 0x10 },
	{ "device_pm_callback_start", 0x10 },
	{ "qdisc_dequeue", 0x1000 },
	{ "rxrpc_recvdata", 0x1 },
	{ "rxrpc_resend", 0x10 },
	{ "rxrpc_tq", 0x10 },
	{ "rxrpc_client", 0x1 },
	{ "signal_generate", 0x20 },
	{ "signal_deliver", 0x20 },
	{ "xs_stream_read_data", 0x1 },
	{ "xprt_reserve_cong", 0x10 },
	{ "xprt_release_cong", 0x10 },
	{ "xprt_get_cong", 0x10 },
	{ "xprt_put_cong", 0x10 },
	{ "tcp_send_reset", 0x11 },
	{ "tcp_sendmsg_locked", 0x100 },
	{ "tegra_dma_tx_status", 0x100 },
	{ "tmigr_update_events", 0x1 },
	{ "writeback_dirty_folio", 0x10 },
	{ "folio_wait_writeback", 0x10 },
	{ "mr_integ_alloc", 0x2000 },
	{ "bpf_testmod_test_read", 0x0 },
	{ "amdgpu_vm_bo_map", 0x1 },
	{ "amdgpu_vm_bo_unmap", 0x1 },
	{ "netfs_folioq", 0x1 },
	{ "xfs_defer_create_intent", 0x1 },
	{ "xfs_defer_cancel_list", 0x1 },
	{ "xfs_defer_pending_finish", 0x1 },
	{ "xfs_defer_pending_abort", 0x1 },
	{ "xfs_defer_relog_intent", 0x1 },
	{ "xfs_defer_isolate_paused", 0x1 },
	{ "xfs_defer_item_pause", 0x1 },
	{ "xfs_defer_item_unpause", 0x1 },
	{ "xfs_defer_add_item", 0x1 },
	{ "xfs_defer_cancel_item", 0x1 },
	{ "xfs_defer_finish_item", 0x1 },
	{ "xfs_ioc_free_eofblocks", 0x10 },
	{ "xfs_blockgc_free_space", 0x10 },
	{ "xfs_btree_updkeys", 0x100 },
	{ "xfs_btree_overlapped_query_range", 0x100 },
	{ "xfs_map_blocks_found", 0x10000 },
	{ "xfs_map_blocks_alloc", 0x10000 },
	{ "xfs_iomap_alloc", 0x1000 },
	{ "xfs_iomap_found", 0x1000 },
	{ "xfs_inodegc_flush", 0x1 },
	{ "xfs_inodegc_push", 0x1 },
	{ "xfs_inodegc_start", 0x1 },
	{ "xfs_inodegc_stop", 0x1 },
	{ "xfs_inodegc_queue", 0x1 },
	{ "xfs_inodegc_throttle", 0x1 },
	{ "xfs_fs_sync_fs", 0x1 },
	{ "xfs_blockgc_start", 0x1 },
	{ "xfs_blockgc_stop", 0x1 },
	{ "xfs_blockgc_worker", 0x1 },
	{ "xfs_blockgc_flush_all", 0x1 },
	{ "xchk_nlinks_live_update", 0x10 },
	{ "xchk_metapath_lookup", 0x100 },
	{ "nfsd_dirent", 0x1 },
	{ "nfsd_file_acquire", 0x1001 },
	{ "nfsd_file_insert_err", 0x1 },
	{ "nfsd_file_cons_err", 0x1 },
	{ "nfs4_setup_sequence", 0x1 },
	{ "pnfs_update_layout", 0x10000 },
	{ "nfs4_inode_callback_event", 0x200 },
	{ "nfs4_inode_stateid_callback_event", 0x200 },
	{ "pnfs_mds_fallback_pg_init_read", 0x10000 },
	{ "pnfs_mds_fallback_pg_init_write", 0x10000 },
	{ "pnfs_mds_fallback_pg_get_mirror_count", 0x10000 },
	{ "pnfs_mds_fallback_read_done", 0x10000 },
	{ "pnfs_mds_fallback_write_done", 0x10000 },
	{ "pnfs_mds_fallback_read_pagelist", 0x10000 },
	{ "pnfs_mds_fallback_write_pagelist", 0x10000 },
	{ "coda_dec_pic_run", 0x10 },
	{ "coda_dec_pic_done", 0x10 },
	{ "cfg80211_scan_done", 0x11 },
	{ "rdev_set_coalesce", 0x10 },
	{ "cfg80211_report_wowlan_wakeup", 0x100 },
	{ "cfg80211_inform_bss_frame", 0x100 },
	{ "cfg80211_michael_mic_failure", 0x10000 },
	{ "wiphy_work_queue", 0x10 },
	{ "wiphy_work_run", 0x10 },
	{ "wiphy_work_cancel", 0x10 },
	{ "wiphy_work_flush", 0x10 },
	{ "hugetlbfs_alloc_inode", 0x10 },
	{ "spufs_context", 0x10 },
	{ "kvm_page_fault_enter", 0x100 },
	{ "dpu_crtc_setup_mixer", 0x100 },
	{ "binder_transaction", 0x100 },
	{ "btree_path_free", 0x100 },
	{ "hfi1_sdma_progress", 0x1000 },
	{ "iptfs_ingress_postq_event", 0x1000 },
	{ "neigh_update", 0x10 },
	{ "amdtp_packet", 0x100 },
};

/* mirrors the iterator targets' bpf_iter_reg.ctx_arg_info of Linux 7.3
 * (kernel/bpf/task_iter.c, map_iter.c ..., net/core/sock_map.c ...):
 * which argument of bpf_iter_<target> reads as what. The BTF id of an
 * object is the struct its parameter points to, as the targets register
 * it. */
static const struct {
	const char *target;
	uint32_t arg;
	uint32_t reg_type;
} iter_ctx_args[] = {
	{ "ksym", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "bpf_prog", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "cgroup", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL | PTR_TRUSTED },
	{ "kmem_cache", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL | PTR_TRUSTED },
	{ "task", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL | PTR_TRUSTED },
	{ "task_file", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "task_file", 3, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "task_vma", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "task_vma", 2, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "bpf_map", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL | PTR_TRUSTED },
	{ "bpf_map_elem", 2, PTR_TO_BUF | PTR_MAYBE_NULL | MEM_RDONLY },
	{ "bpf_map_elem", 3, PTR_TO_BUF | PTR_MAYBE_NULL },
	{ "dmabuf", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "bpf_link", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "netlink", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "ipv6_route", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "sockmap", 2, PTR_TO_BUF | PTR_MAYBE_NULL | MEM_RDONLY },
	{ "sockmap", 3, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "bpf_sk_storage_map", 2, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "bpf_sk_storage_map", 3, PTR_TO_BUF | PTR_MAYBE_NULL },
	{ "unix", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL },
	{ "tcp", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL | PTR_TRUSTED },
	{ "udp", 1, PTR_TO_BTF_ID | PTR_MAYBE_NULL | PTR_TRUSTED },
};

/* mirrors the bool_lsm_hooks set of bpf_lsm.c: hooks returning 0 or 1 */
static const char *const bool_lsm_hooks[] = {
	"bpf_lsm_xfrm_state_pol_flow_match", "bpf_lsm_audit_rule_known",
	"bpf_lsm_inode_xattr_skipcap",
};

/* mirrors the untrusted_lsm_hooks set of bpf_lsm.c */
static const char *const untrusted_lsm_hooks[] = {
	"bpf_lsm_bpf_map_free",          "bpf_lsm_bpf_prog_free",
	"bpf_lsm_file_alloc_security",   "bpf_lsm_file_free_security",
	"bpf_lsm_sk_alloc_security",     "bpf_lsm_sk_free_security",
	"bpf_lsm_task_free",             "bpf_lsm_bdev_alloc_security",
	"bpf_lsm_bdev_free_security",
};


/* mirrors btf_type_is_modifier() */
static bool is_modifier(const struct btf_type *t)
{
	return btf_is_mod(t) || btf_is_typedef(t);
}

static const struct btf_type *skip_modifiers(const struct btf *btf, uint32_t id, uint32_t *res)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && is_modifier(t)) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res)
		*res = id;
	return t;
}

/* What the program attaches to: the prototype and its name. */
struct attach_func {
	const struct btf *btf;
	const struct btf_type *proto;
	const struct btf_param *args;
	uint32_t nr_args;
	const char *tname;       /* attach_func_name */
	bool trace;              /* attach_btf_trace: tp_btf */
};

static bool attach_func_of(const struct sim_prog_view *p, struct attach_func *f)
{
	const struct btf_type *t;
	const char *name;

	memset(f, 0, sizeof(*f));
	f->btf = p->vmlinux_btf;
	if (!f->btf || !p->attach_btf_id)
		return false;
	t = btf__type_by_id(f->btf, p->attach_btf_id);
	if (!t)
		return false;
	name = btf__name_by_offset(f->btf, t->name_off);
	if (btf_is_typedef(t)) {
		/* tp_btf: typedef void (*btf_trace_<tp>)(void *__data, ...) */
		if (!name || strncmp(name, TRACE_PREFIX, strlen(TRACE_PREFIX)))
			return false;
		f->tname = name + strlen(TRACE_PREFIX);
		f->trace = true;
		t = btf__type_by_id(f->btf, t->type);
		if (!t || !btf_is_ptr(t))
			return false;
		t = btf__type_by_id(f->btf, t->type);
	} else if (btf_is_func(t)) {
		f->tname = name;
		t = btf__type_by_id(f->btf, t->type);
	} else {
		return false;
	}
	if (!t || !btf_is_func_proto(t))
		return false;
	f->proto = t;
	f->args = btf_params(t);
	f->nr_args = btf_vlen(t);
	return true;
}

/* mirrors btf_ctx_arg_idx(): which argument a ctx offset falls in
 * (structs passed by value take several slots) */
static uint32_t ctx_arg_idx(const struct attach_func *f, int off)
{
	const struct btf_type *t;
	uint32_t offset = 0;

	for (uint32_t i = 0; i < f->nr_args; i++) {
		t = skip_modifiers(f->btf, f->args[i].type, NULL);
		offset += !t || btf_is_ptr(t) ? 8 : (t->size + 7) / 8 * 8;
		if ((uint32_t)off < offset)
			return i;
	}
	t = skip_modifiers(f->btf, f->proto->type, NULL);
	offset += !t || btf_is_ptr(t) ? 8 : (t->size + 7) / 8 * 8;
	if ((uint32_t)off < offset)
		return f->nr_args;
	return f->nr_args + 1;
}

/* mirrors prog_args_trusted() */
static bool prog_args_trusted(const struct sim_prog_view *p, const struct attach_func *f)
{
	if (p->prog_type == BPF_PROG_TYPE_TRACING)
		return p->expected_attach_type == BPF_TRACE_RAW_TP ||
		       p->expected_attach_type == BPF_TRACE_ITER;
	if (p->prog_type == BPF_PROG_TYPE_LSM) {
		/* bpf_lsm_is_trusted() */
		for (size_t i = 0; i < sizeof(untrusted_lsm_hooks) / sizeof(untrusted_lsm_hooks[0]); i++)
			if (f->tname && !strcmp(f->tname, untrusted_lsm_hooks[i]))
				return false;
		return true;
	}
	return false;
}

static bool name_has_suffix(const char *name, const char *suffix)
{
	size_t n = name ? strlen(name) : 0, m = strlen(suffix);

	return n >= m && !strcmp(name + n - m, suffix);
}

/* the ctx_arg_info entry of an iterator program for argument @arg */
static int iter_ctx_arg(const struct sim_prog_view *p, const struct attach_func *f, uint32_t arg)
{
	const char *prefix = "bpf_iter_";

	if (p->prog_type != BPF_PROG_TYPE_TRACING || p->expected_attach_type != BPF_TRACE_ITER ||
	    !f->tname || strncmp(f->tname, prefix, strlen(prefix)))
		return -1;
	for (size_t i = 0; i < sizeof(iter_ctx_args) / sizeof(iter_ctx_args[0]); i++)
		if (iter_ctx_args[i].arg == arg &&
		    !strcmp(f->tname + strlen(prefix), iter_ctx_args[i].target))
			return (int)i;
	return -1;
}

bool sim_lsm_retval_range(const struct sim_prog_view *p, int *minval, int *maxval)
{
	struct attach_func f;

	/* get_func_retval_range() and bpf_lsm_get_retval_range() */
	if (p->prog_type != BPF_PROG_TYPE_LSM || p->expected_attach_type != BPF_LSM_MAC ||
	    !attach_func_of(p, &f) || !f.proto->type)
		return false;
	for (size_t i = 0; i < sizeof(bool_lsm_hooks) / sizeof(bool_lsm_hooks[0]); i++) {
		if (!strcmp(f.tname, bool_lsm_hooks[i])) {
			*minval = 0;
			*maxval = 1;
			return true;
		}
	}
	*minval = -4095; /* -MAX_ERRNO */
	*maxval = 0;
	return true;
}

bool sim_btf_attach_returns_void(const struct sim_prog_view *p)
{
	struct attach_func f;

	return attach_func_of(p, &f) && !f.proto->type;
}

bool sim_btf_ctx_prog(const struct sim_prog_view *p)
{
	if (p->prog_type == BPF_PROG_TYPE_LSM)
		return true;
	if (p->prog_type != BPF_PROG_TYPE_TRACING)
		return false;
	switch (p->expected_attach_type) {
	case BPF_TRACE_RAW_TP:
	case BPF_TRACE_FENTRY:
	case BPF_TRACE_FEXIT:
	case BPF_MODIFY_RETURN:
	case BPF_TRACE_ITER:
		return true;
	default:
		return false;
	}
}

/* The answer of btf_ctx_access(): what the load gives. */
struct ctx_answer {
	uint32_t reg_type;
	uint32_t btf_id;
	bool is_retval;    /* an LSM_MAC program's return-value slot */
};

/* mirrors btf_ctx_access(): 1 valid, 0 invalid (already logged), or
 * SIM_E_UNSUPPORTED */
static int btf_ctx_access(struct sim_env *env, const struct attach_func *f, int off, int size,
			  struct ctx_answer *ans)
{
	const struct sim_prog_view *p = env->p;
	const struct btf *btf = f->btf;
	const struct btf_type *t;
	struct attach_func shifted = *f;
	uint32_t arg, id, flags = 0;
	bool ptr_err = false;

	int ctx_arg;

	ans->reg_type = SCALAR_VALUE;
	ans->btf_id = 0;
	ans->is_retval = false;
	if (off % 8) {
		sim_verbose(env, "func '%s' offset %d is not multiple of 8\n", f->tname, off);
		return 0;
	}
	arg = ctx_arg_idx(f, off);
	if (f->trace) {
		/* skip the first 'void *__data' argument */
		shifted.args++;
		shifted.nr_args--;
	}
	if (arg > shifted.nr_args) {
		sim_verbose(env, "func '%s' doesn't have %u-th argument\n", f->tname, arg + 1);
		return 0;
	}
	if (arg == shifted.nr_args) {
		/* LSM_MAC: the return value, bounded by the load
		 * (check_mem_access() and get_func_retval_range()) */
		ans->is_retval = p->expected_attach_type == BPF_LSM_MAC;
		if (p->expected_attach_type == BPF_LSM_MAC ||
		    p->expected_attach_type == BPF_LSM_CGROUP ||
		    p->expected_attach_type == BPF_TRACE_FEXIT) {
			t = btf__type_by_id(btf, f->proto->type);
		} else if (p->expected_attach_type == BPF_MODIFY_RETURN) {
			t = skip_modifiers(btf, f->proto->type, NULL);
			if (!t || !btf_is_int(t) || t->size > 8) {
				sim_verbose(env, "ret type %s not allowed for fmod_ret\n",
					    t ? sim_btf_kind_str(t) : "UNKNOWN");
				return 0;
			}
		} else {
			sim_verbose(env, "func '%s' doesn't have %u-th argument\n", f->tname, arg + 1);
			return 0;
		}
	} else {
		t = btf__type_by_id(btf, shifted.args[arg].type);
	}
	while (t && is_modifier(t))
		t = btf__type_by_id(btf, t->type);
	if (!t || (btf_is_int(t) && t->size <= 8) || btf_is_any_enum(t) || btf_is_composite(t))
		return 1; /* a scalar (a void return reads as one too) */
	if (!btf_is_ptr(t)) {
		sim_verbose(env, "func '%s' arg%u '%s' has type %s. Only pointer access is allowed\n",
			    f->tname, arg, btf__name_by_offset(btf, t->name_off), sim_btf_kind_str(t));
		return 0;
	}
	if (size != 8) {
		sim_verbose(env, "func '%s' size %d must be 8\n", f->tname, size);
		return 0;
	}
	/* an iterator's map key or value: a maybe-NULL buffer */
	ctx_arg = iter_ctx_arg(p, f, arg);
	if (ctx_arg >= 0 && sim_base_type(iter_ctx_args[ctx_arg].reg_type) == PTR_TO_BUF) {
		ans->reg_type = iter_ctx_args[ctx_arg].reg_type;
		return 1;
	}
	/* btf_type_is_struct_ptr(): other pointers read as scalars */
	{
		uint32_t target_id;
		const struct btf_type *target = skip_modifiers(btf, t->type, &target_id);

		if (!target || !btf_is_composite(target))
			return 1;
		/* an iterator's object, as its target registered it */
		if (ctx_arg >= 0) {
			ans->reg_type = iter_ctx_args[ctx_arg].reg_type;
			ans->btf_id = target_id;
			return 1;
		}
	}
	ans->reg_type = PTR_TO_BTF_ID;
	if (prog_args_trusted(p, f))
		ans->reg_type |= PTR_TRUSTED;
	if (arg < shifted.nr_args &&
	    name_has_suffix(btf__name_by_offset(btf, shifted.args[arg].name_off), "__nullable"))
		ans->reg_type |= PTR_MAYBE_NULL;
	if (p->expected_attach_type == BPF_TRACE_RAW_TP && f->trace) {
		for (size_t i = 0; i < sizeof(raw_tp_null_args) / sizeof(raw_tp_null_args[0]); i++) {
			if (strcmp(f->tname, raw_tp_null_args[i].func))
				continue;
			if (raw_tp_null_args[i].mask & (0x1ull << (arg * 4)))
				ans->reg_type |= PTR_MAYBE_NULL;
			if (raw_tp_null_args[i].mask & (0x2ull << (arg * 4)))
				ptr_err = true;
			break;
		}
	}
	/* btf_type_tag_walk() with the "user" and "percpu" tags */
	id = t->type;
	t = btf__type_by_id(btf, id);
	while (t && is_modifier(t)) {
		if (btf_is_type_tag(t) && !btf_kflag(t)) {
			const char *tag = btf__name_by_offset(btf, t->name_off);

			if (tag && !strcmp(tag, "user"))
				flags |= MEM_USER;
			else if (tag && !strcmp(tag, "percpu"))
				flags |= MEM_PERCPU;
		}
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (flags == (MEM_USER | MEM_PERCPU)) {
		sim_verbose(env, "func '%s' arg%u type %s has multiple type tags\n", f->tname, arg,
			    "PTR");
		return 0;
	}
	ans->reg_type |= flags;
	ans->btf_id = id;
	if (!t || !btf_is_composite(t)) {
		sim_verbose(env, "func '%s' arg%u type %s is not a struct\n", f->tname, arg,
			    t ? sim_btf_kind_str(t) : "UNKNOWN");
		return 0;
	}
	sim_verbose(env, "func '%s' arg%u has btf_id %u type %s '%s'\n", f->tname, arg, id,
		    sim_btf_kind_str(t), btf__name_by_offset(btf, t->name_off));
	if (ptr_err) {
		sim_verbose(env, "marking pointer arg%u as scalar as it may encode error", arg);
		ans->reg_type = SCALAR_VALUE;
	}
	return 1;
}

int sim_btf_ctx_access(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
		       int size, bool write, int value_regno)
{
	const struct sim_prog_view *p = env->p;
	struct attach_func f;
	struct ctx_answer ans;
	struct sim_reg *dst;
	int64_t o;
	int valid;

	if (!attach_func_of(p, &f))
		return sim_unsupported(env, "BTF context without a resolvable attach target");
	/* check_ctx_access(): a fixed offset folds into the access */
	if (!sim_reg_is_const(reg)) {
		int err = sim_check_ptr_off_reg(env, reg, regno, true);

		if (err)
			return err;
	}
	o = (int64_t)off + (int64_t)reg->s.var_off.value;
	/* tracing_prog_is_valid_access(): bpf_tracing_ctx_access() first;
	 * LSM goes to btf_ctx_access() directly */
	if (p->prog_type == BPF_PROG_TYPE_TRACING &&
	    (o < 0 || o >= 8 * MAX_FUNC_ARGS || write || o % size))
		goto invalid;
	if (o != (int)o)
		goto invalid;
	valid = btf_ctx_access(env, &f, (int)o, size, &ans);
	if (valid < 0)
		return valid;
	if (!valid)
		goto invalid;
	if (write || value_regno < 0)
		return 0;
	/* mirrors check_mem_access()'s PTR_TO_CTX load */
	dst = &sim_cur_regs(env)[value_regno];
	if (ans.reg_type == SCALAR_VALUE) {
		int minval, maxval;

		sim_reg_mark_unknown(dst);
		/* __mark_reg_s32_range() of an unknown scalar: no invariant
		 * can break */
		if (ans.is_retval && sim_lsm_retval_range(p, &minval, &maxval))
			(void)sim_scalar_mark_s32_range(&dst->s, minval, maxval, false, NULL);
		return 0;
	}
	sim_reg_mark_ptr(dst, ans.reg_type);
	if (ans.reg_type & PTR_MAYBE_NULL)
		dst->id = ++env->id_gen;
	if (sim_base_type(ans.reg_type) == PTR_TO_BTF_ID) {
		dst->btf = f.btf;
		dst->btf_id = ans.btf_id;
	}
	return 0;
invalid:
	return sim_reject(env, -EACCES, "invalid bpf_context access off=%lld size=%d\n",
			  (long long)o, size);
}
