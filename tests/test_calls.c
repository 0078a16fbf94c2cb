/* bpf_loop callbacks, global subprograms' BTF arguments and __kconfig
 * externs, on programs compiled from tests/progs/ whose answers the real
 * 7.3 kernel gave (tests/golden/tests/progs/calls_cb_global.json and
 * obj_kconfig.json hold them; test_golden.sh compares every field). Here
 * each rule gets its own assertion, so a regression names the rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "object.h"
#include "trace.h"
#include "verifier.h"

struct ccase {
	const char *prog;
	enum sim_verdict verdict;
	const char *error; /* NULL when accepted */
	int error_insn;
};

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", name);
	return path;
}

static void check(const struct sim_object *obj, const struct ccase *c)
{
	const struct sim_prog *prog = sim_object_find_prog(obj, c->prog);
	struct sim_verify_opts opts = { .log_level = 1 };
	struct sim_trace *t;

	if (!prog)
		fail_msg("%s: no such program", c->prog);
	t = sim_verify_object_prog(obj, prog, &opts);
	assert_non_null(t);
	if (sim_trace_verdict(t) != c->verdict)
		fail_msg("%s: verdict %d, expected %d (%s)", c->prog, sim_trace_verdict(t), c->verdict,
			 sim_trace_error(t) ? sim_trace_error(t) : "-");
	if (c->error) {
		assert_string_equal(sim_trace_error(t), c->error);
		assert_int_equal(sim_trace_error_insn(t), c->error_insn);
	} else {
		assert_null(sim_trace_error(t));
	}
	sim_trace_free(t);
}

static void run_cases(const char *object, const struct ccase *cases, size_t n)
{
	char err[256] = "";
	struct sim_object *obj = sim_object_open(obj_path(object), NULL, err, sizeof(err));

	if (!obj)
		fail_msg("%s: %s", object, err);
	for (size_t i = 0; i < n; i++)
		check(obj, &cases[i]);
	sim_object_close(obj);
}

/* set_loop_callback_state(), prepare_func_exit()'s callback return range */
static void test_bpf_loop(void **state)
{
	static const struct ccase cases[] = {
		{ "loop_ok", SIM_ACCEPTED, NULL, -1 },
		{ "loop_bad_return", SIM_REJECTED,
		  "At callback return the register R0 has smin=2 smax=2 should have been in [0, 1]", 9 },
		/* the callback's R2 is the caller's R3: NULL here */
		{ "loop_null_ctx_deref", SIM_REJECTED, "R2 invalid mem access 'scalar'", 8 },
		/* flags are checked when the helper runs, not by the verifier */
		{ "loop_nonzero_flags", SIM_ACCEPTED, NULL, -1 },
	};

	(void)state;
	run_cases("calls_cb_global", cases, sizeof(cases) / sizeof(cases[0]));
}

/* btf_prepare_func_args(), btf_check_subprog_call() */
static void test_global_subprog_args(void **state)
{
	static const struct ccase cases[] = {
		{ "global_stack_arg_ok", SIM_ACCEPTED, NULL, -1 },
		{ "global_null_arg", SIM_REJECTED, "Caller passes invalid args into func#1 ('global_read_strict')", 1 },
		{ "global_scalar_as_ptr", SIM_REJECTED,
		  "Caller passes invalid args into func#1 ('global_read_strict')", 1 },
	};

	(void)state;
	run_cases("calls_cb_global", cases, sizeof(cases) / sizeof(cases[0]));
}

/* libbpf's bpf_object__read_kconfig_file(): values from the bundled .config */
static void test_kconfig_bundled(void **state)
{
	static const struct ccase cases[] = {
		{ "kconfig_bool", SIM_ACCEPTED, NULL, -1 },
		{ "kconfig_int", SIM_ACCEPTED, NULL, -1 },
		{ "kconfig_weak_unset", SIM_ACCEPTED, NULL, -1 },
	};

	(void)state;
	run_cases("obj_kconfig", cases, sizeof(cases) / sizeof(cases[0]));
}

static struct sim_object *open_with_config(const char *text, char *err, size_t errlen)
{
	char path[] = "/tmp/veristep-kconfig-XXXXXX";
	int fd = mkstemp(path);
	struct sim_object_opts opts = { .kconfig_path = path };
	struct sim_object *obj;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	obj = sim_object_open_opts(obj_path("obj_kconfig"), &opts, err, errlen);
	unlink(path);
	return obj;
}

/* Another config changes the verdicts: the values really come from it. */
static void test_kconfig_other_values(void **state)
{
	static const struct ccase cases[] = {
		{ "kconfig_bool", SIM_REJECTED, "R1 invalid mem access 'scalar'", 6 },
		{ "kconfig_int", SIM_REJECTED, "R1 invalid mem access 'scalar'", 6 },
	};
	char err[256] = "";
	struct sim_object *obj = open_with_config("# CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS is not set\n"
						  "CONFIG_HZ=50\n", err, sizeof(err));

	(void)state;
	if (!obj)
		fail_msg("open: %s", err);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(obj, &cases[i]);
	sim_object_close(obj);
}

/* bpf_object__resolve_externs(): a strong extern the config lacks, and
 * set_kcfg_value_tri(): 'm' does not fit a bool */
static void test_kconfig_errors(void **state)
{
	char err[256] = "";

	(void)state;
	assert_null(open_with_config("CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y\n", err, sizeof(err)));
	assert_non_null(strstr(err, "extern 'CONFIG_HZ' (strong): not resolved"));
	assert_null(open_with_config("CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=m\nCONFIG_HZ=100\n", err, sizeof(err)));
	assert_non_null(strstr(err, "extern (kcfg) 'CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS': value 'm' implies "
				    "tristate or char type"));
	assert_null(open_with_config("CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS=y\nCONFIG_HZ=\"fast\"\n", err,
				     sizeof(err)));
	assert_non_null(strstr(err, "extern (kcfg) 'CONFIG_HZ': value '\"fast\"' implies char array type"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bpf_loop),
		cmocka_unit_test(test_global_subprog_args),
		cmocka_unit_test(test_kconfig_bundled),
		cmocka_unit_test(test_kconfig_other_values),
		cmocka_unit_test(test_kconfig_errors),
	};

	return cmocka_run_group_tests_name("calls and externs", tests, NULL, NULL);
}
