#!/usr/bin/env bash
# Build the bundled lab kernel and the tools that come from its tree, in a
# cache outside the repo keyed by (kernel version, patches, config, this
# recipe). A second run with the same key is a no-op. Prints the artifacts
# directory on stdout; progress goes to stderr.
#
# Artifacts (in $dir/out):
#   bzImage            the patched 7.3 kernel
#   vmlinux.btf        its raw BTF (what the simulator resolves CO-RE against)
#   vmlinux.h          C types + kfunc prototypes, from the tree's bpftool
#   bpf_testmod.ko     the selftests' test module, built against this kernel
#   bpf_testmod.btf    its split BTF, on the distilled base bpf_testmod.btf.base
#   bpftool            the tree's bpftool
#   libbpf/            the tree's libbpf (static libbpf.a + headers)
#   VERSION            the exact Debian package version
#
# ccache (if present) keeps rebuilds cheap when only a patch changes.
set -euo pipefail
. "$(dirname "$0")/common.sh"

jobs=${VERISTEP_JOBS:-$(( $(nproc) + 1 ))}
print_only=0
[ "${1:-}" = "--print-dir" ] && print_only=1

deb=$("$KERNEL_DIR/fetch.sh")
version=$(cat "$(dirname "$deb")/$KERNEL_PKG.version")

# Bump when a change to this recipe changes what it produces: the cache key
# holds this number, not the script's text, so comments do not cost a rebuild.
RECIPE=2
key=$( { echo "$version recipe $RECIPE"; cat "$KERNEL_DIR/lab.config";
	 for p in "$KERNEL_DIR"/patches/*.patch; do if [ -e "$p" ]; then basename "$p"; cat "$p"; fi; done; } |
	sha256sum | cut -c1-16)
dir=$VERISTEP_CACHE/kernel/$key
built() {
	[ -e "$dir/out/DONE" ] || return 1
	# out/config (the kernel's .config: libbpf's __kconfig externs) came after
	# RECIPE 2; a cache built before it takes it from its tree, no rebuild
	if [ ! -e "$dir/out/config" ] && [ -e "$dir/$KERNEL_PKG/.config" ]; then
		cp "$dir/$KERNEL_PKG/.config" "$dir/out/config.tmp" && mv "$dir/out/config.tmp" "$dir/out/config"
	fi
	step "lab kernel $version is built (cache $key)"
	echo "$dir/out"
}
built && exit 0
[ $print_only = 1 ] && die "the lab kernel is not built yet (run: make kernel)"
# one build at a time per cache (two terminals, make -j, a helper and a test)
mkdir -p "$VERISTEP_CACHE/kernel"
exec 9>"$VERISTEP_CACHE/kernel/.lock"
flock 9
built && exit 0

start=$(date +%s)
log=$dir/build.log
rm -rf "$dir"; mkdir -p "$dir/out"
: > "$log"
fail() { tail -n 30 "$log" >&2; die "$1 failed (full log: $log)"; }

# Report progress of a long make every 20 s: elapsed time and last object.
progress() {
	local what=$1 last=0 now line
	while IFS= read -r line; do
		echo "$line" >> "$log"
		now=$(date +%s)
		if [ $((now - last)) -ge 20 ]; then
			last=$now
			printf '    [%4ds] %s: %s\n' $((now - start)) "$what" "${line:0:90}" >&2
		fi
	done
}
run_make() { # what, make args...
	local what=$1; shift
	set +e
	make "$@" 2>&1 | progress "$what"
	local rc=${PIPESTATUS[0]}
	set -e
	[ "$rc" = 0 ] || fail "$what"
}

step "unpacking $KERNEL_PKG $version"
dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/src/$KERNEL_PKG.tar.xz" | tar -xJ -C "$dir" ||
	die "cannot unpack $deb"
src=$dir/$KERNEL_PKG
echo "$version" > "$dir/out/VERSION"

for p in "$KERNEL_DIR"/patches/*.patch; do
	[ -e "$p" ] || continue
	step "applying $(basename "$p")"
	patch -d "$src" -p1 --forward --quiet < "$p" >>"$log" 2>&1 || fail "patch $(basename "$p")"
done

cc=gcc
command -v ccache >/dev/null && { cc="ccache gcc"; export CCACHE_DIR=$VERISTEP_CACHE/ccache CCACHE_BASEDIR=$dir CCACHE_NOHASHDIR=1; }
kmake=(-C "$src" -j"$jobs" CC="$cc" HOSTCC="$cc")

step "configuring (tinyconfig + kernel/lab.config)"
make -C "$src" tinyconfig >>"$log" 2>&1 || fail "tinyconfig"
"$src/scripts/kconfig/merge_config.sh" -m -O "$src" "$src/.config" "$KERNEL_DIR/lab.config" >>"$log" 2>&1 || fail "merge_config"
make -C "$src" olddefconfig >>"$log" 2>&1 || fail "olddefconfig"
# Kconfig drops options whose dependencies are missing without a word:
# check every requested option survived.
missing=0
while IFS= read -r want; do
	case "$want" in CONFIG_*=*) ;; *) continue ;; esac
	grep -qxF "$want" "$src/.config" || { echo "    config: wanted $want, got: $(grep "^${want%%=*}=" "$src/.config" || echo unset)" >&2; missing=1; }
done < "$KERNEL_DIR/lab.config"
[ $missing = 0 ] || die "kernel/lab.config options were dropped by Kconfig"

step "building bzImage and modules with -j$jobs (about 12 min on 2 cores without ccache)"
run_make "kernel" "${kmake[@]}" bzImage modules
cp "$src/arch/x86/boot/bzImage" "$dir/out/"
cp "$src/.config" "$dir/out/config"
objcopy -O binary --only-section=.BTF "$src/vmlinux" "$dir/out/vmlinux.btf"

step "building libbpf and bpftool from the tree"
run_make "libbpf" -C "$src/tools/lib/bpf" -j"$jobs" CC="$cc" BUILD_STATIC_ONLY=1 \
	DESTDIR="$dir/out/libbpf" prefix= libdir_relative=lib install
run_make "bpftool" -C "$src/tools/bpf/bpftool" -j"$jobs" CC="$cc" HOSTCC="$cc" \
	feature-llvm=0 feature-libbfd=0 feature-libbfd-liberty=0 feature-libbfd-liberty-z=0
cp "$src/tools/bpf/bpftool/bpftool" "$dir/out/"
"$dir/out/bpftool" btf dump file "$src/vmlinux" format c > "$dir/out/vmlinux.h.tmp" && mv "$dir/out/vmlinux.h.tmp" "$dir/out/vmlinux.h"

step "building bpf_testmod against this kernel"
tm=$src/tools/testing/selftests/bpf/test_kmods
run_make "bpf_testmod" "${kmake[@]}" M="$tm" modules
cp "$tm/bpf_testmod.ko" "$dir/out/"
objcopy --dump-section .BTF="$dir/out/bpf_testmod.btf" "$tm/bpf_testmod.ko" /dev/null
# built out of tree, the module's split BTF sits on a distilled base that the
# kernel (and veristep's loader) relocate onto vmlinux
objcopy --dump-section .BTF.base="$dir/out/bpf_testmod.btf.base" "$tm/bpf_testmod.ko" /dev/null

touch "$dir/out/DONE"
# keep the two newest builds; older keys only waste disk
ls -1dt "$VERISTEP_CACHE"/kernel/*/ | tail -n +3 | xargs -r rm -rf
step "lab kernel $version built in $(( $(date +%s) - start )) s (cache $key)"
echo "$dir/out"
