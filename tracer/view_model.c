/* The tracer's session: a trace, a cursor and navigation (view_model.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_model.h"
#include "object.h"
#include "verifier.h"
#include "view_model.h"
#include "view_model_kernel.h"
#include "view_print.h"

static void strbuf_write_fn(void *ctx, const char *p, size_t len)
{
	struct sim_strbuf *sb = ctx;
	struct sim_out o = sim_strbuf_out(sb);

	o.write(o.ctx, p, len);
}

static char *disasm_text(const struct sim_prog_view *pv, int idx)
{
	struct sim_strbuf sb = { 0 };
	struct sim_out out = { strbuf_write_fn, &sb };

	sim_view_disasm(&out, pv, idx);
	if (!sb.buf)
		return strdup("");
	return sb.buf;
}

static int cmp_src(const void *a, const void *b)
{
	const struct vm_source_line *x = a, *y = b;

	return x->line < y->line ? -1 : x->line > y->line;
}

/* The distinct source lines of the program, by line number. */
static int build_source(struct vm_session *s)
{
	const struct sim_prog_view *pv = s->pv;

	if (!pv->lines)
		return 0;
	s->src = calloc((size_t)pv->insn_cnt + 1, sizeof(*s->src));
	if (!s->src)
		return -1;
	for (int i = 0; i < pv->insn_cnt; i++) {
		const struct sim_line_view *l = &pv->lines[i];
		size_t j;

		if (!l->src || !l->line)
			continue;
		for (j = 0; j < s->nsrc; j++)
			if (s->src[j].line == l->line)
				break;
		if (j == s->nsrc)
			s->src[s->nsrc++] = (struct vm_source_line){ l->line, l->src, l->file };
	}
	qsort(s->src, s->nsrc, sizeof(*s->src), cmp_src);
	return 0;
}

static int build_indexes(struct vm_session *s)
{
	size_t cap_ev = 64, cap_br = 64;
	uint32_t pushes = 0;

	s->nsteps = sim_trace_steps(s->trace);
	s->error_step = -1;
	s->ev_steps = malloc(cap_ev * sizeof(*s->ev_steps));
	s->branch_steps = malloc(cap_br * sizeof(*s->branch_steps));
	s->paths = calloc(1, sizeof(*s->paths));
	s->npaths = 1;
	if (!s->ev_steps || !s->branch_steps || !s->paths)
		return -1;
	/* path 0 starts at step 0; path k is created by the k-th push */
	for (size_t st = 0; st < s->nsteps; st++) {
		size_t n = sim_trace_event_count(s->trace, st);
		uint32_t path;
		int insn;

		sim_trace_step_info(s->trace, st, &path, &insn);
		if (path < s->npaths) {
			if (!s->paths[path].last && st && path)
				s->paths[path].first = st;
			s->paths[path].last = st;
		}
		if (!n)
			continue;
		if (s->nev_steps == cap_ev) {
			size_t *p = realloc(s->ev_steps, (cap_ev *= 2) * sizeof(*p));

			if (!p)
				return -1;
			s->ev_steps = p;
		}
		s->ev_steps[s->nev_steps++] = st;
		for (size_t i = 0; i < n; i++) {
			struct sim_trace_event ev;

			if (sim_trace_event_at(s->trace, st, i, &ev))
				continue;
			if (ev.kind == SIM_EV_ERROR)
				s->error_step = (long)st;
			if (ev.kind != SIM_EV_PUSH)
				continue;
			pushes++;
			{
				struct vm_path *np = realloc(s->paths, (pushes + 1) * sizeof(*np));

				if (!np)
					return -1;
				s->paths = np;
				s->paths[pushes] = (struct vm_path){ .parent = path, .fork_step = st,
								     .first = 0, .last = 0 };
				s->npaths = pushes + 1;
			}
			if (!s->nbranch_steps || s->branch_steps[s->nbranch_steps - 1] != st) {
				if (s->nbranch_steps == cap_br) {
					size_t *p = realloc(s->branch_steps, (cap_br *= 2) * sizeof(*p));

					if (!p)
						return -1;
					s->branch_steps = p;
				}
				s->branch_steps[s->nbranch_steps++] = st;
			}
		}
	}
	return 0;
}

static struct vm_session *session_new(struct sim_trace *t, char *err, size_t errlen)
{
	struct vm_session *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->trace = t;
	s->pv = sim_trace_prog(t);
	s->cur_step = s->prev_step = -1;
	s->on_path_of = -1;
	s->diverge_insn = -1;
	for (int i = 0; i < VM_PANE_COUNT; i++)
		s->show[i] = i != VM_PANE_KERNEL && i != VM_PANE_LESSON;
	if (build_indexes(s) || build_source(s))
		goto oom;
	if (!s->nsteps) {
		snprintf(err, errlen, "the trace of '%s' is empty", s->pv->name ? s->pv->name : "?");
		vm_close(s);
		return NULL;
	}
	s->insn_text = calloc((size_t)s->pv->insn_cnt + 1, sizeof(char *));
	s->bp = calloc((size_t)s->pv->insn_cnt + 1, 1);
	s->on_path = calloc((size_t)s->pv->insn_cnt + 1, 1);
	if (!s->insn_text || !s->bp || !s->on_path)
		goto oom;
	for (int i = 0; i < s->pv->insn_cnt; i++)
		if (!(s->insn_text[i] = disasm_text(s->pv, i)))
			goto oom;
	vm_goto_step(s, 0);
	return s;
oom:
	snprintf(err, errlen, "out of memory");
	vm_close(s);
	return NULL;
}

struct vm_session *vm_from_trace(struct sim_trace *t, char *err, size_t errlen)
{
	return session_new(t, err, errlen);
}

struct vm_session *vm_open(const char *path, const char *prog_name, char *err, size_t errlen)
{
	struct sim_verify_opts opts = { .log_level = 0 };
	const struct sim_prog *prog;
	struct sim_object *obj;
	struct sim_trace *t;
	struct vm_session *s;
	char oerr[256];

	obj = sim_object_open(path, getenv("VERISTEP_VMLINUX_BTF"), oerr, sizeof(oerr));
	if (!obj) {
		snprintf(err, errlen, "cannot open '%s': %s", path, oerr);
		return NULL;
	}
	prog = prog_name ? sim_object_find_prog(obj, prog_name) : sim_object_prog(obj, 0);
	if (!prog) {
		snprintf(err, errlen, "no program '%s' in '%s'", prog_name ? prog_name : "", path);
		sim_object_close(obj);
		return NULL;
	}
	t = sim_verify_object_prog(obj, prog, &opts);
	if (!t) {
		snprintf(err, errlen, "out of memory verifying '%s'", sim_prog_name(prog));
		sim_object_close(obj);
		return NULL;
	}
	s = session_new(t, err, errlen);
	if (!s) {
		sim_trace_free(t);
		sim_object_close(obj);
		return NULL;
	}
	s->obj = obj;
	s->prog = prog;
	s->obj_path = strdup(path);
	return s;
}

void vm_close(struct vm_session *s)
{
	if (!s)
		return;
	sim_state_view_release(&s->cur);
	sim_state_view_release(&s->prev);
	if (s->insn_text)
		for (int i = 0; i < s->pv->insn_cnt; i++)
			free(s->insn_text[i]);
	free(s->insn_text);
	free(s->bp);
	free(s->on_path);
	free(s->ev_steps);
	free(s->branch_steps);
	free(s->paths);
	free(s->src);
	vm_kernel_free(s->kernel);
	vm_lesson_free(s->lesson);
	if (s->obj) {
		sim_trace_free(s->trace);
		sim_object_close(s->obj);
	}
	free(s->obj_path);
	free(s);
}

/* ---- facts ------------------------------------------------------------- */

uint32_t vm_path_of(const struct vm_session *s, size_t step)
{
	uint32_t path = 0;
	int insn;

	sim_trace_step_info(s->trace, step, &path, &insn);
	return path;
}

int vm_insn_of(const struct vm_session *s, size_t step)
{
	uint32_t path;
	int insn = -1;

	sim_trace_step_info(s->trace, step, &path, &insn);
	return insn;
}

long vm_lineage_prev(const struct vm_session *s, size_t step)
{
	uint32_t p = vm_path_of(s, step);

	if (!step)
		return -1;
	if (p && p < s->npaths && s->paths[p].first == step)
		return (long)s->paths[p].fork_step;
	return (long)step - 1;
}

void vm_lineage_walk(const struct vm_session *s, size_t step,
		     bool (*fn)(void *ctx, size_t step), void *ctx)
{
	long st = (long)step;

	while (st >= 0) {
		if (!fn(ctx, (size_t)st))
			return;
		st = vm_lineage_prev(s, (size_t)st);
	}
}

static bool mark_on_path(void *ctx, size_t step)
{
	struct vm_session *s = ctx;
	int insn = vm_insn_of(s, step);

	if (insn >= 0 && insn < s->pv->insn_cnt)
		s->on_path[insn] = 1;
	return true;
}

/* Instructions of the current path's whole lineage, its own steps to its
 * end included: what the verifier walked on the way here and after. */
static void update_on_path(struct vm_session *s)
{
	uint32_t p = vm_path_of(s, s->step);

	if (s->on_path_of == (long)p)
		return;
	memset(s->on_path, 0, (size_t)s->pv->insn_cnt);
	if (p < s->npaths)
		vm_lineage_walk(s, s->paths[p].last, mark_on_path, s);
	s->on_path_of = p;
}

static const struct sim_state *state_at(struct vm_session *s, struct sim_state_view *v,
					long *which, long step)
{
	if (step < 0)
		return NULL;
	if (*which == step && v->state)
		return v->state;
	sim_state_view_release(v);
	*which = -1;
	if (sim_trace_state_at(s->trace, (size_t)step, v))
		return NULL;
	*which = step;
	return v->state;
}

const struct sim_state *vm_state(struct vm_session *s)
{
	return state_at(s, &s->cur, &s->cur_step, (long)s->step);
}

const struct sim_state *vm_prev_state(struct vm_session *s)
{
	return state_at(s, &s->prev, &s->prev_step, vm_lineage_prev(s, s->step));
}

/* ---- navigation -------------------------------------------------------- */

bool vm_goto_step(struct vm_session *s, size_t step)
{
	if (step >= s->nsteps) {
		snprintf(s->msg, sizeof(s->msg), "no step %zu (the trace has %zu)", step, s->nsteps);
		return false;
	}
	/* keep the materialised states when moving by one: swap, not redo */
	if (s->cur_step >= 0 && vm_lineage_prev(s, step) == s->cur_step) {
		struct sim_state_view tmp = s->prev;
		long w = s->prev_step;

		s->prev = s->cur;
		s->prev_step = s->cur_step;
		s->cur = tmp;
		s->cur_step = w;
	} else if (s->prev_step >= 0 && (long)step == s->prev_step) {
		struct sim_state_view tmp = s->cur;
		long w = s->cur_step;

		s->cur = s->prev;
		s->cur_step = s->prev_step;
		s->prev = tmp;
		s->prev_step = w;
	}
	s->step = step;
	update_on_path(s);
	if (s->lesson)
		vm_lesson_follow(s->lesson, s);
	return true;
}

bool vm_step(struct vm_session *s, long delta)
{
	long to = (long)s->step + delta;

	if (to < 0) {
		snprintf(s->msg, sizeof(s->msg), "at the first step");
		if (!s->step)
			return false;
		to = 0;
	}
	if ((size_t)to >= s->nsteps) {
		snprintf(s->msg, sizeof(s->msg), "at the last step (%s)", vm_verdict_word(s));
		if (s->step == s->nsteps - 1)
			return false;
		to = (long)s->nsteps - 1;
	}
	return vm_goto_step(s, (size_t)to);
}

/* First element of @arr (ascending) greater than @cur (dir>0) or the last
 * less than it (dir<0); -1 if none. */
static long find_sorted(const size_t *arr, size_t n, size_t cur, int dir)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (arr[mid] <= cur)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo: first > cur */
	if (dir > 0)
		return lo < n ? (long)arr[lo] : -1;
	while (lo > 0 && arr[lo - 1] >= cur)
		lo--;
	return lo > 0 ? (long)arr[lo - 1] : -1;
}

bool vm_next_event(struct vm_session *s, int dir)
{
	long to = find_sorted(s->ev_steps, s->nev_steps, s->step, dir);

	if (to < 0) {
		snprintf(s->msg, sizeof(s->msg), "no %s event", dir > 0 ? "later" : "earlier");
		return false;
	}
	return vm_goto_step(s, (size_t)to);
}

bool vm_next_branch(struct vm_session *s, int dir)
{
	long to = find_sorted(s->branch_steps, s->nbranch_steps, s->step, dir);

	if (to < 0) {
		snprintf(s->msg, sizeof(s->msg), "no %s branch point", dir > 0 ? "later" : "earlier");
		return false;
	}
	return vm_goto_step(s, (size_t)to);
}

bool vm_goto_error(struct vm_session *s)
{
	if (s->error_step < 0) {
		snprintf(s->msg, sizeof(s->msg), "no error: the program is %s", vm_verdict_word(s));
		return false;
	}
	return vm_goto_step(s, (size_t)s->error_step);
}

bool vm_goto_insn(struct vm_session *s, int insn)
{
	if (insn < 0 || insn >= s->pv->insn_cnt) {
		snprintf(s->msg, sizeof(s->msg), "no instruction %d (the program has %d)", insn,
			 s->pv->insn_cnt);
		return false;
	}
	for (size_t k = 1; k <= s->nsteps; k++) {
		size_t st = (s->step + k) % s->nsteps;

		if (vm_insn_of(s, st) == insn)
			return vm_goto_step(s, st);
	}
	snprintf(s->msg, sizeof(s->msg), "instruction %d was never processed", insn);
	return false;
}

bool vm_continue(struct vm_session *s, int dir)
{
	for (long st = (long)s->step + dir; st >= 0 && (size_t)st < s->nsteps; st += dir) {
		int insn = vm_insn_of(s, (size_t)st);

		if (insn >= 0 && s->bp[insn]) {
			snprintf(s->msg, sizeof(s->msg), "breakpoint at insn %d", insn);
			return vm_goto_step(s, (size_t)st);
		}
	}
	snprintf(s->msg, sizeof(s->msg), "no breakpoint %s: at the %s step",
		 dir > 0 ? "ahead" : "behind", dir > 0 ? "last" : "first");
	return vm_goto_step(s, dir > 0 ? s->nsteps - 1 : 0);
}

bool vm_switch_path(struct vm_session *s, int dir)
{
	uint32_t p = vm_path_of(s, s->step);
	long np = (long)p + dir;

	if (s->npaths < 2) {
		snprintf(s->msg, sizeof(s->msg), "the verifier explored a single path");
		return false;
	}
	np = (np % (long)s->npaths + (long)s->npaths) % (long)s->npaths;
	if (!s->paths[np].last && np) {
		snprintf(s->msg, sizeof(s->msg), "path %ld was never resumed", np);
		return false;
	}
	snprintf(s->msg, sizeof(s->msg), "path %ld of %u: forked at insn %d", np, s->npaths,
		 np ? vm_insn_of(s, s->paths[np].fork_step) : 0);
	return vm_goto_step(s, s->paths[np].first);
}

static bool step_matches(struct vm_session *s, size_t st, const char *needle)
{
	int insn = vm_insn_of(s, st);
	size_t n;

	if (insn >= 0 && insn < s->pv->insn_cnt && strstr(s->insn_text[insn], needle))
		return true;
	n = sim_trace_event_count(s->trace, st);
	for (size_t i = 0; i < n; i++) {
		struct sim_trace_event ev;

		if (!sim_trace_event_at(s->trace, st, i, &ev) && ev.text && strstr(ev.text, needle))
			return true;
	}
	return false;
}

bool vm_search(struct vm_session *s, const char *needle, int dir)
{
	if (!needle || !*needle) {
		snprintf(s->msg, sizeof(s->msg), "nothing to search for");
		return false;
	}
	if (needle != s->search)
		snprintf(s->search, sizeof(s->search), "%s", needle);
	for (long st = (long)s->step + dir; st >= 0 && (size_t)st < s->nsteps; st += dir)
		if (step_matches(s, (size_t)st, needle)) {
			snprintf(s->msg, sizeof(s->msg), "found '%s' at step %ld", needle, st);
			return vm_goto_step(s, (size_t)st);
		}
	snprintf(s->msg, sizeof(s->msg), "'%s' not found %s", needle, dir > 0 ? "ahead" : "behind");
	return false;
}

void vm_toggle_break(struct vm_session *s, int insn)
{
	if (insn < 0 || insn >= s->pv->insn_cnt) {
		snprintf(s->msg, sizeof(s->msg), "no instruction %d", insn);
		return;
	}
	s->bp[insn] = !s->bp[insn];
	snprintf(s->msg, sizeof(s->msg), "breakpoint %s at insn %d", s->bp[insn] ? "set" : "removed",
		 insn);
}

const char *vm_verdict_word(const struct vm_session *s)
{
	static const char *const words[] = {
		[SIM_ACCEPTED] = "accepted", [SIM_REJECTED] = "rejected",
		[SIM_UNSUPPORTED] = "unsupported", [SIM_BUG] = "simulator bug",
	};
	enum sim_verdict v = sim_trace_verdict(s->trace);

	return (unsigned)v < sizeof(words) / sizeof(words[0]) ? words[v] : "?";
}
