#!/usr/bin/env python3
"""Print the xlated instructions of `veristep run --json` output.

    build/veristep run --json build/lessons/13-prologue-epilogue/prog.bpf.o |
        python3 lessons/13-prologue-epilogue/xlated.py

"xlated" is what the kernel keeps after verification and its rewrites
(prologue, epilogue, context access conversion, helper inlining). This is
a small disassembler for the opcodes those rewrites use, in the kernel's
log syntax; anything else is printed as raw fields.
"""
import json
import struct
import sys

SIZE = {0x00: 'u32', 0x08: 'u16', 0x10: 'u8', 0x18: 'u64'}
ALU = {0x00: '+=', 0x10: '-=', 0x20: '*=', 0x30: '/=', 0x40: '|=', 0x50: '&=',
       0x60: '<<=', 0x70: '>>=', 0x90: '%=', 0xa0: '^=', 0xb0: '=', 0xc0: 's>>='}
JMP = {0x10: '==', 0x20: '>', 0x30: '>=', 0x40: '&', 0x50: '!=', 0x60: 's>',
       0x70: 's>=', 0xa0: '<', 0xb0: '<=', 0xc0: 's<', 0xd0: 's<='}


def insn_text(code, dst, src, off, imm):
    cls = code & 7
    if cls == 1:  # LDX
        return f'r{dst} = *({SIZE[code & 0x18]} *)(r{src} {off:+d})'
    if cls == 3:  # STX
        return f'*({SIZE[code & 0x18]} *)(r{dst} {off:+d}) = r{src}'
    if cls == 2:  # ST
        return f'*({SIZE[code & 0x18]} *)(r{dst} {off:+d}) = {imm}'
    if cls in (4, 7):  # ALU, ALU64
        r = 'w' if cls == 4 else 'r'
        op = ALU.get(code & 0xf0, f'alu{code & 0xf0:#x}')
        rhs = f'{r}{src}' if code & 8 else str(imm)
        return f'{r}{dst} {op} {rhs}'
    if cls in (5, 6):  # JMP, JMP32
        op = code & 0xf0
        if op == 0x80:
            kind = {0: 'helper', 1: 'subprog', 2: 'kfunc'}.get(src, f'src={src}')
            return f'call {kind} imm={imm}'
        if op == 0x90:
            return 'exit'
        if op == 0x00:
            return f'goto pc{off:+d}'
        r = 'w' if cls == 6 else 'r'
        rhs = f'{r}{src}' if code & 8 else f'{imm:#x}'
        return f'if {r}{dst} {JMP.get(op, hex(op))} {rhs} goto pc{off:+d}'
    return f'code={code:#04x} dst=r{dst} src=r{src} off={off} imm={imm}'


def main():
    d = json.load(sys.stdin)
    for p in d['programs']:
        raw = bytes.fromhex(p.get('xlated') or '')
        print(f"{p['name']}: {p['verdict']}, {p.get('insns_processed')} insns processed, "
              f"{len(raw) // 8} xlated")
        i = 0
        while i + 8 <= len(raw):
            code, regs, off, imm = struct.unpack('<BBhi', raw[i:i + 8])
            dst, src = regs & 0xf, regs >> 4
            if code == 0x18 and i + 16 <= len(raw):  # LD_IMM64 takes two slots
                hi = struct.unpack('<i', raw[i + 12:i + 16])[0]
                print(f'  {i // 8:3}: r{dst} = {(hi << 32) | (imm & 0xffffffff):#x}')
                i += 16
                continue
            print(f'  {i // 8:3}: {insn_text(code, dst, src, off, imm)}')
            i += 8


if __name__ == '__main__':
    main()
