#!/usr/bin/env bash
# `make bench`: the simulator against the native kernel verifier
# (tools/bench-sim.sh), then the guest figures if tools/bench-vm.sh exists.
set -uo pipefail
build=${1:-build}
status=0
tools/bench-sim.sh "$build" || status=1
if [ -x tools/bench-vm.sh ]; then
	tools/bench-vm.sh "$build" || status=1
fi
exit $status
