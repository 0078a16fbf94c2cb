/* The kernel's word beside the simulation (view_model_kernel.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kclient.h"
#include "view_model.h"
#include "view_model_kernel.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int push_seq(struct vm_kernel *k, long insn, size_t *cap)
{
	if (k->nseq == *cap) {
		size_t ncap = *cap ? *cap * 2 : 256;
		uint32_t *p = realloc(k->seq, ncap * sizeof(*p));

		if (!p)
			return -1;
		k->seq = p;
		*cap = ncap;
	}
	k->seq[k->nseq++] = (uint32_t)insn;
	return 0;
}

/* Processed instructions and the diagnostics block, from a level-2 log. */
static int parse_log(struct vm_kernel *k, const char *log)
{
	size_t cap = 0;
	const char *diag = NULL, *diag_end = NULL;

	for (const char *p = log; p && *p;) {
		size_t n = strcspn(p, "\n");
		long a, b;
		char *end;

		if (isdigit((unsigned char)*p)) {
			a = strtol(p, &end, 10);
			if (!strncmp(end, ": (", 3) || !strncmp(end, ": safe", 6))
				if (push_seq(k, a, &cap))
					return -1;
		} else if (sscanf(p, "from %ld to %ld: safe", &a, &b) == 2) {
			if (push_seq(k, b, &cap))
				return -1;
		}
		if (!diag && !strncmp(p, "Verification failed:", 20))
			diag = p;
		if (diag && !diag_end && (!strncmp(p, "processed ", 10) || (n == 0 && p != diag)))
			diag_end = p;
		p += n;
		if (*p)
			p++;
	}
	if (diag) {
		size_t len = diag_end ? (size_t)(diag_end - diag) : strlen(diag);

		while (len && diag[len - 1] == '\n')
			len--;
		k->diag = strndup(diag, len);
	}
	return 0;
}

struct vm_kernel *vm_kernel_from_program(const struct kc_program *p, const char *release)
{
	struct vm_kernel *k = calloc(1, sizeof(*k));
	char engine[160];

	if (!k)
		return NULL;
	snprintf(engine, sizeof(engine), "kernel %s", release ? release : "7.3");
	k->engine = strdup(engine);
	k->accepted = p->accepted;
	k->error = dup_or_null(p->error);
	k->error_insn = p->error_insn;
	k->test_run = dup_or_null(p->test_run);
	k->has_retval = p->has_retval;
	k->retval = p->retval;
	k->diverge_step = k->diverge_insn = -1;
	if (p->nevents) {
		k->events = calloc(p->nevents, sizeof(char *));
		if (!k->events) {
			vm_kernel_free(k);
			return NULL;
		}
		for (size_t i = 0; i < p->nevents; i++)
			k->events[k->nevents++] = strdup(p->events[i]);
	}
	if (!p->accepted && !p->log[0] && p->load_note)
		k->note = strdup(p->load_note);
	if (parse_log(k, p->log)) {
		vm_kernel_free(k);
		return NULL;
	}
	return k;
}

/* A recorded log carries no load result: the program was accepted when
 * the last line before "processed N insns" is an instruction, a "safe"
 * line or a lab event, not an error message. */
static bool log_says_accepted(const char *log)
{
	const char *last = NULL;

	for (const char *p = log; *p;) {
		size_t n = strcspn(p, "\n");

		if (!strncmp(p, "processed ", 10))
			break;
		if (n)
			last = p;
		p += n;
		if (*p)
			p++;
	}
	if (!last || !strncmp(last, "lab: ", 5) || !strncmp(last, "from ", 5))
		return last != NULL;
	if (isdigit((unsigned char)*last)) {
		const char *q = last + strspn(last, "0123456789");

		return !strncmp(q, ": (", 3) || !strncmp(q, ": safe", 6);
	}
	return false;
}

struct vm_kernel *vm_kernel_from_log(const char *log, size_t len, const char *engine)
{
	struct kc_program p = { 0 };
	struct vm_kernel *k;

	p.log = strndup(log, len);
	if (!p.log)
		return NULL;
	p.log_len = strlen(p.log);
	p.log_level = 2;
	p.error_insn = p.insns_processed = -1;
	p.accepted = log_says_accepted(p.log);
	if (kc_parse_log(&p)) {
		free(p.log);
		return NULL;
	}
	k = vm_kernel_from_program(&p, NULL);
	if (k) {
		free(k->engine);
		k->engine = strdup(engine);
	}
	free(p.log);
	free(p.error);
	for (size_t i = 0; i < p.nevents; i++)
		free(p.events[i]);
	free(p.events);
	return k;
}

struct vm_kernel *vm_kernel_failed(const char *fmt, ...)
{
	struct vm_kernel *k = calloc(1, sizeof(*k));
	char buf[512];
	va_list ap;

	if (!k)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	k->note = strdup(buf);
	k->engine = strdup("kernel");
	k->diverge_step = k->diverge_insn = -1;
	return k;
}

void vm_kernel_free(struct vm_kernel *k)
{
	if (!k)
		return;
	free(k->engine);
	free(k->note);
	free(k->error);
	free(k->diag);
	for (size_t i = 0; i < k->nevents; i++)
		free(k->events[i]);
	free(k->events);
	free(k->test_run);
	free(k->seq);
	free(k);
}

/* The simulator's lab event lines in trace order, with their steps. */
struct sim_events {
	const char **text;
	size_t *step;
	size_t n;
};

static int collect_sim_events(struct vm_session *s, struct sim_events *e)
{
	size_t cap = 0;

	memset(e, 0, sizeof(*e));
	for (size_t k = 0; k < s->nev_steps; k++) {
		size_t st = s->ev_steps[k], n = sim_trace_event_count(s->trace, st);

		for (size_t i = 0; i < n; i++) {
			struct sim_trace_event ev;

			if (sim_trace_event_at(s->trace, st, i, &ev) || ev.kind != SIM_EV_LAB)
				continue;
			if (e->n == cap) {
				size_t ncap = cap ? cap * 2 : 32;
				const char **t = realloc(e->text, ncap * sizeof(*t));
				size_t *sp;

				if (!t)
					return -1;
				e->text = t;
				sp = realloc(e->step, ncap * sizeof(*sp));
				if (!sp)
					return -1;
				e->step = sp;
				cap = ncap;
			}
			e->text[e->n] = ev.text;
			e->step[e->n++] = st;
		}
	}
	return 0;
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

void vm_kernel_compare(struct vm_kernel *k, struct vm_session *s)
{
	bool sim_ok = sim_trace_verdict(s->trace) == SIM_ACCEPTED;
	const char *sim_err = sim_trace_error(s->trace);
	struct sim_events ev;
	size_t n;

	k->agree = true;
	k->diverge_step = k->diverge_insn = -1;
	k->why[0] = '\0';
	s->diverge_insn = -1;
	if (k->note) {
		k->agree = false;
		snprintf(k->why, sizeof(k->why), "no kernel verdict: %s", k->note);
		return;
	}
	/* 1. the walk: first processed instruction that differs */
	n = k->nseq < s->nsteps ? k->nseq : s->nsteps;
	if (k->nseq) {
		for (size_t i = 0; i < n; i++)
			if (k->seq[i] != (uint32_t)vm_insn_of(s, i)) {
				k->diverge_step = (long)i;
				k->diverge_insn = vm_insn_of(s, i);
				snprintf(k->why, sizeof(k->why),
					 "step %zu: the kernel processed insn %u, the simulator insn %d", i,
					 k->seq[i], vm_insn_of(s, i));
				break;
			}
		if (k->diverge_step < 0 && k->nseq != s->nsteps) {
			size_t at = n ? n - 1 : 0;

			k->diverge_step = (long)at;
			k->diverge_insn = vm_insn_of(s, at);
			snprintf(k->why, sizeof(k->why),
				 "after step %zu (insn %ld): the kernel processed %zu insns, the simulator %zu",
				 at, k->diverge_insn, k->nseq, s->nsteps);
		}
	}
	/* 2. the lab events, line by line */
	if (k->diverge_step < 0 && !collect_sim_events(s, &ev)) {
		size_t m = ev.n < k->nevents ? ev.n : k->nevents;

		for (size_t i = 0; i <= m; i++) {
			const char *a = i < ev.n ? ev.text[i] : NULL, *b = i < k->nevents ? k->events[i] : NULL;

			if (same_str(a, b))
				continue;
			if (!a && !b)
				break;
			k->diverge_step = (long)(i < ev.n ? ev.step[i] : s->nsteps - 1);
			k->diverge_insn = vm_insn_of(s, (size_t)k->diverge_step);
			snprintf(k->why, sizeof(k->why), "event %zu: kernel '%s', simulator '%s'", i + 1,
				 b ? b : "(none)", a ? a : "(none)");
			break;
		}
		free(ev.text);
		free(ev.step);
	}
	/* 3. verdict and error line */
	if (k->accepted != sim_ok || !same_str(k->error, sim_ok ? NULL : sim_err) ||
	    (!sim_ok && k->error_insn >= 0 && k->error_insn != sim_trace_error_insn(s->trace)))
		k->agree = false;
	if (k->diverge_step >= 0)
		k->agree = false;
	if (!k->agree && k->diverge_step < 0 && !sim_ok) {
		k->diverge_insn = sim_trace_error_insn(s->trace);
		snprintf(k->why, sizeof(k->why), "at the error: the messages differ");
	}
	s->diverge_insn = k->diverge_insn;
}

static void kernel_sb_write(void *ctx, const char *p, size_t len)
{
	struct sim_out o = sim_strbuf_out(ctx);

	o.write(o.ctx, p, len);
}

void vm_kernel_text(const struct vm_kernel *k, struct vm_session *s, struct sim_strbuf *sb)
{
	struct sim_out out = { kernel_sb_write, sb };
	bool sim_ok = sim_trace_verdict(s->trace) == SIM_ACCEPTED;

	if (k->note) {
		sim_printf(&out, "DISAGREE? the kernel gave no verdict: %s\n", k->note);
		return;
	}
	sim_printf(&out, "%s\n", k->agree ? "AGREE: the kernel and the simulator say the same"
					  : "DISAGREE: the kernel and the simulator differ");
	sim_printf(&out, "kernel: %s", k->accepted ? "accepted" : "rejected");
	if (!k->accepted)
		sim_printf(&out, " at insn %ld: %s", k->error_insn, k->error ? k->error : "?");
	sim_printf(&out, "  (%s)\n", k->engine);
	sim_printf(&out, "sim:    %s", vm_verdict_word(s));
	if (!sim_ok)
		sim_printf(&out, " at insn %d: %s", sim_trace_error_insn(s->trace),
			   sim_trace_error(s->trace) ? sim_trace_error(s->trace) : "?");
	sim_printf(&out, "\n");
	if (k->diverge_step >= 0 || (!k->agree && k->why[0]))
		sim_printf(&out, "first divergence at insn %ld: %s\n", k->diverge_insn, k->why);
	if (k->test_run || k->has_retval) {
		sim_printf(&out, "test run: %s", k->test_run ? k->test_run : "");
		if (k->has_retval)
			sim_printf(&out, " retval=%u", k->retval);
		sim_printf(&out, "\n");
	}
	for (size_t i = 0; i < k->nevents; i++)
		sim_printf(&out, "kernel %s\n", k->events[i]);
	if (k->diag)
		sim_printf(&out, "%s\n", k->diag);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *p = realloc(buf, cap = cap ? cap * 2 : 65536);

			if (!p) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = p;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);

		if (!got)
			break;
		n += got;
	}
	fclose(f);
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

struct vm_kernel *vm_kernel_run(struct vm_session *s)
{
	const char *recorded = getenv("VERISTEP_KERNEL_LOG");
	struct kc_options opt = { .log_level = 2 };
	struct kc_result res;
	struct vm_kernel *k = NULL;
	char err[512];
	size_t len;
	char *obj;

	if (recorded && *recorded) {
		char *log = slurp(recorded, &len);

		if (!log)
			return vm_kernel_failed("cannot read recorded log '%s'", recorded);
		k = vm_kernel_from_log(log, len, "kernel (recorded log)");
		free(log);
		if (k)
			vm_kernel_compare(k, s);
		return k;
	}
	if (!s->obj_path)
		return vm_kernel_failed("no object file to send");
	obj = slurp(s->obj_path, &len);
	if (!obj)
		return vm_kernel_failed("cannot read '%s'", s->obj_path);
	opt.prog_filter = s->pv->name;
	if (kc_run(obj, len, s->obj_path, &opt, &res, err, sizeof(err))) {
		free(obj);
		return vm_kernel_failed("%s", err);
	}
	free(obj);
	if (res.object_error)
		k = vm_kernel_failed("the kernel's libbpf could not open the object: %s", res.object_error);
	for (size_t i = 0; !k && i < res.nprogs; i++)
		if (s->pv->name && !strcmp(res.progs[i].name, s->pv->name))
			k = vm_kernel_from_program(&res.progs[i], res.kernel_release);
	if (!k)
		k = vm_kernel_failed("the kernel reported no program '%s'", s->pv->name ? s->pv->name : "?");
	kc_result_free(&res);
	if (k)
		vm_kernel_compare(k, s);
	return k;
}
