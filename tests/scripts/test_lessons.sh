#!/usr/bin/env bash
# Every lesson on the simulator (lessons/check.py): the programs compile, the
# simulator gives the outcome lessons/NN-*/expect records from the kernel,
# exercises are rejected and solutions accepted, and every checkpoint names
# the instruction its text quotes, reached in order. Disagreements listed in
# lessons/KNOWN_SIM_GAPS print as "known gap"; anything else fails. Then
# the checker itself must catch a broken lesson.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
build=${VERISTEP_BUILD:-build}
export VERISTEP=${VERISTEP:-$PWD/$build/veristep}
[ -x "$VERISTEP" ] || { echo "no veristep at $VERISTEP (run make)"; exit 1; }
failed=0

python3 lessons/check.py --engine sim || failed=1

# The checker must be able to fail: a copy of lesson 2 with a checkpoint
# quoting the wrong instruction and an expect line with the wrong error.
tmp=$(mktemp -d /tmp/veristep-lessons-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cp -r lessons/02-maybe-null "$tmp/02-broken"
sed -i 's/insn 7: `r1 = \*(u64 \*)(r0 +0)`/insn 7: `call bpf_map_lookup_elem`/' "$tmp/02-broken/checkpoints"
sed -i "s/^exercise.bpf.c .*/exercise.bpf.c rejected insn=7 error: not what the verifier says/" "$tmp/02-broken/expect"
out=$(python3 lessons/check.py --engine sim "$tmp/02-broken" 2>&1); rc=$?
if [ $rc = 1 ] && grep -q 'FAIL .*checkpoint line 4 (insn 7): `call bpf_map_lookup_elem` is not in' <<<"$out" &&
	grep -q "FAIL .*exercise.bpf.c:count_packets: rejected insn=7 error: R0 invalid mem access 'map_value_or_null'  (expected" <<<"$out"; then
	echo "ok: a wrong checkpoint and a wrong expect line fail the check"
else
	echo "FAILED: the checker did not catch a broken lesson (exit $rc):"; echo "$out" | grep -v '^  ok'; failed=1
fi
# `veristep lesson N` opens each lesson's program in the tracer with its
# narrative; one Space reaches the first checkpoint (headless screen dump).
export XDG_STATE_HOME=$tmp/state
for dir in lessons/[0-9][0-9]-*/; do
	n=$((10#$(basename "$dir" | cut -c1-2)))
	title=$(sed -n 's/^# //p' "$dir/lesson.md" | head -n1)
	first=$(grep -m1 -o '^insn [0-9]*: `[^`]*`' "$dir/checkpoints" | sed 's/^insn [0-9]*: //')
	screen=$("$VERISTEP" lesson "$n" --dump-after '<Space>' --size 50x160 2>&1)
	if grep -qF -- "Lesson: ${title:0:40}" <<<"$screen" && grep -qF -- "$first" <<<"$screen" &&
		grep -q '(1/[0-9]* checkpoints' <<<"$screen"; then
		echo "ok: veristep lesson $n shows '${title:0:40}...' and its first checkpoint $first"
	else
		echo "FAILED: veristep lesson $n: no title or first checkpoint on screen:"; echo "$screen" | tail -n 12; failed=1
	fi
done
if grep -qE '^ +[0-9]+ .*opened$' <<<"$("$VERISTEP" lesson)"; then
	echo "ok: veristep lesson lists the opened lessons as opened"
else
	echo "FAILED: veristep lesson does not show progress"; failed=1
fi
exit $failed
