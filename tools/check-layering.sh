#!/usr/bin/env bash
# sim/ is the model: it never includes curses, readline or anything of QEMU
# or the kernel client (DESIGN.md, layering). Fails naming each offending line.
set -u
bad=$(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]([^>"]*/)?(n?curses|curses|panel|menu|form|term|readline|history|qemu|qmp|vm|client|agent)[^>"]*[>"]' sim/*.c sim/*.h 2>/dev/null)
if [ -n "$bad" ]; then
	echo "layering: sim/ must not include UI or VM headers:" >&2
	echo "$bad" >&2
	exit 1
fi
# and the model never prints to a terminal by itself
bad=$(grep -nE '\b(printf|puts|fputs|fprintf)\s*\(\s*(stdout|stderr)?' sim/*.c 2>/dev/null | grep -vE 'snprintf|vsnprintf|/\* allow-print' )
if [ -n "$bad" ]; then
	echo "layering: sim/ prints through a callback, not to a terminal:" >&2
	echo "$bad" >&2
	exit 1
fi
exit 0
