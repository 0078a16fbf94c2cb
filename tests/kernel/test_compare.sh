#!/usr/bin/env bash
# veristep compare: the simulator beside the real kernel on a program where
# both must tell the same story (the rbtree node used after bpf_spin_unlock),
# and a clear exit 2 on an object that is not BPF.
. "$(dirname "$0")/lib.sh"

obj=$build/tests/progs/kernel_rbtree_after_unlock.bpf.o
out=$("$veristep" compare "$obj" 2>&1); rc=$?
check "compare exits 0 when both engines agree" [ "$rc" = 0 ]
check "says they agree" grep -q "simulator and kernel agree" <<<"$out"
check "shows both verdicts at the failing insn" bash -c 'grep -q "^kernel: rejected at insn 26: R6 invalid mem access" <<<"$1" && grep -q "^sim:    rejected at insn 26: R6 invalid mem access" <<<"$1"' _ "$out"
check "shows the kernel's invalidation event" grep -q "invalidate regs=R6 insn=25 cause=bpf_spin_unlock" <<<"$out"

printf 'not an object' > "$tmp/garbage.o"
err=$("$veristep" compare "$tmp/garbage.o" 2>&1 >/dev/null); rc=$?
check "garbage: exit 2" [ "$rc" = 2 ]
check "garbage: one line on stderr" [ "$(wc -l <<<"$err")" = 1 ]
finish
