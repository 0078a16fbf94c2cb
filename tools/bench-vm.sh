#!/usr/bin/env bash
# Native-run figures (not assertions): cold boot-to-verdict, warm verdict
# latency (median of N runs), and the kernel build from its cache state.
#   tools/bench-vm.sh [BUILD] [N]
# Uses its own runtime directory, so it neither uses nor disturbs the
# user's lab VM, and stops its VM at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-7}
veristep=${VERISTEP:-$PWD/$build/veristep}
ms() { echo $(( $(date +%s%N) / 1000000 )); }

start=$(ms)
art=$(kernel/build.sh 2>/dev/null)
cached_ms=$(( $(ms) - start ))
# build.sh writes VERSION when it starts and DONE when it ends
built_s=$(( $(stat -c %Y "$art/DONE") - $(stat -c %Y "$art/VERSION") ))
guest=$(kernel/guest/build-initramfs.sh "$build")
export VERISTEP_GUEST_DIR=$guest

tmp=$(mktemp -d /tmp/veristep-bench.XXXXXX)
export XDG_RUNTIME_DIR=$tmp/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
trap '"$veristep" vm stop >/dev/null 2>&1; rm -rf "$tmp"' EXIT

obj=$build/tests/progs/kernel_tc_accept.bpf.o
if [ ! -e "$obj" ]; then
	clang-19 -g -O2 -target bpf -mcpu=v3 -Ibpf -I"$art" -isystem "$(kernel/libbpf.sh)/include" \
		-c tests/progs/kernel_tc_accept.bpf.c -o "$tmp/prog.bpf.o"
	obj=$tmp/prog.bpf.o
fi

start=$(ms)
out=$("$veristep" run --json "$obj") || true
cold=$(( $(ms) - start ))
accel=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["accel"])' <<<"$out")
# QEMU's own CPU time for that boot: what the cold run costs on an idle
# machine (TCG runs the guest on one thread), whatever else loads this one
qemu_pid=$("$veristep" vm status | awk '/pid:/ { print $2 }')
qemu_cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / hz }' "/proc/$qemu_pid/stat")

warm=()
for _ in $(seq "$runs"); do
	start=$(ms)
	"$veristep" run "$obj" >/dev/null || true
	warm+=($(( $(ms) - start )))
done
median=$(printf '%s\n' "${warm[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')

printf 'accel:                      %s\n' "$accel"
printf 'cold boot to verdict:       %d ms (target <= 5000 under TCG); QEMU CPU time %d ms; load %s\n' \
	"$cold" "$qemu_cpu" "$(cut -d' ' -f1 /proc/loadavg)"
printf 'warm verdict (median of %d): %d ms (target <= 500); all: %s\n' "$runs" "$median" "${warm[*]}"
printf 'kernel build:               %d s when built; %d ms now (cache hit)\n' "$built_s" "$cached_ms"
