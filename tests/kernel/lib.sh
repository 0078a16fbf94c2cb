# Shared by tests/kernel/test_*.sh (sourced). Each test gets its own runtime
# directory, so its own lab VM, stopped by the EXIT trap: no VM outlives a
# test, and a user's own VM is never touched.
set -uo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo" || exit 1
build=${VERISTEP_BUILD:-build}
veristep=${VERISTEP:-$repo/$build/veristep}
failures=0

say() { printf '  %s\n' "$*"; }
check() { # description, command...
	local what=$1; shift
	if "$@"; then say "ok: $what"; else say "FAILED: $what"; failures=$((failures + 1)); fi
}
finish() {
	[ "$failures" = 0 ] && { say "all checks passed"; exit 0; }
	say "$failures check(s) failed"; exit 1
}
die() { say "FAILED: $*"; exit 1; }

[ -x "$veristep" ] || die "no veristep binary at $veristep (run: make all)"
art=${VERISTEP_KERNEL_ARTIFACTS:-$(kernel/build.sh --print-dir 2>/dev/null || kernel/build.sh)} ||
	die "the lab kernel does not build"
guest=$(kernel/guest/build-initramfs.sh "$build") || die "the guest initramfs does not build"
export VERISTEP_GUEST_DIR=$guest
tmp=$(mktemp -d /tmp/veristep-ktest.XXXXXX)
export XDG_RUNTIME_DIR=$tmp/run
mkdir -m 0700 "$XDG_RUNTIME_DIR"
sock=$XDG_RUNTIME_DIR/veristep/vm.sock
# a safety net: a VM a test failed to stop powers itself off soon
export VERISTEP_VM_IDLE=${VERISTEP_VM_IDLE:-120}
cleanup() {
	local pid
	if ! "$veristep" vm stop >/dev/null 2>&1; then
		# veristep itself failed (e.g. relinked under us): end our QEMU by its
		# recorded pid, after checking it is ours
		pid=$(cat "$XDG_RUNTIME_DIR/veristep/vm.pid" 2>/dev/null)
		[ -n "$pid" ] && { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -qF "$sock" && kill "$pid"
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# A QEMU whose command line names this test's socket (looked at, never killed by name).
qemu_left() {
	local f
	for f in /proc/[0-9]*/cmdline; do
		{ tr '\0' ' ' < "$f"; } 2>/dev/null | grep -qF "$sock" && return 0
	done
	return 1
}

# The compiled test program NAME (tests/progs/NAME.bpf.c): the Makefile's
# build if there is one, else compiled here against the lab kernel's vmlinux.h.
bpf_obj() {
	local name=$1 made=$build/tests/progs/$1.bpf.o
	if [ -e "$made" ] && [ "$made" -nt "tests/progs/$name.bpf.c" ]; then echo "$made"; return; fi
	mkdir -p "$tmp/progs"
	clang-19 -g -O2 -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 -Ibpf -I"$art" -isystem "$(kernel/libbpf.sh)/include" \
		-Wall -Wno-unused-variable -Wno-missing-declarations -c "tests/progs/$name.bpf.c" -o "$tmp/progs/$name.bpf.o" >&2 ||
		die "cannot compile tests/progs/$name.bpf.c"
	echo "$tmp/progs/$name.bpf.o"
}

# veristep run --json OBJ [ARGS]: sets $out (stdout), $errout, $rc.
run_json() {
	local obj=$1; shift
	out=$("$veristep" run --json "$@" "$obj" 2>"$tmp/stderr"); rc=$?
	errout=$(cat "$tmp/stderr")
}

# jq-like one-liners over $out with python3: json_get 'EXPR' (d is the object)
json_get() { python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print($1)" <<<"$out"; }
no_qemu_left() { ! qemu_left; }
