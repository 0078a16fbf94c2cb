/* Open-coded iterators (bpf_iter_num): a loop the verifier proves by
 * convergence at bpf_iter_num_next() instead of unrolling it, an iterator
 * that is never destroyed (a leaked reference), _next on a slot no _new
 * initialised, and _new twice on the same slot. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

/* accepted: a million iterations would exceed the 1M-instruction budget
 * if unrolled; the sum is widened and the loop converges */
SEC("tc")
int iter_sum_ok(void *ctx)
{
	struct bpf_iter_num it;
	int *v, sum = 0;

	bpf_iter_num_new(&it, 0, 1000000);
	while ((v = bpf_iter_num_next(&it)))
		sum += *v;
	bpf_iter_num_destroy(&it);
	return sum & 1;
}

/* rejected: the iterator's reference is still held at exit */
SEC("tc")
int iter_leak(void *ctx)
{
	struct bpf_iter_num it;

	bpf_iter_num_new(&it, 0, 10);
	return 0;
}

/* rejected: _next on a slot no _new initialised */
SEC("tc")
int iter_next_uninit(void *ctx)
{
	struct bpf_iter_num it;

	bpf_iter_num_next(&it);
	return 0;
}

/* rejected: _new over a live iterator */
SEC("tc")
int iter_new_twice(void *ctx)
{
	struct bpf_iter_num it;

	bpf_iter_num_new(&it, 0, 10);
	bpf_iter_num_new(&it, 0, 10);
	bpf_iter_num_destroy(&it);
	return 0;
}

char _license[] SEC("license") = "GPL";
