#!/usr/bin/env bash
# A running lab VM booted from older boot files (before `make kernel` or an
# agent change) must not answer for the new ones: the next run reboots.
. "$(dirname "$0")/lib.sh"

cp -r "$guest" "$tmp/guest"
export VERISTEP_GUEST_DIR=$tmp/guest
obj=$build/tests/progs/kernel_tc_accept.bpf.o
cold() { python3 -c 'import json,sys; print(json.load(sys.stdin)["cold_boot"])'; }

first=$("$veristep" run --json "$obj" | cold)
pid1=$(cat "$XDG_RUNTIME_DIR/veristep/vm.pid")
second=$("$veristep" run --json "$obj" | cold)
check "first run boots the VM" [ "$first" = True ]
check "second run reuses it" [ "$second" = False ]

echo "rebuilt-$(date +%s%N)" > "$tmp/guest/KEY"   # as build-initramfs.sh does after a rebuild
third=$("$veristep" run --json "$obj" | cold)
pid3=$(cat "$XDG_RUNTIME_DIR/veristep/vm.pid")
check "after the boot files changed, the run boots a fresh VM" [ "$third" = True ]
check "with a new QEMU process" [ "$pid1" != "$pid3" ]
check "the old QEMU is gone" bash -c '! kill -0 "$1" 2>/dev/null' _ "$pid1"
finish
