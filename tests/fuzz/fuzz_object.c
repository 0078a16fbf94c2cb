/* libFuzzer target: opening arbitrary bytes as a BPF object
 * (sim_object_open_mem), then verifying every program it yields. Opening
 * must fail cleanly with a one-line error, never crash, leak or hang. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "object.h"
#include "trace.h"
#include "verifier.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256];
	struct sim_object *obj = sim_object_open_mem(data, size, "fuzz.bpf.o", NULL, err, sizeof(err));

	if (!obj)
		return 0;
	for (size_t i = 0; i < sim_object_prog_count(obj) && i < 8; i++) {
		struct sim_verify_opts opts = { .insn_limit = 100000 };
		struct sim_trace *t = sim_verify_object_prog(obj, sim_object_prog(obj, i), &opts);

		sim_trace_free(t);
	}
	sim_object_close(obj);
	return 0;
}
