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
import difflib, json, os, re, subprocess, sys

ADDR = re.compile(r'0x[0-9a-f]{9,16}\b')

def state_lines(log):
    out = []
    for line in (log or '').splitlines():
        # the verification walk only: "N: ..." at column 0 (the kernel's
        # level-2 preamble lists insns indented) and "from X to Y" lines
        if re.match(r'^\d+: ', line) or line.startswith('from '):
            out.append(ADDR.sub('ADDR', line.strip()).replace('= 0x0 ', '= ADDR ').rstrip())
    return out

def norm_ld(lines):
    # the simulator cannot know kernel addresses: "r1 = 0x0" for a map load
    return [re.sub(r'(\(18\) r\d+ = )(ADDR|0x0)\b', r'\1ADDR', l) for l in lines]

def main():
    veristep, build, goldens = sys.argv[1], sys.argv[2], sys.argv[3:]
    full = set()
    ff = 'tests/golden/FULL_FIDELITY'
    if os.path.exists(ff):
        full = {l.split('#')[0].strip() for l in open(ff) if l.split('#')[0].strip()}
    total = agree = unjudged = 0
    bad = []
    state_total = state_same = 0
    for g in sorted(goldens):
        gold = json.load(open(g))
        rel = os.path.relpath(g, 'tests/golden')[:-len('.json')]
        obj = os.path.join(build, rel + '.bpf.o')
        if not os.path.exists(obj):
            bad.append(f'{rel}: object {obj} not built')
            continue
        # the simulator runs at each program's own recorded log level
        runs = {}
        # (a kernel log recorded at BPF_LOG_STATS, 4, has no states: level 0)
        level_of = lambda p: '0' if (p.get('log_level') or 2) == 4 else str(p.get('log_level') or 2)
        for lv in {level_of(p) for p in gold['programs']}:
            r = subprocess.run([veristep, 'verify', '--json', '--log-level', lv, obj],
                               capture_output=True, text=True)
            progs = {p['name']: p for p in json.loads(r.stdout)['programs']} if r.returncode in (0, 1) else {}
            runs[lv] = (r, progs)
            if r.returncode == 2:
                # one program the simulator cannot judge (exit 2) must not
                # hide the others: ask program by program
                for kp in gold['programs']:
                    if level_of(kp) != lv:
                        continue
                    rp = subprocess.run([veristep, 'verify', '--json', '--log-level', lv,
                                         '--prog', kp['name'], obj], capture_output=True, text=True)
                    one = {p['name']: p for p in json.loads(rp.stdout)['programs']} if rp.returncode in (0, 1) else {}
                    runs[(lv, kp['name'])] = (rp, one)
        for kp in gold['programs']:
            name = kp['name']
            # libbpf loads a struct_ops object's programs together and stops
            # at the first the kernel rejects: the others were never judged
            if (kp.get('note') or '').startswith('not loaded:'):
                unjudged += 1
                continue
            total += 1
            r, sim = runs.get((level_of(kp), name)) or runs[level_of(kp)]
            if r.returncode not in (0, 1):
                # libbpf refused the object before the verifier ran: the
                # simulator must refuse it too, naming the same symbol
                note = kp.get('note') or ''
                names = re.findall(r"'([^']+)'", note)
                if note.startswith('never reached the verifier') and r.returncode == 2 and \
                        names and all(n in r.stderr for n in names):
                    agree += 1
                else:
                    last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'exit %d' % r.returncode
                    bad.append(f'{rel}/{name}: simulator: {last}')
                continue
            sp = sim.get(name)
            if not sp:
                bad.append(f'{rel}/{name}: not in the simulator output')
                continue
            diffs = []
            for field in ('verdict', 'error', 'error_insn'):
                if kp.get(field) != sp.get(field):
                    diffs.append(f'{field}: kernel {kp.get(field)!r} sim {sp.get(field)!r}')
            if (kp.get('events') or []) != (sp.get('events') or []):
                diffs.append(f'events: kernel {kp.get("events")} sim {sp.get("events")}')
            kl, sl = norm_ld(state_lines(kp.get('log'))), norm_ld(state_lines(sp.get('log')))
            if kp.get('log_head_lines'):  # golden kept only the head of a huge log
                sl = sl[:len(kl)]
            same = sum(b.size for b in difflib.SequenceMatcher(None, kl, sl, autojunk=False).get_matching_blocks())
            state_total += len(kl)
            state_same += same
            if rel in full and kl != sl:
                first = next((i for i, (a, b) in enumerate(zip(kl, sl)) if a != b), min(len(kl), len(sl)))
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
          f'{unjudged} programs the kernel never judged (libbpf stopped before them)')
    print(f'golden: {len(unknown)} new disagreements, {len(seen)} known gaps, {len(fixed)} known gaps fixed')
    return 1 if unknown or fixed or total == 0 else 0

if __name__ == '__main__':
    sys.exit(main())
