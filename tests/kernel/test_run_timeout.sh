#!/usr/bin/env bash
# A guest that never answers: the agent is told to hang
# (VERISTEP_TEST_GUEST_HANG) and the run timeout is short. veristep must
# give one clear line, exit 2, and leave no QEMU behind; the next run boots
# a fresh VM and works.
. "$(dirname "$0")/lib.sh"
obj=$(bpf_obj kernel_reject_null)
echo "test_run_timeout: $obj"

start=$SECONDS
err=$(VERISTEP_TEST_GUEST_HANG=1 VERISTEP_RUN_TIMEOUT=3 "$veristep" run "$obj" 2>&1 >/dev/null); rc=$?
say "stderr after $((SECONDS - start)) s: $err"
check "exit 2 (got $rc)" [ "$rc" = 2 ]
check "one line saying the VM did not answer within 3 s" grep -Eq "^veristep: the lab VM did not answer within 3 s while verifying '.*'; VM killed" <<<"$err"
check "within 60 s" [ $((SECONDS - start)) -lt 60 ]
check "no QEMU left with this test's socket" no_qemu_left
check "vm status: not running" grep -q "not running" <<<"$("$veristep" vm status)"

"$veristep" run "$obj" >/dev/null 2>&1; rc=$?
check "the next run boots a fresh VM and gets a verdict (exit 1)" [ "$rc" = 1 ]

# a guest that dies in the middle of a request (powers off): one line, exit 2, fast
start=$SECONDS
err=$(VERISTEP_TEST_GUEST_DIE=1 "$veristep" run "$obj" 2>&1 >/dev/null); rc=$?
say "stderr after $((SECONDS - start)) s: $err"
check "guest died: exit 2 (got $rc)" [ "$rc" = 2 ]
check "guest died: says the VM exited" grep -Eq "^veristep: the lab VM failed while verifying '.*': it exited; VM killed" <<<"$err"
check "guest died: no QEMU left" no_qemu_left

# a wedged VM (QEMU stopped, so no answer to a ping) is killed and replaced
"$veristep" run "$obj" >/dev/null 2>&1
old=$("$veristep" vm status | awk '/pid:/ {print $2}')
kill -STOP "$old"   # our own test VM, by the pid veristep reported
VERISTEP_PING_TIMEOUT=2 "$veristep" run "$obj" >/dev/null 2>&1; rc=$?
new=$("$veristep" vm status | awk '/pid:/ {print $2}')
say "wedged VM pid $old, new VM pid $new"
check "wedged VM: the run still gets a verdict (exit 1, got $rc)" [ "$rc" = 1 ]
check "wedged VM: replaced by a new QEMU" [ -n "$new" ] && [ "$new" != "$old" ]
check "wedged VM: the old QEMU is gone" bash -c "! grep -qF '$sock' /proc/$old/cmdline 2>/dev/null"

# a stale pid file naming a process that is not our QEMU is ignored
"$veristep" vm stop >/dev/null
mkdir -p "$XDG_RUNTIME_DIR/veristep"; echo $$ > "$XDG_RUNTIME_DIR/veristep/vm.pid"
check "a pid file naming another process is stale" grep -q "not running" <<<"$("$veristep" vm status)"
check "that process was not touched" kill -0 $$
finish
