/* The tracer's screen model without a terminal: lab event parsing, key
 * scripts, ownership markers, lessons, the kernel comparison, and whole
 * screens rendered from a trace whose states carry owning, non-owning and
 * invalidated registers (built with the trace's recording API, so the
 * screen can be checked before the simulator models those kfuncs).
 *
 * The model lives in tracer/, which test binaries do not link: its files
 * are compiled into this test directly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../tracer/lesson_model.c"
#include "../tracer/view_model.c"
#include "../tracer/view_model_keys.c"
#include "../tracer/view_model_kernel.c"
#include "../tracer/view_model_render.c"
#include "../tracer/view_model_text.c"
#include "trace_internal.h"

/* ---- lab event lines ------------------------------------------------------ */

static const struct {
	const char *line;
	int rc;
	const char *kind;
	int ref, id, insn;
	const char *regs, *by;
} lab_lines[] = {
	{ "lab: acquire ref=2 insn=3", 0, "acquire", 2, -1, 3, "", "" },
	{ "lab: non-owning ref=2 regs=R6,fp-16 insn=7 by=bpf_rbtree_add", 0, "non-owning", 2, -1, 7,
	  "R6,fp-16", "bpf_rbtree_add" },
	{ "lab: invalidate regs=R6,R7 insn=12 cause=bpf_spin_unlock", 0, "invalidate", -1, -1, 12,
	  "R6,R7", "bpf_spin_unlock" },
	{ "lab: lock-acquire id=1 insn=5", 0, "lock-acquire", -1, 1, 5, "", "" },
	{ "lab: broken", 0, "broken", -1, -1, -1, "", "" },
	{ "lab: x novalue", -1, NULL, 0, 0, 0, NULL, NULL },
	{ "", -1, NULL, 0, 0, 0, NULL, NULL },
};

static void test_view_model_lab_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(lab_lines) / sizeof(lab_lines[0]); i++) {
		struct vm_lab lab;
		int rc = vm_lab_parse(lab_lines[i].line, &lab);

		assert_int_equal(rc, lab_lines[i].rc);
		if (rc)
			continue;
		assert_string_equal(lab.kind, lab_lines[i].kind);
		assert_int_equal(lab.ref, lab_lines[i].ref);
		assert_int_equal(lab.id, lab_lines[i].id);
		assert_int_equal(lab.insn, lab_lines[i].insn);
		assert_string_equal(lab.regs, lab_lines[i].regs);
		assert_string_equal(lab.by, lab_lines[i].by);
	}
}

static void test_view_model_lab_lists(void **state)
{
	struct vm_lab lab;

	(void)state;
	assert_int_equal(vm_lab_parse("lab: invalidate regs=R1,R10,fp-8 insn=1 cause=x", &lab), 0);
	assert_true(vm_lab_lists(&lab, "R1"));
	assert_true(vm_lab_lists(&lab, "R10"));
	assert_true(vm_lab_lists(&lab, "fp-8"));
	assert_false(vm_lab_lists(&lab, "R0"));
	assert_false(vm_lab_lists(&lab, "fp-"));
}

/* ---- keys ------------------------------------------------------------------- */

static const struct {
	const char *script;
	int n;
	int keys[4];
} key_scripts[] = {
	{ "sx", 2, { 's', 'x' } },
	{ "<Left><Right>", 2, { VM_KEY_LEFT, VM_KEY_RIGHT } },
	{ "g12<Enter>", 4, { 'g', '1', '2', VM_KEY_ENTER } },
	{ "<lt>", 1, { '<' } },
	{ "<Nope>", -1, { 0 } },
	{ "<Left", -1, { 0 } },
};

static void test_view_model_parse_keys(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(key_scripts) / sizeof(key_scripts[0]); i++) {
		int keys[16];
		int n = vm_parse_keys(key_scripts[i].script, keys, 16);

		assert_int_equal(n, key_scripts[i].n);
		for (int k = 0; k < n; k++)
			assert_int_equal(keys[k], key_scripts[i].keys[k]);
	}
}

/* ---- markers ---------------------------------------------------------------- */

static const struct {
	uint32_t type;
	const char *marker;
} marker_cases[] = {
	{ SCALAR_VALUE, "" },
	{ PTR_TO_CTX, "" },
	{ PTR_TO_BTF_ID | MEM_ALLOC, "own" },
	{ PTR_TO_BTF_ID | MEM_ALLOC | PTR_MAYBE_NULL, "own,null?" },
	{ PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF, "n-own" },
	{ PTR_TO_BTF_ID | PTR_TRUSTED, "trusted" },
	{ PTR_TO_BTF_ID | MEM_RCU, "rcu" },
	{ PTR_TO_BTF_ID | PTR_UNTRUSTED, "untrust" },
	{ PTR_TO_MAP_VALUE | PTR_MAYBE_NULL, "null?" },
};

static void test_view_model_markers(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(marker_cases) / sizeof(marker_cases[0]); i++) {
		struct sim_reg r = { .type = marker_cases[i].type };
		char buf[32];

		assert_string_equal(vm_reg_marker(&r, buf, sizeof(buf), NULL), marker_cases[i].marker);
	}
}

/* ---- a synthetic trace with ownership -------------------------------------- */

#define MOV_R8_0 { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 8, .imm = 0 }
static const struct bpf_insn own_insns[] = { MOV_R8_0, MOV_R8_0, MOV_R8_0, MOV_R8_0 };
static const struct sim_prog_view own_view = {
	.name = "own_demo", .insns = own_insns, .insn_cnt = 4,
	.prog_type = BPF_PROG_TYPE_SCHED_CLS,
};

/* What R6 holds before each step, and the event the step records. */
static const struct {
	uint32_t r6_type;
	const char *event;
} own_steps[] = {
	{ NOT_INIT, "lab: acquire ref=1 insn=0" },
	{ PTR_TO_BTF_ID | MEM_ALLOC, "lab: non-owning ref=1 regs=R6 insn=1 by=bpf_rbtree_add" },
	{ PTR_TO_BTF_ID | MEM_ALLOC | NON_OWN_REF, "lab: invalidate regs=R6 insn=2 cause=bpf_spin_unlock" },
	{ SCALAR_VALUE, NULL },
};

static struct sim_trace *own_trace(void)
{
	struct sim_trace *t = sim_trace_new(&own_view, NULL);
	struct sim_state *st = sim_state_new();

	assert_non_null(t);
	assert_non_null(st);
	st->frame[0] = sim_func_new(0, -1, 0);
	assert_non_null(st->frame[0]);
	sim_reg_mark_ptr(&st->frame[0]->regs[SIM_FP], PTR_TO_STACK);
	for (size_t i = 0; i < sizeof(own_steps) / sizeof(own_steps[0]); i++) {
		struct sim_reg *r6 = &st->frame[0]->regs[6];
		/* the state after step i is what step i+1 starts from */
		uint32_t after = i + 1 < sizeof(own_steps) / sizeof(own_steps[0]) ? own_steps[i + 1].r6_type
										 : SCALAR_VALUE;

		if (after == NOT_INIT)
			sim_reg_mark_not_init(r6);
		else if (after == SCALAR_VALUE)
			sim_reg_mark_unknown(r6);
		else
			sim_reg_mark_ptr(r6, after);
		sim_trace_snapshot(t, (uint32_t)i, st, 0, (int)i, -1);
		sim_trace_step(t, 0, (uint32_t)i);
		if (own_steps[i].event)
			sim_trace_event(t, SIM_EV_LAB, "%s", own_steps[i].event);
	}
	sim_trace_finish(t, SIM_ACCEPTED, NULL, -1, 4, 0, NULL, 0);
	sim_state_free(st);
	return t;
}

static char *screen_at(struct vm_session *s, int rows, int cols)
{
	struct vm_screen scr = { 0 };
	struct sim_strbuf sb = { 0 };

	assert_int_equal(vm_screen_init(&scr, rows, cols), 0);
	vm_render(s, &scr);
	vm_screen_text(&scr, &sb);
	vm_screen_free(&scr);
	return sb.buf;
}

/* One R6 line of the screen, or NULL. */
static const char *line_with(const char *screen, const char *needle)
{
	return strstr(screen, needle);
}

static void test_view_model_ownership_screens(void **state)
{
	static const struct {
		const char *keys;
		const char *must, *must_not;
	} cases[] = {
		{ "", "R6  [own] ptr_", "[n-own]" },
		{ "s", "R6  [n-own] ptr_", "INVALID" },
		{ "s", "non-owning since insn 1: bpf_rbtree_add", "[own]" },
		{ "ss", "R6  [INVALID] scalar()", "[n-own]" },
		{ "ss", "[invalidated at insn 2 by bpf_spin_unlock]", NULL },
		{ "ss", "lab: invalidate regs=R6 insn=2", NULL },
		{ "ssr", "[n-own]", "INVALID" },
		{ "<End>", "R6  [INVALID]", NULL },
	};
	char err[128];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct sim_trace *t = own_trace();
		struct vm_session *s = vm_from_trace(t, err, sizeof(err));
		int keys[16], n = vm_parse_keys(cases[i].keys, keys, 16);
		char *scr;

		assert_non_null(s);
		for (int k = 0; k < n; k++)
			vm_key(s, keys[k]);
		scr = screen_at(s, 40, 200);
		if (!line_with(scr, cases[i].must))
			fail_msg("keys '%s': no '%s' on\n%s", cases[i].keys, cases[i].must, scr);
		if (cases[i].must_not && line_with(scr, cases[i].must_not))
			fail_msg("keys '%s': '%s' should not show on\n%s", cases[i].keys, cases[i].must_not, scr);
		free(scr);
		vm_close(s);
		sim_trace_free(t);
	}
}

/* Time travel: stepping back shows exactly the screen seen before. */
static void test_view_model_back_restores_screen(void **state)
{
	struct sim_trace *t = own_trace();
	char err[128], *before[4];
	struct vm_session *s = vm_from_trace(t, err, sizeof(err));

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < 4; i++) {
		before[i] = screen_at(s, 24, 80);
		vm_key(s, 's');
	}
	for (int i = 3; i >= 0; i--) {
		char *now;

		vm_goto_step(s, (size_t)i);
		s->msg[0] = '\0';
		now = screen_at(s, 24, 80);
		/* the status line may carry a message; compare everything above it */
		*strrchr(now, '\n') = '\0';
		*strrchr(now, '\n') = '\0';
		*strrchr(before[i], '\n') = '\0';
		*strrchr(before[i], '\n') = '\0';
		assert_string_equal(now, before[i]);
		free(now);
		free(before[i]);
	}
	vm_close(s);
	sim_trace_free(t);
}

/* Every screen size gives exactly rows lines of at most cols characters. */
static void test_view_model_no_overflow(void **state)
{
	static const int sizes[][2] = { { 24, 80 }, { 10, 40 }, { 3, 20 }, { 60, 200 } };
	struct sim_trace *t = own_trace();
	char err[128];
	struct vm_session *s = vm_from_trace(t, err, sizeof(err));

	(void)state;
	assert_non_null(s);
	vm_key(s, 's');
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		for (int help = 0; help < 2; help++) {
			char *scr;
			int lines = 0;

			s->help = help;
			scr = screen_at(s, sizes[i][0], sizes[i][1]);
			for (char *p = scr; *p;) {
				size_t len = strcspn(p, "\n");

				assert_true((int)len <= sizes[i][1]);
				lines++;
				p += len + (p[len] == '\n');
			}
			assert_int_equal(lines, sizes[i][0]);
			free(scr);
		}
	}
	vm_close(s);
	sim_trace_free(t);
}

/* ---- navigation ------------------------------------------------------------- */

static void test_view_model_navigation(void **state)
{
	struct sim_trace *t = own_trace();
	char err[128];
	struct vm_session *s = vm_from_trace(t, err, sizeof(err));

	(void)state;
	assert_non_null(s);
	assert_int_equal(s->nsteps, 4);
	assert_true(vm_next_event(s, 1));          /* step 0 has one: next is 1 */
	assert_int_equal(s->step, 1);
	assert_true(vm_next_event(s, 1));
	assert_int_equal(s->step, 2);
	assert_false(vm_next_event(s, 1));
	assert_true(vm_next_event(s, -1));
	assert_int_equal(s->step, 1);
	vm_toggle_break(s, 3);
	assert_true(vm_continue(s, 1));
	assert_int_equal(s->step, 3);
	assert_false(vm_goto_error(s));            /* accepted: no error */
	assert_true(vm_goto_insn(s, 0));
	assert_int_equal(s->step, 0);
	assert_false(vm_goto_insn(s, 99));
	assert_true(vm_search(s, "bpf_spin_unlock", 1));
	assert_int_equal(s->step, 2);
	assert_false(vm_switch_path(s, 1));        /* a single path */
	vm_close(s);
	sim_trace_free(t);
}

/* ---- lessons ----------------------------------------------------------------- */

static const struct {
	const char *text;
	int rc;
	size_t n;
	int first_insn;
} checkpoint_cases[] = {
	{ "insn 1: watch R6\n# comment\n\ninsn 2: it is about to become non-owning\n", 0, 2, 1 },
	{ "  insn 7:   spaces ok", 0, 1, 7 },
	{ "insn x: no", -1, 0, 0 },
	{ "step 3: no", -1, 0, 0 },
	{ "insn -1: no", -1, 0, 0 },
};

static void test_view_model_lesson_checkpoints(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(checkpoint_cases) / sizeof(checkpoint_cases[0]); i++) {
		struct vm_lesson *l = calloc(1, sizeof(*l));
		char err[128];

		assert_non_null(l);
		l->current = -1;
		assert_int_equal(vm_lesson_parse_checkpoints(l, checkpoint_cases[i].text, err, sizeof(err)),
				 checkpoint_cases[i].rc);
		if (!checkpoint_cases[i].rc) {
			assert_int_equal(l->ncps, checkpoint_cases[i].n);
			assert_int_equal(l->cps[0].insn, checkpoint_cases[i].first_insn);
		}
		vm_lesson_free(l);
	}
}

static void test_view_model_lesson_advances(void **state)
{
	struct sim_trace *t = own_trace();
	char err[128];
	struct vm_session *s = vm_from_trace(t, err, sizeof(err));
	struct vm_lesson *l = calloc(1, sizeof(*l));

	(void)state;
	assert_non_null(s);
	assert_non_null(l);
	l->current = -1;
	l->narrative = strdup("intro text");
	assert_int_equal(vm_lesson_parse_checkpoints(l, "insn 1: watch R6\ninsn 2: now non-owning\n", err,
						     sizeof(err)), 0);
	s->lesson = l;
	assert_string_equal(vm_lesson_text(l), "intro text");
	vm_key(s, ' ');
	assert_int_equal(s->step, 1);
	assert_string_equal(vm_lesson_text(l), "watch R6");
	vm_key(s, 's');                             /* reaching insn 2 by hand */
	assert_string_equal(vm_lesson_text(l), "now non-owning");
	vm_key(s, 'r');
	vm_key(s, 'r');                             /* back before both */
	assert_string_equal(vm_lesson_text(l), "intro text");
	vm_close(s);
	sim_trace_free(t);
}

/* ---- the kernel beside the simulation --------------------------------------- */

static const struct {
	const char *log;
	bool agree;
	long diverge_insn;
} kernel_logs[] = {
	{ "0: (b7) r8 = 0\nlab: acquire ref=1 insn=0\n1: (b7) r8 = 0\n"
	  "lab: non-owning ref=1 regs=R6 insn=1 by=bpf_rbtree_add\n2: (b7) r8 = 0\n"
	  "lab: invalidate regs=R6 insn=2 cause=bpf_spin_unlock\n3: (b7) r8 = 0\n"
	  "processed 4 insns (limit 1000000)\n", true, -1 },
	/* the kernel saw no non-owning conversion: diverges at insn 1 */
	{ "0: (b7) r8 = 0\nlab: acquire ref=1 insn=0\n1: (b7) r8 = 0\n2: (b7) r8 = 0\n"
	  "lab: invalidate regs=R6 insn=2 cause=bpf_spin_unlock\n3: (b7) r8 = 0\n"
	  "processed 4 insns (limit 1000000)\n", false, 1 },
	/* the kernel walked another instruction at step 2 and rejected */
	{ "0: (b7) r8 = 0\n1: (b7) r8 = 0\n3: (b7) r8 = 0\nR6 invalid mem access 'scalar'\n"
	  "processed 3 insns (limit 1000000)\n", false, 2 },
};

static void test_view_model_kernel_compare(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(kernel_logs) / sizeof(kernel_logs[0]); i++) {
		struct sim_trace *t = own_trace();
		char err[128];
		struct vm_session *s = vm_from_trace(t, err, sizeof(err));
		struct vm_kernel *k = vm_kernel_from_log(kernel_logs[i].log, strlen(kernel_logs[i].log), "test");
		struct sim_strbuf sb = { 0 };

		assert_non_null(s);
		assert_non_null(k);
		vm_kernel_compare(k, s);
		assert_int_equal(k->agree, kernel_logs[i].agree);
		assert_int_equal(k->diverge_insn, kernel_logs[i].diverge_insn);
		vm_kernel_text(k, s, &sb);
		assert_non_null(strstr(sb.buf, kernel_logs[i].agree ? "AGREE" : "DISAGREE"));
		sim_strbuf_free(&sb);
		s->kernel = k;
		s->show[VM_PANE_KERNEL] = true;
		{
			char *scr = screen_at(s, 30, 100);

			assert_non_null(strstr(scr, "Kernel 7.3 vs simulation"));
			if (kernel_logs[i].diverge_insn >= 0) {
				char mark[40];

				snprintf(mark, sizeof(mark), " D|%4ld:", kernel_logs[i].diverge_insn);
				if (!strstr(scr, mark) && !strstr(scr, ">D|"))
					fail_msg("no divergence mark '%s' on\n%s", mark, scr);
			}
			free(scr);
		}
		vm_close(s);
		sim_trace_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_view_model_lab_parse),
		cmocka_unit_test(test_view_model_lab_lists),
		cmocka_unit_test(test_view_model_parse_keys),
		cmocka_unit_test(test_view_model_markers),
		cmocka_unit_test(test_view_model_ownership_screens),
		cmocka_unit_test(test_view_model_back_restores_screen),
		cmocka_unit_test(test_view_model_no_overflow),
		cmocka_unit_test(test_view_model_navigation),
		cmocka_unit_test(test_view_model_lesson_checkpoints),
		cmocka_unit_test(test_view_model_lesson_advances),
		cmocka_unit_test(test_view_model_kernel_compare),
	};

	return cmocka_run_group_tests_name("view_model", tests, NULL, NULL);
}
