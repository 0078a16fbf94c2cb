#!/usr/bin/env bash
# `veristep lab check` as a student and an instructor use it, on the
# simulator and the lab kernel (its own VM, see tests/kernel/lib.sh):
# the solution passes, the exercise fails naming the engine and the error
# line, a retval other than the lesson's fails, a folder of submissions
# gives one table row per file, a garbage file is exit 2 with one line, and
# `veristep lesson` shows the pass in the progress it keeps.
. "$(dirname "$0")/../kernel/lib.sh"
export XDG_STATE_HOME=$tmp/state
lab() { out=$("$veristep" lab check "$@" 2>"$tmp/lab.err"); rc=$?; err=$(cat "$tmp/lab.err"); }

lab 6 lessons/06-local-kptrs/solution.bpf.c
check "solution of lesson 6: exit 0 (got $rc: $err)" [ "$rc" = 0 ]
check "solution: both engines accept it and it passes" \
	grep -qzE 'simulator: accepted.*kernel:    accepted \(make_point returned 42, the lesson expects 42\).*pass' <<<"$out"

lab 6
check "the unedited exercise (the default file): exit 1 (got $rc)" [ "$rc" = 1 ]
check "exercise: fail names the kernel, the program, the insn and the error line" \
	grep -qx "fail: the kernel rejects make_point at insn 12: R6 invalid mem access 'scalar'" <<<"$out"
check "exercise: the simulator's reason is shown too" \
	grep -q "simulator: rejected (the simulator rejects make_point at insn 12: R6 invalid mem access 'scalar')" <<<"$out"

sed 's/return sum;/return sum + 1;/' lessons/06-local-kptrs/solution.bpf.c >"$tmp/off_by_one.bpf.c"
lab 6 "$tmp/off_by_one.bpf.c"
check "accepted but the wrong retval: exit 1 (got $rc)" [ "$rc" = 1 ]
check "the retval failure says what came back and what was expected" \
	grep -qx "fail: the kernel accepts make_point but its test run returns 43, expected 42" <<<"$out"

lab 12 lessons/12-struct-ops-qdisc/solution.bpf.c
check "lesson 12's solution (a struct_ops qdisc) passes on both engines (got $rc: $err)" [ "$rc" = 0 ]
check "and says so" grep -qx 'pass' <<<"$out"

mkdir "$tmp/subs"
cp lessons/06-local-kptrs/solution.bpf.c "$tmp/subs/alice.bpf.c"
cp lessons/06-local-kptrs/exercise.bpf.c "$tmp/subs/bob.bpf.c"
printf 'int broken(\n' >"$tmp/subs/carol.bpf.c"
echo "not a submission" >"$tmp/subs/notes.txt"
lab 6 "$tmp/subs"
check "a folder with a failing submission: exit 1 (got $rc: $err)" [ "$rc" = 1 ]
check "the table has a header and one row per .c file (3), none for notes.txt" \
	bash -c '[ "$(grep -cE "^(alice|bob|carol)\.bpf\.c +(pass|fail) " <<<"$1")" = 3 ] && grep -qE "^file +result +simulator +kernel +reason" <<<"$1" && ! grep -q notes <<<"$1"' _ "$out"
check "alice passes on both engines" grep -qE '^alice\.bpf\.c +pass +accepted +accepted' <<<"$out"
check "bob fails with the kernel's error line" \
	grep -qE "^bob\.bpf\.c +fail +rejected +rejected +the kernel rejects make_point at insn 12: R6 invalid mem access 'scalar'" <<<"$out"
check "carol does not compile, with clang's error" grep -qE '^carol\.bpf\.c +fail .*does not compile: .*error' <<<"$out"
check "the summary counts 1 of 3" grep -qx '1 of 3 passed' <<<"$out"

head -c 512 /dev/urandom >"$tmp/garbage.bpf.o"
lab 6 "$tmp/garbage.bpf.o"
check "a garbage object: exit 2 (got $rc)" [ "$rc" = 2 ]
check "a garbage object: one line on stderr, nothing on stdout" \
	bash -c '[ "$(wc -l <<<"$1")" = 1 ] && grep -q "^veristep: .*garbage.bpf.o" <<<"$1" && [ -z "$2" ]' _ "$err" "$out"
lab 6 "$tmp/subs/notes.txt"
check "a file that is neither .c nor .o: exit 2 (got $rc)" [ "$rc" = 2 ]
lab 1
check "a lesson without an exercise: exit 2 (got $rc: $err)" [ "$rc" = 2 ]
lab 99
check "no such lesson: exit 2 with one line (got $rc: $err)" bash -c '[ "$1" = 2 ] && [ "$(wc -l <<<"$2")" = 1 ]' _ "$rc" "$err"

list=$("$veristep" lesson)
check "veristep lesson lists 14 lessons" grep -q "^14 lessons, 2 passed" <<<"$list"
check "lesson 6 shows as passed, lesson 12 too" \
	bash -c 'grep -qE "^ +6 +Local kptrs.* passed$" <<<"$1" && grep -qE "^ +12 .* passed$" <<<"$1"' _ "$list"
finish
