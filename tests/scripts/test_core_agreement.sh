#!/usr/bin/env bash
# The simulator's agreement with the kernel's core verifier selftests must
# not drop below tests/agreement/core-baseline.txt (per file and in total,
# for verdicts and for __msg matches). Skips (exit 0) only when the kernel
# tree is absent. Raise the baseline with:
#   tests/scripts/core_agreement.sh build > tests/agreement/core-baseline.txt
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
build=${VERISTEP_BUILD:-build}
if ! kernel/source.sh >/dev/null 2>&1; then
	echo "SKIP test_core_agreement: kernel tree (linux-source-7.3) not present"
	exit 0
fi
base=tests/agreement/core-baseline.txt
[ -s "$base" ] || { echo "FAIL: $base missing"; exit 1; }
now=$(mktemp)
trap 'rm -f "$now"' EXIT
tests/scripts/core_agreement.sh "$build" >"$now" || { echo "FAIL: core_agreement.sh failed"; exit 1; }
python3 - "$base" "$now" <<'PY'
import sys
def load(path):
    files, total = {}, None
    for line in open(path):
        f = line.split()
        if not f:
            continue
        if f[0] == 'TOTAL':
            total = dict(zip(f[1::2], map(int, f[2::2])))
        elif f[0].startswith('verifier_') and len(f) >= 5 and f[2].isdigit():
            files[f[0]] = (int(f[2]), int(f[3]))
    return files, total
bf, bt = load(sys.argv[1])
nf, nt = load(sys.argv[2])
bad = []
for name, (v, m) in bf.items():
    cv, cm = nf.get(name, (0, 0))
    if cv < v or cm < m:
        bad.append(f"{name}: verdict {cv} < {v} or msg {cm} < {m}")
if bt is None:
    print("FAIL: the baseline has no TOTAL line")
    sys.exit(1)
if nt is None:
    print("FAIL: core_agreement.sh printed no TOTAL line")
    sys.exit(1)
if nt['verdict'] < bt['verdict'] or nt['msg'] < bt['msg']:
    bad.append(f"TOTAL: now {nt}, baseline {bt}")
print(f"core agreement: verdict {nt['verdict']} (baseline {bt['verdict']}), "
      f"msg {nt['msg']} (baseline {bt['msg']}) of {nt['programs']} programs")
for b in bad:
    print("DROP", b)
sys.exit(1 if bad else 0)
PY
