#!/usr/bin/env bash
# Build the lab VM's boot files into BUILD/guest and print that directory:
#   bzImage              the lab kernel (copied from kernel/build.sh's cache)
#   initramfs.cpio.gz    busybox-static, the static guest agent, bpf_testmod.ko,
#                        the kernel's .config as /boot/config (libbpf reads it
#                        for __kconfig externs, as on any distribution)
#   veristep-agent       the agent, linked statically against the kernel tree's
#                        libbpf (the artifacts' libbpf/, the same one the host
#                        links) and Debian's static libelf/libz/libzstd
#   KERNEL_DIR           where the kernel artifacts came from
# A no-op when neither the agent's sources nor the kernel artifacts changed.
#   kernel/guest/build-initramfs.sh BUILD
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$(dirname "$here")")
build=${1:?usage: build-initramfs.sh BUILD}
case $build in /*) ;; *) build=$repo/$build ;; esac
out=$build/guest
die() { echo "build-initramfs.sh: $*" >&2; exit 2; }

# VERISTEP_KERNEL_ARTIFACTS: another build's artifacts directory (development)
art=${VERISTEP_KERNEL_ARTIFACTS:-$("$repo/kernel/build.sh" --print-dir 2>/dev/null)} ||
	die "the lab kernel is not built yet (run: make kernel)"
[ -x /bin/busybox ] && /bin/busybox --list >/dev/null 2>&1 || die "/bin/busybox missing (Debian package busybox-static)"
tree=$("$repo/kernel/source.sh")
[ -s "$art/config" ] || die "the lab kernel build in $art has no config file (run: make kernel)"

sources=("$art/config" "$here/agent.c" "$here/loader.c" "$here/agent.h" "$here/init" "$here/build-initramfs.sh"
	 "$repo/kernel/client/vproto.c" "$repo/kernel/client/vproto.h")
key=$( { echo "$art"; cat "${sources[@]}"; } | sha256sum | cut -c1-16)
if [ -e "$out/KEY" ] && [ "$(cat "$out/KEY")" = "$key" ] && [ -e "$out/initramfs.cpio.gz" ]; then
	echo "$out"; exit 0
fi
mkdir -p "$out"
rm -f "$out/KEY"

echo "==> building the guest agent (static, libbpf from $art/libbpf)" >&2
libbpf=$art/libbpf
libbpf_a=$(ls "$libbpf"/lib*/libbpf.a 2>/dev/null | head -n1)
[ -n "$libbpf_a" ] || die "no static libbpf in $libbpf"
gcc -std=gnu11 -O2 -g -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
	-Wcast-qual -Wwrite-strings -Wvla -Wno-unused-parameter -D_GNU_SOURCE \
	-isystem "$libbpf/include" -isystem "$tree/tools/include/uapi" -I"$repo/kernel/client" -I"$here" -static \
	-o "$out/veristep-agent" "$here/agent.c" "$here/loader.c" "$repo/kernel/client/vproto.c" \
	"$libbpf_a" -lelf -lz -lzstd
strip -o "$out/veristep-agent.stripped" "$out/veristep-agent"

# gen_init_cpio (from the kernel tree, used as is) writes device nodes and
# owners from a list, so no root is needed to build the image.
gcc -O2 -o "$out/gen_init_cpio" "$tree/usr/gen_init_cpio.c"
strip --strip-debug -o "$out/bpf_testmod.ko" "$art/bpf_testmod.ko"
cat > "$out/initramfs.list" <<LIST
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
nod /dev/null 0666 0 0 c 1 3
dir /bin 0755 0 0
dir /sbin 0755 0 0
dir /proc 0755 0 0
dir /sys 0755 0 0
dir /run 0755 0 0
dir /tmp 1777 0 0
dir /lib 0755 0 0
dir /boot 0755 0 0
file /boot/config $art/config 0644 0 0
dir /lib/modules 0755 0 0
file /bin/busybox /bin/busybox 0755 0 0
slink /bin/sh busybox 0777 0 0
file /init $here/init 0755 0 0
file /sbin/veristep-agent $out/veristep-agent.stripped 0755 0 0
file /lib/modules/bpf_testmod.ko $out/bpf_testmod.ko 0644 0 0
LIST
"$out/gen_init_cpio" "$out/initramfs.list" | gzip -1 > "$out/initramfs.cpio.gz.tmp"
mv "$out/initramfs.cpio.gz.tmp" "$out/initramfs.cpio.gz"
cp "$art/bzImage" "$out/bzImage.tmp" && mv "$out/bzImage.tmp" "$out/bzImage"
echo "$art" > "$out/KERNEL_DIR"
echo "$key" > "$out/KEY"
echo "==> guest: $(du -h "$out/initramfs.cpio.gz" | cut -f1) initramfs in $out" >&2
echo "$out"
