#!/usr/bin/env bash
# Regenerate the committed BTF and headers of the bundled kernel from the lab
# kernel build (make vmlinux-h):
#   bpf/vmlinux.h          C types + kfunc prototypes (the tree's bpftool)
#   bpf/vmlinux.btf        raw BTF of the kernel
#   bpf/bpf_testmod.btf    split BTF of the selftests' test module
#   bpf/bpf_testmod.btf.base  its distilled base (relocated onto vmlinux when loaded)
#   bpf/kernel.config      its .config (values of libbpf's CONFIG_* __kconfig externs)
#   bpf/vmlinux.version    the Debian package version they come from
# The simulator resolves CO-RE, kfuncs and ksyms against these, so it works
# without building the kernel; tests/kernel/test_00_build.sh checks that they
# match the build when it exists.
set -euo pipefail
out=$(kernel/build.sh)
cp "$out/vmlinux.h" bpf/vmlinux.h
cp "$out/vmlinux.btf" bpf/vmlinux.btf
cp "$out/bpf_testmod.btf" bpf/bpf_testmod.btf
cp "$out/bpf_testmod.btf.base" bpf/bpf_testmod.btf.base
cp "$out/config" bpf/kernel.config
cp "$out/VERSION" bpf/vmlinux.version
echo "bpf/ updated from the lab kernel $(cat "$out/VERSION")"
