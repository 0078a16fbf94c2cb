#!/usr/bin/env bash
# Run veristep's suites and print one closing line "N passed, N failed".
#   tools/run-tests.sh BUILD [unit|kernel|all]
# unit:   every CMocka binary in BUILD/tests (tests/test_*.c)
# kernel: every tests/kernel/test_*.sh (they boot the lab kernel in QEMU)
# other:  every tests/scripts/test_*.sh (CLI, golden, screen, fuzz)
set -uo pipefail
build=${1:?usage: run-tests.sh BUILD [unit|kernel|scripts|all]}
what=${2:-all}
export VERISTEP_BUILD=$build VERISTEP=$PWD/$build/veristep
passed=0 failed=0 failures=()

run_one() { # name, command...
	local name=$1; shift
	local start=$SECONDS
	if "$@"; then
		passed=$((passed + 1)); printf 'PASS %s (%ds)\n' "$name" $((SECONDS - start))
	else
		failed=$((failed + 1)); failures+=("$name"); printf 'FAIL %s (%ds)\n' "$name" $((SECONDS - start))
	fi
}

if [ "$what" = unit ] || [ "$what" = all ]; then
	for t in "$build"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "unit/$(basename "$t")" "$t"
	done
fi
if [ "$what" = scripts ] || [ "$what" = all ]; then
	run_one "layering" tools/check-layering.sh
	for t in tests/scripts/test_*.sh; do
		[ -e "$t" ] || continue
		run_one "scripts/$(basename "$t" .sh)" bash "$t"
	done
fi
if [ "$what" = kernel ] || [ "$what" = all ]; then
	for t in tests/kernel/test_*.sh; do
		[ -e "$t" ] || continue
		run_one "kernel/$(basename "$t" .sh)" bash "$t"
	done
fi

echo
[ ${#failures[@]} = 0 ] || printf 'failed: %s\n' "${failures[*]}"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
