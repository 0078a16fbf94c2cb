#!/usr/bin/env bash
# make demo: build the lab kernel if needed, then open the first lesson.
# Until the tracer (TUI) exists, the first lesson's program is run on the
# bundled kernel and the real verifier's verdict is printed.
set -euo pipefail
build=${1:-build}
lesson=lessons/01-reading-the-tracer
obj=$build/$lesson/prog.bpf.o
[ -e "$obj" ] || { echo "demo: $obj was not built" >&2; exit 2; }

echo "==> the lab kernel (first time: about 12 minutes to build; cached afterwards)"
kernel/build.sh >/dev/null
echo "==> lesson 1: $lesson"
sed -n '2,/\*\//p' "$lesson/prog.bpf.c" | sed 's/^ \* \{0,1\}//; s/^\/\*//; s/\*\/$//'
echo "==> veristep run $obj"
"$build/veristep" run --log "$obj" || true
"$build/veristep" vm stop >/dev/null 2>&1 || true
