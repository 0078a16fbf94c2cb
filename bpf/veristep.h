/* SPDX-License-Identifier: GPL-2.0-only */
/* veristep.h — what lesson and user BPF programs include.
 *
 * vmlinux.h (generated from the bundled Linux 7.3 kernel by the tree's own
 * bpftool) already declares every kfunc with its 7.3 prototype; this header
 * adds the few macros the kernel's selftests keep in bpf_experimental.h and
 * bpf_misc.h, written for veristep:
 *
 *   __contains(type, field)  which node type and field a graph root holds
 *   private(name)            put globals in their own .data section, so a
 *                            bpf_spin_lock and the roots it guards share one
 *                            map value (the verifier requires it)
 *   bpf_obj_new(type)        allocate a local kptr of a program-defined type
 *   bpf_percpu_obj_new(type)
 */
#ifndef VERISTEP_BPF_H
#define VERISTEP_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

/* BTF decl tag the verifier reads to learn a graph root's node type */
#define __contains(name, node) __attribute__((btf_decl_tag("contains:" #name ":" #node)))

#define private(name) SEC(".data." #name) __hidden __attribute__((aligned(8)))

/* 7.3's bpf_obj_new takes the program-local BTF type id (KF_IMPLICIT_ARGS
 * supplies the rest); CO-RE computes the id at load time. */
#define bpf_obj_new(type) ((type *)bpf_obj_new(bpf_core_type_id_local(type)))
#define bpf_percpu_obj_new(type) ((type __percpu_kptr *)bpf_percpu_obj_new(bpf_core_type_id_local(type)))

#ifndef __percpu_kptr
#define __percpu_kptr __attribute__((btf_type_tag("percpu_kptr")))
#endif

#endif
