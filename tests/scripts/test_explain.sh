#!/usr/bin/env bash
# `veristep explain` on rejected and accepted programs: the failing insn,
# source line, error, causal chain, path decisions, suggestion; JSON parses.
set -u
B=${VERISTEP_BUILD:-build}; V=${VERISTEP:-$B/veristep}
P=$B/tests/progs
fails=0
expect() { # name, output, substring
	grep -qF -- "$3" <<<"$2" || { echo "FAIL $1: no '$3'"; echo "$2"; fails=$((fails + 1)); }
}
out=$("$V" explain --prog tui_two_paths "$P/tui_branches.bpf.o"); rc=$?
[ $rc = 1 ] || { echo "FAIL exit $rc for a rejected program"; fails=$((fails + 1)); }
expect rejected-error "$out" "error:      R0 invalid mem access 'map_value_or_null'"
expect rejected-at "$out" "at:         19: (79) r1 = *(u64 *)(r0 +0)"
expect rejected-source "$out" "source:     if (skb->protocol == 8) @ tui_branches.bpf.c:26"
expect rejected-origin "$out" "insn 8: (85) call bpf_map_lookup_elem#1  =>  R0 = map_value_or_null(id=1,map=tui_counts,ks=4,vs=8)   <- got its type here"
expect rejected-branch1 "$out" "insn 10: (a6) if w1 < 0x65 goto pc+4 -> jumped to insn 15"
expect rejected-branch2 "$out" "insn 18: (16) if w3 == 0x8 goto pc+3 -> fell through to insn 19"
expect rejected-suggest "$out" "suggestion: the pointer may be NULL here"
out=$("$V" explain --prog lookup_unchecked "$P/core_basic.bpf.o")
expect core-origin "$out" "R0 = map_value_or_null(id=1,map=counts,ks=4,vs=8)   <- got its type here"
out=$("$V" explain --prog ret_uninit "$P/core_basic.bpf.o")
expect uninit "$out" "error:      R0 !read_ok"
expect uninit-suggest "$out" "read before anything was written"
out=$("$V" explain --prog tui_accepted "$P/tui_branches.bpf.o"); rc=$?
[ $rc = 0 ] || { echo "FAIL exit $rc for an accepted program"; fails=$((fails + 1)); }
# the real kernel's answer for this program (tests/golden): the paths it
# explored are the main one plus one per "from X to Y" branch it popped
kpaths=$(python3 -c 'import json,re,sys; p=[p for p in json.load(open(sys.argv[1]))["programs"] if p["name"]=="tui_accepted"][0]; print(1 + len(re.findall(r"^from ", p["log"], re.M)), p["insns_processed"])' tests/golden/tests/progs/tui_branches.json)
expect accepted-paths "$out" "paths:      ${kpaths% *} explored"
expect accepted-processed "$out" "processed:  ${kpaths#* } insns"
expect accepted-refs "$out" "references: 0 acquired"
# JSON: one object per program, valid
for args in "--prog tui_two_paths $P/tui_branches.bpf.o" "$P/tui_branches.bpf.o" "$P/core_basic.bpf.o"; do
	# shellcheck disable=SC2086
	"$V" explain --json $args | python3 -c 'import json,sys; json.load(sys.stdin)' ||
		{ echo "FAIL json for $args"; fails=$((fails + 1)); }
done
out=$("$V" explain --json --prog tui_two_paths "$P/tui_branches.bpf.o")
python3 - "$out" <<'PY' || fails=$((fails + 1))
import json, sys
o = json.loads(sys.argv[1])
assert o["verdict"] == "rejected" and o["error_insn"] == 19, o
assert o["register"] == "R0" and o["history"][-1]["insn"] == 8, o["history"]
assert [b["insn"] for b in o["path"]] == [10, 18], o["path"]
assert o["suggestion"].startswith("the pointer may be NULL"), o
PY
"$V" explain /nonexistent.o >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL missing object exit"; fails=$((fails + 1)); }
"$V" explain --prog nope "$P/tui_branches.bpf.o" >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL unknown prog exit"; fails=$((fails + 1)); }
[ "$fails" = 0 ] && echo "explain: all passed"
exit $((fails > 0))
