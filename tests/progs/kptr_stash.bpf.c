/* A local kptr stashed in a map value with bpf_kptr_xchg. */
#include "kernel_kfuncs.h"

struct stash_obj {
	long v;
};

struct stash_val {
	struct stash_obj __kptr *p;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, int);
	__type(value, struct stash_val);
	__uint(max_entries, 1);
} stash SEC(".maps");

/* accepted: the reference moves into the map, the old one comes back */
SEC("tc")
long kptr_stash_ok(void *ctx)
{
	struct stash_obj *n, *old;
	struct stash_val *v;
	int key = 0;

	v = bpf_map_lookup_elem(&stash, &key);
	if (!v)
		return 0;
	n = bpf_obj_new(typeof(*n));
	if (!n)
		return 0;
	old = bpf_kptr_xchg(&v->p, n);
	if (old)
		bpf_obj_drop(old);
	return 0;
}

/* rejected: what comes back out of the map is a reference to release */
SEC("tc")
long kptr_stash_leak(void *ctx)
{
	struct stash_val *v;
	int key = 0;

	v = bpf_map_lookup_elem(&stash, &key);
	if (!v)
		return 0;
	bpf_kptr_xchg(&v->p, NULL);
	return 0;
}

/* rejected: a referenced kptr cannot be stored with a plain store */
SEC("tc")
long kptr_stash_direct_store(void *ctx)
{
	struct stash_val *v;
	int key = 0;

	v = bpf_map_lookup_elem(&stash, &key);
	if (!v)
		return 0;
	*(long *)&v->p = 0;
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
