#!/usr/bin/env bash
# The REPL from command scripts: every tests/repl/NAME.cmds runs against
# the object named in the table below; each line of NAME.expect must appear
# in the transcript, in order.
set -u
B=${VERISTEP_BUILD:-build}; V=${VERISTEP:-$B/veristep}
declare -A objs=([branches]=$B/tests/progs/tui_branches.bpf.o)
fails=0
for cmds in tests/repl/*.cmds; do
	name=$(basename "$cmds" .cmds)
	out=$("$V" repl "${objs[$name]}" <"$cmds" 2>&1)
	rest=$out
	while IFS= read -r want; do
		[ -n "$want" ] || continue
		if ! grep -qF -- "$want" <<<"$rest"; then
			echo "FAIL $name: '$want' missing (or out of order)"; fails=$((fails + 1)); continue
		fi
		rest=$(awk -v w="$want" 'found {print} !found && index($0, w) {found=1}' <<<"$rest")
	done <"tests/repl/$name.expect"
	[ "$fails" = 0 ] || { echo "--- transcript"; echo "$out"; }
done
# prefixes as gdb: s = step, c = continue; quitting on EOF
out=$(printf 's\ns 2\n' | "$V" repl "$B/tests/progs/tui_branches.bpf.o")
grep -qF "step 3/25" <<<"$out" || { echo "FAIL prefix commands"; fails=$((fails + 1)); }
"$V" repl /nonexistent.o </dev/null >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL missing object exit"; fails=$((fails + 1)); }
[ "$fails" = 0 ] && echo "repl: all passed"
exit $((fails > 0))
