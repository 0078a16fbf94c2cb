/* Reading the real kernel's verifier log (kernel/client/vlog.c): which line
 * is the error, at which instruction, how many insns were processed, and the
 * lab event lines. Each log below has the shape 7.3 prints (the comments
 * name the kernel code that prints it); the goldens in tests/golden/ and
 * tests/faithfulness/ are read with this parser when they are recorded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kclient.h"

struct vcase {
	const char *what;
	const char *log;
	bool accepted;
	const char *error;
	long error_insn, processed;
	size_t nevents;
};

static const struct vcase cases[] = {
	{ "diagnostics block: the line before it",
	  "0: R1=ctx() R10=fp0\n"
	  "0: (79) r1 = *(u64 *)(r0 +0)\n"
	  "R0 invalid mem access 'map_value_or_null'\n"
	  "\n"
	  "Verification failed: memory safety: NULL dereference\n"
	  "Reason: ...\n"
	  "processed 5 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0\n",
	  false, "R0 invalid mem access 'map_value_or_null'", 0, 5, 0 },
	{ "no block: the line before the statistics",
	  "3: (95) exit\nR0 !read_ok\nprocessed 4 insns (limit 1000000) max_states_per_insn 0\n",
	  false, "R0 !read_ok", 3, 4, 0 },
	/* is_state_visited(): the loop report ends with both states */
	{ "infinite loop: the states after it are not the error",
	  "2: (bf) r3 = r0\ninfinite loop detected at insn 3\ncur state: R0=ctx() R10=fp0\n"
	  "old state: R0=ctx() R10=fp0\nprocessed 12 insns (limit 1000000) max_states_per_insn 0\n",
	  false, "infinite loop detected at insn 3", 2, 12, 0 },
	/* check_map_func_compatibility() prints this one without its newline */
	{ "message glued to the statistics line",
	  "1: (85) call bpf_tail_call#12\nexpected prog array map for tail callprocessed 3 insns (limit 1000000) "
	  "max_states_per_insn 0\n",
	  false, "expected prog array map for tail call", 1, 3, 0 },
	/* BPF_LOG_STATS: 7.3 adds a line per subprogram after the error */
	{ "level 4: per-subprogram statistics follow the error",
	  "BPF program is too large. Processed 1000001 insn\n"
	  "subprog 0 (short_loop1) main insns_self 1000001 insns_total 1000001 stack 0\n"
	  "processed 1000001 insns (limit 1000000) max_states_per_insn 4\n",
	  false, "BPF program is too large. Processed 1000001 insn", -1, 1000001, 0 },
	/* ... after the verification time and the stack depth */
	{ "level 4: the whole statistics block follows the error",
	  "BPF program is too large. Processed 1000001 insn\n"
	  "verification time 4242 usec\n"
	  "stack depth max 0\n"
	  "subprog 0 (short_loop1) main insns_self 1000001 insns_total 1000001 stack 0\n"
	  "processed 1000001 insns (limit 1000000) max_states_per_insn 4\n",
	  false, "BPF program is too large. Processed 1000001 insn", -1, 1000001, 0 },
	{ "accepted: no error, events kept",
	  "2: (85) call bpf_obj_new_impl#36291\nlab: acquire ref=2 insn=2\n4: (85) call bpf_obj_drop_impl#36280\n"
	  "lab: release ref=2 insn=4\nprocessed 9 insns (limit 1000000)\n",
	  true, NULL, -1, 9, 2 },
};

static void test_vlog_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct vcase *c = &cases[i];
		struct kc_program p = { .accepted = c->accepted, .log = strdup(c->log) };

		assert_non_null(p.log);
		assert_int_equal(kc_parse_log(&p), 0);
		if (c->error) {
			if (!p.error || strcmp(p.error, c->error))
				fail_msg("%s: error '%s', expected '%s'", c->what, p.error ? p.error : "(null)",
					 c->error);
		} else if (p.error) {
			fail_msg("%s: unexpected error '%s'", c->what, p.error);
		}
		if (p.error_insn != c->error_insn)
			fail_msg("%s: error insn %ld, expected %ld", c->what, p.error_insn, c->error_insn);
		if (p.insns_processed != c->processed)
			fail_msg("%s: processed %ld, expected %ld", c->what, p.insns_processed, c->processed);
		assert_int_equal(p.nevents, c->nevents);
		free(p.error);
		for (size_t e = 0; e < p.nevents; e++)
			free(p.events[e]);
		free(p.events);
		free(p.log);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vlog_cases),
	};

	return cmocka_run_group_tests_name("vlog", tests, NULL, NULL);
}
