#!/usr/bin/env bash
# A rejected program: exit 1, the classic error line is the one 7.3's
# check_mem_access() prints for a map value used without a NULL check, and
# error_insn is the load that the log shows just before it.
. "$(dirname "$0")/lib.sh"
obj=$(bpf_obj kernel_reject_null)
echo "test_run_reject: $obj"

run_json "$obj"
check "exit 1 when a program is rejected (got $rc: $errout)" [ "$rc" = 1 ]
check "verdict rejected" [ "$(json_get 'd["programs"][0]["verdict"]')" = rejected ]
check "error is \"R0 invalid mem access 'map_value_or_null'\"" \
	[ "$(json_get 'd["programs"][0]["error"]')" = "R0 invalid mem access 'map_value_or_null'" ]
insn=$(json_get 'd["programs"][0]["error_insn"]')
line=$(json_get '[l for l in d["programs"][0]["log"].splitlines() if l.startswith("%s: (" % d["programs"][0]["error_insn"])][-1]')
say "error_insn $insn: $line"
check "error_insn is a load through r0" grep -Eq '^[0-9]+: \(79\) r[0-9]+ = \*\(u64 \*\)\(r0 \+0\)$' <<<"$line"
check "the error line comes right before 7.3's diagnostics block" [ "$(json_get '"%s\n\nVerification failed:" % d["programs"][0]["error"] in d["programs"][0]["log"]')" = True ]
check "rejected programs have no retval" [ "$(json_get 'd["programs"][0]["retval"]')" = None ]

human=$("$veristep" run "$obj" 2>&1); rc=$?
check "human output: exit 1" [ "$rc" = 1 ]
check "human output shows error and insn" grep -q "at insn: $insn" <<<"$human"
log=$("$veristep" run --log --log-level 1 "$obj" 2>&1)
check "--log prints the full log" grep -q "^processed [0-9]* insns" <<<"$log"
check "--log-level 1 gives a level 1 log" grep -q "verifier log (level 1)" <<<"$log"
finish
