/* Kfunc declarations the kernel tests' programs need, until bpf/ has a
 * shared header (the lead moves them there). Signatures from Linux 7.3
 * kernel/bpf/helpers.c (the _impl variants, stable across versions), the
 * macros after tools/testing/selftests/bpf/bpf_experimental.h. */
#ifndef VERISTEP_TESTS_KERNEL_KFUNCS_H
#define VERISTEP_TESTS_KERNEL_KFUNCS_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

extern void *bpf_obj_new_impl(__u64 local_type_id, void *meta) __ksym;
extern void bpf_obj_drop_impl(void *kptr, void *meta) __ksym;
extern int bpf_rbtree_add_impl(struct bpf_rb_root *root, struct bpf_rb_node *node,
			       bool (less)(struct bpf_rb_node *a, const struct bpf_rb_node *b),
			       void *meta, __u64 off) __ksym;

#define bpf_obj_new(type) ((type *)bpf_obj_new_impl(bpf_core_type_id_local(type), NULL))
#define bpf_obj_drop(kptr) bpf_obj_drop_impl(kptr, NULL)
#define bpf_rbtree_add(root, node, less) bpf_rbtree_add_impl(root, node, less, NULL, 0)

/* A graph root names the type and field it holds (BTF decl tag). */
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))
/* Globals in their own .data.NAME map: a lock and the root it guards. */
#define private(name) SEC(".data." #name) __hidden __attribute__((aligned(8)))

#ifndef container_of
#define container_of(ptr, type, member) ((type *)((void *)(ptr) - __builtin_offsetof(type, member)))
#endif

#endif
