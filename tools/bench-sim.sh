#!/usr/bin/env bash
# Simulator speed against the real kernel verifier, program by program.
#   tools/bench-sim.sh BUILD [OBJ...]
# Default objects: BUILD/tests/progs/core_bench.bpf.o and the core corpus
# BUILD/corpus/verifier_*.bpf.o (tools/build-corpus.sh BUILD core).
# The simulator side (tools/bench-sim) verifies in process with the trace
# recorded (log level 0, as the kernel at level 4 prints no log). The
# kernel side (tools/bench-native, needs root) loads each program alone into
# the RUNNING kernel at log level 4 and reads its own "verification time N
# usec"; the output names that kernel. Programs the two judge differently
# are listed but kept out of the totals when processed counts differ by
# more than 2x (they did different work).
# Prints: per program sim usec, kernel usec, ratio sim/kernel, insns both
# sides; then totals: overall ratio, sim insns/s, kernel insns/s, trace
# bytes per step, worst step materialisation time.
set -uo pipefail
build=${1:?usage: bench-sim.sh BUILD [OBJ...]}
shift
libbpf=$(kernel/libbpf.sh) || exit 2
mkdir -p "$build/tools"
cc -O2 -Wall -Wextra -Isim -I"$libbpf/include" tools/bench-sim/bench_sim.c "$build/libsim.a" \
	"$libbpf/lib/libbpf.a" -lelf -lz -lzstd -lm -o "$build/tools/bench-sim" || exit 2
cc -O2 -Wall -Wextra -I"$libbpf/include" tools/bench-native/bench_native.c \
	"$libbpf/lib/libbpf.a" -lelf -lz -lzstd -o "$build/tools/bench-native" || exit 2
objs=("$@")
if [ ${#objs[@]} -eq 0 ]; then
	objs=("$build/tests/progs/core_bench.bpf.o")
	for f in "$build"/corpus/verifier_*.bpf.o; do [ -e "$f" ] && objs+=("$f"); done
fi
sim_out=$build/bench-sim.txt nat_out=$build/bench-native.txt
"$build/tools/bench-sim" "${objs[@]}" >"$sim_out" 2>"$build/bench-sim.err"
if [ "$(id -u)" = 0 ]; then
	"$build/tools/bench-native" "${objs[@]}" >"$nat_out" 2>/dev/null
else
	echo "bench-sim: not root: no native kernel figures" >&2
	: >"$nat_out"
fi
python3 - "$sim_out" "$nat_out" <<'PY'
import sys
def parse(path):
    rows = {}
    for line in open(path):
        kv = dict(f.split('=', 1) for f in line.split() if '=' in f)
        if 'obj' in kv and 'prog' in kv:
            rows[(kv['obj'], kv['prog'])] = kv
    return rows
sim, nat = parse(sys.argv[1]), parse(sys.argv[2])
kernels = sorted({v['kernel'] for v in nat.values()})
print(f"native kernel: {', '.join(kernels) or 'none'} (host, log level 4 'verification time')")
print(f"{'object/program':56} {'sim_us':>8} {'kern_us':>8} {'ratio':>6} {'sim_insns':>9} {'kern_insns':>10}")
ts = tk = ti = tki = steps = tbytes = 0
mat_max = 0.0
skipped = 0
for key, s in sim.items():
    su = float(s['usec']); si = int(s.get('insns', 0))
    steps += int(s.get('steps', 0)); tbytes += int(s.get('trace_bytes', 0))
    mat_max = max(mat_max, float(s.get('mat_max_usec', 0)))
    k = nat.get(key)
    ku = float(k['usec']) if k else -1; ki = int(k['insns']) if k else -1
    ratio = f"{su / ku:6.2f}" if ku > 0 else '     -'
    comparable = ku > 0 and ki > 0 and si > 0 and max(si, ki) <= 2 * min(si, ki) \
        and s['verdict'] != 'unsupported'
    if comparable:
        ts += su; tk += ku; ti += si; tki += ki
    else:
        skipped += 1
    name = f"{key[0]}/{key[1]}"[:56]
    print(f"{name:56} {su:8.0f} {ku:8.0f} {ratio} {si:9} {ki:10}{'' if comparable else '  (not compared)'}")
print()
print(f"programs: {len(sim)} simulated, {len(nat)} loaded natively, {len(sim) - skipped} compared")
if tk > 0:
    print(f"overall sim/kernel time ratio: {ts / tk:.3f} (sim {ts/1e3:.1f} ms, kernel {tk/1e3:.1f} ms)")
    print(f"insns/s: sim {ti / (ts / 1e6):,.0f}  kernel {tki / (tk / 1e6):,.0f}")
if steps:
    print(f"trace: {tbytes / steps:.1f} bytes/step over {steps} steps; "
          f"worst sampled step materialisation {mat_max / 1e3:.2f} ms")
PY
