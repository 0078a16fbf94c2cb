/* Map/program compatibility, checked for every map a program uses before
 * the program is walked (check_map_prog_compatibility()): kprobe,
 * tracepoint and perf_event programs may run in NMI context, where graph
 * roots and bpf_spin_lock cannot be used; socket filters cannot lock. */
#include "kernel_kfuncs.h"

extern int bpf_list_push_back_impl(struct bpf_list_head *head, struct bpf_list_node *node,
				   void *meta, __u64 off) __ksym;

struct graph_compat_elem {
	long v;
	struct bpf_list_node node;
};

private(GTL) struct bpf_spin_lock list_lock;
private(GTL) struct bpf_list_head list_head __contains(graph_compat_elem, node);
/* graph_compat_elem is never used, so the compiler emits no BTF for it:
 * the root's "contains" names a missing type and the whole map value has
 * no valid special fields (btf_parse_graph_root()) */
struct graph_compat_node {
	long v;
	struct bpf_list_node node;
};

private(GTN) struct bpf_spin_lock node_lock;
private(GTN) struct bpf_list_head node_head __contains(graph_compat_node, node);
private(GTS) struct bpf_spin_lock plain_lock;
private(GTS) long plain_count;

/* rejected: the root of .data.GTL is invalid, so is its lock */
SEC("tc")
int compat_tc_list(void *ctx)
{
	bpf_spin_lock(&list_lock);
	bpf_spin_unlock(&list_lock);
	bpf_spin_lock(&plain_lock);
	plain_count++;
	bpf_spin_unlock(&plain_lock);
	return 0;
}

/* accepted: the node type is used, the root is valid */
SEC("tc")
int compat_tc_push(void *ctx)
{
	struct graph_compat_node *n = bpf_obj_new(typeof(*n));

	if (!n)
		return 0;
	bpf_spin_lock(&node_lock);
	bpf_list_push_back_impl(&node_head, &n->node, NULL, 0);
	bpf_spin_unlock(&node_lock);
	return 0;
}

/* rejected before the walk: a kprobe may not use a list head's map */
SEC("kprobe/do_nanosleep")
int compat_kprobe_head(void *ctx)
{
	bpf_spin_lock(&node_lock);
	bpf_spin_unlock(&node_lock);
	return 0;
}

/* rejected: the list head's map has no valid lock (see above) */
SEC("kprobe/do_nanosleep")
int compat_kprobe_list(void *ctx)
{
	bpf_spin_lock(&list_lock);
	bpf_spin_unlock(&list_lock);
	return 0;
}

/* rejected before the walk: nor a map with a spin lock */
SEC("tracepoint/syscalls/sys_enter_nanosleep")
int compat_tp_lock(void *ctx)
{
	bpf_spin_lock(&plain_lock);
	plain_count++;
	bpf_spin_unlock(&plain_lock);
	return 0;
}

/* rejected before the walk: socket filters cannot lock */
SEC("socket")
int compat_socket_lock(void *ctx)
{
	bpf_spin_lock(&plain_lock);
	plain_count++;
	bpf_spin_unlock(&plain_lock);
	return 0;
}

char _license[] SEC("license") = "GPL";
