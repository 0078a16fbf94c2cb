#!/usr/bin/env bash
# veristep explain on every rejected lesson program, against the real 7.3
# kernel's answer recorded in tests/golden/lessons (tools/explain-vs-kernel.py):
# same error line and insn, and the owning->non-owning step 7.3's own
# diagnostics block leaves out. The side-by-side texts are in
# tests/explain/side-by-side (regenerate: tools/explain-vs-kernel.py ... --write).
set -u
build=${VERISTEP_BUILD:-build}
python3 tools/explain-vs-kernel.py "$build/veristep" "$build"
