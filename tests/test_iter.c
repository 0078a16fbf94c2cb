/* Open-coded iterators on a real object (tests/progs/iter_loops.bpf.c):
 * a bpf_iter_num loop proved by convergence at bpf_iter_num_next(), a
 * leaked iterator, _next on an uninitialised slot, _new over a live
 * iterator. Error lines and the figures asserted here are the lab
 * kernel's (7.3.4, `veristep run`/`compare` on the same object). Objects
 * come from $VERISTEP_BUILD (default build)/tests/progs. */
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

struct icase {
	const char *prog;
	enum sim_verdict verdict;
	const char *error;          /* NULL when accepted */
	const char *log_has[4];     /* lines the level-2 log must contain */
};

static const struct icase cases[] = {
	/* one iteration's state is range-within the previous one's at the
	 * _next call (15: safe): 37 instructions, not a million */
	{ "iter_sum_ok", SIM_ACCEPTED, NULL,
	  { "; R0=0 fp-8=iter_num(id=1,state=drained,depth=0) refs=1\n9: (15) if r0 == 0x0 goto pc+9",
	    "from 8 to 9: R0=rdonly_mem(id=2,parent_id=1,sz=4) R6=0 R10=fp0 fp-8=iter_num(id=1,state=active,depth=1) refs=1",
	    "15: safe",
	    "processed 37 insns (limit 1000000)" } },
	{ "iter_leak", SIM_REJECTED, "Unreleased reference id=1 alloc_insn=4",
	  { "5: fp-8=iter_num(id=1,state=active,depth=0) refs=1",
	    "BPF_EXIT instruction in main prog would lead to reference leak" } },
	{ "iter_next_uninit", SIM_REJECTED, "expected an initialized iter_num as R1", { NULL } },
	{ "iter_new_twice", SIM_REJECTED, "expected uninitialized iter_num as R1", { NULL } },
};

static const char *obj_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/tests/progs/%s.bpf.o", build ? build : "build", name);
	return path;
}

static void run_case(struct sim_object *obj, const struct icase *c)
{
	const struct sim_prog *prog = sim_object_find_prog(obj, c->prog);
	struct sim_verify_opts opts = { .log_level = 2 };
	struct sim_strbuf log = { 0 };
	struct sim_out lo = sim_strbuf_out(&log);
	struct sim_trace *t;

	assert_non_null(prog);
	t = sim_verify_object_prog(obj, prog, &opts);
	assert_non_null(t);
	sim_trace_print_log(t, 2, &lo);
	if (sim_trace_verdict(t) != c->verdict)
		fail_msg("%s: verdict %d, expected %d (%s)", c->prog, sim_trace_verdict(t), c->verdict,
			 sim_trace_error(t) ? sim_trace_error(t) : "-");
	if (c->error)
		assert_string_equal(sim_trace_error(t), c->error);
	else
		assert_null(sim_trace_error(t));
	for (int i = 0; i < 4 && c->log_has[i]; i++)
		if (!strstr(log.buf ? log.buf : "", c->log_has[i]))
			fail_msg("%s: log lacks '%s'", c->prog, c->log_has[i]);
	sim_strbuf_free(&log);
	sim_trace_free(t);
}

static struct sim_object *open_obj(void)
{
	char err[256] = "";
	struct sim_object *obj = sim_object_open(obj_path("iter_loops"), NULL, err, sizeof(err));

	if (!obj)
		fail_msg("iter_loops: %s", err);
	return obj;
}

static void test_iter_converges(void **state)
{
	struct sim_object *obj = open_obj();

	(void)state;
	run_case(obj, &cases[0]);
	sim_object_close(obj);
}

static void test_iter_leak(void **state)
{
	struct sim_object *obj = open_obj();

	(void)state;
	run_case(obj, &cases[1]);
	sim_object_close(obj);
}

static void test_iter_uninit(void **state)
{
	struct sim_object *obj = open_obj();

	(void)state;
	run_case(obj, &cases[2]);
	run_case(obj, &cases[3]);
	sim_object_close(obj);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_iter_converges),
		cmocka_unit_test(test_iter_leak),
		cmocka_unit_test(test_iter_uninit),
	};

	return cmocka_run_group_tests_name("iter", tests, NULL, NULL);
}
