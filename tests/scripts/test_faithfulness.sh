#!/usr/bin/env bash
# The simulator against the kernel's recorded answers for the whole corpus
# (lessons, our programs, the kernel selftests of our topics; recorded by
# `make faithfulness`): agreement on verdict, error line, error insn, lab
# events, insns processed and level-2 state lines must not drop below
# tests/faithfulness/baseline.txt, per object and in total. Skips (exit 0)
# only when the kernel tree, needed to compile the selftests, is absent.
# Raise the baseline with:
#   tools/faithfulness.py --write-baseline tests/faithfulness/baseline.txt
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
build=${VERISTEP_BUILD:-build}
if ! kernel/source.sh >/dev/null 2>&1; then
	echo "SKIP test_faithfulness: kernel tree (linux-source-7.3) not present"
	exit 0
fi
base=tests/faithfulness/baseline.txt
[ -s "$base" ] || { echo "FAIL: $base missing"; exit 1; }
tools/build-corpus.sh "$build" all >/dev/null
python3 tools/faithfulness.py --build "$build" --out "$build/faithfulness" --baseline "$base"
