#!/usr/bin/env bash
# The tracer's screen, headless: replay keys with `veristep tui --dump-after`
# and assert what a person would see at 80x24.
set -u
B=${VERISTEP_BUILD:-build}; V=${VERISTEP:-$B/veristep}
P=$B/tests/progs
fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() { # name, keys, expected substring, [extra args...]
	local name=$1 keys=$2 want=$3; shift 3
	local out
	out=$("$V" tui --dump-after "$keys" "$@" 2>&1)
	if ! grep -qF -- "$want" <<<"$out"; then
		echo "FAIL $name: no '$want' after keys '$keys'"; echo "$out"; fails=$((fails + 1))
	fi
}
dump() { "$V" tui --dump-after "$1" "${@:2}"; }

obj=$P/tui_branches.bpf.o
# the error is jumped to: title, current listing line, error event
check error-title x "| insn 19 | rejected: R0 invalid mem acc" "$obj"
check error-listing x "> |  19: (79) r1 = *(u64 *)(r0 +0)" "$obj"
check error-event x "error: R0 invalid mem access 'map_value_or_null'" "$obj"
check error-marker x "R0  [null?] map_value_or_null" "$obj"
# branch points and paths
check branch "]" "branch: insn 15 pushed for later" "$obj"
check path-switch t "path 1 of 4: forked at insn 10" "$obj"
check goto "g19<Enter>" "| insn 19 |" "$obj"
check search "/lookup<Enter>" "found 'lookup' at step" "$obj"
check breakpoint "g13<Enter>b<Home>c" "breakpoint at insn 13" "$obj"
check help "?" "toggle panes" "$obj"
check pane-toggle "4" "stack pane hidden" "$obj"
check changed "ss" "*R1" "$obj"
# stepping back restores the previous screen (status line aside)
a=$(dump "sssss" "$obj" | head -n 23); b=$(dump "ssssss<Left>" "$obj" | head -n 23)
if [ "$a" != "$b" ]; then echo "FAIL back-restores"; diff <(echo "$a") <(echo "$b"); fails=$((fails + 1)); fi
c=$(dump "ssssss" "$obj" | head -n 23)
if [ "$a" = "$c" ]; then echo "FAIL back-restores: stepping did not change the screen"; fails=$((fails + 1)); fi
# 80x24: exactly 24 rows, none wider than 80, at every key and in help
for keys in "" x t "?" "]]]" "<End>"; do
	out=$(dump "$keys" "$obj")
	rows=$(printf '%s\n' "$out" | wc -l); wide=$(printf '%s\n' "$out" | awk 'length > 80' | wc -l)
	if [ "$rows" != 24 ] || [ "$wide" != 0 ]; then echo "FAIL 80x24 '$keys': $rows rows, $wide wide"; fails=$((fails + 1)); fi
done
out=$(dump x --size 40x120 "$obj"); rows=$(printf '%s\n' "$out" | wc -l)
[ "$rows" = 40 ] || { echo "FAIL size 40x120: $rows rows"; fails=$((fails + 1)); }
# attributes: the current instruction and the error are highlighted
out=$(dump x --attrs "$obj")
grep -q 'E' <<<"$(sed -n '/-- attributes --/,$p' <<<"$out")" || { echo "FAIL attrs: no error highlight"; fails=$((fails + 1)); }
# the kernel comparison pane, from a recorded kernel log (no VM needed)
cat >"$tmp/agree.log" <<'LOG'
0: (61) r1 = *(u32 *)(r1 +0)
R0 invalid mem access 'map_value_or_null'
processed 26 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0
LOG
VERISTEP_KERNEL_LOG=$tmp/agree.log check kernel-pane k "Kernel 7.3 vs simulation" "$obj"
VERISTEP_KERNEL_LOG=$tmp/agree.log check kernel-differs k "DISAGREE" "$obj"
VERISTEP_KERNEL_LOG=$tmp/agree.log check kernel-verdict ":run<Enter>" "kernel: rejected" "$obj"
VERISTEP_KERNEL_LOG=$tmp/agree.log check kernel-diverge k "first divergence at insn" "$obj"
VERISTEP_KERNEL_LOG=$tmp/missing.log check kernel-missing k "cannot read recorded log" "$obj"
# lesson mode: narrative, then checkpoints
mkdir -p "$tmp/lessons/99-demo"
printf '# Demo lesson\n\nWatch R0 become a map value.\n' >"$tmp/lessons/99-demo/lesson.md"
printf '# checkpoints\ninsn 8: the lookup: R0 may be NULL\ninsn 13: the NULL check splits the path\n' >"$tmp/lessons/99-demo/checkpoints"
check lesson-intro "" "Watch R0 become a map value." --lesson "$tmp/lessons/99-demo" "$obj"
check lesson-cp1 " " "the lookup: R0 may be NULL" --lesson "$tmp/lessons/99-demo" "$obj"
check lesson-cp2 "  " "the NULL check splits the path" --lesson "$tmp/lessons/99-demo" "$obj"
# `veristep OBJ` is the tracer too; bad input exits 2 with one line
VERISTEP_TUI_DUMP=x "$V" "$obj" | grep -qF "| insn 19 |" || { echo "FAIL veristep OBJ"; fails=$((fails + 1)); }
"$V" tui --dump-after "<Bogus>" "$obj" >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL bad keys exit"; fails=$((fails + 1)); }
"$V" tui --dump-after x /nonexistent.o >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL missing object exit"; fails=$((fails + 1)); }
"$V" tui </dev/null >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL no terminal exit"; fails=$((fails + 1)); }
# ownership on a real program (lesson 9's exercise: an rbtree node used after
# bpf_spin_unlock): owning before the add, non-owning after it, invalidated
# with its cause after the unlock, and back again when stepping back
L=$B/lessons/09-invalidation-at-unlock/exercise.bpf.o
check own-before-add "g13<Enter>" "R6  [own] ptr_node_data(id=2)" "$L"
check non-owning-after-add "g20<Enter>" "R6  [n-own] ptr_node_data(non_own_ref)" "$L"
check conversion-event "g20<Enter>" "lab: non-owning ref=2 regs=R2,R6 insn=19 by=bpf_rbtree_add" "$L"
check invalidated-after-unlock "g23<Enter>" "R6  [INVALID] scalar()  [invalidated at" "$L"
check invalidation-event "g23<Enter>" "lab: invalidate regs=R6 insn=22 cause=bpf_spin_unlock" "$L"
check back-to-non-owning "g23<Enter><Left><Left>" "R6  [n-own] ptr_node_data(non_own_ref)" "$L"
[ "$fails" = 0 ] && echo "tui dump: all passed"
exit $((fails > 0))
