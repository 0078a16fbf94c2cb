#!/usr/bin/env python3
"""Compare the simulator with goldens recorded from the real 7.3 kernel.

usage: compare-golden.py VERISTEP BUILD GOLDEN.json...

For every program of every golden: verdict, error line, error insn and the
lab event stream must be equal (issue 3/4). The level-2 state lines
("N: ..." lines: instructions and states) are compared too; for objects
listed in tests/golden/FULL_FIDELITY every state line must be equal, for the
others the agreement is reported. Kernel addresses (map pointers printed by
LD_IMM64 as root) are masked on both sides. Exit 1 on any required mismatch.

tests/golden/KNOWN_GAPS lists disagreements not fixed yet, one
"<object>/<program>  # why" per line: they are printed as known gaps and do
not fail the run; a listed program that now agrees fails it (remove the line),
so the list only shrinks.
"""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goldenlib import (simulate, unjudged, libbpf_refusal_agrees, sim_reason,
                       compare_states, field_diffs, object_code_hash)

def main():
    if len(sys.argv) < 4 or sys.argv[1] in ('-h', '--help'):
        print('usage: compare-golden.py VERISTEP BUILD GOLDEN.json...', file=sys.stderr)
        return 2
    veristep, build, goldens = sys.argv[1], sys.argv[2], sys.argv[3:]
    full = set()
    ff = 'tests/golden/FULL_FIDELITY'
    if os.path.exists(ff):
        full = {l.split('#')[0].strip() for l in open(ff) if l.split('#')[0].strip()}
    total = agree = never = 0
    bad = []
    state_total = state_same = 0
    for g in sorted(goldens):
        gold = json.load(open(g))
        rel = os.path.relpath(g, 'tests/golden')[:-len('.json')]
        obj = os.path.join(build, rel + '.bpf.o')
        if not os.path.exists(obj):
            bad.append(f'{rel}: object {obj} not built')
            continue
        if gold.get('object_code_sha256') and gold['object_code_sha256'] != object_code_hash(obj):
            bad.append(f'{rel}: {obj} is not the code the kernel answered about (re-record: make goldens)')
            continue
        runs = simulate(veristep, obj, gold)
        for kp in gold['programs']:
            name = kp['name']
            if unjudged(kp):
                never += 1
                continue
            total += 1
            r, sp = runs[name]
            if libbpf_refusal_agrees(kp, r, sp):
                agree += 1
                continue
            if not sp and r.returncode not in (0, 1):
                bad.append(f'{rel}/{name}: simulator: {sim_reason(r)}')
                continue
            if not sp:
                bad.append(f'{rel}/{name}: not in the simulator output')
                continue
            diffs = field_diffs(kp, sp)
            kl, sl, same, first = compare_states(kp, sp)
            state_total += len(kl)
            state_same += same
            if rel in full and first is not None:
                diffs.append(f'state line {first}: kernel {kl[first] if first < len(kl) else None!r} '
                             f'sim {sl[first] if first < len(sl) else None!r}')
            if diffs:
                bad.append(f'{rel}/{name}: ' + '; '.join(diffs))
            else:
                agree += 1
    known = {}
    kg = 'tests/golden/KNOWN_GAPS'
    if os.path.exists(kg):
        for l in open(kg):
            key = l.split('#')[0].strip()
            if key:
                known[key] = l.split('#', 1)[1].strip() if '#' in l else ''
    unknown, seen = [], set()
    for b in bad:
        key = b.split(': ', 1)[0]
        if key in known:
            seen.add(key)
            print('KNOWN', b)
        else:
            unknown.append(b)
            print('DIFF', b)
    fixed = sorted(set(known) - seen)
    for k in fixed:
        print(f'FIXED {k}: agrees now, remove it from {kg}')
    pct = 100.0 * state_same / state_total if state_total else 0.0
    print(f'golden: {agree}/{total} programs agree on verdict, error, error insn and events; '
          f'level-2 state lines {state_same}/{state_total} ({pct:.1f}%); '
          f'{never} programs the kernel never judged (libbpf stopped before them)')
    print(f'golden: {len(unknown)} new disagreements, {len(seen)} known gaps, {len(fixed)} known gaps fixed')
    return 1 if unknown or fixed or total == 0 else 0

if __name__ == '__main__':
    sys.exit(main())
