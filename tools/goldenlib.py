"""The simulator against kernel answers recorded as goldens: the pieces
tools/compare-golden.py (our programs, every one must agree) and
tools/faithfulness.py (the whole corpus, measured against a baseline) share.

A golden is what `veristep run --json` printed for one object in the lab VM
(tools/record-goldens.sh). The simulator runs on the same object at each
program's recorded log level and every program is compared field by field.
"""
import difflib
import hashlib
import json
import re
import struct
import subprocess

def object_code_hash(path):
    """sha256 of an object's executable sections (names and bytes) and their
    relocations: what the verifier sees, without the debug info that
    carries the build directory. A recorded answer applies to an object
    only when this is equal."""
    data = open(path, 'rb').read()
    if data[:4] != b'\x7fELF' or data[4] != 2:
        return None
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    secs = [struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize) for i in range(shnum)]
    strtab = secs[shstrndx][4]
    h = hashlib.sha256()
    for name, typ, flags, _a, off, size, _l, info, _al, _es in secs:
        nm = data[strtab + name:data.index(b'\0', strtab + name)]
        code = typ == 1 and flags & 0x4
        rel = typ == 9 and info < shnum and secs[info][2] & 0x4
        if code or rel:
            h.update(nm + b'\0' + data[off:off + size])
    return h.hexdigest()


ADDR = re.compile(r'0x[0-9a-f]{9,16}\b')


def state_lines(log):
    """The verification walk of a level-2 log: "N: ..." lines at column 0
    (the kernel's preamble lists insns indented) and "from X to Y" lines,
    with kernel addresses masked."""
    out = []
    lines = (log or '').splitlines()
    # the walk starts at insn 0's state; 7.3's preamble before it lists the
    # program (indented by %3d, so from insn 100 on at column 0 too). A log
    # cut short inside the preamble (a golden keeping only the head of a
    # huge log) has no walk at all.
    start = next((i for i, l in enumerate(lines) if l.startswith('0: ')), None)
    if start is None:
        start = len(lines) if any(l.startswith('func#0 @') for l in lines) else 0
    for line in lines[start:]:
        if re.match(r'^\d+: ', line) or line.startswith('from '):
            out.append(ADDR.sub('ADDR', line.strip()).replace('= 0x0 ', '= ADDR ').rstrip())
    return out


def preamble_lines(log):
    """What a level-2 log prints before the walk (7.3's bpf_check():
    "func#N @start", "topo_order[N] = name", the stack-liveness arg
    tracking, "stack use/def ..." and "Live regs before insn:"): the lines
    before insn 0's state line, kernel addresses masked, indentation kept.
    A log with no walk (an error before it) is taken up to its statistics
    or the blank line before a diagnostics block, so the error line that
    ends it is compared too."""
    lines = (log or '').splitlines()
    end = next((i for i, l in enumerate(lines) if l.startswith('0: ')), None)
    if end is None:
        end = next((i for i, l in enumerate(lines) if l == '' or l.startswith('processed ')), len(lines))
    return [ADDR.sub('ADDR', l).replace('= 0x0 ', '= ADDR ') for l in lines[:end]]


def compare_preamble(kp, sp):
    """(kernel lines, sim lines, matching lines) of the preamble of a
    level-2 log (preamble_lines()). A golden that kept only the head of a
    huge log ("log_head_lines") is compared on that head."""
    kl, sl = norm_ld(preamble_lines(kp.get('log'))), norm_ld(preamble_lines(sp.get('log')))
    if kp.get('log_head_lines'):
        sl = sl[:len(kl)]
    if kl == sl:
        return kl, sl, len(kl)
    same = sum(b.size for b in difflib.SequenceMatcher(None, kl, sl, autojunk=False).get_matching_blocks())
    return kl, sl, same


def diag_block(log):
    """7.3's "Verification failed:" block after the error line of a rejected
    program (kernel/bpf/diagnostics.c), up to the statistics line, kernel
    addresses masked; None when the log has none."""
    lines = (log or '').split('\n')
    start = next((i for i, l in enumerate(lines) if l.startswith('Verification failed:')), None)
    if start is None:
        return None
    end = next((i for i in range(start, len(lines)) if lines[i].startswith('processed ')), len(lines))
    return [ADDR.sub('ADDR', l) for l in lines[start:end]]


def compare_diag(kp, sp):
    """(kernel block, sim block, matching lines) of the diagnostics block,
    or None when the kernel printed none (nothing to compare)."""
    kb = diag_block(kp.get('log'))
    if kb is None:
        return None
    sb = diag_block(sp.get('log')) or []
    if kb == sb:
        return kb, sb, len(kb)
    same = sum(b.size for b in difflib.SequenceMatcher(None, kb, sb, autojunk=False).get_matching_blocks())
    return kb, sb, same


def norm_ld(lines):
    """The simulator cannot know kernel addresses: "r1 = 0x0" for a map
    load; and the kernel pads the state after an insn to a column that
    depends on the address's length, so on those lines the padding is
    not compared."""
    out = []
    for l in lines:
        l = re.sub(r'(\(18\) r\d+ = )(ADDR|0x0)\b', r'\1ADDR', l)
        if 'ADDR' in l:
            l = re.sub(r' +; ', ' ; ', l)
        out.append(l)
    return out


def level_of(kp):
    """The simulator's log level for a kernel program record (a kernel log
    recorded at BPF_LOG_STATS, 4, has no states: level 0)."""
    lv = kp.get('log_level') or 2
    return '0' if lv == 4 else str(lv)


def unjudged(kp):
    """libbpf loads a struct_ops object's programs together and stops at the
    first the kernel rejects: the others were never judged."""
    return (kp.get('note') or '').startswith('not loaded:')


def _verify(veristep, obj, lv, prog=None, timeout=900):
    cmd = [veristep, 'verify', '--json', '--log-level', lv]
    if prog:
        cmd += ['--prog', prog]
    try:
        r = subprocess.run(cmd + [obj], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        r = subprocess.CompletedProcess(cmd, 124, '', f'simulator timed out after {timeout} s')
    progs = {}
    try:
        # exit 2 may still carry JSON: programs judged "unsupported"
        progs = {p['name']: p for p in json.loads(r.stdout)['programs']}
    except (ValueError, KeyError, TypeError):
        if r.returncode in (0, 1):
            r = subprocess.CompletedProcess(cmd, 3, '', 'simulator printed no JSON')
    return r, progs


def simulate(veristep, obj, golden):
    """{program: (CompletedProcess, sim record or None)} for every program of
    the golden, each verified at its recorded level. One program the
    simulator cannot judge (exit 2) must not hide the others: then the
    programs of that level are asked one by one."""
    out = {}
    for lv in sorted({level_of(p) for p in golden['programs']}):
        r, progs = _verify(veristep, obj, lv)
        mine = [p['name'] for p in golden['programs'] if level_of(p) == lv]
        if r.returncode == 2 and not all(n in progs for n in mine):
            for name in mine:
                rp, one = _verify(veristep, obj, lv, name)
                out[name] = (rp, one.get(name))
        else:
            for name in mine:
                out[name] = (r, progs.get(name))
    return out


def sim_reason(r):
    """The simulator's one-line reason for not judging (exit 2)."""
    last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'exit %d' % r.returncode
    return re.sub(r"^veristep: (cannot open '[^']*': )?", '', last)


def libbpf_refusal_agrees(kp, r, sp=None):
    """libbpf refused the object before the verifier ran (the golden's note
    says so): the simulator must refuse it too (exit 2, or the program
    judged unsupported), naming the same symbols."""
    note = kp.get('note') or ''
    # the names libbpf quotes, but the object's file name: paths differ
    names = [n for n in re.findall(r"'([^']+)'", note) if not n.endswith('.o')]
    said = r.stderr + ((sp or {}).get('error') or '')
    refused = r.returncode == 2 or (sp or {}).get('verdict') == 'unsupported'
    return note.startswith('never reached the verifier') and refused and \
        bool(names) and all(n in said for n in names)


def compare_states(kp, sp):
    """(kernel lines, sim lines, matching lines, first differing index or
    None) for the level-2 walk. A golden that kept only the head of a huge
    log ("log_head_lines") is compared on that head."""
    kl, sl = norm_ld(state_lines(kp.get('log'))), norm_ld(state_lines(sp.get('log')))
    if kp.get('log_head_lines'):
        sl = sl[:len(kl)]
    same = sum(b.size for b in difflib.SequenceMatcher(None, kl, sl, autojunk=False).get_matching_blocks())
    first = None
    if kl != sl:
        first = next((i for i, (a, b) in enumerate(zip(kl, sl)) if a != b), min(len(kl), len(sl)))
    return kl, sl, same, first


def field_diffs(kp, sp):
    """Verdict, error line, error insn and lab events: what differs."""
    diffs = []
    for field in ('verdict', 'error', 'error_insn'):
        if kp.get(field) != sp.get(field):
            diffs.append(f'{field}: kernel {kp.get(field)!r} sim {sp.get(field)!r}')
    ke, se = kp.get('events') or [], sp.get('events') or []
    if events_comparable(kp) and ke != se:
        k = next((i for i, (a, b) in enumerate(zip(ke, se)) if a != b), min(len(ke), len(se)))
        diffs.append(f'events: first difference at #{k}: kernel {ke[k] if k < len(ke) else None!r} '
                     f'sim {se[k] if k < len(se) else None!r} ({len(ke)} kernel events, {len(se)} sim)')
    return diffs


def events_comparable(kp):
    """The lab patch prints its event lines at log level 2 only: a program
    recorded at level 1 or 4 (its level-2 log did not fit) has none."""
    return (kp.get('log_level') or 2) == 2
