/* The generated kfunc table (flags, program types, the kernel's hook
 * grouping) and btf_record parsing of the special fields of local types and
 * global-data sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <bpf/btf.h>

#include "kfuncs.h"
#include "object.h"

struct flag_case {
	const char *name;
	uint32_t flags;          /* exact KF_* word of 7.3 */
};

static const struct flag_case flag_cases[] = {
	{ "bpf_task_acquire", KF_ACQUIRE | KF_RCU | KF_RET_NULL },
	{ "bpf_task_release", KF_RELEASE },
	{ "bpf_obj_new", KF_ACQUIRE | KF_RET_NULL | KF_IMPLICIT_ARGS },
	{ "bpf_obj_new_impl", KF_ACQUIRE | KF_RET_NULL },
	{ "bpf_obj_drop", KF_RELEASE | KF_IMPLICIT_ARGS },
	{ "bpf_rbtree_remove", KF_ACQUIRE | KF_RET_NULL | KF_SPINLOCK_SAFE },
	{ "bpf_rbtree_add", KF_IMPLICIT_ARGS | KF_SPINLOCK_SAFE },
	{ "bpf_list_push_back_impl", KF_SPINLOCK_SAFE },
	{ "bpf_refcount_acquire", KF_ACQUIRE | KF_RET_NULL | KF_RCU | KF_IMPLICIT_ARGS | KF_SPINLOCK_SAFE },
	{ "bpf_rcu_read_lock", 0 },
	{ "bpf_cpumask_create", KF_ACQUIRE | KF_RET_NULL },
};

static void test_kfuncs_flags(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(flag_cases) / sizeof(flag_cases[0]); i++) {
		const struct sim_kfunc_row *r = sim_kfunc_lookup(flag_cases[i].name);

		if (!r)
			fail_msg("'%s' not in the table", flag_cases[i].name);
		if (r->flags != flag_cases[i].flags)
			fail_msg("'%s': flags %#x, expected %#x", flag_cases[i].name, r->flags,
				 flag_cases[i].flags);
	}
	assert_null(sim_kfunc_lookup("bpf_no_such_kfunc"));
	assert_null(sim_kfunc_lookup(NULL));
}

static void test_kfuncs_sorted(void **state)
{
	(void)state;
	assert_true(sim_kfunc_table_len > 100);
	for (int i = 1; i < sim_kfunc_table_len; i++)
		if (strcmp(sim_kfunc_table[i - 1].name, sim_kfunc_table[i].name) >= 0)
			fail_msg("table not sorted at '%s'", sim_kfunc_table[i].name);
}

struct allow_case {
	const char *name;
	uint32_t prog_type;
	bool allowed;
};

static const struct allow_case allow_cases[] = {
	{ "bpf_obj_new_impl", BPF_PROG_TYPE_SCHED_CLS, true },
	{ "bpf_obj_new_impl", BPF_PROG_TYPE_SOCKET_FILTER, false },
	{ "bpf_task_acquire", BPF_PROG_TYPE_TRACING, true },
	/* LSM shares the tracing hook (bpf_prog_type_to_kfunc_hook) */
	{ "bpf_task_acquire", BPF_PROG_TYPE_LSM, true },
	{ "bpf_cpumask_create", BPF_PROG_TYPE_SCHED_CLS, false },
	{ "bpf_cpumask_create", BPF_PROG_TYPE_SYSCALL, true },
	/* common_btf_ids: registered for UNSPEC, so every type */
	{ "bpf_rdonly_cast", BPF_PROG_TYPE_SOCKET_FILTER, true },
};

static void test_kfuncs_allowed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(allow_cases) / sizeof(allow_cases[0]); i++) {
		const struct allow_case *c = &allow_cases[i];

		if (sim_kfunc_allowed(sim_kfunc_lookup(c->name), c->prog_type) != c->allowed)
			fail_msg("'%s' for prog type %u: expected %s", c->name, c->prog_type,
				 c->allowed ? "allowed" : "not allowed");
	}
}

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", name);
	return path;
}

/* graph_list.bpf.c: struct graph_elem { long data; struct bpf_list_node node; }
 * and .data.GL = { bpf_spin_lock glock; bpf_list_head ghead __contains(graph_elem, node) } */
static void test_kfuncs_btf_record(void **state)
{
	char err[256] = "";
	struct sim_object *obj = sim_object_open(obj_path("graph_list"), NULL, err, sizeof(err));
	const struct btf *btf;
	struct sim_record rec;
	const struct sim_field *f;
	int id;

	(void)state;
	if (!obj)
		fail_msg("%s", err);
	btf = sim_object_btf(obj);
	id = btf__find_by_name_kind(btf, "graph_elem", BTF_KIND_STRUCT);
	assert_true(id > 0);
	assert_int_equal(sim_btf_record(btf, sim_object_vmlinux_btf(obj), (uint32_t)id, &rec, NULL), 0);
	assert_int_equal(rec.cnt, 1);
	assert_int_equal(rec.fields[0].type, SIM_FIELD_LIST_NODE);
	assert_int_equal(rec.fields[0].off, 8);
	assert_int_equal(rec.spin_lock_off, -1);

	id = btf__find_by_name_kind(btf, ".data.GL", BTF_KIND_DATASEC);
	assert_true(id > 0);
	assert_int_equal(sim_btf_record(btf, sim_object_vmlinux_btf(obj), (uint32_t)id, &rec, NULL), 0);
	assert_int_equal(rec.spin_lock_off, 0);
	f = sim_record_find(&rec, 8, SIM_FIELD_LIST_HEAD);
	if (!f)
		f = sim_record_find(&rec, 16, SIM_FIELD_LIST_HEAD);
	assert_non_null(f);
	assert_int_equal(f->value_btf_id, (uint32_t)btf__find_by_name_kind(btf, "graph_elem",
									   BTF_KIND_STRUCT));
	assert_int_equal(f->node_off, 8);
	assert_string_equal(sim_field_type_name(f->type), "bpf_list_head");
	sim_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kfuncs_flags),
		cmocka_unit_test(test_kfuncs_sorted),
		cmocka_unit_test(test_kfuncs_allowed),
		cmocka_unit_test(test_kfuncs_btf_record),
	};

	return cmocka_run_group_tests_name("kfuncs", tests, NULL, NULL);
}
