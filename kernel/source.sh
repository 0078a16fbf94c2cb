#!/usr/bin/env bash
# Unpack the pristine linux-source-7.3 tree once per version and print its
# path. The corpus (selftests) and libbpf are built from it; the kernel build
# copies it before patching, so this tree is never modified.
set -euo pipefail
. "$(dirname "$0")/common.sh"

deb=$("$KERNEL_DIR/fetch.sh")
version=$(cat "$(dirname "$deb")/$KERNEL_PKG.version")
top=$VERISTEP_CACHE/src/$version
tree=$top/$KERNEL_PKG
if [ ! -e "$top/.unpacked" ]; then
	step "unpacking $KERNEL_PKG $version (about 40 s)"
	rm -rf "$top"; mkdir -p "$top"
	dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$KERNEL_PKG.tar.xz" | tar -xJ -C "$top" ||
		die "cannot unpack $deb"
	echo "$version" > "$top/VERSION"
	touch "$top/.unpacked"
fi
echo "$tree"
