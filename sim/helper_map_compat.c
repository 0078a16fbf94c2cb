/* Which helpers may be handed which maps: mirrors check_map_func_compatibility()
 * of Linux 7.3 (kernel/bpf/verifier.c), which checks both directions - a
 * special map type only with its own helpers, and a map-specific helper
 * only with its map types - plus may_update_sockmap() for the generic
 * update/delete helpers on sock maps. */
#include "check.h"
#include "disasm.h"
#include "helper_args.h"

/* mirrors may_update_sockmap() */
static bool may_update_sockmap(struct sim_env *env, int func_id)
{
	uint32_t type = env->p->prog_type, eatype = env->p->expected_attach_type;

	if (func_id != BPF_FUNC_map_update_elem && func_id != BPF_FUNC_map_delete_elem)
		return false;
	switch (type) {
	case BPF_PROG_TYPE_TRACING:
		if (eatype == BPF_TRACE_ITER)
			return true;
		break;
	case BPF_PROG_TYPE_SOCK_OPS:
		if (func_id == BPF_FUNC_map_delete_elem)
			return true;
		break;
	case BPF_PROG_TYPE_SK_REUSEPORT:
	case BPF_PROG_TYPE_SK_LOOKUP:
		return true;
	default:
		break;
	}
	sim_verbose(env, "cannot update sockmap in this context\n");
	return false;
}

static bool any_of(int func_id, const int *ids, int n)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == func_id)
			return true;
	return false;
}

#define ONLY(...)                                                                  \
	do {                                                                       \
		static const int ids_[] = { __VA_ARGS__ };                         \
		if (!any_of(func_id, ids_, (int)(sizeof(ids_) / sizeof(ids_[0])))) \
			goto error;                                                \
	} while (0)

/* the map's side: a special map type only with its own helpers */
static bool map_side_ok(struct sim_env *env, uint32_t map_type, int func_id)
{
	switch (map_type) {
	case BPF_MAP_TYPE_PROG_ARRAY:
		ONLY(BPF_FUNC_tail_call);
		break;
	case BPF_MAP_TYPE_PERF_EVENT_ARRAY:
		ONLY(BPF_FUNC_perf_event_read, BPF_FUNC_perf_event_output, BPF_FUNC_skb_output,
		     BPF_FUNC_perf_event_read_value, BPF_FUNC_xdp_output);
		break;
	case BPF_MAP_TYPE_RINGBUF:
		ONLY(BPF_FUNC_ringbuf_output, BPF_FUNC_ringbuf_reserve, BPF_FUNC_ringbuf_query,
		     BPF_FUNC_ringbuf_reserve_dynptr, BPF_FUNC_ringbuf_submit_dynptr,
		     BPF_FUNC_ringbuf_discard_dynptr);
		break;
	case BPF_MAP_TYPE_USER_RINGBUF:
		ONLY(BPF_FUNC_user_ringbuf_drain);
		break;
	case BPF_MAP_TYPE_STACK_TRACE:
		ONLY(BPF_FUNC_get_stackid);
		break;
	case BPF_MAP_TYPE_CGROUP_ARRAY:
		ONLY(BPF_FUNC_skb_under_cgroup, BPF_FUNC_current_task_under_cgroup);
		break;
	case BPF_MAP_TYPE_CGROUP_STORAGE:
	case BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE:
		ONLY(BPF_FUNC_get_local_storage);
		break;
	case BPF_MAP_TYPE_DEVMAP:
	case BPF_MAP_TYPE_DEVMAP_HASH:
	case BPF_MAP_TYPE_XSKMAP:
		ONLY(BPF_FUNC_redirect_map, BPF_FUNC_map_lookup_elem);
		break;
	case BPF_MAP_TYPE_CPUMAP:
		ONLY(BPF_FUNC_redirect_map);
		break;
	case BPF_MAP_TYPE_ARRAY_OF_MAPS:
	case BPF_MAP_TYPE_HASH_OF_MAPS:
		ONLY(BPF_FUNC_map_lookup_elem);
		break;
	case BPF_MAP_TYPE_SOCKMAP:
		if (func_id != BPF_FUNC_sk_redirect_map && func_id != BPF_FUNC_sock_map_update &&
		    func_id != BPF_FUNC_msg_redirect_map && func_id != BPF_FUNC_sk_select_reuseport &&
		    func_id != BPF_FUNC_map_lookup_elem && !may_update_sockmap(env, func_id))
			goto error;
		break;
	case BPF_MAP_TYPE_SOCKHASH:
		if (func_id != BPF_FUNC_sk_redirect_hash && func_id != BPF_FUNC_sock_hash_update &&
		    func_id != BPF_FUNC_msg_redirect_hash && func_id != BPF_FUNC_sk_select_reuseport &&
		    func_id != BPF_FUNC_map_lookup_elem && !may_update_sockmap(env, func_id))
			goto error;
		break;
	case BPF_MAP_TYPE_REUSEPORT_SOCKARRAY:
		ONLY(BPF_FUNC_sk_select_reuseport);
		break;
	case BPF_MAP_TYPE_QUEUE:
	case BPF_MAP_TYPE_STACK:
		ONLY(BPF_FUNC_map_peek_elem, BPF_FUNC_map_pop_elem, BPF_FUNC_map_push_elem);
		break;
	case BPF_MAP_TYPE_SK_STORAGE:
		ONLY(BPF_FUNC_sk_storage_get, BPF_FUNC_sk_storage_delete, BPF_FUNC_kptr_xchg);
		break;
	case BPF_MAP_TYPE_INODE_STORAGE:
		ONLY(BPF_FUNC_inode_storage_get, BPF_FUNC_inode_storage_delete, BPF_FUNC_kptr_xchg);
		break;
	case BPF_MAP_TYPE_TASK_STORAGE:
		ONLY(BPF_FUNC_task_storage_get, BPF_FUNC_task_storage_delete, BPF_FUNC_kptr_xchg);
		break;
	case BPF_MAP_TYPE_CGRP_STORAGE:
		ONLY(BPF_FUNC_cgrp_storage_get, BPF_FUNC_cgrp_storage_delete, BPF_FUNC_kptr_xchg);
		break;
	case BPF_MAP_TYPE_BLOOM_FILTER:
		ONLY(BPF_FUNC_map_peek_elem, BPF_FUNC_map_push_elem);
		break;
	case BPF_MAP_TYPE_INSN_ARRAY:
		goto error;
	default:
		break;
	}
	return true;
error:
	return false;
}

#define MAP_IS(...)                                                                  \
	do {                                                                         \
		static const int types_[] = { __VA_ARGS__ };                         \
		if (!any_of((int)map_type, types_, (int)(sizeof(types_) / sizeof(types_[0])))) \
			goto error;                                                  \
	} while (0)

/* the helper's side: a map-specific helper only with its map types */
static bool func_side_ok(uint32_t map_type, int func_id)
{
	switch (func_id) {
	case BPF_FUNC_tail_call:
		/* "mixing of tail_calls and bpf-to-bpf calls" cannot happen on
		 * a JIT that supports subprog tail calls (x86-64) */
		MAP_IS(BPF_MAP_TYPE_PROG_ARRAY);
		break;
	case BPF_FUNC_perf_event_read:
	case BPF_FUNC_perf_event_output:
	case BPF_FUNC_perf_event_read_value:
	case BPF_FUNC_skb_output:
	case BPF_FUNC_xdp_output:
		MAP_IS(BPF_MAP_TYPE_PERF_EVENT_ARRAY);
		break;
	case BPF_FUNC_ringbuf_output:
	case BPF_FUNC_ringbuf_reserve:
	case BPF_FUNC_ringbuf_query:
	case BPF_FUNC_ringbuf_reserve_dynptr:
	case BPF_FUNC_ringbuf_submit_dynptr:
	case BPF_FUNC_ringbuf_discard_dynptr:
		MAP_IS(BPF_MAP_TYPE_RINGBUF);
		break;
	case BPF_FUNC_user_ringbuf_drain:
		MAP_IS(BPF_MAP_TYPE_USER_RINGBUF);
		break;
	case BPF_FUNC_get_stackid:
		MAP_IS(BPF_MAP_TYPE_STACK_TRACE);
		break;
	case BPF_FUNC_current_task_under_cgroup:
	case BPF_FUNC_skb_under_cgroup:
		MAP_IS(BPF_MAP_TYPE_CGROUP_ARRAY);
		break;
	case BPF_FUNC_redirect_map:
		MAP_IS(BPF_MAP_TYPE_DEVMAP, BPF_MAP_TYPE_DEVMAP_HASH, BPF_MAP_TYPE_CPUMAP,
		       BPF_MAP_TYPE_XSKMAP);
		break;
	case BPF_FUNC_sk_redirect_map:
	case BPF_FUNC_msg_redirect_map:
	case BPF_FUNC_sock_map_update:
		MAP_IS(BPF_MAP_TYPE_SOCKMAP);
		break;
	case BPF_FUNC_sk_redirect_hash:
	case BPF_FUNC_msg_redirect_hash:
	case BPF_FUNC_sock_hash_update:
		MAP_IS(BPF_MAP_TYPE_SOCKHASH);
		break;
	case BPF_FUNC_get_local_storage:
		MAP_IS(BPF_MAP_TYPE_CGROUP_STORAGE, BPF_MAP_TYPE_PERCPU_CGROUP_STORAGE);
		break;
	case BPF_FUNC_sk_select_reuseport:
		MAP_IS(BPF_MAP_TYPE_REUSEPORT_SOCKARRAY, BPF_MAP_TYPE_SOCKMAP,
		       BPF_MAP_TYPE_SOCKHASH);
		break;
	case BPF_FUNC_map_pop_elem:
		MAP_IS(BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK);
		break;
	case BPF_FUNC_map_peek_elem:
	case BPF_FUNC_map_push_elem:
		MAP_IS(BPF_MAP_TYPE_QUEUE, BPF_MAP_TYPE_STACK, BPF_MAP_TYPE_BLOOM_FILTER);
		break;
	case BPF_FUNC_map_lookup_percpu_elem:
		MAP_IS(BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_PERCPU_HASH,
		       BPF_MAP_TYPE_LRU_PERCPU_HASH);
		break;
	case BPF_FUNC_sk_storage_get:
	case BPF_FUNC_sk_storage_delete:
		MAP_IS(BPF_MAP_TYPE_SK_STORAGE);
		break;
	case BPF_FUNC_inode_storage_get:
	case BPF_FUNC_inode_storage_delete:
		MAP_IS(BPF_MAP_TYPE_INODE_STORAGE);
		break;
	case BPF_FUNC_task_storage_get:
	case BPF_FUNC_task_storage_delete:
		MAP_IS(BPF_MAP_TYPE_TASK_STORAGE);
		break;
	case BPF_FUNC_cgrp_storage_get:
	case BPF_FUNC_cgrp_storage_delete:
		MAP_IS(BPF_MAP_TYPE_CGRP_STORAGE);
		break;
	default:
		break;
	}
	return true;
error:
	return false;
}

int sim_check_map_func_compatibility(struct sim_env *env, const struct sim_map_view *map,
				     int func_id)
{
	if (!map)
		return 0;
	if (map_side_ok(env, map->type, func_id) && func_side_ok(map->type, func_id))
		return 0;
	return sim_reject(env, -EINVAL, "cannot pass map_type %d into func %s#%d\n", (int)map->type,
			  sim_helper_name(func_id), func_id);
}
