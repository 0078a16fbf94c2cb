#!/usr/bin/env bash
# The lab kernel builds (or is reused from the cache), every artifact the
# rest of veristep needs is there, and a second run is a no-op.
set -u
fail=0
check() { local what=$1; shift; if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fail=1; fi; }

out=$(kernel/build.sh) || { echo "FAIL: kernel/build.sh"; exit 1; }
for f in bzImage config vmlinux.btf vmlinux.h bpf_testmod.ko bpf_testmod.btf bpftool libbpf/lib/libbpf.a libbpf/include/bpf/libbpf.h VERSION; do
	check "artifact $f" [ -s "$out/$f" ]
done
check "VERSION is a 7.3 Debian version" grep -qE '^7\.3\.[0-9]+-' "$out/VERSION"
check "vmlinux.h carries kfunc prototypes (bpftool 7.8)" grep -q 'bpf_obj_new_impl\|bpf_rbtree_add_impl\|bpf_task_acquire' "$out/vmlinux.h"
check "the lab-events patch is in the built tree" grep -q 'lab: acquire ref=' "$out/../$(basename "$(ls -d "$out"/../linux-source-* | head -n1)")/kernel/bpf/verifier.c"
# the committed copies the simulator uses without a kernel build (make vmlinux-h)
for f in vmlinux.btf vmlinux.h bpf_testmod.btf bpf_testmod.btf.base; do
	check "bpf/$f matches the kernel build (else: make vmlinux-h)" cmp -s "bpf/$f" "$out/$f"
done
check "bpf/kernel.config matches the kernel build (else: make vmlinux-h)" cmp -s bpf/kernel.config "$out/config"
check "bpf/vmlinux.version matches the kernel build" cmp -s bpf/vmlinux.version "$out/VERSION"
log=$(dirname "$out")/build.log
before=$(stat -c %Y "$log")
second=$(kernel/build.sh 2>&1 >/dev/null)
check "second run is a no-op (cache hit reported)" grep -q "is built (cache" <<<"$second"
check "second run did not touch the build log" [ "$(stat -c %Y "$log")" = "$before" ]
exit $fail
