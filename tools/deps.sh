#!/usr/bin/env bash
# Install every Debian package veristep needs, or with --check just say
# whether something is missing (exit 1). Not root: print the exact apt-get
# line and stop.
set -euo pipefail
packages=(
	build-essential pkg-config             # compiler, make
	clang-19 llvm-19                       # BPF C (clang 14 drops __kptr type tags)
	libclang-rt-19-dev                     # libFuzzer + sanitizer runtimes for the fuzz targets
	libelf-dev zlib1g-dev libzstd-dev      # libbpf's needs (static too)
	libncurses-dev libreadline-dev         # tracer
	libcmocka-dev                          # unit tests
	qemu-system-x86 busybox-static         # the lab VM
	bc bison flex libssl-dev dwarves cpio  # kernel build (dwarves = pahole)
	lz4                                    # the kernel image is LZ4-compressed (faster boot)
	xz-utils ccache rsync libcap-dev       # kernel unpack, cheap rebuilds, bpftool
	python3                                # scripts
	tmux                                   # headless screen tests
	bear                                   # compile_commands.json
	debian-archive-keyring                 # verifies the trixie-backports kernel package
)
names=()
for p in "${packages[@]}"; do names+=("$p"); done
missing=()
for p in "${names[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
[ ${#missing[@]} = 0 ] && { [ "${1:-}" = --check ] || echo "deps: all ${#names[@]} packages installed"; exit 0; }
[ "${1:-}" = --check ] && { echo "deps: missing: ${missing[*]}"; exit 1; }
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages; as root run:" >&2
	echo "  apt-get update && $cmd" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive $cmd
