#!/usr/bin/env bash
# Build and run one libFuzzer target for a bounded time.
#   tests/fuzz/run.sh TARGET SECONDS [SEED_FILES...]
# Builds libsim's sources and tests/fuzz/TARGET.c with clang-19 (libFuzzer
# comes with its compiler-rt, package libclang-rt-19-dev; make deps installs it)
# and ASan+UBSan into $VERISTEP_BUILD/fuzz, then runs it with a fixed seed
# for FUZZ_RUNS inputs (default 300000) or SECONDS, whichever ends first.
# Exit 0: no finding. Non-zero: a crash, sanitizer report, leak or hang
# (-timeout per input); the reproducer is left in $VERISTEP_BUILD/fuzz.
set -uo pipefail
target=${1:?usage: run.sh TARGET SECONDS}
secs=${2:-60}
shift 2 || true
build=${VERISTEP_BUILD:-build}
out=$build/fuzz
# a fresh corpus each run, a fixed seed and a bounded number of runs: the
# same inputs every time, so a finding is a bug, never luck of the draw
rm -rf "$out/corpus-$target"
mkdir -p "$out/obj" "$out/corpus-$target"
libbpf=$(kernel/libbpf.sh) || exit 2
cc=${FUZZ_CC:-clang-19}
echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n){(void)d;(void)n;return 0;}' >"$out/probe.c"
if ! $cc -fsanitize=fuzzer "$out/probe.c" -o "$out/probe" 2>/dev/null; then
	echo "FAIL $target: $cc has no libFuzzer (make deps installs libclang-rt-19-dev)"
	exit 1
fi
flags=(-g -O1 -std=gnu11 -fsanitize=address,undefined -fno-sanitize-recover=undefined
       -Isim -I"$libbpf/include")
objs=()
for src in sim/*.c; do
	o=$out/obj/$(basename "$src" .c).o
	if [ ! "$o" -nt "$src" ] || [ -n "$(find sim -name '*.h' -newer "$o" | head -1)" ]; then
		$cc "${flags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$o" || exit 1
	fi
	objs+=("$o")
done
$cc "${flags[@]}" -fsanitize=fuzzer "tests/fuzz/$target.c" "${objs[@]}" \
	"$libbpf/lib/libbpf.a" -lelf -lz -lzstd -lm -o "$out/$target" || exit 1
for seed in "$@"; do [ -f "$seed" ] && cp "$seed" "$out/corpus-$target/"; done
supp=$(pwd)/tests/fuzz/lsan.supp
cd "$out" || exit 1
# -timeout: a single input running 20 s is a hang
# lsan.supp: leaks inside libbpf itself (each one named there)
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
LSAN_OPTIONS=suppressions="$supp" \
	"./$target" -seed="${FUZZ_SEED:-1}" -runs="${FUZZ_RUNS:-300000}" -max_total_time="$secs" \
	-timeout=20 -rss_limit_mb=2048 \
	-print_final_stats=1 "corpus-$target" >"$target.log" 2>&1
rc=$?
tail -n 12 "$target.log"
[ $rc -eq 0 ] || { echo "FAIL $target: finding (see $out/$target.log)"; exit 1; }
echo "PASS $target: seed ${FUZZ_SEED:-1}, up to ${FUZZ_RUNS:-300000} runs or ${secs}s, no finding"
