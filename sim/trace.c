/* Trace storage and time travel; the design is described in trace.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace_internal.h"

#define DEFAULT_SNAPSHOT_EVERY 1024

struct step_rec {
	uint32_t insn;
	uint32_t path;
};

struct event_rec {
	uint32_t step;
	enum sim_event_kind kind;
	char *text;
};

struct snapshot {
	uint32_t step;       /* state before this step */
	uint32_t id_gen;
	struct sim_state *st;
};

struct sim_trace {
	const struct sim_prog_view *view;
	struct sim_prog_view *owned_view;
	void (*free_view)(struct sim_prog_view *);
	struct sim_verify_opts opts;

	struct step_rec *steps;
	size_t nsteps, steps_cap;
	struct event_rec *events;
	size_t nevents, events_cap;
	size_t event_bytes;
	struct snapshot *snaps;
	size_t nsnaps, snaps_cap;
	size_t snap_bytes;
	uint32_t every;

	enum sim_verdict verdict;
	char *error;
	int error_insn;
	uint32_t processed;
	int log_level;
	char *log;
	size_t log_len;
	struct sim_replay_analysis *analysis;
};

static const char *const event_names[] = {
#define SIM_EV_NAME(e, name, help) [e] = name,
	SIM_EVENT_KINDS(SIM_EV_NAME)
#undef SIM_EV_NAME
};

const char *sim_event_kind_name(enum sim_event_kind kind)
{
	return (unsigned)kind < sizeof(event_names) / sizeof(event_names[0]) ? event_names[kind]
									      : "?";
}

struct sim_trace *sim_trace_new(const struct sim_prog_view *view,
				const struct sim_verify_opts *opts)
{
	struct sim_trace *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->view = view;
	if (opts)
		t->opts = *opts;
	t->every = opts && opts->snapshot_every ? opts->snapshot_every : DEFAULT_SNAPSHOT_EVERY;
	t->error_insn = -1;
	return t;
}

void sim_trace_free(struct sim_trace *t)
{
	if (!t)
		return;
	sim_replay_analysis_free(t->analysis);
	for (size_t i = 0; i < t->nevents; i++)
		free(t->events[i].text);
	for (size_t i = 0; i < t->nsnaps; i++)
		sim_state_free(t->snaps[i].st);
	free(t->events);
	free(t->snaps);
	free(t->steps);
	free(t->error);
	free(t->log);
	if (t->owned_view && t->free_view)
		t->free_view(t->owned_view);
	free(t);
}

void sim_trace_own_view(struct sim_trace *t, struct sim_prog_view *v,
			void (*free_view)(struct sim_prog_view *))
{
	t->owned_view = v;
	t->free_view = free_view;
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *n;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 1024;
	while (ncap < need)
		ncap *= 2;
	n = realloc(*arr, ncap * elem);
	if (!n)
		return -1;
	*arr = n;
	*cap = ncap;
	return 0;
}

uint32_t sim_trace_step(struct sim_trace *t, uint32_t path, uint32_t insn)
{
	if (!t)
		return 0;
	if (grow((void **)&t->steps, &t->steps_cap, t->nsteps + 1, sizeof(*t->steps)))
		return (uint32_t)t->nsteps;
	t->steps[t->nsteps] = (struct step_rec){ .insn = insn, .path = path };
	return (uint32_t)t->nsteps++;
}

void sim_trace_event(struct sim_trace *t, enum sim_event_kind kind, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (!t)
		return;
	if (grow((void **)&t->events, &t->events_cap, t->nevents + 1, sizeof(*t->events)))
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* an event before the first step (a struct_ops __ref argument
	 * acquired by the entry state) belongs to step 0: the kernel logs it
	 * before the first instruction */
	t->events[t->nevents] = (struct event_rec){ .step = t->nsteps ? (uint32_t)t->nsteps - 1 : 0,
						    .kind = kind, .text = strdup(buf) };
	t->event_bytes += sizeof(struct event_rec) + strlen(buf) + 1;
	t->nevents++;
}

uint32_t sim_trace_snapshot_every(const struct sim_trace *t)
{
	return t ? t->every : DEFAULT_SNAPSHOT_EVERY;
}

void sim_trace_snapshot(struct sim_trace *t, uint32_t step, const struct sim_state *st,
			uint32_t id_gen, int insn_idx, int prev_insn_idx)
{
	struct snapshot *s;

	(void)insn_idx;
	(void)prev_insn_idx;
	if (!t)
		return;
	/* a later snapshot for the same step replaces the earlier one: the
	 * path start (pop) wins over the periodic one */
	if (t->nsnaps && t->snaps[t->nsnaps - 1].step == step) {
		s = &t->snaps[t->nsnaps - 1];
		t->snap_bytes -= sim_state_bytes(s->st);
		if (sim_state_copy(s->st, st))
			return;
		s->id_gen = id_gen;
		t->snap_bytes += sim_state_bytes(s->st);
		return;
	}
	if (grow((void **)&t->snaps, &t->snaps_cap, t->nsnaps + 1, sizeof(*t->snaps)))
		return;
	s = &t->snaps[t->nsnaps];
	s->st = sim_state_dup(st);
	if (!s->st)
		return;
	s->st->parent = NULL;
	s->step = step;
	s->id_gen = id_gen;
	t->snap_bytes += sim_state_bytes(s->st);
	t->nsnaps++;
}

void sim_trace_finish(struct sim_trace *t, enum sim_verdict verdict, const char *error,
		      int error_insn, uint32_t processed, int log_level, char *log, size_t log_len)
{
	t->verdict = verdict;
	t->error = error ? strdup(error) : NULL;
	t->error_insn = error_insn;
	t->processed = processed;
	t->log_level = log_level;
	t->log = log;
	t->log_len = log ? log_len : 0;
	if (error && t->nsteps)
		sim_trace_event(t, SIM_EV_ERROR, "%s", error);
}

enum sim_verdict sim_trace_verdict(const struct sim_trace *t) { return t->verdict; }
const char *sim_trace_error(const struct sim_trace *t) { return t->error; }
int sim_trace_error_insn(const struct sim_trace *t) { return t->error_insn; }
uint32_t sim_trace_insns_processed(const struct sim_trace *t) { return t->processed; }
size_t sim_trace_steps(const struct sim_trace *t) { return t ? t->nsteps : 0; }
const struct sim_prog_view *sim_trace_prog(const struct sim_trace *t) { return t->view; }

size_t sim_trace_bytes(const struct sim_trace *t)
{
	return t->nsteps * sizeof(struct step_rec) + t->event_bytes + t->snap_bytes +
	       t->nsnaps * sizeof(struct snapshot);
}

void sim_trace_print_log(const struct sim_trace *t, int level, const struct sim_out *out)
{
	struct sim_verify_opts o;
	struct sim_trace *again;

	if (level <= 0)
		return;
	if (level == t->log_level) {
		if (t->log_len)
			out->write(out->ctx, t->log, t->log_len);
		return;
	}
	/* rendered at another level: verify again, the result is the same */
	o = t->opts;
	o.log_level = level;
	again = sim_verify_view(t->view, &o);
	if (again) {
		if (again->log_len)
			out->write(out->ctx, again->log, again->log_len);
		sim_trace_free(again);
	}
}

void sim_trace_print_events(const struct sim_trace *t, const struct sim_out *out)
{
	for (size_t i = 0; i < t->nevents; i++)
		if (t->events[i].kind == SIM_EV_LAB)
			sim_printf(out, "%s\n", t->events[i].text);
}

int sim_trace_step_info(const struct sim_trace *t, size_t step, uint32_t *path, int *insn_idx)
{
	if (step >= t->nsteps)
		return -1;
	if (path)
		*path = t->steps[step].path;
	if (insn_idx)
		*insn_idx = (int)t->steps[step].insn;
	return 0;
}

/* first event index of @step (events are in step order) */
static size_t first_event(const struct sim_trace *t, size_t step)
{
	size_t lo = 0, hi = t->nevents;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->events[mid].step < step)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t sim_trace_event_count(const struct sim_trace *t, size_t step)
{
	size_t i = first_event(t, step), n = 0;

	while (i + n < t->nevents && t->events[i + n].step == step)
		n++;
	return n;
}

int sim_trace_event_at(const struct sim_trace *t, size_t step, size_t i,
		       struct sim_trace_event *ev)
{
	size_t k = first_event(t, step) + i;

	if (k >= t->nevents || t->events[k].step != step)
		return -1;
	ev->kind = t->events[k].kind;
	ev->text = t->events[k].text;
	return 0;
}

static bool step_pruned(const struct sim_trace *t, size_t step)
{
	size_t n = sim_trace_event_count(t, step), first = first_event(t, step);

	for (size_t i = 0; i < n; i++)
		if (t->events[first + i].kind == SIM_EV_PRUNED)
			return true;
	return false;
}

void sim_trace_keep_analysis(struct sim_trace *t, struct sim_replay_analysis *a)
{
	if (!t) {
		sim_replay_analysis_free(a);
		return;
	}
	sim_replay_analysis_free(t->analysis);
	t->analysis = a;
}

int sim_trace_state_at(const struct sim_trace *t, size_t step, struct sim_state_view *out)
{
	size_t lo = 0, hi = t->nsnaps, si, n;
	const struct snapshot *s;
	uint32_t *seq;
	int err, clean_at = -1;

	memset(out, 0, sizeof(*out));
	if (step >= t->nsteps || !t->nsnaps)
		return -1;
	while (lo < hi) {       /* last snapshot with s->step <= step */
		size_t mid = (lo + hi) / 2;

		if (t->snaps[mid].step <= step)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return -1;
	s = &t->snaps[lo - 1];
	if (t->steps[s->step < t->nsteps ? s->step : step].path != t->steps[step].path)
		return -1;      /* cannot happen: every path starts with a snapshot */
	out->state = sim_state_dup(s->st);
	if (!out->state)
		return -1;
	n = step - s->step + 1;
	/* the state shown is the one the log prints for this step: cleaned
	 * where the walk next checked for an equivalent state (a pruned step:
	 * its own instruction; else the next step of the path) */
	if (step_pruned(t, step)) {
		n--;
		clean_at = (int)t->steps[step].insn;
	} else if (step + 1 < t->nsteps && t->steps[step + 1].path == t->steps[step].path) {
		clean_at = (int)t->steps[step + 1].insn;
	}
	seq = malloc((n ? n : 1) * sizeof(*seq));
	if (!seq) {
		sim_state_view_release(out);
		return -1;
	}
	for (si = 0; si < n; si++)
		seq[si] = t->steps[s->step + si].insn;
	err = sim_replay(t->view, t->analysis, out->state, s->id_gen, (int)t->steps[s->step].insn, seq,
			 n, -1, clean_at);
	free(seq);
	(void)err;  /* the failing step keeps the state as far as it got */
	out->step = step;
	out->path = t->steps[step].path;
	out->insn_idx = (int)t->steps[step].insn;
	return 0;
}

void sim_state_view_release(struct sim_state_view *v)
{
	sim_state_free(v->state);
	v->state = NULL;
}
