#!/usr/bin/env bash
# Fuzz the simulated verifier on random instruction streams for a bounded
# time (FUZZ_SECONDS, default 60): fails on any crash, sanitizer report,
# leak or hang. Seeds: every input that once crashed it
# (tests/fuzz/regressions/fuzz_sim-*), run first.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
exec tests/fuzz/run.sh fuzz_sim "${FUZZ_SECONDS:-60}" tests/fuzz/regressions/fuzz_sim-*
