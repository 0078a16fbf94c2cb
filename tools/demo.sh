#!/usr/bin/env bash
# make demo: build the lab kernel and its VM files if needed, then open the
# tracer on the first lesson. Without a terminal (a script, CI), print the
# lesson's first screen instead and run the program on the real kernel.
set -euo pipefail
build=${1:-build}
lesson=lessons/01-reading-the-tracer
obj=$build/$lesson/prog.bpf.o
[ -e "$obj" ] || { echo "demo: $obj was not built" >&2; exit 2; }

echo "==> the lab kernel (first time: about 12 minutes to build; cached afterwards)"
kernel/build.sh >/dev/null
kernel/guest/build-initramfs.sh "$build" >/dev/null
if [ -t 0 ] && [ -t 1 ]; then
	exec "$build/veristep" lesson 1
fi
echo "==> lesson 1 (no terminal: the first screen, then the real kernel)"
"$build/veristep" lesson 1 --dump-after ""
"$build/veristep" run "$obj"
"$build/veristep" vm stop >/dev/null 2>&1 || true
