#!/bin/sh
# Agreement of the simulator with the kernel selftests' own annotations:
# compile tools/testing/selftests/bpf/progs/verifier_<name>.c with clang-19,
# run `veristep verify --json --log-level 2` on it, and compare each program's
# verdict with __success/__failure and its log with the __msg() lines.
# Usage: selftest_agreement.sh [BUILD] NAME...   (e.g. verifier_and verifier_div0)
# Needs the kernel tree (kernel/source.sh) and, for files that include it, a
# vmlinux.h (VMLINUX_H, default bpf/vmlinux.h). Prints one line per file.
set -eu
BUILD=${1:-build}; shift || true
TREE=$(kernel/source.sh 2>/dev/null || echo "$HOME/.cache/veristep/src/7.3.4-1~bpo13+1/linux-source-7.3")
SELF=$TREE/tools/testing/selftests/bpf
LIBBPF=$(kernel/libbpf.sh)
VMLINUX_H=${VMLINUX_H:-bpf/vmlinux.h}
OUT=$BUILD/selftests
mkdir -p "$OUT/inc"
[ -f "$VMLINUX_H" ] && cp "$VMLINUX_H" "$OUT/inc/vmlinux.h"
status=0
for name in "$@"; do
	src=$SELF/progs/$name.c
	obj=$OUT/$name.bpf.o
	if ! clang-19 -g -O2 -target bpf -mcpu=v4 -D__TARGET_ARCH_x86 -I"$OUT/inc" -I"$SELF" \
		-I"$SELF/progs" -isystem "$LIBBPF/include" -I/usr/include/x86_64-linux-gnu \
		-Wno-compare-distinct-pointer-types -c "$src" -o "$obj" 2>"$OUT/$name.cc.log"; then
		echo "$name: does not compile (see $OUT/$name.cc.log)"
		continue
	fi
	"$BUILD/veristep" verify --json --log-level 2 "$obj" >"$OUT/$name.json" 2>"$OUT/$name.err" || true
	python3 - "$src" "$OUT/$name.json" "$name" <<'PY' || status=1
import json, re, sys
src, js, name = sys.argv[1:4]
text = open(src).read()
# annotations sit between the previous program and this SEC(...) function
progs = {}
for m in re.finditer(r'((?:__[a-z_]+(?:\((?:[^()]|\([^()]*\))*\))?\s*)+)\s*(?:static\s+)?(?:__naked\s+)?\w[\w\s\*]*?\b(\w+)\s*\(', text):
    ann, fn = m.group(1), m.group(2)
    if 'SEC(' not in ann and '__success' not in ann and '__failure' not in ann:
        continue
    if '__success' in ann or '__failure' in ann:
        msgs = [bytes(x, 'utf-8').decode('unicode_escape') for x in re.findall(r'__msg\("((?:[^"\\]|\\.)*)"\)', ann)]
        unpriv_only = '__success' not in ann and '__failure' not in ann
        progs[fn] = ('accepted' if '__success' in ann else 'rejected', msgs)
try:
    data = json.load(open(js))
except Exception:
    print(f"{name}: simulator produced no JSON")
    sys.exit(1)
n = vok = mok = unsup = 0
for p in data['programs']:
    if p['name'] not in progs:
        continue
    exp, msgs = progs[p['name']]
    n += 1
    if p['verdict'] == 'unsupported':
        unsup += 1
        continue
    if p['verdict'] == exp:
        vok += 1
    log = p.get('log') or ''
    pos, ok = 0, True
    for m in msgs:
        i = log.find(m, pos)
        if i < 0:
            ok = False
            break
        pos = i + len(m)
    if ok and p['verdict'] == exp:
        mok += 1
print(f"{name}: programs {n}, verdict agree {vok}, msg agree {mok}, unsupported {unsup}")
PY
done
exit $status
