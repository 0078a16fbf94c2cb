#!/usr/bin/env bash
# Bad input never reaches the VM: not an ELF, a truncated ELF, a missing
# file, bad usage. Each exits 2 with one line on stderr; no VM is started.
. "$(dirname "$0")/lib.sh"
echo "test_run_garbage"
good=$(bpf_obj kernel_reject_null)
head -c 4096 /dev/urandom > "$tmp/random.o"
head -c 300 "$good" > "$tmp/truncated.o"
printf 'hello\n' > "$tmp/text.o"

expect_2() { # description, expected stderr (grep -E), args...
	local what=$1 want=$2; shift 2
	local err rc
	err=$("$veristep" run "$@" 2>&1 >/dev/null); rc=$?
	check "$what: exit 2 (got $rc)" [ "$rc" = 2 ]
	check "$what: one line '$err'" [ "$(wc -l <<<"$err")" = 1 ]
	check "$what: says /$want/" grep -Eq "$want" <<<"$err"
}
expect_2 "random bytes" "^veristep: '.*random.o' is not a BPF ELF object$" "$tmp/random.o"
expect_2 "text file" "is not a BPF ELF object" "$tmp/text.o"
expect_2 "truncated ELF" "^veristep: '.*truncated.o' is a truncated ELF object" "$tmp/truncated.o"
expect_2 "missing file" "^veristep: cannot open '.*nope.o'" "$tmp/nope.o"
expect_2 "directory" "is not a regular file" "$tmp"
expect_2 "no object" "no object given" 
expect_2 "bad log level" "invalid log level '3'" --log-level 3 "$good"
expect_2 "unknown option" "unknown or incomplete option" --frobnicate "$good"
check "no VM was started" no_qemu_left
check "vm status: not running" grep -q "not running" <<<"$("$veristep" vm status)"
err=$("$veristep" vm frob 2>&1); rc=$?
check "vm with a bad subcommand: exit 2" [ "$rc" = 2 ]
finish
