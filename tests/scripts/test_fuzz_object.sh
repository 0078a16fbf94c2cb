#!/usr/bin/env bash
# Fuzz object loading (sim_object_open_mem, then verification of what it
# yields) for a bounded time (FUZZ_SECONDS, default 60), seeded with the
# compiled test programs: fails on any crash, sanitizer report, leak or hang.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
build=${VERISTEP_BUILD:-build}
FUZZ_RUNS=${FUZZ_RUNS:-1000000} exec tests/fuzz/run.sh fuzz_object "${FUZZ_SECONDS:-60}" "$build"/tests/progs/*.bpf.o \
	tests/fuzz/regressions/fuzz_object-*
