/* Rejected: the map value pointer is used without a NULL check. 7.3's
 * check_mem_access() says "R%d invalid mem access '%s'" with the register
 * type, here map_value_or_null. A hash map: 7.3 knows that an array lookup
 * with a constant in-bounds key cannot fail. Used by
 * tests/kernel/test_run_reject.sh. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

SEC("tc")
int deref_without_check(struct __sk_buff *skb)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&counts, &key);

	return *value; /* value may be NULL */
}

char LICENSE[] SEC("license") = "GPL";
