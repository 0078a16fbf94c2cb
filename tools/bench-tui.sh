#!/usr/bin/env bash
# Keypress-to-redraw latency of the tracer over a long trace, and the app's
# memory on it. Figures only, no assertions (DESIGN.md: target < 16 ms).
#   tools/bench-tui.sh [BUILD]
# The program: tests/progs/tui_long_loop.bpf.o, a bounded loop the verifier
# walks for ~840,000 processed instructions. Keys: steps forward and back,
# event and branch jumps, the ends, and random jumps across the trace
# (":step N"), each followed by a full 80x24 render of the screen model.
set -eu
build=${1:-build}
V=$build/veristep
obj=$build/tests/progs/tui_long_loop.bpf.o
[ -x "$V" ] && [ -e "$obj" ] || { echo "build first: make -j2 all" >&2; exit 2; }
steps=$("$V" verify "$obj" | sed -n 's/.*(\([0-9]*\) insns processed).*/\1/p')
echo "trace: $steps steps ($obj)"
keys="sssssrrrrr<End><Left><Left><Home>eEx]["
RANDOM=42
for _ in $(seq 1 200); do keys+=":step $(( (RANDOM * 32768 + RANDOM) % steps ))<Enter>sr"; done
for _ in $(seq 1 200); do keys+="s"; done
for _ in $(seq 1 200); do keys+="<Left>"; done
start=$(date +%s%N)
/usr/bin/time -f "max RSS %M KB (whole app: object, trace, screen)" \
	"$V" tui --bench --dump-after "$keys" "$obj" >/dev/null
end=$(date +%s%N)
echo "open + verify + all keys: $(( (end - start) / 1000000 )) ms"
/usr/bin/time -f "max RSS %M KB after open only" "$V" tui --dump-after "" "$obj" >/dev/null
