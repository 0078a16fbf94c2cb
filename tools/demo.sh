#!/usr/bin/env bash
# make demo: build the lab kernel and its VM files if needed, then open the
# tracer on the first lesson. Without a terminal (a script, CI), print the
# lesson's first screen instead and run the program on the real kernel.
set -euo pipefail
build=${1:-build}
lesson=lessons/01-reading-the-tracer
obj=$(ls "$build/$lesson"/*.bpf.o 2>/dev/null | head -n1)
[ -n "$obj" ] || { echo "demo: no program built for $lesson" >&2; exit 2; }

echo "==> the lab kernel (first time: about 12 minutes to build; cached afterwards)"
kernel/build.sh >/dev/null
kernel/guest/build-initramfs.sh "$build" >/dev/null
if [ -t 0 ] && [ -t 1 ]; then
	exec "$build/veristep" tui --lesson "$lesson" "$obj"
fi
echo "==> lesson 1 (no terminal: the first screen, then the real kernel)"
"$build/veristep" tui --lesson "$lesson" --dump-after "" "$obj"
"$build/veristep" run "$obj"
"$build/veristep" vm stop >/dev/null 2>&1 || true
