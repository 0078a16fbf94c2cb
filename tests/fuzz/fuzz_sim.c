/* libFuzzer target: the simulated verifier on arbitrary instruction arrays.
 *
 * Input layout: byte 0 picks the program type and log level, the rest is
 * read as struct bpf_insn[] (8 bytes each, at most 512). Two maps (an
 * array and a hash) are offered to LD_IMM64 map loads, chosen by the imm's
 * low bit. Any verdict is fine; a crash, a sanitizer report, a leak or a
 * hang (libFuzzer -timeout) is a bug. A few steps of each trace are
 * materialised too, since time travel re-runs the checks in replay mode. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "trace.h"
#include "verifier.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t prog_types[] = {
	BPF_PROG_TYPE_SOCKET_FILTER, BPF_PROG_TYPE_SCHED_CLS, BPF_PROG_TYPE_XDP,
	BPF_PROG_TYPE_SYSCALL,       BPF_PROG_TYPE_KPROBE,    BPF_PROG_TYPE_TRACEPOINT,
	BPF_PROG_TYPE_CGROUP_SKB,    BPF_PROG_TYPE_SCHED_ACT,
};

static const struct sim_map_view maps[] = {
	{ .name = "arr", .type = BPF_MAP_TYPE_ARRAY, .key_size = 4, .value_size = 48, .max_entries = 4 },
	{ .name = "hash", .type = BPF_MAP_TYPE_HASH, .key_size = 8, .value_size = 16, .max_entries = 64 },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct sim_subprog_view main_sp = { .start = 0, .name = "fuzz" };
	struct sim_verify_opts opts = { .insn_limit = 200000 };
	struct sim_prog_view v = { .name = "fuzz", .maps = maps, .map_cnt = 2,
				   .subprogs = &main_sp, .subprog_cnt = 1 };
	struct sim_insn_reloc *relocs;
	struct bpf_insn *insns;
	struct sim_trace *t;
	size_t n;

	if (size < 1 + sizeof(struct bpf_insn))
		return 0;
	n = (size - 1) / sizeof(struct bpf_insn);
	if (n > 512)
		n = 512;
	v.prog_type = prog_types[data[0] % (sizeof(prog_types) / sizeof(prog_types[0]))];
	opts.log_level = (data[0] >> 4) % 3;
	insns = malloc(n * sizeof(*insns));
	relocs = calloc(n, sizeof(*relocs));
	if (!insns || !relocs)
		abort();
	memcpy(insns, data + 1, n * sizeof(*insns));
	for (size_t i = 0; i < n; i++) {
		relocs[i].map_idx = -1;
		if (insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) &&
		    (insns[i].src_reg == BPF_PSEUDO_MAP_FD || insns[i].src_reg == BPF_PSEUDO_MAP_VALUE)) {
			relocs[i].map_idx = insns[i].imm & 1;
			relocs[i].map_value = insns[i].src_reg == BPF_PSEUDO_MAP_VALUE;
			relocs[i].map_off = i + 1 < n ? (uint32_t)insns[i + 1].imm % 64 : 0;
		}
	}
	v.insns = insns;
	v.insn_cnt = (int)n;
	v.relocs = relocs;
	t = sim_verify_view(&v, &opts);
	if (t) {
		size_t steps = sim_trace_steps(t);
		struct sim_strbuf sb = { 0 };
		struct sim_out out = sim_strbuf_out(&sb);

		for (size_t k = 0; k < 4 && steps; k++) {
			struct sim_state_view sv;

			if (!sim_trace_state_at(t, steps * k / 4, &sv))
				sim_state_view_release(&sv);
		}
		sim_trace_print_log(t, opts.log_level, &out);
		sim_trace_print_events(t, &out);
		(void)sim_trace_error(t);
		sim_strbuf_free(&sb);
		sim_trace_free(t);
	}
	free(relocs);
	free(insns);
	return 0;
}
