/* Register/state values: type names as reg_type_str() spells them, deep
 * copies, the reference table, equality. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "state.h"

static const struct {
	uint32_t type;
	const char *str;
} type_names[] = {
	{ SCALAR_VALUE, "scalar" },
	{ PTR_TO_CTX, "ctx" },
	{ PTR_TO_MAP_VALUE | PTR_MAYBE_NULL, "map_value_or_null" },
	{ PTR_TO_BTF_ID | PTR_MAYBE_NULL, "ptr_or_null_" },
	{ PTR_TO_BTF_ID | PTR_TRUSTED, "trusted_ptr_" },
	{ PTR_TO_BTF_ID | MEM_RCU | PTR_MAYBE_NULL, "rcu_ptr_or_null_" },
	{ PTR_TO_MEM | MEM_RDONLY | MEM_RINGBUF, "rdonly_ringbuf_mem" },
	{ PTR_TO_STACK, "fp" },
	{ PTR_TO_PACKET_END, "pkt_end" },
};

static void test_state_type_names(void **state)
{
	char buf[96];

	(void)state;
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		assert_string_equal(sim_reg_type_str(type_names[i].type, buf, sizeof(buf)),
				    type_names[i].str);
}

static void test_state_copy_is_deep(void **state)
{
	struct sim_state *a = sim_state_new(), *b;

	(void)state;
	a->frame[0] = sim_func_new(0, -1, 0);
	assert_int_equal(sim_func_grow_stack(a->frame[0], 16), 0);
	a->frame[0]->stack[1].type[7] = STACK_MISC;
	sim_reg_mark_known(&a->frame[0]->regs[3], 42);
	assert_non_null(sim_state_add_ref(a));
	a->refs[0].id = 7;
	a->refs[0].type = SIM_REF_TYPE_PTR;
	b = sim_state_dup(a);
	assert_non_null(b);
	assert_true(sim_state_equal(a, b));
	b->frame[0]->stack[1].type[7] = STACK_ZERO;
	assert_int_equal(a->frame[0]->stack[1].type[7], STACK_MISC);
	assert_false(sim_state_equal(a, b));
	assert_int_equal(sim_state_find_ref(b, 7, SIM_REF_TYPE_PTR), 0);
	sim_state_remove_ref(b, 0);
	assert_int_equal(sim_state_find_ref(b, 7, SIM_REF_TYPE_PTR), -1);
	assert_int_equal(sim_state_find_ref(a, 7, SIM_REF_TYPE_PTR), 0);
	sim_state_free(a);
	sim_state_free(b);
}

static void test_state_mark_helpers(void **state)
{
	struct sim_reg r;

	(void)state;
	sim_reg_mark_known(&r, 0);
	assert_true(sim_reg_is_null(&r));
	sim_reg_mark_unknown(&r);
	assert_false(sim_reg_is_const(&r));
	sim_reg_mark_ptr(&r, PTR_TO_MAP_VALUE | PTR_MAYBE_NULL);
	assert_true(sim_reg_is_pointer(&r));
	assert_true(sim_reg_type_may_be_null(r.type));
	sim_reg_mark_not_init(&r);
	assert_int_equal(r.type, NOT_INIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_state_type_names),
		cmocka_unit_test(test_state_copy_is_deep),
		cmocka_unit_test(test_state_mark_helpers),
	};

	return cmocka_run_group_tests_name("state", tests, NULL, NULL);
}
