#!/usr/bin/env bash
# The simulator's agreement with the kernel selftests of issue 4's topics
# (kptrs, local kptrs, lists, rbtrees, refcounts, RCU, task/cgroup/cpumask
# kfuncs, struct_ops with referenced arguments, ref tracking, spin locks)
# must not drop below tests/agreement/topics-baseline.txt, per file and in
# total, for verdicts and for verdict + __msg. tools/topic_agreement.py is the
# one runner; this compiles the corpus (tools/build-corpus.sh, cached) and
# compares. Skips (exit 0) only when the kernel tree is absent.
# The baseline only moves up:
#   tools/topic_agreement.py > tests/agreement/topics-baseline.txt
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
build=${VERISTEP_BUILD:-build}
cache=${VERISTEP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/veristep}
# the unpacked tree only: never start a download from a test
tree=$(ls -d "$cache"/src/*/linux-source-7.3 2>/dev/null | head -n1)
if [ -z "$tree" ] || [ ! -e "$(dirname "$tree")/.unpacked" ]; then
	echo "SKIP test_topic_agreement: kernel tree (linux-source-7.3) not present in $cache/src"
	exit 0
fi
base=tests/agreement/topics-baseline.txt
[ -s "$base" ] || { echo "FAIL: $base missing"; exit 1; }
[ -x "$build/veristep" ] || { echo "FAIL: $build/veristep not built"; exit 1; }
if ! tools/build-corpus.sh "$build" topics >"$build/topic-corpus.log" 2>&1; then
	echo "FAIL: tools/build-corpus.sh failed (see $build/topic-corpus.log)"
	exit 1
fi
out=$(python3 tools/topic_agreement.py --build "$build" --tree "$tree" --baseline "$base")
rc=$?
printf '%s\n' "$out" | grep -E '^(TOTAL|BELOW)'
case $rc in
0) echo "PASS test_topic_agreement" ;;
1) echo "FAIL test_topic_agreement: agreement dropped below $base" ;;
*) echo "FAIL test_topic_agreement: tools/topic_agreement.py exited $rc" ;;
esac
[ "$rc" -eq 0 ]
