#!/usr/bin/env bash
# Fetch Debian's linux-source-7.3 (trixie-backports) without touching the
# machine's apt configuration: a private sources list, lists directory and
# status file under the cache. The mirror is the one the machine already uses
# for Debian (read from its apt sources), never a host written here.
# Prints the path of the .deb; records the exact version beside it.
set -euo pipefail
. "$(dirname "$0")/common.sh"

debian_mirror() {
	[ -n "${VERISTEP_DEBIAN_MIRROR:-}" ] && { echo "$VERISTEP_DEBIAN_MIRROR"; return; }
	local f uri
	# deb822 .sources files: first URIs line of a stanza serving Debian's main
	# archive (not the security archive, which has no backports suites).
	for f in "$APT_ETC"/sources.list.d/*.sources; do
		[ -r "$f" ] || continue
		uri=$(awk 'BEGIN{RS=""} /Suites:[^\n]*(bookworm|trixie|sid|stable)/ && !/security/ {
			if (match($0, /URIs:[ \t]*[^ \t\n]+/)) { s=substr($0,RSTART,RLENGTH); sub(/URIs:[ \t]*/,"",s); print s; exit } }' "$f")
		[ -n "$uri" ] && { echo "$uri"; return; }
	done
	# one-line format
	for f in "$APT_ETC"/sources.list "$APT_ETC"/sources.list.d/*.list; do
		[ -r "$f" ] || continue
		uri=$(awk '$1=="deb" { for (i=2;i<=NF;i++) if ($i ~ /^[a-z+]+:\/\//) { if ($0 !~ /security/ && $(i+1) ~ /^(bookworm|trixie|sid|stable)/) { print $i; exit } } }' "$f")
		[ -n "$uri" ] && { echo "$uri"; return; }
	done
	return 1
}

APT_ETC=${VERISTEP_APT_ETC:-/etc/apt}
mirror=$(debian_mirror) || die "cannot find a Debian mirror in the machine's apt sources (set VERISTEP_DEBIAN_MIRROR)"
[ "${1:-}" = --print-mirror ] && { echo "$mirror"; exit 0; }
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -r "$keyring" ] || die "missing $keyring (install debian-archive-keyring)"

apt_dir=$VERISTEP_CACHE/apt
deb_dir=$VERISTEP_CACHE/debs
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$deb_dir"
echo "deb [signed-by=$keyring] $mirror $KERNEL_SUITE main" > "$apt_dir/sources.list"
: > "$apt_dir/status"
apt_opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
	-o Dir::State::Lists="$apt_dir/lists" -o Dir::State::Status="$apt_dir/status"
	-o Dir::Cache="$apt_dir/cache" -o Debug::NoLocking=1 -o APT::Sandbox::User=root)
[ "$(id -u)" = 0 ] || apt_opts+=(-o APT::Sandbox::User="$(id -un)")

# A fetched package is reused without asking the network again; set
# VERISTEP_REFRESH=1 (make kernel-refresh) to look for a newer one.
cached=
[ -s "$deb_dir/$KERNEL_PKG.version" ] && cached=$deb_dir/${KERNEL_PKG}_$(cat "$deb_dir/$KERNEL_PKG.version")_all.deb
[ -n "$cached" ] && [ -s "$cached" ] || cached=
if [ -n "$cached" ] && [ "${VERISTEP_REFRESH:-0}" != 1 ]; then
	echo "$cached"; exit 0
fi

step "fetching $KERNEL_PKG from $mirror ($KERNEL_SUITE)"
if ! apt-get "${apt_opts[@]}" -qq --error-on=any update >"$apt_dir/update.log" 2>&1; then
	[ -n "$cached" ] && { step "mirror unreachable, using cached $(basename "$cached")"; echo "$cached"; exit 0; }
	die "cannot fetch the $KERNEL_SUITE package index from $mirror (see $apt_dir/update.log)"
fi
version=$(apt-cache "${apt_opts[@]}" show "$KERNEL_PKG" 2>/dev/null | awk '/^Version:/ {print $2}' | sort -V | tail -n1 || true)
[ -n "$version" ] || die "$KERNEL_PKG is not in $KERNEL_SUITE at $mirror"
deb=$deb_dir/${KERNEL_PKG}_${version}_all.deb
if [ ! -s "$deb" ]; then
	# download beside, then rename: an interrupted download never looks complete
	tmp=$(mktemp -d "$deb_dir/partial.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	(cd "$tmp" && apt-get "${apt_opts[@]}" -qq download "$KERNEL_PKG=$version" >"$apt_dir/download.log" 2>&1) ||
		die "cannot download $KERNEL_PKG=$version (see $apt_dir/download.log)"
	got=$(ls -1 "$tmp"/${KERNEL_PKG}_*.deb 2>/dev/null | head -n1)
	[ -s "$got" ] || die "apt-get download gave no $KERNEL_PKG package (see $apt_dir/download.log)"
	mv "$got" "$deb"
fi
echo "$version" > "$deb_dir/$KERNEL_PKG.version"
step "$KERNEL_PKG $version"
echo "$deb"
