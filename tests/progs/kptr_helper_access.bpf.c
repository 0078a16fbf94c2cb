/* A kptr field of a map value may only be touched by a load or store of
 * its own: a helper or a global function given memory that overlaps it
 * is rejected (check_map_access() with ACCESS_HELPER). */
#include "kernel_kfuncs.h"

struct kha_obj {
	long v;
};

struct kha_val {
	int counter;
	int pad;
	struct kha_obj __kptr *p;
	struct bpf_spin_lock lock;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__type(key, int);
	__type(value, struct kha_val);
	__uint(max_entries, 1);
} kha_map SEC(".maps");

/* accepted: allocating the object also makes its type complete in BTF
 * (a kptr to a struct the program only declares is invalid) */
SEC("tc")
int kptr_obj_new_ok(void *ctx)
{
	struct kha_obj *o = bpf_obj_new(typeof(*o));

	if (o)
		bpf_obj_drop(o);
	return 0;
}

__noinline int kha_write_int(int *p)
{
	if (p)
		*p = 42;
	return 0;
}

/* rejected: the helper would write over the kptr */
SEC("tc")
int kptr_helper_indirect(void *ctx)
{
	struct kha_val *v;
	int key = 0;

	v = bpf_map_lookup_elem(&kha_map, &key);
	if (!v)
		return 0;
	bpf_probe_read_kernel(v, 16, 0);
	return 0;
}

/* rejected: so would the global function, through its int * argument */
SEC("tc")
int kptr_global_func_indirect(void *ctx)
{
	struct kha_val *v;
	int key = 0;

	v = bpf_map_lookup_elem(&kha_map, &key);
	if (!v)
		return 0;
	return kha_write_int((int *)((char *)v + 6));
}

/* rejected: no global function calls while holding a lock */
SEC("tc")
int kptr_global_func_locked(void *ctx)
{
	struct kha_val *v;
	int key = 0, r;

	v = bpf_map_lookup_elem(&kha_map, &key);
	if (!v)
		return 0;
	bpf_spin_lock(&v->lock);
	r = kha_write_int(&v->counter);
	bpf_spin_unlock(&v->lock);
	return r;
}

/* rejected: a global function's int argument must be a scalar */
__noinline long kha_take_long(long x)
{
	return x + 1;
}

SEC("tc")
int kptr_global_func_ptr_as_int(void *ctx)
{
	struct kha_val *v;
	int key = 0;

	v = bpf_map_lookup_elem(&kha_map, &key);
	if (!v)
		return 0;
	return kha_take_long((long)v);
}

char _license[] SEC("license") = "GPL";
