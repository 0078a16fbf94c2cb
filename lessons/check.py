#!/usr/bin/env python3
"""Check lessons against the simulator or the real 7.3 kernel.

    python3 lessons/check.py [--engine sim|kernel] [--build DIR] [LESSON...]

LESSON is a folder (lessons/07-linked-lists), its number (7) or nothing
(every lessons/NN-*). For each lesson this checks, on the chosen engine:

  - the folder has lesson.md (with a "# " title), expect and checkpoints,
    an expect line for every *.bpf.c, and exercise.bpf.c and solution.bpf.c
    together or not at all (exercise expected rejected, solution accepted);
  - every *.bpf.c compiles with clang-19 as the Makefile does;
  - every expect line: verdict, error line, error insn and (kernel only)
    the test-run retval;
  - the checkpoints: each names an instruction of the program
    ("# program: FILE[:PROG]", default the first *.bpf.c), quotes (in
    backquotes) a piece of that instruction's disassembly, and the
    checkpoints are reached in file order along the verifier's walk, as
    the TUI meets them.

On the simulator, a disagreement listed in lessons/KNOWN_SIM_GAPS is
printed as "known gap" instead of failing; a listed gap the simulator no
longer shows fails, so the list is kept honest. The format of every file
is in lessons/README.md. Exit 0 if nothing failed, 1 otherwise, 2 on bad
usage.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INSN_LINE = re.compile(r'^\s*(\d+): \([0-9a-f]{2}\) (.*?)(?:\s+;.*)?$')


def norm(s):
    return ' '.join(s.split())


class Report:
    def __init__(self):
        self.ok = self.gaps = self.failed = 0

    def line(self, kind, text):
        if kind == 'ok':
            self.ok += 1
        elif kind == 'gap':
            self.gaps += 1
        else:
            self.failed += 1
        label = {'ok': 'ok', 'gap': 'known gap', 'fail': 'FAIL'}[kind]
        print(f'  {label:9} {text}')


def parse_outcome(text):
    """'rejected insn=7 retval=1 error: TEXT' -> dict (fields given only)."""
    out = {}
    head, sep, err = text.partition('error:')
    if sep:
        out['error'] = err.strip()
    words = head.split()
    if not words or words[0] not in ('accepted', 'rejected', 'unsupported'):
        raise ValueError(f"expected a verdict (accepted, rejected), got '{text.strip()}'")
    out['verdict'] = words[0]
    for w in words[1:]:
        key, eq, val = w.partition('=')
        if not eq or key not in ('insn', 'retval') or not re.fullmatch(r'-?\d+', val):
            raise ValueError(f"unknown field '{w}' (insn=N, retval=N, error: TEXT)")
        out[key] = int(val)
    return out


def format_outcome(p):
    """What an engine said about one program, in expect syntax (no retval)."""
    if p['verdict'] == 'accepted':
        return 'accepted'
    s = p['verdict']
    if p.get('error_insn') is not None:
        s += f" insn={p['error_insn']}"
    if p.get('error'):
        s += f" error: {p['error']}"
    return s


def read_table(path, what):
    """Lines 'TARGET REST' of an expect-like file; '#' comments, blanks skipped."""
    rows = []
    if not os.path.exists(path):
        return rows
    for n, line in enumerate(open(path), 1):
        if not line.strip() or line.lstrip().startswith('#'):
            continue
        parts = line.split(None, 1 if what == 'expect' else 2)
        rows.append((n, parts))
    return rows


def load_gaps(lessons_dir):
    gaps = {}
    for n, parts in read_table(os.path.join(lessons_dir, 'KNOWN_SIM_GAPS'), 'gaps'):
        if len(parts) == 3:
            gaps[(parts[0], parts[1])] = [norm(parts[2]), n, False]
        else:
            gaps[('?', f'line {n}')] = ['malformed line', n, False]
    return gaps


def libbpf_include():
    r = subprocess.run([os.path.join(ROOT, 'kernel/libbpf.sh')], capture_output=True, text=True)
    return os.path.join(r.stdout.strip(), 'include') if r.returncode == 0 else None


def compile_prog(src, out, inc):
    cmd = ['clang-19', '-g', '-O2', '-target', 'bpf', '-mcpu=v3', '-D__TARGET_ARCH_x86',
           '-I' + os.path.join(ROOT, 'bpf'), '-I' + os.path.dirname(src), '-isystem', inc,
           '-Wall', '-Wno-unused-variable', '-Wno-missing-declarations', '-c', src, '-o', out]
    r = subprocess.run(cmd, capture_output=True, text=True)
    first = next((l for l in r.stderr.splitlines() if 'error' in l), r.stderr.strip()[:200])
    return r.returncode == 0, first


def run_engine(veristep, engine, obj):
    cmd = [veristep, 'verify' if engine == 'sim' else 'run', '--json', '--log-level', '2', obj]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        return None, f'cannot run {veristep}: {e.strerror}'
    try:
        return json.loads(r.stdout), None
    except ValueError:
        return None, (r.stderr.strip().splitlines() or [f'exit {r.returncode}'])[-1]


def select(progs, target_prog):
    return [p for p in progs if target_prog is None or p['name'] == target_prog]


def check_expect(rep, engine, slug, target, want, progs, gaps):
    file_, _, pname = target.partition(':')
    chosen = select(progs, pname or None)
    if not chosen:
        rep.line('fail', f'{engine} {target}: no such program')
        return
    for p in chosen:
        got = format_outcome(p)
        name = f"{file_}:{p['name']}"
        agree = p['verdict'] == want['verdict'] and \
            all(p.get(k if k != 'insn' else 'error_insn') == want[k] for k in ('error', 'insn') if k in want)
        gap = (gaps.get((slug, name)) or gaps.get((slug, file_))) if engine == 'sim' else None
        if agree and gap:
            gap[2] = True
            rep.line('fail', f'sim {name}: {got}, as the kernel: remove line {gap[1]} of lessons/KNOWN_SIM_GAPS')
            continue
        if agree:
            rep.line('ok', f'{engine} {name}: {got}')
        elif gap and gap[0] == norm(got):
            gap[2] = True
            rep.line('gap', f'sim {name}: {got}  (the kernel: {want_text(want)})')
        else:
            rep.line('fail', f'{engine} {name}: {got}  (expected {want_text(want)})')
            continue
        if engine == 'kernel' and 'retval' in want and agree:
            if p.get('retval') == want['retval']:
                rep.line('ok', f"kernel {name}: test run returned {p['retval']}")
            else:
                rep.line('fail', f"kernel {name}: test run: {p.get('test_run')}, retval {p.get('retval')}"
                         f" (expected {want['retval']})")


def want_text(w):
    s = w['verdict']
    if 'insn' in w:
        s += f" insn={w['insn']}"
    if 'error' in w:
        s += f" error: {w['error']}"
    return s


def listing_and_walk(log):
    """Disassembly per insn and the order the verifier walked them."""
    text, walk = {}, []
    in_walk = False
    for line in log.splitlines():
        if re.match(r'^0: R1=', line) or re.match(r'^0: \(', line):
            in_walk = True
        m = INSN_LINE.match(line)
        if not m:
            continue
        text.setdefault(int(m.group(1)), norm(m.group(2)))
        if in_walk and not line.startswith(' '):
            walk.append(int(m.group(1)))
    return text, walk


def check_checkpoints(rep, engine, slug, ldir, progs_by_file, gaps):
    path = os.path.join(ldir, 'checkpoints')
    target = None
    cps = []
    for n, line in enumerate(open(path), 1):
        s = line.strip()
        m = re.match(r'^#\s*program:\s*(\S+)\s*$', s)
        if m:
            target = m.group(1)
            continue
        if not s or s.startswith('#'):
            continue
        m = re.match(r'^insn (\d+):\s*(.*)$', s)
        if not m:
            rep.line('fail', f"checkpoints line {n}: expected 'insn N: text'")
            return
        q = re.search(r'`([^`]+)`', m.group(2))
        cps.append((n, int(m.group(1)), q.group(1) if q else None))
    if target is None:
        target = sorted(progs_by_file)[0] if progs_by_file else '?'
    file_, _, pname = target.partition(':')
    progs = progs_by_file.get(file_)
    if progs is None:
        rep.line('fail', f'checkpoints: program file {file_} is not in this lesson')
        return
    chosen = select(progs, pname or None)
    if not chosen:
        rep.line('fail', f'checkpoints: no program {target}')
        return
    p = chosen[0]
    text, walk = listing_and_walk(p.get('log') or '')
    name = f"{file_}:{p['name']}"
    gap = engine == 'sim' and ((slug, name) in gaps or (slug, file_) in gaps)
    pos = 0
    for n, insn, quote in cps:
        where = f'checkpoint line {n} (insn {insn})'
        if insn == 0:
            rep.line('fail', f'{where}: insn 0 is reached as the lesson opens and hides the narrative')
            continue
        if quote is None:
            rep.line('fail', f'{where}: quote the instruction in backquotes, e.g. `call bpf_obj_new`')
            continue
        if insn not in text:
            rep.line('gap' if gap else 'fail', f'{engine} {where}: not in the {engine} log of {name}')
            continue
        if norm(quote) not in text[insn]:
            rep.line('fail', f"{engine} {where}: `{quote}` is not in '{text[insn]}'")
            continue
        try:
            pos = walk.index(insn, pos) + 1
            rep.line('ok', f'{engine} {where}: `{quote}` reached in order')
        except ValueError:
            rep.line('gap' if gap else 'fail', f'{engine} {where}: not reached after the previous checkpoint')


def check_lesson(rep, args, ldir, gaps, inc, tmp):
    slug = os.path.basename(ldir)
    print(slug)
    md = os.path.join(ldir, 'lesson.md')
    if not os.path.exists(md) or not any(l.startswith('# ') for l in open(md)):
        rep.line('fail', 'lesson.md with a "# " title line')
    sources = sorted(os.path.basename(f) for f in glob.glob(os.path.join(ldir, '*.bpf.c')))
    if not sources:
        rep.line('fail', 'no *.bpf.c program')
        return
    expect = {}
    for n, parts in read_table(os.path.join(ldir, 'expect'), 'expect'):
        try:
            expect[parts[0]] = parse_outcome(parts[1] if len(parts) > 1 else '')
        except ValueError as e:
            rep.line('fail', f'expect line {n}: {e}')
    for s in sources:
        if not any(t.partition(':')[0] == s for t in expect):
            rep.line('fail', f'expect has no line for {s}')
    has_ex, has_sol = 'exercise.bpf.c' in sources, 'solution.bpf.c' in sources
    if has_ex != has_sol:
        rep.line('fail', 'exercise.bpf.c and solution.bpf.c come together')
    if has_ex and any(t.startswith('exercise.bpf.c') and w['verdict'] != 'rejected' for t, w in expect.items()):
        rep.line('fail', 'expect: the exercise must be rejected')
    if has_sol and any(t.startswith('solution.bpf.c') and w['verdict'] != 'accepted' for t, w in expect.items()):
        rep.line('fail', 'expect: the solution must be accepted')
    progs_by_file = {}
    for s in sources:
        obj = os.path.join(tmp, slug + '-' + s[:-2] + '.o')
        ok, err = compile_prog(os.path.join(ldir, s), obj, inc)
        if not ok:
            rep.line('fail', f'compiles: {s}: {err}')
            continue
        rep.line('ok', f'compiles: {s}')
        d, err = run_engine(args.veristep, args.engine, obj)
        if d is None:
            rep.line('fail', f'{args.engine} {s}: {err}')
            continue
        progs_by_file[s] = d['programs']
    for target, want in expect.items():
        file_ = target.partition(':')[0]
        if file_ in progs_by_file:
            check_expect(rep, args.engine, slug, target, want, progs_by_file[file_], gaps)
        elif file_ not in sources:
            rep.line('fail', f'expect names {file_}, which is not in the lesson')
    if os.path.exists(os.path.join(ldir, 'checkpoints')):
        check_checkpoints(rep, args.engine, slug, ldir, progs_by_file, gaps)
    else:
        rep.line('fail', 'no checkpoints file')


def find_lessons(lessons_dir, names):
    all_dirs = sorted(d for d in glob.glob(os.path.join(lessons_dir, '[0-9][0-9]-*')) if os.path.isdir(d))
    if not names:
        return all_dirs
    out = []
    for n in names:
        if os.path.isdir(n):
            out.append(os.path.abspath(n))
        elif n.isdigit() and [d for d in all_dirs if os.path.basename(d).startswith('%02d-' % int(n))]:
            out += [d for d in all_dirs if os.path.basename(d).startswith('%02d-' % int(n))]
        else:
            sys.exit(f"check.py: no lesson '{n}'")
    return out


def main():
    ap = argparse.ArgumentParser(description='check lessons on the simulator or the kernel')
    ap.add_argument('--engine', choices=('sim', 'kernel'), default='sim')
    ap.add_argument('--build', default=os.environ.get('VERISTEP_BUILD', 'build'))
    ap.add_argument('--veristep', default=os.environ.get('VERISTEP'))
    ap.add_argument('lessons', nargs='*')
    args = ap.parse_args()
    if not args.veristep:
        args.veristep = os.path.join(ROOT, args.build, 'veristep')
    if not os.access(args.veristep, os.X_OK):
        print(f"check.py: no veristep at '{args.veristep}' (run make)", file=sys.stderr)
        return 2
    lessons_dir = os.path.join(ROOT, 'lessons')
    inc = libbpf_include()
    if not inc:
        print('check.py: kernel/libbpf.sh failed', file=sys.stderr)
        return 2
    gaps = load_gaps(lessons_dir) if args.engine == 'sim' else {}
    rep = Report()
    dirs = find_lessons(lessons_dir, args.lessons)
    with tempfile.TemporaryDirectory(prefix='veristep-lessons.') as tmp:
        for d in dirs:
            check_lesson(rep, args, d, gaps, inc, tmp)
    checked = {os.path.basename(d) for d in dirs}
    for (slug, target), (text, n, used) in gaps.items():
        if slug == '?':
            rep.line('fail', f'lessons/KNOWN_SIM_GAPS line {n}: expected LESSON FILE[:PROG] OUTCOME')
        elif slug in checked and not used:
            rep.line('fail', f'lessons/KNOWN_SIM_GAPS line {n}: {slug} {target}: the simulator no longer says this')
    print(f'\nlessons ({args.engine}): {len(dirs)} lessons, {rep.ok} ok, {rep.gaps} known gaps, {rep.failed} failed')
    return 1 if rep.failed else 0


if __name__ == '__main__':
    sys.exit(main())
