#!/usr/bin/env python3
"""Second evidence source: __xlated lines and instruction fragments of
__msg lines that carry no opcode byte. The text was printed by the
kernel's print_bpf_insn() (xlated dumps strip the "(xx) " prefix and a
call's "#id"); the encoding is obtained by assembling that very text with
LLVM's BPF assembler (llvm-mc-19), an encoder independent of veristep.
Emits rows: { "file:line", {insn}, {insn2}, "expected", MATCH_STRIPPED|MATCH_STRIPPED_PREFIX, NULL, priv }.
"""
import re, subprocess, sys, os, struct, glob

SELF = sys.argv[1]
ANN = re.compile(r'__(msg|msg_unpriv|xlated|xlated_unpriv)\("((?:[^"\\]|\\.)*)"\)')
INSN_START = re.compile(r'^(?:\d+: )?((?:[rw]\d+ |\*\(|if |goto|gotol|lock |store_release|exit|may_goto|call pc)\S.*)$')

def to_llvm(t):
    t = re.sub(r'goto pc([+-]\d+)', r'goto \1', t)
    t = re.sub(r'gotol pc([+-]\d+)', r'gotol \1', t)
    t = re.sub(r'may_goto pc([+-]\d+)', r'may_goto \1', t)
    t = re.sub(r'\(r(\d+) ([+-])(\d+)\)', r'(r\1 \2 \3)', t)
    t = re.sub(r'^call pc([+-]\d+)$', r'call \1', t)
    return t

def variants(t):
    yield t
    # 32-bit atomics name their value register wN in LLVM syntax
    if '(u32 *)' in t or '(u16 *)' in t or '(u8 *)' in t:
        yield re.sub(r'\br(\d+)\b(?!\s*[+-] \d+\))', lambda m: 'w' + m.group(1), t).replace('(w', '(r')

def assemble(t):
    for v in variants(to_llvm(t)):
        p = subprocess.run(['llvm-mc-19', '-triple', 'bpfel', '-mcpu=v4', '-show-encoding'],
                           input=v + '\n', capture_output=True, text=True)
        m = re.search(r'encoding: \[([^\]]*)\]', p.stdout)
        if p.returncode == 0 and m and not p.stderr.strip():
            b = bytes(int(x, 16) for x in m.group(1).split(','))
            return b
    return None

def decode(b):
    code, regs, off, imm = struct.unpack('<BBhi', b)
    return (code, regs & 0xf, regs >> 4, off, imm)

def c_insn(i):
    return '{ .code = 0x%02x, .dst_reg = %d, .src_reg = %d, .off = %d, .imm = %d }' % i

seen = set()
rows, skipped = [], []
for path in sorted(glob.glob(os.path.join(SELF, 'progs', '*.c'))):
    base = os.path.basename(path)
    for no, line in enumerate(open(path, errors='replace'), 1):
        for m in ANN.finditer(line):
            kind, text = m.group(1), m.group(2).encode().decode('unicode_escape')
            if kind.startswith('msg') and re.search(r'\([0-9a-f]{2}\) ', text):
                continue  # has an opcode byte: extract.py's business
            head = text.split('{{')[0]
            exact = '{{$}}' in text and head == head.rstrip() and text.index('{{') == text.index('{{$}}')
            for sep in ('\t', ' ;', '  ', ' //'):
                k = head.find(sep)
                if k >= 0:
                    head, exact = head[:k], True
            head = head.rstrip()
            mm = INSN_START.match(head)
            if not mm:
                continue
            t = mm.group(1)
            if re.search(r'\br1[12]\b|\bcall [a-z]|0x[0-9a-f]{9,}|skb\[', t):
                continue  # kernel-only registers, named calls, ld_imm64 consts
            b = assemble(t)
            if b is None:
                skipped.append('%s:%d %r' % (base, no, t)); continue
            b = b + bytes(16 - len(b))
            key = (b, t)
            if key in seen:
                continue
            seen.add(key)
            i1, i2 = decode(b[:8]), decode(b[8:16])
            rows.append('\t{ "%s:%d", %s, %s, "%s", %s, %s },' % (
                base, no, c_insn(i1), c_insn(i2), t.replace('\\', '\\\\').replace('"', '\\"'),
                'MATCH_STRIPPED' if exact else 'MATCH_STRIPPED_PREFIX',
                'false' if kind.endswith('unpriv') else 'true'))
print('\n'.join(rows))
for s in skipped:
    print('/* not assembled: %s */' % s)
