#!/usr/bin/env bash
# A bpf_obj_new reference never released: 7.3's check_reference_leak()
# error names the reference and where it was allocated, and the lab event
# line for the acquire names the same reference and instruction.
. "$(dirname "$0")/lib.sh"
obj=$(bpf_obj kernel_leak_obj_new)
echo "test_run_leak: $obj"

run_json "$obj"
check "exit 1 (got $rc: $errout)" [ "$rc" = 1 ]
err=$(json_get 'd["programs"][0]["error"]')
say "error: $err"
check "error is 'Unreleased reference id=N alloc_insn=M'" grep -Eq '^Unreleased reference id=[0-9]+ alloc_insn=[0-9]+$' <<<"$err"
id=$(sed -E 's/.*id=([0-9]+).*/\1/' <<<"$err"); at=$(sed -E 's/.*alloc_insn=([0-9]+).*/\1/' <<<"$err")
events=$(json_get '"\n".join(d["programs"][0]["events"])')
say "events: $(tr '\n' ';' <<<"$events")"
check "lab: acquire ref=$id insn=$at is among the events" grep -qx "lab: acquire ref=$id insn=$at" <<<"$events"
check "the acquire is at a call to bpf_obj_new" grep -Eq "^$at: \(85\) call bpf_obj_new" <<<"$(json_get 'd["programs"][0]["log"]')"
check "no release of ref $id" bash -c "! grep -q 'lab: release ref=$id ' <<<\"\$1\"" _ "$events"
finish
