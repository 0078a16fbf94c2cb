#!/usr/bin/env python3
"""Build the disasm evidence table for tests/test_disasm.c.

For every selftest annotation that carries a line the kernel printed with
print_bpf_insn() ("N: (xx) text" in __msg, "before N: (xx) text" in
mark_precise lines, "N: <live regs> (xx) text" in liveness dumps), find the
instruction at index N of the program as libbpf hands it to the kernel
(main program + subprograms appended depth-first, calls and callback
addresses relocated), taking the encoding from the clang-19 object (via
llvm-objdump-19), and emit a C table row:
    { "file.c:line", {insn}, {insn2}, "expected", match }
Usage: extract.py SELFTESTS_DIR OBJDIR > rows.inc
"""
import re, subprocess, sys, os, struct

SELF, OBJDIR = sys.argv[1], sys.argv[2]

def objdump(obj):
    out = subprocess.run(['llvm-objdump-19', '-d', '-r', obj], capture_output=True, text=True).stdout
    syms = subprocess.run(['llvm-objdump-19', '-t', obj], capture_output=True, text=True).stdout
    secs = {}      # section -> list of [8-byte insn slots as bytes]
    relocs = {}    # (section, slot) -> symbol
    sec = None
    for line in out.splitlines():
        m = re.match(r'^Disassembly of section (.*):$', line)
        if m:
            sec = m.group(1); secs[sec] = []; continue
        m = re.match(r'^\s+(\d+):\t((?:[0-9a-f]{2} ?)+)\t', line)
        if m and sec is not None:
            b = bytes(int(x, 16) for x in m.group(2).split())
            for i in range(0, len(b), 8):
                secs[sec].append(b[i:i+8])
            continue
        m = re.match(r'^\s+([0-9a-f]+):\s+(R_BPF_\S+)\s+(\S+)', line)
        if m and sec is not None:
            relocs[(sec, int(m.group(1), 16) // 8)] = m.group(3)
    symtab = {}    # name -> (section, value, is_func)
    for line in syms.splitlines():
        m = re.match(r'^([0-9a-f]{16}) (.{7}) (\S+)\t([0-9a-f]{16}) (.*)$', line)
        if m:
            symtab[m.group(5)] = (m.group(3), int(m.group(1), 16), 'F' in m.group(2), int(m.group(4), 16))
    return secs, relocs, symtab

def decode(b):
    code, regs, off, imm = struct.unpack('<BBhi', b)
    return [code, regs & 0xf, regs >> 4, off, imm]

def program(objinfo, fname):
    """Instructions of program fname as libbpf relocates them."""
    secs, relocs, symtab = objinfo
    sec, val, _, size = symtab[fname]
    start = val // 8
    insns = []      # [code,dst,src,off,imm]
    origin = []     # (sec, slot) for relocation lookup
    def append(s, st, n):
        for i in range(n):
            insns.append(decode(secs[s][st + i])); origin.append((s, st + i))
    append(sec, start, size // 8)
    placed = {(sec, start): 0}
    def reloc(first, count):
        # mirrors libbpf bpf_object__reloc_code(): append a callee the first
        # time it is referenced and relocate it at once (depth first)
        i = first
        while i < first + count:
            ins = insns[i]; s, slot = origin[i]
            is_call = ins[0] == 0x85 and ins[2] == 1
            is_ld = ins[0] == 0x18
            sym = relocs.get((s, slot))
            tgt = None
            if is_ld and sym:
                ssec, sval, isf, _ = symtab.get(sym, ('?', 0, False, 0))
                if ssec == '.maps':
                    ins[2] = 1; ins[4] = 0
                elif ssec == '*UND*':
                    ins[2] = 3
                elif ssec.startswith(('.data', '.rodata', '.bss')):
                    ins[2] = 2
                elif isf or ssec == '.text':
                    tgt = (ssec, sval // 8 if isf else sval // 8 + ins[4] // 8)
                    ins[2] = 4
            elif is_call:
                if sym:
                    ssec, sval, isf, _ = symtab.get(sym, ('*UND*', 0, False, 0))
                    if ssec == '*UND*':
                        ins[2] = 2; ins[4] = 0; ins.append(sym)
                    else:
                        tgt = (ssec, sval // 8 + ins[4] + 1)
                else:
                    tgt = (s, slot + ins[4] + 1)
            if tgt:
                if tgt not in placed:
                    tsec, tslot = tgt
                    fn = [v for v in symtab.values() if v[0] == tsec and v[1] // 8 == tslot and v[2]]
                    n = fn[0][3] // 8 if fn else len(secs[tsec]) - tslot
                    placed[tgt] = len(insns)
                    append(tsec, tslot, n)
                    reloc(placed[tgt], n)
                ins[4] = placed[tgt] - (i + 1)
            i += 2 if is_ld else 1
    reloc(0, size // 8)
    return insns

ANN = re.compile(r'__(msg|msg_unpriv|xlated|xlated_unpriv)\("((?:[^"\\]|\\.)*)"\)')
FUNC = re.compile(r'^(?:SEC\([^)]*\)\s*)?(?:static\s+)?(?:__naked\s+|__noinline\s+|__always_inline\s+)*(?:void|int|long|__u64|__u32|u32|u64|unsigned int)\s+(?:__naked\s+)?(\w+)\s*\(')

def annotations(path):
    pending, res = [], []
    for no, line in enumerate(open(path), 1):
        for m in ANN.finditer(line):
            pending.append((no, m.group(1), m.group(2)))
        fm = FUNC.match(line)
        if fm and pending:
            res += [(fm.group(1),) + p for p in pending]
            pending = []
        elif fm:
            pending = []
    return res

INSN_LINE = re.compile(r'(?:^|before |^\s*)(\d+): (?:[0-9.]{10} )?(\([0-9a-f]{2}\) .*)$')

def expected(text):
    """(expected, exact?) from the annotation text starting at '(xx) '."""
    head, tail = (text.split('{{', 1) + [None])[:2]
    for sep in ('\t', ' ;', '  ', ' //'):
        k = head.find(sep)
        if k >= 0:
            return head[:k].rstrip(), True
    if tail is not None:
        return head.rstrip(), tail.startswith('$}}') and head == head.rstrip()
    return head, False

def c_insn(i):
    return '{ .code = 0x%02x, .dst_reg = %d, .src_reg = %d, .off = %d, .imm = %d }' % tuple(i[:5])

def main():
    files = sys.argv[3:]
    rows, skipped = [], []
    for f in files:
        base = os.path.basename(f)[:-2]
        obj = os.path.join(OBJDIR, base + '.o')
        if not os.path.exists(obj):
            continue
        info = objdump(obj)
        cache = {}
        for fn, no, kind, text in annotations(os.path.join(SELF, 'progs', f)):
            if not kind.startswith('msg'):
                continue
            text = text.encode().decode('unicode_escape')
            m = INSN_LINE.search(text) if re.search(r'\d+: (?:[0-9.]{10} )?\([0-9a-f]{2}\) ', text) else None
            if not m:
                continue
            idx = int(m.group(1))
            exp, exact = expected(m.group(2))
            where = '%s.c:%d' % (base, no)
            try:
                if fn not in cache:
                    cache[fn] = program(info, fn)
                prog = cache[fn]
                ins = prog[idx]
                ins2 = prog[idx + 1] if ins[0] == 0x18 else [0, 0, 0, 0, 0]
            except Exception as e:
                skipped.append('%s %s: %r' % (where, fn, e)); continue
            kf = ins[5] if len(ins) > 5 else None
            rows.append((where, fn, idx, ins, ins2, exp, exact, kf, kind))
    for r in rows:
        where, fn, idx, ins, ins2, exp, exact, kf, kind = r
        print('\t{ "%s", "%s", %d, %s, %s, "%s", %s, %s, %s },' % (
            where, fn, idx, c_insn(ins), c_insn(ins2), exp.replace('\\', '\\\\').replace('"', '\\"'),
            'MATCH_EXACT' if exact else 'MATCH_PREFIX', '"%s"' % kf if kf else 'NULL',
            'true' if kind == 'msg' else 'false'))
    for s in skipped:
        print('/* skipped: %s */' % s)

main()
