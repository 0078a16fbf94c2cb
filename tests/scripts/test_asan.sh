#!/usr/bin/env bash
# The unit suites again under AddressSanitizer + UndefinedBehaviorSanitizer
# (make asan: a separate build in build-asan/, -fno-sanitize-recover).
set -uo pipefail
make --no-print-directory asan >build-asan.log 2>&1
rc=$?
tail -n 3 build-asan.log
[ $rc = 0 ] || { echo "FAIL: make asan (see build-asan.log)"; grep -m5 -E "ERROR: |runtime error:|FAIL" build-asan.log; }
exit $rc
