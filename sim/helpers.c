/* Helper prototypes, one row per helper as the kernel declares it in its
 * struct bpf_func_proto definitions (kernel/bpf/helpers.c, net/core/filter.c,
 * kernel/trace/bpf_trace.c ...). A helper missing here is reported as
 * unsupported by name, never guessed. */
#include <stddef.h>

#include "check.h"

#define MEM_RO (MEM_RDONLY)
#define NUL PTR_MAYBE_NULL

/* mirrors the bpf_func_proto rows of 7.3 */
static const struct sim_helper_proto protos[] = {
	[BPF_FUNC_map_lookup_elem] = { "map_lookup_elem", RET_PTR_TO_MAP_VALUE | NUL,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY }, .pkt_access = true },
	[BPF_FUNC_map_update_elem] = { "map_update_elem", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING },
		.pkt_access = true },
	[BPF_FUNC_map_delete_elem] = { "map_delete_elem", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY }, .pkt_access = true },
	[BPF_FUNC_map_push_elem] = { "map_push_elem", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_VALUE, ARG_ANYTHING }, .pkt_access = true },
	[BPF_FUNC_map_pop_elem] = { "map_pop_elem", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE } },
	[BPF_FUNC_map_peek_elem] = { "map_peek_elem", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_VALUE | MEM_UNINIT | MEM_WRITE } },
	[BPF_FUNC_probe_read_kernel] = { "probe_read_kernel", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING } },
	[BPF_FUNC_probe_read_user] = { "probe_read_user", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING } },
	[BPF_FUNC_probe_read_kernel_str] = { "probe_read_kernel_str", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING } },
	[BPF_FUNC_ktime_get_ns] = { "ktime_get_ns", RET_INTEGER, { 0 } },
	[BPF_FUNC_ktime_get_boot_ns] = { "ktime_get_boot_ns", RET_INTEGER, { 0 } },
	[BPF_FUNC_ktime_get_coarse_ns] = { "ktime_get_coarse_ns", RET_INTEGER, { 0 } },
	[BPF_FUNC_jiffies64] = { "jiffies64", RET_INTEGER, { 0 } },
	/* kernel/trace/bpf_trace.c: only fmt and its size are checked; the
	 * three values are not arguments of the prototype */
	[BPF_FUNC_trace_printk] = { "trace_printk", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE } },
	[BPF_FUNC_get_prandom_u32] = { "get_prandom_u32", RET_INTEGER, { 0 } },
	[BPF_FUNC_get_smp_processor_id] = { "get_smp_processor_id", RET_INTEGER, { 0 } },
	[BPF_FUNC_get_numa_node_id] = { "get_numa_node_id", RET_INTEGER, { 0 } },
	[BPF_FUNC_get_current_pid_tgid] = { "get_current_pid_tgid", RET_INTEGER, { 0 } },
	[BPF_FUNC_get_current_uid_gid] = { "get_current_uid_gid", RET_INTEGER, { 0 } },
	[BPF_FUNC_get_current_comm] = { "get_current_comm", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE } },
	[BPF_FUNC_tail_call] = { "tail_call", RET_VOID,
		{ ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING } },
	[BPF_FUNC_skb_load_bytes] = { "skb_load_bytes", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE } },
	[BPF_FUNC_skb_store_bytes] = { "skb_store_bytes", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE, ARG_ANYTHING },
		.changes_pkt_data = true },
	[BPF_FUNC_skb_pull_data] = { "skb_pull_data", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING }, .changes_pkt_data = true },
	[BPF_FUNC_xdp_adjust_head] = { "xdp_adjust_head", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING }, .changes_pkt_data = true },
	[BPF_FUNC_xdp_adjust_tail] = { "xdp_adjust_tail", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING }, .changes_pkt_data = true },
	[BPF_FUNC_xdp_adjust_meta] = { "xdp_adjust_meta", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING }, .changes_pkt_data = true },
	[BPF_FUNC_redirect] = { "redirect", RET_INTEGER, { ARG_ANYTHING, ARG_ANYTHING } },
	[BPF_FUNC_redirect_map] = { "redirect_map", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_ANYTHING } },
	[BPF_FUNC_perf_event_output] = { "perf_event_output", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RO,
		  ARG_CONST_SIZE_OR_ZERO } },
	[BPF_FUNC_get_stackid] = { "get_stackid", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_ANYTHING } },
	[BPF_FUNC_csum_diff] = { "csum_diff", RET_INTEGER,
		{ ARG_PTR_TO_MEM | NUL | MEM_RO, ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_MEM | NUL | MEM_RO,
		  ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING }, .pkt_access = true },
	[BPF_FUNC_get_hash_recalc] = { "get_hash_recalc", RET_INTEGER, { ARG_PTR_TO_CTX } },
	[BPF_FUNC_get_cgroup_classid] = { "get_cgroup_classid", RET_INTEGER, { ARG_PTR_TO_CTX } },
	[BPF_FUNC_ringbuf_output] = { "ringbuf_output", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING } },
	[BPF_FUNC_snprintf] = { "snprintf", RET_INTEGER,
		{ ARG_PTR_TO_MEM | NUL | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_CONST_STR,
		  ARG_PTR_TO_MEM | NUL | MEM_RO, ARG_CONST_SIZE_OR_ZERO } },
	[BPF_FUNC_spin_lock] = { "spin_lock", RET_VOID, { ARG_PTR_TO_SPIN_LOCK } },
	[BPF_FUNC_spin_unlock] = { "spin_unlock", RET_VOID, { ARG_PTR_TO_SPIN_LOCK } },
	[BPF_FUNC_kptr_xchg] = { "kptr_xchg", RET_PTR_TO_BTF_ID | NUL,
		{ ARG_KPTR_XCHG_DEST, ARG_PTR_TO_BTF_ID | NUL | OBJ_RELEASE }, .acquires = true,
		.releases = true },
	[BPF_FUNC_map_lookup_percpu_elem] = { "map_lookup_percpu_elem", RET_PTR_TO_MAP_VALUE | NUL,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING }, .pkt_access = true },
	/* kernel/bpf/helpers.c */
	[BPF_FUNC_copy_from_user_task] = { "copy_from_user_task", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
		  ARG_PTR_TO_BTF_ID, ARG_ANYTHING }, .might_sleep = true },
	/* kernel/trace/bpf_trace.c (ret_btf_id: struct pt_regs) */
	[BPF_FUNC_task_pt_regs] = { "task_pt_regs", RET_PTR_TO_BTF_ID, { ARG_PTR_TO_BTF_ID } },
	[BPF_FUNC_per_cpu_ptr] = { "per_cpu_ptr", RET_PTR_TO_MEM_OR_BTF_ID | NUL | MEM_RO,
		{ ARG_PTR_TO_PERCPU_BTF_ID, ARG_ANYTHING } },
	[BPF_FUNC_this_cpu_ptr] = { "this_cpu_ptr", RET_PTR_TO_MEM_OR_BTF_ID | MEM_RO,
		{ ARG_PTR_TO_PERCPU_BTF_ID } },
	[BPF_FUNC_get_current_task] = { "get_current_task", RET_INTEGER, { 0 } },
	/* RET_PTR_TO_BTF_ID_TRUSTED of btf_tracing_ids[BTF_TRACING_TYPE_TASK] */
	[BPF_FUNC_get_current_task_btf] = { "get_current_task_btf", RET_PTR_TO_BTF_ID | PTR_TRUSTED,
		{ 0 }, .ret_btf_id_task = true },
	/* net/core/filter.c: the tc flavours (bpf_tc_sk_lookup_*_proto) */
	[BPF_FUNC_sk_lookup_tcp] = { "sk_lookup_tcp", RET_PTR_TO_SOCKET | NUL,
		{ ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
		  ARG_ANYTHING }, .acquires = true, .pkt_access = true },
	[BPF_FUNC_sk_lookup_udp] = { "sk_lookup_udp", RET_PTR_TO_SOCKET | NUL,
		{ ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
		  ARG_ANYTHING }, .acquires = true, .pkt_access = true },
	[BPF_FUNC_skc_lookup_tcp] = { "skc_lookup_tcp", RET_PTR_TO_SOCK_COMMON | NUL,
		{ ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
		  ARG_ANYTHING }, .acquires = true, .pkt_access = true },
	[BPF_FUNC_sk_release] = { "sk_release", RET_INTEGER,
		{ ARG_PTR_TO_BTF_ID_SOCK_COMMON | OBJ_RELEASE }, .releases = true },
	[BPF_FUNC_tcp_sock] = { "tcp_sock", RET_PTR_TO_TCP_SOCK | NUL, { ARG_PTR_TO_SOCK_COMMON } },
	[BPF_FUNC_sk_fullsock] = { "sk_fullsock", RET_PTR_TO_SOCKET | NUL, { ARG_PTR_TO_SOCK_COMMON } },
	[BPF_FUNC_get_listener_sock] = { "get_listener_sock", RET_PTR_TO_SOCKET | NUL,
		{ ARG_PTR_TO_SOCK_COMMON } },
	[BPF_FUNC_skc_to_tcp_sock] = { "skc_to_tcp_sock", RET_PTR_TO_BTF_ID | NUL,
		{ ARG_PTR_TO_BTF_ID_SOCK_COMMON } },
	/* net/core/bpf_sk_storage.c (bpf_sk_storage_get_proto, the non-cgroup
	 * flavour) */
	[BPF_FUNC_sk_storage_get] = { "sk_storage_get", RET_PTR_TO_MAP_VALUE | NUL,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_SOCK_COMMON, ARG_PTR_TO_MAP_VALUE | NUL,
		  ARG_ANYTHING } },
	[BPF_FUNC_sk_storage_delete] = { "sk_storage_delete", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID_SOCK_COMMON } },
	/* kernel/bpf/bpf_task_storage.c (arg2_btf_id: struct task_struct) */
	[BPF_FUNC_task_storage_get] = { "task_storage_get", RET_PTR_TO_MAP_VALUE | NUL,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID | NUL, ARG_PTR_TO_MAP_VALUE | NUL,
		  ARG_ANYTHING } },
	[BPF_FUNC_task_storage_delete] = { "task_storage_delete", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID | NUL } },
	/* kernel/bpf/ringbuf.c */
	[BPF_FUNC_ringbuf_reserve] = { "ringbuf_reserve", RET_PTR_TO_MEM | MEM_RINGBUF | NUL,
		{ ARG_CONST_MAP_PTR, ARG_CONST_ALLOC_SIZE_OR_ZERO, ARG_ANYTHING }, .acquires = true },
	[BPF_FUNC_ringbuf_submit] = { "ringbuf_submit", RET_VOID,
		{ ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE, ARG_ANYTHING }, .releases = true },
	[BPF_FUNC_ringbuf_discard] = { "ringbuf_discard", RET_VOID,
		{ ARG_PTR_TO_RINGBUF_MEM | OBJ_RELEASE, ARG_ANYTHING }, .releases = true },
	/* kernel/bpf/ringbuf.c and helpers.c: dynptrs (dynptr.c) */
	[BPF_FUNC_ringbuf_reserve_dynptr] = { "ringbuf_reserve_dynptr", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_ANYTHING, ARG_ANYTHING,
		  ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | MEM_UNINIT | MEM_WRITE } },
	[BPF_FUNC_ringbuf_submit_dynptr] = { "ringbuf_submit_dynptr", RET_VOID,
		{ ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE, ARG_ANYTHING },
		.releases = true },
	[BPF_FUNC_ringbuf_discard_dynptr] = { "ringbuf_discard_dynptr", RET_VOID,
		{ ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_RINGBUF | OBJ_RELEASE, ARG_ANYTHING },
		.releases = true },
	[BPF_FUNC_dynptr_from_mem] = { "dynptr_from_mem", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
		  ARG_PTR_TO_DYNPTR | DYNPTR_TYPE_LOCAL | MEM_UNINIT | MEM_WRITE } },
	[BPF_FUNC_dynptr_read] = { "dynptr_read", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_PTR_TO_DYNPTR,
		  ARG_ANYTHING, ARG_ANYTHING } },
	[BPF_FUNC_dynptr_write] = { "dynptr_write", RET_INTEGER,
		{ ARG_PTR_TO_DYNPTR, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO,
		  ARG_ANYTHING } },
	/* RET_PTR_TO_DYNPTR_MEM_OR_NULL: the size is the len argument */
	[BPF_FUNC_dynptr_data] = { "dynptr_data", RET_PTR_TO_MEM | NUL,
		{ ARG_PTR_TO_DYNPTR, ARG_ANYTHING, ARG_CONST_ALLOC_SIZE_OR_ZERO } },
	/* the callback gets a CONST_PTR_TO_DYNPTR (callbacks_core.c) */
	[BPF_FUNC_user_ringbuf_drain] = { "user_ringbuf_drain", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK | NUL, ARG_ANYTHING } },
	/* kernel/bpf/bpf_iter.c: bpf_loop_proto, nr_loops is ARG_SCALAR (a
	 * pointer is refused: "R1 type=ctx expected=scalar") */
	[BPF_FUNC_loop] = { "loop", RET_INTEGER,
		{ ARG_SCALAR, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK | NUL, ARG_ANYTHING } },
	/* kernel/bpf/bpf_iter.c: bpf_for_each_map_elem_proto (the callback:
	 * callbacks_core.c) */
	[BPF_FUNC_for_each_map_elem] = { "for_each_map_elem", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK | NUL, ARG_ANYTHING } },
	/* kernel/bpf/helpers.c: the bpf_timer helpers (async_cb.c) */
	[BPF_FUNC_timer_init] = { "timer_init", RET_INTEGER,
		{ ARG_PTR_TO_TIMER, ARG_CONST_MAP_PTR, ARG_ANYTHING } },
	[BPF_FUNC_timer_set_callback] = { "timer_set_callback", RET_INTEGER,
		{ ARG_PTR_TO_TIMER, ARG_PTR_TO_FUNC } },
	[BPF_FUNC_timer_start] = { "timer_start", RET_INTEGER,
		{ ARG_PTR_TO_TIMER, ARG_ANYTHING, ARG_ANYTHING } },
	[BPF_FUNC_timer_cancel] = { "timer_cancel", RET_INTEGER, { ARG_PTR_TO_TIMER } },
	/* kernel/bpf/task_iter.c: bpf_find_vma_proto (arg1_btf_id: struct
	 * task_struct, check_call.c) */
	[BPF_FUNC_find_vma] = { "find_vma", RET_INTEGER,
		{ ARG_PTR_TO_BTF_ID, ARG_ANYTHING, ARG_PTR_TO_FUNC, ARG_PTR_TO_STACK | NUL,
		  ARG_ANYTHING } },
	/* kernel/bpf/stackmap.c: bpf_get_task_stack_proto (arg1_btf_id: struct
	 * task_struct); the sleepable flavour might sleep (check_call.c) */
	[BPF_FUNC_get_task_stack] = { "get_task_stack", RET_INTEGER,
		{ ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO,
		  ARG_ANYTHING } },
	/* kernel/trace/bpf_trace.c (arg1_btf_id: struct seq_file); bpf_iter
	 * programs only (check_call.c) */
	[BPF_FUNC_seq_write] = { "seq_write", RET_INTEGER,
		{ ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO } },
	/* kernel/bpf/helpers.c */
	[BPF_FUNC_get_current_cgroup_id] = { "get_current_cgroup_id", RET_INTEGER, { 0 } },
	/* kernel/bpf/cgroup.c: cgroup_common_func_proto() (check_call.c
	 * refuses the attach types without a retval) */
	[BPF_FUNC_get_retval] = { "get_retval", RET_INTEGER, { 0 } },
	[BPF_FUNC_set_retval] = { "set_retval", RET_INTEGER, { ARG_ANYTHING } },
	/* kernel/bpf/helpers.c: the string helpers of bpf_base_func_proto() */
	[BPF_FUNC_strncmp] = { "strncmp", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE, ARG_PTR_TO_CONST_STR } },
	[BPF_FUNC_strtol] = { "strtol", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE, ARG_ANYTHING,
		  ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED },
		.arg_size = { 0, 0, 0, 8 } },
	[BPF_FUNC_strtoul] = { "strtoul", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE, ARG_ANYTHING,
		  ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED },
		.arg_size = { 0, 0, 0, 8 } },
	[BPF_FUNC_copy_from_user] = { "copy_from_user", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING },
		.might_sleep = true },
	/* net/core/filter.c: every flavour (sk_filter, tc, sock, sock_addr,
	 * sock_ops, sockopt, sk_msg) takes ARG_PTR_TO_CTX_OR_NULL */
	[BPF_FUNC_get_netns_cookie] = { "get_netns_cookie", RET_INTEGER, { ARG_PTR_TO_CTX | NUL } },
	/* the ctx flavours; tracing and sk_reuseport take a socket
	 * (bpf_get_socket_ptr_cookie_proto), not modelled (sim_helper_allowed) */
	[BPF_FUNC_get_socket_cookie] = { "get_socket_cookie", RET_INTEGER, { ARG_PTR_TO_CTX } },
	[BPF_FUNC_csum_update] = { "csum_update", RET_INTEGER, { ARG_PTR_TO_CTX, ARG_ANYTHING } },
	/* bpf_skb_check_mtu_proto / bpf_xdp_check_mtu_proto (same rows) */
	[BPF_FUNC_check_mtu] = { "check_mtu", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_WRITE | MEM_ALIGNED,
		  ARG_ANYTHING, ARG_ANYTHING }, .arg_size = { 0, 0, 4 } },
	[BPF_FUNC_skb_change_head] = { "skb_change_head", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING }, .changes_pkt_data = true },
	[BPF_FUNC_xdp_store_bytes] = { "xdp_store_bytes", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE } },
	/* bpf_skb_fib_lookup_proto / bpf_xdp_fib_lookup_proto (same rows) */
	[BPF_FUNC_fib_lookup] = { "fib_lookup", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE, ARG_ANYTHING } },
	[BPF_FUNC_sk_select_reuseport] = { "sk_select_reuseport", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING } },
	/* net/core/sock_map.c */
	[BPF_FUNC_sock_map_update] = { "sock_map_update", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING },
		.pkt_access = true },
	[BPF_FUNC_sock_hash_update] = { "sock_hash_update", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_CONST_MAP_PTR, ARG_PTR_TO_MAP_KEY, ARG_ANYTHING },
		.pkt_access = true },
	/* the ctx flavours of set/getsockopt (sock_ops, sock_addr, sock_create:
	 * the same rows) */
	[BPF_FUNC_setsockopt] = { "setsockopt", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RDONLY,
		  ARG_CONST_SIZE } },
	[BPF_FUNC_getsockopt] = { "getsockopt", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_ANYTHING, ARG_ANYTHING,
		  ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE } },
	/* ret_btf_id: btf_sock_ids[BTF_SOCK_TYPE_TCP_REQ] (struct request_sock) */
	[BPF_FUNC_skc_to_tcp_request_sock] = { "skc_to_tcp_request_sock", RET_PTR_TO_BTF_ID | NUL,
		{ ARG_PTR_TO_BTF_ID_SOCK_COMMON } },
	/* arg sizes: struct iphdr / ipv6hdr, struct tcphdr */
	[BPF_FUNC_tcp_raw_check_syncookie_ipv4] = { "tcp_raw_check_syncookie_ipv4", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_RO, ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_RO },
		.arg_size = { 20, 20 }, .pkt_access = true },
	[BPF_FUNC_tcp_raw_check_syncookie_ipv6] = { "tcp_raw_check_syncookie_ipv6", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_RO, ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_RO },
		.arg_size = { 40, 20 }, .pkt_access = true },
	/* kernel/trace/bpf_trace.c: bpf_get_stack_proto and its _tp, _pe,
	 * _raw_tp flavours (same rows); the sleepable kprobe flavour
	 * might sleep (check_call.c) */
	[BPF_FUNC_get_stack] = { "get_stack", RET_INTEGER,
		{ ARG_PTR_TO_CTX, ARG_PTR_TO_MEM | MEM_UNINIT | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO,
		  ARG_ANYTHING } },
	/* arg1_btf_id: bpf_d_path_btf_ids[0] (struct path); .allowed:
	 * bpf_d_path_allowed() (check_call.c) */
	[BPF_FUNC_d_path] = { "d_path", RET_INTEGER,
		{ ARG_PTR_TO_BTF_ID, ARG_PTR_TO_MEM | MEM_WRITE, ARG_CONST_SIZE_OR_ZERO } },
	/* kernel/bpf/bpf_cgrp_storage.c (arg2_btf_id: struct cgroup) */
	[BPF_FUNC_cgrp_storage_get] = { "cgrp_storage_get", RET_PTR_TO_MAP_VALUE | NUL,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID | NUL, ARG_PTR_TO_MAP_VALUE | NUL,
		  ARG_ANYTHING } },
	[BPF_FUNC_cgrp_storage_delete] = { "cgrp_storage_delete", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID | NUL } },
	/* kernel/bpf/syscall.c and btf.c: syscall_prog_func_proto() */
	[BPF_FUNC_sys_bpf] = { "sys_bpf", RET_INTEGER,
		{ ARG_ANYTHING, ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE }, .might_sleep = true },
	[BPF_FUNC_sys_close] = { "sys_close", RET_INTEGER, { ARG_ANYTHING }, .might_sleep = true },
	[BPF_FUNC_btf_find_by_name_kind] = { "btf_find_by_name_kind", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE, ARG_ANYTHING, ARG_ANYTHING },
		.might_sleep = true },
	[BPF_FUNC_kallsyms_lookup_name] = { "kallsyms_lookup_name", RET_INTEGER,
		{ ARG_PTR_TO_MEM | MEM_RO, ARG_CONST_SIZE_OR_ZERO, ARG_ANYTHING,
		  ARG_PTR_TO_MEM | MEM_FIXED_SIZE | MEM_UNINIT | MEM_WRITE | MEM_ALIGNED },
		.arg_size = { 0, 0, 0, 8 } },
	/* kernel/bpf/cgroup.c: never NULL (the flags must be 0, check_call.c) */
	[BPF_FUNC_get_local_storage] = { "get_local_storage", RET_PTR_TO_MAP_VALUE,
		{ ARG_CONST_MAP_PTR, ARG_ANYTHING } },
	/* kernel/bpf/bpf_inode_storage.c (arg2_btf_id: struct inode) */
	[BPF_FUNC_inode_storage_get] = { "inode_storage_get", RET_PTR_TO_MAP_VALUE | NUL,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID | NUL, ARG_PTR_TO_MAP_VALUE | NUL,
		  ARG_ANYTHING } },
	[BPF_FUNC_inode_storage_delete] = { "inode_storage_delete", RET_INTEGER,
		{ ARG_CONST_MAP_PTR, ARG_PTR_TO_BTF_ID | NUL } },
};

#define NPROTOS (sizeof(protos) / sizeof(protos[0]))

const struct sim_helper_proto *sim_helper_proto(int func_id)
{
	if (func_id <= 0 || (size_t)func_id >= NPROTOS || !protos[func_id].name)
		return NULL;
	return &protos[func_id];
}

const char *sim_helper_proto_name(int func_id)
{
	const struct sim_helper_proto *p = sim_helper_proto(func_id);

	return p ? p->name : NULL;
}

/* mirrors the prog types' get_func_proto(): the packet helpers only where
 * there is a packet of that kind */
bool sim_helper_allowed(int func_id, uint32_t prog_type)
{
	bool tc = prog_type == BPF_PROG_TYPE_SCHED_CLS || prog_type == BPF_PROG_TYPE_SCHED_ACT;
	bool xdp = prog_type == BPF_PROG_TYPE_XDP;

	switch (func_id) {
	/* not in bpf_base_func_proto(): bpf_sk_base_func_proto() (every
	 * networking type), sock_filter_func_proto(), sk_reuseport_func_proto(),
	 * sysctl_func_proto() and bpf_tcp_ca's get_func_proto offer it */
	case BPF_FUNC_ktime_get_coarse_ns:
		return prog_type == BPF_PROG_TYPE_SOCKET_FILTER || tc || xdp ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SKB ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR ||
		       prog_type == BPF_PROG_TYPE_SOCK_OPS || prog_type == BPF_PROG_TYPE_SK_MSG ||
		       prog_type == BPF_PROG_TYPE_SK_SKB ||
		       prog_type == BPF_PROG_TYPE_FLOW_DISSECTOR ||
		       prog_type == BPF_PROG_TYPE_LWT_IN || prog_type == BPF_PROG_TYPE_LWT_OUT ||
		       prog_type == BPF_PROG_TYPE_LWT_XMIT ||
		       prog_type == BPF_PROG_TYPE_LWT_SEG6LOCAL ||
		       prog_type == BPF_PROG_TYPE_SK_LOOKUP ||
		       prog_type == BPF_PROG_TYPE_SK_REUSEPORT ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SYSCTL ||
		       prog_type == BPF_PROG_TYPE_STRUCT_OPS;
	case BPF_FUNC_skb_load_bytes:
		return tc || prog_type == BPF_PROG_TYPE_SOCKET_FILTER ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SKB;
	case BPF_FUNC_skb_store_bytes:
	case BPF_FUNC_skb_pull_data:
	case BPF_FUNC_get_hash_recalc:
	case BPF_FUNC_get_cgroup_classid:
		return tc;
	case BPF_FUNC_xdp_adjust_head:
	case BPF_FUNC_xdp_adjust_tail:
	case BPF_FUNC_xdp_adjust_meta:
		return xdp;
	case BPF_FUNC_redirect:
		return tc || xdp;
	case BPF_FUNC_redirect_map:
		return xdp;
	/* tc_cls_act_func_proto(), lwt_xmit_func_proto() */
	case BPF_FUNC_csum_update:
		return tc || prog_type == BPF_PROG_TYPE_LWT_XMIT;
	/* ... and sk_skb_func_proto() */
	case BPF_FUNC_skb_change_head:
		return tc || prog_type == BPF_PROG_TYPE_LWT_XMIT || prog_type == BPF_PROG_TYPE_SK_SKB;
	/* tc_cls_act_func_proto(), xdp_func_proto() */
	case BPF_FUNC_check_mtu:
	case BPF_FUNC_fib_lookup:
		return tc || xdp;
	/* tc_cls_act_func_proto() and xdp_func_proto() offer these under
	 * #ifdef CONFIG_SYN_COOKIES only, which the lab kernel's .config
	 * leaves unset: "program of this type cannot use helper" */
	case BPF_FUNC_tcp_raw_check_syncookie_ipv4:
	case BPF_FUNC_tcp_raw_check_syncookie_ipv6:
		return false;
	case BPF_FUNC_xdp_store_bytes:
		return xdp;
	case BPF_FUNC_sk_select_reuseport:
		return prog_type == BPF_PROG_TYPE_SK_REUSEPORT;
	case BPF_FUNC_sock_map_update:
	case BPF_FUNC_sock_hash_update:
		return prog_type == BPF_PROG_TYPE_SOCK_OPS;
	/* sock_ops_func_proto(), sock_addr_func_proto() and
	 * sock_filter_func_proto() by attach type (check_call.c) */
	case BPF_FUNC_setsockopt:
	case BPF_FUNC_getsockopt:
		return prog_type == BPF_PROG_TYPE_SOCK_OPS ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK;
	/* sk_filter (and cg_skb), tc, sock, sock_addr, sock_ops, sockopt
	 * and sk_msg flavours */
	case BPF_FUNC_get_netns_cookie:
		return prog_type == BPF_PROG_TYPE_SOCKET_FILTER ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SKB || tc ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR ||
		       prog_type == BPF_PROG_TYPE_SOCK_OPS ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCKOPT ||
		       prog_type == BPF_PROG_TYPE_SK_MSG;
	/* the ctx flavours of get_socket_cookie */
	case BPF_FUNC_get_socket_cookie:
		return prog_type == BPF_PROG_TYPE_SOCKET_FILTER ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SKB || tc ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR ||
		       prog_type == BPF_PROG_TYPE_SOCK_OPS || prog_type == BPF_PROG_TYPE_SK_SKB;
	/* kprobe, tp, pe and raw_tp_prog_func_proto(); tracing, LSM and
	 * syscall programs fall back to the raw_tp list */
	case BPF_FUNC_get_stack:
		return prog_type == BPF_PROG_TYPE_KPROBE || prog_type == BPF_PROG_TYPE_TRACEPOINT ||
		       prog_type == BPF_PROG_TYPE_PERF_EVENT ||
		       prog_type == BPF_PROG_TYPE_RAW_TRACEPOINT ||
		       prog_type == BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE ||
		       prog_type == BPF_PROG_TYPE_TRACING || prog_type == BPF_PROG_TYPE_LSM ||
		       prog_type == BPF_PROG_TYPE_SYSCALL;
	/* tracing_prog_func_proto() (LSM falls back to it) */
	case BPF_FUNC_d_path:
		return prog_type == BPF_PROG_TYPE_TRACING || prog_type == BPF_PROG_TYPE_LSM;
	/* cgroup_common_func_proto(): the cgroup program types */
	case BPF_FUNC_get_local_storage:
		return prog_type == BPF_PROG_TYPE_CGROUP_SKB || prog_type == BPF_PROG_TYPE_CGROUP_SOCK ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCKOPT ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SYSCTL ||
		       prog_type == BPF_PROG_TYPE_CGROUP_DEVICE || prog_type == BPF_PROG_TYPE_SOCK_OPS;
	case BPF_FUNC_sys_bpf:
	case BPF_FUNC_sys_close:
	case BPF_FUNC_btf_find_by_name_kind:
	case BPF_FUNC_kallsyms_lookup_name:
		return prog_type == BPF_PROG_TYPE_SYSCALL;
	/* cgroup_common_func_proto(): the cgroup hooks (sock_filter, sock_addr,
	 * cg_skb, sock_ops, cgroup_dev, sysctl, cg_sockopt) and BPF_LSM_CGROUP
	 * (bpf_lsm_func_proto(), the attach type: check_call.c) */
	case BPF_FUNC_get_retval:
	case BPF_FUNC_set_retval:
		return prog_type == BPF_PROG_TYPE_CGROUP_SKB || prog_type == BPF_PROG_TYPE_CGROUP_SOCK ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCK_ADDR ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SOCKOPT ||
		       prog_type == BPF_PROG_TYPE_CGROUP_SYSCTL ||
		       prog_type == BPF_PROG_TYPE_CGROUP_DEVICE || prog_type == BPF_PROG_TYPE_SOCK_OPS ||
		       prog_type == BPF_PROG_TYPE_LSM;
	/* tracing_prog_func_proto(), which LSM and syscall programs fall back
	 * to; the attach type (BPF_TRACE_ITER): check_call.c */
	case BPF_FUNC_seq_write:
		return prog_type == BPF_PROG_TYPE_TRACING || prog_type == BPF_PROG_TYPE_LSM ||
		       prog_type == BPF_PROG_TYPE_SYSCALL;
	/* bpf_lsm_func_proto() */
	case BPF_FUNC_inode_storage_get:
	case BPF_FUNC_inode_storage_delete:
		return prog_type == BPF_PROG_TYPE_LSM;
	default:
		return true;
	}
}
