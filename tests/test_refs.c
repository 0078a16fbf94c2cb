/* Reference tracking on real objects (tests/progs/{ref,graph,kptr,irq}_*.bpf.c):
 * verdict, the kernel's error line, and the lab event stream (acquire,
 * release, non-owning, invalidate, lock-acquire/release) in the order
 * kernel/README.md defines. Objects come from $VERISTEP_BUILD (default
 * build)/tests/progs; the kernel BTF from bpf/vmlinux.btf. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "object.h"
#include "print.h"
#include "trace.h"
#include "verifier.h"

struct rcase {
	const char *obj;
	const char *prog;
	enum sim_verdict verdict;
	const char *error;         /* NULL when accepted */
	const char *log_has;       /* a line the level-2 log must contain, or NULL */
	const char *events;        /* the exact lab event stream, or NULL not to check */
};

static const struct rcase cases[] = {
	/* the kernel's one-line error: the line before bpf_diag_leak()'s block */
	{ "ref_leak_obj", "ref_leak_obj", SIM_REJECTED, "Unreleased reference id=2 alloc_insn=3",
	  "BPF_EXIT instruction in main prog would lead to reference leak",
	  "lab: acquire ref=2 insn=3\n" },
	{ "ref_obj_drop", "ref_obj_drop_ok", SIM_ACCEPTED, NULL, NULL,
	  "lab: acquire ref=2 insn=3\nlab: release ref=2 insn=10\n" },
	/* the diagnostics block's Reason (bpf_diag_call_arg_fmt()), wrapped at
	 * 100 columns, as tests/golden/tests/progs/ref_obj_drop.json has it */
	{ "ref_obj_drop", "ref_obj_double_drop", SIM_REJECTED,
	  "release kfunc bpf_obj_drop_impl expects referenced PTR_TO_BTF_ID passed to R1",
	  "\n  kfuncs require a resource-owning value of type (void) returned by a matching acquire kfunc.\n",
	  NULL },
	{ "ref_obj_drop", "ref_obj_drop_maybe_null", SIM_REJECTED,
	  "Possibly NULL pointer passed to trusted R1",
	  "\n  may be NULL, but this kfunc requires a non-NULL value of type (void *).\n", NULL },
	{ "graph_list", "graph_list_push_ok", SIM_ACCEPTED, NULL, NULL,
	  "lab: acquire ref=2 insn=3\n"
	  "lab: lock-acquire id=0 insn=9\n"
	  "lab: release ref=2 insn=16\n"
	  "lab: non-owning ref=2 regs=R2,R6 insn=16 by=bpf_list_push_back_impl\n"
	  "lab: lock-release id=0 insn=21\n"
	  "lab: invalidate regs=R6 insn=21 cause=bpf_spin_unlock\n" },
	{ "graph_list", "graph_list_no_lock", SIM_REJECTED,
	  "bpf_spin_lock at off=0 must be held for bpf_list_head", NULL, NULL },
	{ "graph_list", "graph_list_use_after_unlock", SIM_REJECTED, "R6 invalid mem access 'scalar'",
	  "lab: invalidate regs=R6 insn=19 cause=bpf_spin_unlock", NULL },
	{ "graph_list", "graph_list_pop_drop", SIM_ACCEPTED, NULL, NULL, NULL },
	{ "graph_list", "graph_list_drop_under_lock", SIM_REJECTED,
	  "function calls are not allowed while holding a lock", NULL, NULL },
	/* seed 05's aliasing example: 7.3 does not invalidate at remove */
	{ "graph_rbtree_alias", "graph_rbtree_alias", SIM_ACCEPTED, NULL,
	  "lab: acquire ref=6 insn=28", NULL },
	{ "kptr_stash", "kptr_stash_ok", SIM_ACCEPTED, NULL, NULL,
	  "lab: acquire ref=2 insn=12\nlab: release ref=2 insn=16\nlab: acquire ref=4 insn=16\n"
	  "lab: release ref=4 insn=20\n" },
	{ "kptr_stash", "kptr_stash_leak", SIM_REJECTED, "Unreleased reference id=2 alloc_insn=10",
	  "BPF_EXIT instruction in main prog would lead to reference leak", NULL },
	{ "kptr_stash", "kptr_stash_direct_store", SIM_REJECTED, "store to referenced kptr disallowed",
	  NULL, NULL },
	/* less() callback: a frame of its own, non-owning args, range [0, 1] */
	{ "graph_rbtree_cb", "graph_rbtree_cb_ok", SIM_ACCEPTED, NULL,
	  "frame1: R1=ptr_cb_node(non_own_ref,imm=8) R2=ptr_cb_node(non_own_ref,imm=8)",
	  /* which registers the events list depends on when dead registers
	   * are cleaned (liveness); the golden test compares them with the
	   * kernel's (tests/golden/tests/progs/graph_rbtree_cb.json) */
	  NULL },
	{ "graph_rbtree_cb", "graph_rbtree_cb_unlock", SIM_REJECTED,
	  "can't spin_{lock,unlock} in rbtree cb", NULL, NULL },
	{ "graph_rbtree_cb", "graph_rbtree_cb_ret2", SIM_REJECTED,
	  "At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]", NULL,
	  NULL },
	/* acquiring helpers: sockets */
	{ "ref_sk_lookup", "ref_sk_release_ok", SIM_ACCEPTED, NULL, NULL,
	  "lab: acquire ref=2 insn=12\nlab: release ref=2 insn=15\n" },
	{ "ref_sk_lookup", "ref_sk_leak", SIM_REJECTED, "Unreleased reference id=2 alloc_insn=12",
	  "BPF_EXIT instruction in main prog would lead to reference leak",
	  "lab: acquire ref=2 insn=12\n" },
	{ "ref_sk_lookup", "ref_sk_release_null", SIM_REJECTED,
	  "R1 type=sock_or_null expected=sock_common, sock, tcp_sock, xdp_sock, ptr_, trusted_ptr_",
	  NULL, NULL },
	{ "ref_sk_lookup", "ref_sk_tcp_sock_after_release", SIM_REJECTED,
	  "R8 invalid mem access 'scalar'", NULL, NULL },
	/* struct_ops: a __ref argument is acquired before insn 0 */
	{ "sops_refcounted", "sops_release", SIM_ACCEPTED, NULL, "lab: acquire ref=1 insn=0", NULL },
	{ "sops_refcounted_leak", "sops_leak", SIM_REJECTED, "Unreleased reference id=1 alloc_insn=0",
	  "BPF_EXIT instruction in main prog would lead to reference leak", NULL },
	{ "sops_refcounted", "sops_return", SIM_ACCEPTED, NULL, NULL, NULL },
	/* a kfunc of module BTF (bpf_testmod) */
	{ "kptr_testmod", "kptr_testmod_ok", SIM_ACCEPTED, NULL,
	  "call bpf_kfunc_call_test_acquire#", "lab: acquire ref=2 insn=4\nlab: release ref=2 insn=7\n" },
	{ "kptr_testmod", "kptr_testmod_leak", SIM_REJECTED, "Unreleased reference id=2 alloc_insn=4",
	  "BPF_EXIT instruction in main prog would lead to reference leak", NULL },
	/* IRQ flags: stack objects with a reference each, restored LIFO */
	{ "irq_flags", "irq_save_restore_ok", SIM_ACCEPTED, NULL, NULL, "" },
	{ "irq_flags", "irq_restore_uninit", SIM_REJECTED, "expected an initialized irq flag as R1",
	  NULL, NULL },
	{ "irq_flags", "irq_exit_disabled", SIM_REJECTED,
	  "BPF_EXIT instruction in main prog cannot be used inside bpf_local_irq_save-ed region", NULL,
	  NULL },
	{ "irq_flags", "irq_restore_out_of_order", SIM_REJECTED,
	  "cannot restore irq state out of order, expected id=2 acquired at insn_idx=7", NULL, NULL },
	{ "irq_flags", "irq_save_twice", SIM_REJECTED, "expected uninitialized irq flag as R1", NULL,
	  NULL },
	/* resilient locks: the failed path is a branch of its own */
	{ "irq_flags", "res_lock_ok", SIM_ACCEPTED, NULL, "R0=scalar(smin=smin32=-4095,smax=smax32=-1",
	  "lab: lock-acquire id=0 insn=2\nlab: lock-release id=0 insn=11\n" },
	{ "irq_flags", "res_lock_unchecked", SIM_REJECTED, "bpf_res_spin_unlock without taking a lock",
	  NULL, "lab: lock-acquire id=0 insn=2\nlab: lock-release id=0 insn=10\n" },
	{ "irq_flags", "res_lock_aa", SIM_REJECTED, "Acquiring the same lock again, AA deadlock detected",
	  NULL, "lab: lock-acquire id=0 insn=2\n" },
	{ "irq_flags", "res_lock_irqsave_ok", SIM_ACCEPTED, NULL, NULL,
	  "lab: lock-acquire id=0 insn=4\nlab: lock-release id=0 insn=15\n" },
	{ "irq_flags", "res_lock_irq_mismatch", SIM_REJECTED,
	  "irq flag acquired by native kfuncs cannot be restored with lock kfuncs", NULL,
	  "lab: lock-acquire id=0 insn=8\nlab: lock-release id=0 insn=14\n" },
	/* per-CPU ksyms through bpf_this_cpu_ptr / bpf_per_cpu_ptr */
	{ "kptr_percpu", "percpu_this_cpu_ok", SIM_ACCEPTED, NULL, "R1=percpu_ptr_int()", NULL },
	{ "kptr_percpu", "percpu_per_cpu_null", SIM_REJECTED, "R0 invalid mem access 'rdonly_mem_or_null'",
	  NULL, NULL },
	{ "kptr_percpu", "percpu_write_rdonly", SIM_REJECTED, "R0 cannot write into rdonly_mem", NULL,
	  NULL },
	{ "kptr_percpu", "percpu_struct_ok", SIM_ACCEPTED, NULL, NULL, NULL },
	{ "kptr_percpu", "percpu_scalar_arg", SIM_REJECTED,
	  "R1 type=scalar expected=percpu_ptr_, percpu_rcu_ptr_, percpu_trusted_ptr_", NULL, NULL },
	/* kptr fields are not memory for helpers or global functions */
	{ "kptr_helper_access", "kptr_obj_new_ok", SIM_ACCEPTED, NULL, NULL,
	  "lab: acquire ref=2 insn=3\nlab: release ref=2 insn=7\n" },
	{ "kptr_helper_access", "kptr_helper_indirect", SIM_REJECTED,
	  "kptr cannot be accessed indirectly by helper", NULL, NULL },
	{ "kptr_helper_access", "kptr_global_func_indirect", SIM_REJECTED,
	  "Caller passes invalid args into func#1 ('kha_write_int')",
	  "kptr cannot be accessed indirectly by helper", NULL },
	{ "kptr_helper_access", "kptr_global_func_locked", SIM_REJECTED, "use static function instead",
	  "global function calls are not allowed while holding a lock,", NULL },
	{ "kptr_helper_access", "kptr_global_func_ptr_as_int", SIM_REJECTED,
	  "Caller passes invalid args into func#1 ('kha_take_long')", "R1 is not a scalar", NULL },
	/* map compatibility, before the walk */
	{ "graph_tracing", "compat_kprobe_head", SIM_REJECTED,
	  "tracing progs cannot use bpf_{list_head,rb_root} yet", NULL, "" },
	{ "graph_tracing", "compat_tp_lock", SIM_REJECTED, "tracing progs cannot use bpf_spin_lock yet",
	  NULL, "" },
	{ "graph_tracing", "compat_socket_lock", SIM_REJECTED,
	  "socket filter progs cannot use bpf_spin_lock yet", NULL, "" },
	{ "graph_tracing", "compat_tc_list", SIM_REJECTED, "map '.data.GTL' has no valid bpf_spin_lock",
	  NULL, NULL },
};

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", name);
	return path;
}

static void run_case(const struct rcase *c)
{
	char err[256] = "";
	struct sim_object *obj = sim_object_open(obj_path(c->obj), NULL, err, sizeof(err));
	const struct sim_prog *prog;
	struct sim_verify_opts opts = { .log_level = 2 };
	struct sim_strbuf log = { 0 }, ev = { 0 };
	struct sim_out lo = sim_strbuf_out(&log), eo = sim_strbuf_out(&ev);
	struct sim_trace *t;

	if (!obj)
		fail_msg("%s: %s", c->obj, err);
	prog = sim_object_find_prog(obj, c->prog);
	assert_non_null(prog);
	t = sim_verify_object_prog(obj, prog, &opts);
	assert_non_null(t);
	sim_trace_print_log(t, 2, &lo);
	sim_trace_print_events(t, &eo);
	if (sim_trace_verdict(t) != c->verdict)
		fail_msg("%s: verdict %d, expected %d (%s)", c->prog, sim_trace_verdict(t), c->verdict,
			 sim_trace_error(t) ? sim_trace_error(t) : "-");
	if (c->error)
		assert_string_equal(sim_trace_error(t), c->error);
	else
		assert_null(sim_trace_error(t));
	if (c->log_has && !strstr(log.buf ? log.buf : "", c->log_has))
		fail_msg("%s: log lacks '%s'", c->prog, c->log_has);
	if (c->events)
		assert_string_equal(ev.buf ? ev.buf : "", c->events);
	sim_strbuf_free(&log);
	sim_strbuf_free(&ev);
	sim_trace_free(t);
	sim_object_close(obj);
}

static void test_refs_programs(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refs_programs),
	};

	return cmocka_run_group_tests_name("refs", tests, NULL, NULL);
}
