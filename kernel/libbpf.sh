#!/usr/bin/env bash
# Build the kernel tree's own libbpf (1.8) as a static library with headers,
# once per kernel version, and print its prefix (lib/libbpf.a, include/bpf/).
#
# Why this libbpf and not Debian bookworm's libbpf-dev (1.1.2): the corpus is
# the 7.3 selftests and lessons compiled by clang-19; they use ELF features
# 1.1 does not know (arena and struct_ops sections, new kfunc/ksym
# relocations). The tree's libbpf is the one the kernel's tools and selftests
# are written against, and the guest agent links the same one.
set -euo pipefail
. "$(dirname "$0")/common.sh"

tree=$("$KERNEL_DIR/source.sh")
version=$(cat "$(dirname "$tree")/VERSION")
prefix=$VERISTEP_CACHE/libbpf/$version
if [ ! -e "$prefix/.built" ]; then
	step "building libbpf from $KERNEL_PKG $version"
	rm -rf "$prefix"; mkdir -p "$prefix/obj"
	make -C "$tree/tools/lib/bpf" -j"$(nproc)" BUILD_STATIC_ONLY=1 OBJDIR="$prefix/obj" \
		DESTDIR="$prefix" prefix= libdir_relative=lib EXTRA_CFLAGS="-g -O2 -fPIC" install >"$prefix/build.log" 2>&1 ||
		{ tail -20 "$prefix/build.log" >&2; die "libbpf build failed (log: $prefix/build.log)"; }
	# uapi headers libbpf's headers expect (linux/bpf.h of this kernel)
	mkdir -p "$prefix/include/linux"
	cp "$tree/include/uapi/linux/bpf.h" "$tree/include/uapi/linux/bpf_common.h" \
		"$tree/include/uapi/linux/btf.h" "$prefix/include/linux/"
	touch "$prefix/.built"
fi
echo "$prefix"
