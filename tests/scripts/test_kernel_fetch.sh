#!/usr/bin/env bash
# kernel/fetch.sh: the mirror comes from the machine's apt sources (both
# formats), and an unreachable mirror gives a clear error and exit 2.
set -u
fail=0
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
check() { # description, condition...
	local what=$1; shift
	if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; fail=1; fi
}

mkdir -p "$t/deb822/sources.list.d"
cat > "$t/deb822/sources.list.d/debian.sources" <<'SRC'
Types: deb
URIs: http://security.example.invalid/debian-security
Suites: bookworm-security
Components: main

Types: deb
URIs: http://mirror.example.invalid/debian
Suites: bookworm bookworm-updates
Components: main
SRC
m=$(VERISTEP_APT_ETC=$t/deb822 kernel/fetch.sh --print-mirror)
check "deb822 sources: main archive chosen, security archive skipped" [ "$m" = http://mirror.example.invalid/debian ]

mkdir -p "$t/oneline/sources.list.d"
echo "deb http://security.example.invalid/debian-security bookworm-security main" > "$t/oneline/sources.list"
echo "deb [arch=amd64] http://other.example.invalid/debian bookworm main" >> "$t/oneline/sources.list"
m=$(VERISTEP_APT_ETC=$t/oneline kernel/fetch.sh --print-mirror)
check "one-line sources.list: options skipped, main archive chosen" [ "$m" = http://other.example.invalid/debian ]

mkdir -p "$t/none/sources.list.d"
VERISTEP_APT_ETC=$t/none kernel/fetch.sh --print-mirror >/dev/null 2>"$t/err"; rc=$?
check "no Debian source: exit 2" [ "$rc" = 2 ]
check "no Debian source: one clear line" grep -q "cannot find a Debian mirror" "$t/err"

# An unreachable mirror with an empty cache: clear error, exit 2, nothing left half-written.
VERISTEP_CACHE=$t/cache VERISTEP_DEBIAN_MIRROR=http://127.0.0.1:9/debian kernel/fetch.sh >"$t/out" 2>"$t/err"; rc=$?
check "unreachable mirror: exit 2" [ "$rc" = 2 ]
check "unreachable mirror: says what failed" grep -q "cannot fetch the trixie-backports package index" "$t/err"
check "unreachable mirror: no .deb left behind" [ -z "$(ls "$t/cache/debs" 2>/dev/null)" ]
exit $fail
