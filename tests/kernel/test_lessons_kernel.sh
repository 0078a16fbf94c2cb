#!/usr/bin/env bash
# Every lesson on the real 7.3 kernel in the lab VM (lessons/check.py
# --engine kernel): each program's verdict, error line, error instruction
# and test-run retval are what lessons/NN-*/expect says, exercises are
# rejected and solutions accepted, and every checkpoint quotes the
# instruction the kernel's own log shows at that index, reached in order.
. "$(dirname "$0")/lib.sh"
out=$(python3 lessons/check.py --engine kernel 2>&1); rc=$?
echo "$out" | grep -v '^  ok'
check "every lesson agrees with the kernel (exit $rc)" [ "$rc" = 0 ]
check "all 14 lessons were checked" grep -q '^lessons (kernel): 14 lessons' <<<"$out"
check "the kernel ran every expect line" bash -c '[ "$(grep -c "^  ok        kernel .*:.*: \(accepted\|rejected\)" <<<"$1")" -ge 40 ]' _ "$out"
check "no known gaps apply to the kernel" bash -c '! grep -q "^  known gap" <<<"$1"' _ "$out"
finish
