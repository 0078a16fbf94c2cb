#!/usr/bin/env bash
# Regenerate the committed bpf/vmlinux.h and bpf/vmlinux.btf from the lab
# kernel build (make vmlinux-h). The simulator resolves CO-RE, kfuncs and
# ksyms against bpf/vmlinux.btf, so it works without building the kernel;
# tests/scripts/test_vmlinux_sync.sh checks they match the build when it exists.
set -euo pipefail
out=$(kernel/build.sh)
cp "$out/vmlinux.h" bpf/vmlinux.h
cp "$out/vmlinux.btf" bpf/vmlinux.btf
cp "$out/VERSION" bpf/vmlinux.version
echo "bpf/vmlinux.h and bpf/vmlinux.btf updated from $(cat "$out/VERSION")"
