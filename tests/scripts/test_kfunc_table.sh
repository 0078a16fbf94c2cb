#!/bin/sh
# The committed kfunc table (sim/kfunc_table.c) must be exactly what
# tools/gen-kfunc-table.py makes of the kernel tree. Skips (exit 0, with a
# note) when the tree is not fetched.
set -eu
cd "$(dirname "$0")/../.."
tree=$(ls -d "$HOME"/.cache/veristep/src/*/linux-source-7.3 2>/dev/null | head -n1 || true)
if [ -z "$tree" ] || [ ! -d "$tree/kernel/bpf" ]; then
	echo "test_kfunc_table: kernel tree not present, skipped"
	exit 0
fi
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 tools/gen-kfunc-table.py "$tree" >"$tmp"
if ! diff -u sim/kfunc_table.c "$tmp"; then
	echo "test_kfunc_table: sim/kfunc_table.c differs from the generator's output" >&2
	exit 1
fi
# the table must know the kfuncs issue 4 is about, with the 7.3 flags
for row in '"bpf_obj_new", KF_ACQUIRE | KF_RET_NULL | KF_IMPLICIT_ARGS,' \
	   '"bpf_task_acquire", KF_ACQUIRE | KF_RCU | KF_RET_NULL,' \
	   '"bpf_rbtree_remove", KF_ACQUIRE | KF_RET_NULL | KF_SPINLOCK_SAFE,'; do
	grep -qF "$row" sim/kfunc_table.c || { echo "test_kfunc_table: missing row $row" >&2; exit 1; }
done
echo "test_kfunc_table: ok ($(grep -c '^	{ "' sim/kfunc_table.c) kfuncs)"
