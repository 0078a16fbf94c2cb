#!/usr/bin/env bash
# Record what the real Linux 7.3 verifier says about our own programs, with
# `veristep run --json` in the lab VM, into tests/golden/<dir>/<name>.json.
#   tools/record-goldens.sh BUILD [OBJ...]     (make goldens)
# Without OBJ: every tests/progs/*.bpf.o and lessons/*/*.bpf.o of BUILD.
# Goldens are facts recorded from the kernel: never edit one by hand; re-record
# when the kernel, its patches or the program change. The simulator is
# compared against them by tests/scripts/test_golden.sh, without QEMU.
# Each golden names the kernel build that answered and the hash of the
# object's code (goldenlib.object_code_hash): tools/faithfulness.py and
# compare-golden.py refuse answers about other code.
# GOLDEN_DIR (default tests/golden) is where they go: `make faithfulness`
# records the kernel selftest corpus into tests/faithfulness/kernel.
set -uo pipefail
build=${1:?usage: record-goldens.sh BUILD [OBJ...]}; shift
veristep=${VERISTEP:-$build/veristep}
[ -x "$veristep" ] || { echo "record-goldens: $veristep not built" >&2; exit 2; }
# the VM must boot the kernel build of now: refresh the boot files (a no-op
# when current; a VM booted from older ones is replaced on the first run)
art=$(kernel/build.sh --print-dir 2>/dev/null) || { echo "record-goldens: the lab kernel is not built (make kernel)" >&2; exit 2; }
kernel/guest/build-initramfs.sh "$build" >/dev/null || exit 2
kernel_build=$(basename "$(dirname "$art")")
objs=("$@")
if [ ${#objs[@]} = 0 ]; then
	objs=("$build"/tests/progs/*.bpf.o "$build"/lessons/*/*.bpf.o)
fi
n=0 failed=0 i=0
for obj in "${objs[@]}"; do
	i=$((i + 1))
	[ -e "$obj" ] || continue
	rel=${obj#"$build"/}
	printf '[%d/%d] %s\r' "$i" "${#objs[@]}" "$rel" >&2
	out=${GOLDEN_DIR:-tests/golden}/${rel%.bpf.o}.json
	mkdir -p "$(dirname "$out")"
	"$veristep" run --json --log-level 2 "$obj" >"$out.tmp" 2>"$out.err"
	rc=$?
	# Programs that process ~1M insns take minutes at level 2 under TCG:
	# record those at level 1 (verdict, error, events, stats still compared).
	if [ $rc = 2 ] && grep -q "did not answer within" "$out.err"; then
		printf 'level 1  %s (timed out at level 2)\n' "$rel"
		VERISTEP_RUN_TIMEOUT=${VERISTEP_GOLDEN_TIMEOUT:-600} \
			"$veristep" run --json --log-level 1 "$obj" >"$out.tmp" 2>"$out.err"
		rc=$?
	fi
	if [ $rc = 2 ] && grep -q "the lab VM failed while verifying" "$out.err"; then
		printf 'retry    %s (%s)\n' "$rel" "$(head -n1 "$out.err")"
		VERISTEP_RUN_TIMEOUT=${VERISTEP_GOLDEN_TIMEOUT:-600} \
			"$veristep" run --json --log-level 1 "$obj" >"$out.tmp" 2>"$out.err"
		rc=$?
	fi
	if [ $rc = 2 ] && grep -q "no BPF programs in" "$out.err"; then
		printf 'skipped  %s (no programs: a loader test input)\n' "$rel"
		rm -f "$out.tmp" "$out.err"; continue
	fi
	# Keep goldens small: a log over 1 MB keeps its first 2000 lines
	# ("log_head_lines"); compare-golden.py compares only those.
	if [ $rc -le 1 ] && python3 - "$out.tmp" "$kernel_build" "$obj" <<'PY' 2>/dev/null
import json, os, sys
sys.path.insert(0, 'tools')
from goldenlib import object_code_hash
p = sys.argv[1]
d = json.load(open(p))
d['kernel_build'] = sys.argv[2]  # which cached kernel build answered
d['object_code_sha256'] = object_code_hash(sys.argv[3])  # about which code
for prog in d.get('programs', []):
    log = prog.get('log') or ''
    if len(log) > 1 << 20:
        lines = log.splitlines()
        prog['log'] = '\n'.join(lines[:2000]) + '\n'
        prog['log_head_lines'] = 2000
        prog['log_total_lines'] = len(lines)
json.dump(d, open(p, 'w'), indent=1, sort_keys=True)
PY
	then
		mv "$out.tmp" "$out"; rm -f "$out.err"; n=$((n + 1))
		printf 'recorded %s\n' "$out"
	else
		failed=$((failed + 1))
		printf 'FAILED   %s: %s\n' "$rel" "$(head -n1 "$out.err")"
		rm -f "$out.tmp" "$out.err"
	fi
done
"$veristep" vm stop >/dev/null 2>&1 || true
echo "goldens: $n recorded, $failed failed"
[ $failed = 0 ]
