#!/usr/bin/env bash
# The simulator against the real 7.3 kernel's answers recorded in
# tests/golden/ (tools/record-goldens.sh): verdict, error line, error insn
# and lab events must agree for every program; state lines are compared for
# the objects in tests/golden/FULL_FIDELITY.
set -u
build=${VERISTEP_BUILD:-build}
mapfile -t goldens < <(find tests/golden -name '*.json' | sort)
[ ${#goldens[@]} -gt 0 ] || { echo "no goldens in tests/golden (make goldens)"; exit 1; }
python3 tools/compare-golden.py "$build/veristep" "$build" "${goldens[@]}"
