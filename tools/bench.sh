#!/usr/bin/env bash
# `make bench`: every benchmark in one run, then their figures side by side.
#   tools/bench.sh [BUILD]
# - simulator vs the kernel's own verifier (tools/bench-sim.sh): time ratio,
#   insns/s, trace bytes per step, time to materialise a step;
# - the tracer (tools/bench-tui.sh): keypress-to-redraw latency;
# - the lab VM (tools/bench-vm.sh): cold boot to verdict, warm verdict.
# Figures only, never assertions. Each part's full output is kept in
# BUILD/bench/*.txt; the summary is BUILD/bench/summary.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=$build/bench
mkdir -p "$out"
status=0
part() { # name, command...
	local name=$1; shift
	echo "==> $name" >&2
	if "$@" >"$out/$name.txt.tmp" 2>&1; then
		mv "$out/$name.txt.tmp" "$out/$name.txt"
	else
		mv "$out/$name.txt.tmp" "$out/$name.txt"; status=1
		echo "    $name failed: $(tail -n1 "$out/$name.txt")" >&2
	fi
}
part sim tools/bench-sim.sh "$build"
part tui tools/bench-tui.sh "$build"
part vm tools/bench-vm.sh "$build"

pick() { # file, regex: the first matching line, or "-"
	grep -m1 -E "$2" "$out/$1.txt" 2>/dev/null || echo "-"
}
{
	echo "veristep benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	printf '%-28s %s\n' "kernel measured" "$(pick sim '^native kernel:' | sed 's/^native kernel: //')"
	printf '%-28s %s\n' "sim/kernel time" "$(pick sim '^overall sim/kernel' | sed 's/^overall sim\/kernel time ratio: //')"
	printf '%-28s %s\n' "instructions per second" "$(pick sim '^insns/s:' | sed 's/^insns\/s: //')"
	printf '%-28s %s\n' "programs" "$(pick sim '^programs:' | sed 's/^programs: //')"
	printf '%-28s %s\n' "trace" "$(pick sim '^trace:' | sed 's/^trace: //')"
	printf '%-28s %s\n' "TUI keypress to redraw" "$(pick tui '^keys ')"
	printf '%-28s %s\n' "TUI memory" "$(pick tui '^max RSS .*whole app')"
	printf '%-28s %s\n' "VM accel" "$(pick vm '^accel:' | sed 's/^accel: *//')"
	printf '%-28s %s\n' "VM cold boot to verdict" "$(pick vm '^cold boot' | sed 's/^cold boot to verdict: *//')"
	printf '%-28s %s\n' "VM warm verdict" "$(pick vm '^warm verdict' | sed 's/^warm verdict //')"
	printf '%-28s %s\n' "kernel build" "$(pick vm '^kernel build:' | sed 's/^kernel build: *//')"
	echo
	echo "full outputs: $out/sim.txt $out/tui.txt $out/vm.txt"
} >"$out/summary.txt"
cat "$out/summary.txt"
exit $status
