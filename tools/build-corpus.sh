#!/usr/bin/env bash
# Compile the kernel's own BPF selftests for veristep's topics from the
# pristine 7.3 tree with clang-19, into BUILD/corpus/*.bpf.o.
#   tools/build-corpus.sh BUILD [core|topics|iters|all]
# core:   verifier_*.c files about core semantics (issue 3)
# topics: kptrs, local kptrs, lists, rbtrees, refcounts, RCU, task/cgroup/
#         cpumask kfuncs, struct_ops with referenced arguments (issue 4)
# iters:  open-coded iterators (iters*.c)
# A file that does not compile is listed with the reason, never dropped
# silently. Prints one line per file and a summary.
set -uo pipefail
build=${1:?usage: build-corpus.sh BUILD [core|topics|iters|all]}
which=${2:-all}
tree=$(kernel/source.sh) || exit 2
libbpf=$(kernel/libbpf.sh) || exit 2
st=$tree/tools/testing/selftests/bpf
out=$build/corpus
mkdir -p "$out"

# vmlinux.h of the bundled kernel, from the tree's bpftool (kfunc prototypes)
vmlinux_h=bpf/vmlinux.h
[ -s "$vmlinux_h" ] || { echo "build-corpus: bpf/vmlinux.h missing (make vmlinux-h)" >&2; exit 2; }
inc=$out/include
mkdir -p "$inc"; cp -u "$vmlinux_h" "$inc/vmlinux.h"

topics=(linked_list linked_list_fail linked_list_peek rbtree rbtree_fail
	rbtree_btf_fail__wrong_node_type rbtree_btf_fail__add_wrong_type rbtree_search
	rbtree_search_kptr kptr_xchg_inline map_kptr map_kptr_fail map_kptr_race local_kptr_stash local_kptr_stash_fail
	refcounted_kptr refcounted_kptr_fail task_kfunc_success task_kfunc_failure
	cgrp_kfunc_success cgrp_kfunc_failure cpumask_success cpumask_failure rcu_read_lock
	struct_ops_refcounted struct_ops_refcounted_fail__ref_leak
	struct_ops_refcounted_fail__global_subprog struct_ops_refcounted_fail__tail_call
	struct_ops_kptr_return struct_ops_kptr_return_fail__invalid_scalar
	struct_ops_kptr_return_fail__local_kptr struct_ops_kptr_return_fail__nonzero_offset
	struct_ops_kptr_return_fail__wrong_type verifier_ref_tracking verifier_spin_lock
	verifier_kfunc_prog_types)
core=()
for f in "$st"/progs/verifier_*.c; do core+=("$(basename "$f" .c)"); done
# open-coded iterators and their loop convergence (issue 3), loaded by
# prog_tests/iters.c with RUN_TESTS: their annotations are the expectations
iters=(iters iters_state_safety iters_looping iters_num iters_testmod_seq iters_task_failure)

case $which in
core) list=("${core[@]}") ;;
topics) list=("${topics[@]}") ;;
iters) list=("${iters[@]}") ;;
all) list=("${core[@]}" "${topics[@]}" "${iters[@]}") ;;
*) echo "build-corpus: unknown set '$which'" >&2; exit 2 ;;
esac

ok=0 bad=0
for name in "${list[@]}"; do
	src=$st/progs/$name.c
	[ -e "$src" ] || { echo "missing  $name (not in this tree)"; bad=$((bad + 1)); continue; }
	obj=$out/$name.bpf.o
	# up to date: newer than its source, the headers it includes and this recipe
	[ "$obj" -nt "$src" ] && [ "$obj" -nt "$vmlinux_h" ] && [ "$obj" -nt "$0" ] &&
		{ ok=$((ok + 1)); continue; }
	# -mcpu=v4: the selftests' cpuv4 flavour, which turns on the ldsx/movsx/
	# bswap/sdiv/gotol programs that are #if'd out for older CPUs
	if clang-19 -g -O2 -target bpf -mcpu=v4 -D__TARGET_ARCH_x86 -std=gnu11 \
		-fno-strict-aliasing -fms-extensions -Wno-microsoft-anon-tag \
		-Wno-compare-distinct-pointer-types -Wno-initializer-overrides \
		-I"$inc" -I"$libbpf/include" -I"$st" -I"$st/libarena/include" \
		-I"$tree/tools/include/uapi" -I"$tree/tools/testing/selftests/bpf/test_kmods" \
		-idirafter "$tree/tools/include" \
		-idirafter /usr/include/x86_64-linux-gnu -idirafter /usr/include \
		-c "$src" -o "$obj.tmp" 2>"$out/$name.err"; then
		mv "$obj.tmp" "$obj"; rm -f "$out/$name.err"; ok=$((ok + 1))
	else
		rm -f "$obj.tmp"; bad=$((bad + 1))
		echo "failed   $name: $(grep -m1 'error:' "$out/$name.err" | sed 's/.*error: //')"
	fi
done
echo "corpus: $ok compiled, $bad failed ($which)"
