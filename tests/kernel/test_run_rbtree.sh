#!/usr/bin/env bash
# bpf_rbtree_add then use after bpf_spin_unlock: the lab events show the
# node turning non-owning at the add and being invalidated at the unlock,
# and the register the error names is one of those invalidated.
. "$(dirname "$0")/lib.sh"
obj=$(bpf_obj kernel_rbtree_after_unlock)
echo "test_run_rbtree: $obj"

run_json "$obj"
check "exit 1 (got $rc: $errout)" [ "$rc" = 1 ]
err=$(json_get 'd["programs"][0]["error"]')
events=$(json_get '"\n".join(d["programs"][0]["events"])')
say "error: $err (insn $(json_get 'd["programs"][0]["error_insn"]'))"
say "events: $(tr '\n' ';' <<<"$events")"
check "lab: acquire at bpf_obj_new" grep -Eq '^lab: acquire ref=[0-9]+ insn=[0-9]+$' <<<"$events"
ref=$(grep -Eo '^lab: acquire ref=[0-9]+' <<<"$events" | head -1 | grep -Eo '[0-9]+$')
check "lab: release ref=$ref precedes the non-owning line" grep -Pzq "lab: release ref=$ref insn=[0-9]+\nlab: non-owning ref=$ref " <<<"$events"
check "lab: non-owning ref=$ref ... by=bpf_rbtree_add_impl" grep -Eq "^lab: non-owning ref=$ref regs=[^ ]+ insn=[0-9]+ by=bpf_rbtree_add_impl$" <<<"$events"
check "lab: invalidate ... cause=bpf_spin_unlock" grep -Eq '^lab: invalidate regs=[^ ]+ insn=[0-9]+ cause=bpf_spin_unlock$' <<<"$events"
check "lock acquired and released" bash -c 'grep -q "^lab: lock-acquire " <<<"$1" && grep -q "^lab: lock-release " <<<"$1"' _ "$events"
reg=$(grep -Eo '^R[0-9]+' <<<"$err")
inv=$(grep -E '^lab: invalidate ' <<<"$events" | sed -E 's/.*regs=([^ ]+).*/\1/')
check "the error's register ($reg) was invalidated (regs=$inv)" grep -qw "$reg" <<<"${inv//,/ }"
finish
