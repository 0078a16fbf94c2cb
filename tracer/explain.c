/* explain: the causal story of a verification (explain.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "json.h"
#include "view_model.h"
#include "view_print.h"

/* Steps of the register history looked at, newest first: bounds the cost
 * on million-step traces while covering any realistic causal chain. */
#define HISTORY_STEPS 4096
#define MAX_BRANCHES 16

/* Error text -> advice. First match wins: specific before general. */
static const struct {
	const char *match;
	const char *advice;
} suggestions[] = {
	{ "non_own_ref", "a non-owning reference is only usable while the lock is held: read what you need before bpf_spin_unlock, or take the lock again and look the node up again" },
	{ "invalid mem access 'scalar'", "the register holds a number, not a pointer: it was never a pointer on this path, or the verifier invalidated it (see the events above); use the pointer only where it is still valid" },
	{ "_or_null'", "the pointer may be NULL here: test it (if (!p) return ...;) before dereferencing it" },
	{ "!read_ok", "the register is read before anything was written to it on this path: set it on every path (R0 before exit: return a value)" },
	{ "Unreleased reference", "a reference acquired on this path is still held at exit: release it (bpf_obj_drop, bpf_*_release) or hand it over (bpf_rbtree_add, bpf_list_push_*, bpf_kptr_xchg) on every path" },
	{ "would lead to reference leak", "release the reference before this instruction on this path" },
	{ "must be held", "take the lock (bpf_spin_lock) that protects the collection before this call" },
	{ "_unlock without taking a lock", "bpf_spin_unlock is reached on a path where the lock was not taken: pair every unlock with a lock on the same path" },
	{ "cannot be used inside", "this call is not allowed while the lock or critical section is held: move it outside" },
	{ "expected pointer to allocated object", "pass an object from bpf_obj_new (an owning reference) here" },
	{ "pointer arithmetic", "keep pointer arithmetic to 64-bit adds of bounded scalars; do the computation on a scalar copy" },
	{ "outside of the allowed memory range", "bound the offset with a comparison the verifier can see (if (i >= N) return ...) before the access" },
	{ "offset is outside of the packet", "compare data + offset against data_end before the access" },
	{ "invalid bpf_context access", "this program type's context does not allow this field or size: read the documented field with its own size" },
	{ "too large", "the verifier walked a million instructions: bound loops more tightly, or use bpf_loop / open-coded iterators" },
	{ "infinite loop", "make the loop's exit condition depend on a bounded counter the verifier can track" },
	{ "invalid", "check the types the verifier expects for this instruction (the register history above shows what it had)" },
};

const char *explain_suggestion(const char *error)
{
	if (!error)
		return NULL;
	for (size_t i = 0; i < sizeof(suggestions) / sizeof(suggestions[0]); i++)
		if (strstr(error, suggestions[i].match))
			return suggestions[i].advice;
	return NULL;
}

int explain_error_reg(const char *error)
{
	for (const char *p = error; p && *p; p++)
		if (*p == 'R' && isdigit((unsigned char)p[1]) && (p == error || !isalnum((unsigned char)p[-1]))) {
			int r = atoi(p + 1);

			if (r >= 0 && r < SIM_MAX_REG)
				return r;
		}
	return -1;
}

/* ---- collecting the story ------------------------------------------------ */

struct lineage {
	size_t *steps;   /* oldest first */
	size_t n, cap;
};

static bool lineage_add(void *ctx, size_t step)
{
	struct lineage *l = ctx;

	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 256;
		size_t *p = realloc(l->steps, ncap * sizeof(*p));

		if (!p)
			return false;
		l->steps = p;
		l->cap = ncap;
	}
	l->steps[l->n++] = step;
	return true;
}

struct change {
	size_t step;
	int insn;
	char *text;      /* the register after the step */
	bool type_changed;
};

struct story {
	struct vm_session *s;
	struct lineage lin;
	int reg;
	struct change *changes;
	size_t nchanges;
	long origin;     /* index in changes: where the register got its final type */
	bool truncated;
};

static void sb_write(void *ctx, const char *p, size_t len)
{
	struct sim_out o = sim_strbuf_out(ctx);

	o.write(o.ctx, p, len);
}

static char *reg_text(const struct sim_state *st, int reg, uint32_t *type)
{
	struct sim_strbuf sb = { 0 };
	struct sim_out out = { sb_write, &sb };
	const struct sim_reg *r = &sim_cur_frame(st)->regs[reg];

	*type = r->type;
	if (r->type == NOT_INIT)
		sim_printf(&out, "not initialised");
	else
		sim_view_print_reg(&out, st, st->curframe, r);
	return sb.buf ? sb.buf : strdup("");
}

static int collect_history(struct story *y)
{
	size_t start = y->lin.n > HISTORY_STEPS ? y->lin.n - HISTORY_STEPS : 0;
	char *last = NULL;
	uint32_t last_type = NOT_INIT, last_frame = 0;

	y->truncated = start > 0;
	y->origin = -1;
	/* the error step's own state is the failed one: history stops before */
	for (size_t i = start; i + 1 < y->lin.n; i++) {
		struct sim_state_view v;
		uint32_t type;
		char *text;

		if (sim_trace_state_at(y->s->trace, y->lin.steps[i], &v))
			continue;
		if (v.state->curframe != last_frame && last) {
			/* another frame's R%d is another register: restart */
			free(last);
			last = NULL;
		}
		last_frame = v.state->curframe;
		text = reg_text(v.state, y->reg, &type);
		sim_state_view_release(&v);
		if ((last && !strcmp(last, text)) || (!last && type == NOT_INIT)) {
			free(last);
			last = text;   /* the starting point is not a change */
			last_type = type;
			continue;
		}
		{
			struct change *c = realloc(y->changes, (y->nchanges + 1) * sizeof(*c));

			if (!c) {
				free(text);
				free(last);
				return -1;
			}
			y->changes = c;
		}
		y->changes[y->nchanges] = (struct change){
			.step = y->lin.steps[i], .insn = vm_insn_of(y->s, y->lin.steps[i]),
			.text = text, .type_changed = !last || sim_base_type(type) != sim_base_type(last_type),
		};
		if (y->changes[y->nchanges].type_changed)
			y->origin = (long)y->nchanges;
		y->nchanges++;
		free(last);
		last = strdup(text);
		last_type = type;
	}
	free(last);
	return 0;
}

/* The lab event's sentence, in the words. */
static void lab_sentence(const struct vm_lab *lab, const char *line, char *buf, size_t len)
{
	if (!strcmp(lab->kind, "non-owning"))
		snprintf(buf, len, "%s non-owning since insn %d: %s (ref %d handed to the collection)",
			 lab->regs, lab->insn, lab->by, lab->ref);
	else if (!strcmp(lab->kind, "invalidate"))
		snprintf(buf, len, "%s invalidated at insn %d: %s ends the critical section", lab->regs,
			 lab->insn, lab->by);
	else if (!strcmp(lab->kind, "rcu-untrusted"))
		snprintf(buf, len, "%s untrusted since insn %d: %s ends the RCU read section", lab->regs,
			 lab->insn, lab->by);
	else if (!strcmp(lab->kind, "acquire"))
		snprintf(buf, len, "reference %d acquired at insn %d", lab->ref, lab->insn);
	else if (!strcmp(lab->kind, "release"))
		snprintf(buf, len, "reference %d released at insn %d", lab->ref, lab->insn);
	else if (!strcmp(lab->kind, "lock-acquire"))
		snprintf(buf, len, "lock %d taken at insn %d", lab->id, lab->insn);
	else if (!strcmp(lab->kind, "lock-release"))
		snprintf(buf, len, "lock %d released at insn %d", lab->id, lab->insn);
	else
		snprintf(buf, len, "%s", line);
}

static bool is_cond_jump(const struct bpf_insn *insn)
{
	uint8_t cls = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

	return (cls == BPF_JMP || cls == BPF_JMP32) && op != BPF_JA && op != BPF_CALL &&
	       op != BPF_EXIT;
}

static const char *source_of(const struct vm_session *s, int insn, unsigned *line)
{
	const struct sim_line_view *l;

	*line = 0;
	if (!s->pv->lines || insn < 0 || insn >= s->pv->insn_cnt)
		return NULL;
	l = &s->pv->lines[insn];
	if (!l->src)
		return NULL;
	*line = l->line;
	return l->src + strspn(l->src, " \t");
}

static const char *file_of(const struct vm_session *s, int insn)
{
	const char *f;

	if (!s->pv->lines || insn < 0 || insn >= s->pv->insn_cnt || !s->pv->lines[insn].file)
		return "";
	f = s->pv->lines[insn].file;
	return strrchr(f, '/') ? strrchr(f, '/') + 1 : f;
}

/* ---- output: one emitter, two syntaxes ----------------------------------- */

struct emit {
	bool json;
	FILE *out;
	struct json_writer w;
};

static void text_or_json_item(struct emit *e, const char *key_or_null, long insn, const char *text)
{
	if (e->json) {
		json_object_begin(&e->w);
		if (insn >= 0) {
			json_key(&e->w, "insn");
			json_int(&e->w, insn);
		}
		json_key(&e->w, key_or_null ? key_or_null : "text");
		json_string(&e->w, text);
		json_object_end(&e->w);
	} else if (insn >= 0) {
		fprintf(e->out, "  insn %ld: %s\n", insn, text);
	} else {
		fprintf(e->out, "  %s\n", text);
	}
}

static void section(struct emit *e, const char *json_key_name, const char *title)
{
	if (e->json) {
		json_key(&e->w, json_key_name);
		json_array_begin(&e->w);
	} else {
		fprintf(e->out, "%s\n", title);
	}
}

static void section_end(struct emit *e)
{
	if (e->json)
		json_array_end(&e->w);
}

static void field(struct emit *e, const char *key, const char *label, const char *value)
{
	if (e->json) {
		json_key(&e->w, key);
		json_string(&e->w, value);
	} else if (value) {
		fprintf(e->out, "%-11s %s\n", label, value);
	}
}

static void lineage_events(struct story *y, struct emit *e, bool only_reg)
{
	char name[8], buf[512];
	size_t shown = 0;

	snprintf(name, sizeof(name), "R%d", y->reg);
	for (size_t i = 0; i < y->lin.n; i++) {
		size_t st = y->lin.steps[i], n = sim_trace_event_count(y->s->trace, st);

		for (size_t k = 0; k < n; k++) {
			struct sim_trace_event ev;
			struct vm_lab lab;

			if (sim_trace_event_at(y->s->trace, st, k, &ev) || ev.kind != SIM_EV_LAB ||
			    vm_lab_parse(ev.text, &lab))
				continue;
			if (only_reg && (y->reg < 0 || !vm_lab_lists(&lab, name)))
				continue;
			lab_sentence(&lab, ev.text, buf, sizeof(buf));
			text_or_json_item(e, "event", lab.insn >= 0 ? lab.insn : vm_insn_of(y->s, st), buf);
			shown++;
		}
	}
	if (!shown && !e->json)
		fprintf(e->out, "  none\n");
}

static void branches(struct story *y, struct emit *e)
{
	size_t found = 0, first = y->lin.n;
	char buf[512];


	/* the last MAX_BRANCHES conditional jumps of the path */
	for (size_t i = y->lin.n; i-- > 1 && found < MAX_BRANCHES;) {
		int insn = vm_insn_of(y->s, y->lin.steps[i - 1]);

		if (insn >= 0 && is_cond_jump(&y->s->pv->insns[insn])) {
			found++;
			first = i - 1;
		}
	}
	for (size_t i = first; i + 1 < y->lin.n; i++) {
		int insn = vm_insn_of(y->s, y->lin.steps[i]), next = vm_insn_of(y->s, y->lin.steps[i + 1]);
		const struct bpf_insn *in;
		int target;
		bool forked;

		if (insn < 0)
			continue;
		in = &y->s->pv->insns[insn];
		if (!is_cond_jump(in))
			continue;
		target = insn + in->off + 1;
		forked = false;
		for (size_t k = 0; k < y->s->nbranch_steps; k++)
			if (y->s->branch_steps[k] == y->lin.steps[i])
				forked = true;
		snprintf(buf, sizeof(buf), "%s -> %s to insn %d%s", y->s->insn_text[insn],
			 next == target ? "jumped" : "fell through", next,
			 forked ? " (the other way was explored too)" : " (the only way possible)");
		text_or_json_item(e, "branch", insn, buf);
	}
	if (!found && !e->json)
		fprintf(e->out, "  none: the path is straight\n");
}

static void explain_rejected(struct story *y, struct emit *e)
{
	struct vm_session *s = y->s;
	const char *error = sim_trace_error(s->trace);
	int insn = sim_trace_error_insn(s->trace);
	unsigned line;
	const char *src = source_of(s, insn, &line);
	char buf[1024], name[8];

	field(e, "error", "error:", error);
	if (e->json) {
		json_key(&e->w, "error_insn");
		json_int(&e->w, insn);
	}
	if (insn >= 0 && insn < s->pv->insn_cnt) {
		snprintf(buf, sizeof(buf), "%d: %s", insn, s->insn_text[insn]);
		field(e, "at", "at:", buf);
	}
	if (src) {
		snprintf(buf, sizeof(buf), "%s @ %s:%u", src, file_of(s, insn), line);
		field(e, "source", "source:", buf);
	} else {
		field(e, "source", "source:", NULL);
	}
	snprintf(name, sizeof(name), "R%d", y->reg);
	field(e, "register", "register:", y->reg >= 0 ? name : NULL);
	if (y->reg >= 0) {
		if (!e->json)
			fprintf(e->out, "\n");
		snprintf(buf, sizeof(buf), "how %s got here (on the failing path%s):", name,
			 y->truncated ? ", last " "4096" " steps" : "");
		section(e, "history", buf);
		for (size_t i = 0; i < y->nchanges; i++) {
			const struct change *c = &y->changes[i];

			snprintf(buf, sizeof(buf), "%s  =>  %s = %s%s", s->insn_text[c->insn], name, c->text,
				 (long)i == y->origin ? "   <- got its type here" : "");
			text_or_json_item(e, "change", c->insn, buf);
		}
		if (!y->nchanges)
			text_or_json_item(e, "change", -1, "never written on this path");
		section_end(e);
		if (!e->json)
			fprintf(e->out, "\n");
		snprintf(buf, sizeof(buf), "ownership events that touched %s:", name);
		section(e, "register_events", buf);
		lineage_events(y, e, true);
		section_end(e);
	}
	if (!e->json)
		fprintf(e->out, "\n");
	section(e, "events", "ownership events on the path:");
	lineage_events(y, e, false);
	section_end(e);
	if (!e->json)
		fprintf(e->out, "\n");
	section(e, "path", "branch decisions on the path:");
	branches(y, e);
	section_end(e);
	if (!e->json)
		fprintf(e->out, "\n");
	field(e, "suggestion", "suggestion:", explain_suggestion(error));
}

static void explain_accepted(struct vm_session *s, struct emit *e)
{
	size_t pruned = 0, acquired = 0, released = 0, locks = 0, nonown = 0;
	char buf[512];

	for (size_t k = 0; k < s->nev_steps; k++) {
		size_t st = s->ev_steps[k], n = sim_trace_event_count(s->trace, st);

		for (size_t i = 0; i < n; i++) {
			struct sim_trace_event ev;
			struct vm_lab lab;

			if (sim_trace_event_at(s->trace, st, i, &ev))
				continue;
			if (ev.kind == SIM_EV_PRUNED)
				pruned++;
			if (ev.kind != SIM_EV_LAB || vm_lab_parse(ev.text, &lab))
				continue;
			acquired += !strcmp(lab.kind, "acquire");
			released += !strcmp(lab.kind, "release");
			locks += !strcmp(lab.kind, "lock-acquire");
			nonown += !strcmp(lab.kind, "non-owning");
		}
	}
	if (e->json) {
		json_key(&e->w, "paths");
		json_int(&e->w, s->npaths);
		json_key(&e->w, "states_pruned");
		json_int(&e->w, (long long)pruned);
		json_key(&e->w, "insns_processed");
		json_int(&e->w, sim_trace_insns_processed(s->trace));
		json_key(&e->w, "references_acquired");
		json_int(&e->w, (long long)acquired);
		json_key(&e->w, "references_released");
		json_int(&e->w, (long long)released);
		json_key(&e->w, "locks_taken");
		json_int(&e->w, (long long)locks);
		json_key(&e->w, "non_owning_conversions");
		json_int(&e->w, (long long)nonown);
	} else {
		fprintf(e->out, "paths:      %u explored\n", s->npaths);
		fprintf(e->out, "pruned:     %zu states found equivalent to safe ones\n", pruned);
		fprintf(e->out, "processed:  %u insns\n", sim_trace_insns_processed(s->trace));
		fprintf(e->out, "references: %zu acquired, %zu released, %zu handed to collections\n",
			acquired, released, nonown);
		fprintf(e->out, "locks:      %zu taken\n", locks);
	}
	/* every ownership event, in trace order, over all paths */
	if (!e->json && (acquired || locks || nonown))
		fprintf(e->out, "\n");
	section(e, "events", acquired || locks || nonown ? "ownership events:" : "");
	for (size_t k = 0; k < s->nev_steps; k++) {
		size_t st = s->ev_steps[k], n = sim_trace_event_count(s->trace, st);

		for (size_t i = 0; i < n; i++) {
			struct sim_trace_event ev;
			struct vm_lab lab;

			if (sim_trace_event_at(s->trace, st, i, &ev) || ev.kind != SIM_EV_LAB ||
			    vm_lab_parse(ev.text, &lab))
				continue;
			lab_sentence(&lab, ev.text, buf, sizeof(buf));
			text_or_json_item(e, "event", lab.insn, buf);
		}
	}
	section_end(e);
}

static void reverse_lineage(struct lineage *l)
{
	for (size_t i = 0; i < l->n / 2; i++) {
		size_t t = l->steps[i];

		l->steps[i] = l->steps[l->n - 1 - i];
		l->steps[l->n - 1 - i] = t;
	}
}

int explain_reg_history(struct vm_session *s, size_t step, int reg, FILE *out)
{
	struct story y = { .s = s, .reg = reg };
	int rc = 0;

	vm_lineage_walk(s, step, lineage_add, &y.lin);
	reverse_lineage(&y.lin);
	/* include @step itself: the history stops before the last lineage step */
	if (lineage_add(&y.lin, step) && collect_history(&y) == 0) {
		if (y.truncated)
			fprintf(out, "  (only the last %d steps of the path)\n", HISTORY_STEPS);
		for (size_t i = 0; i < y.nchanges; i++)
			fprintf(out, "  step %zu insn %d: %s  =>  R%d = %s%s\n", y.changes[i].step,
				y.changes[i].insn, s->insn_text[y.changes[i].insn], reg, y.changes[i].text,
				(long)i == y.origin ? "   <- got its type here" : "");
		if (!y.nchanges)
			fprintf(out, "  never written on this path\n");
	} else {
		rc = -1;
	}
	for (size_t i = 0; i < y.nchanges; i++)
		free(y.changes[i].text);
	free(y.changes);
	free(y.lin.steps);
	return rc;
}

int explain_print(struct vm_session *s, bool json, FILE *out)
{
	struct emit e = { .json = json, .out = out };
	struct story y = { .s = s, .reg = -1 };
	enum sim_verdict v = sim_trace_verdict(s->trace);
	int rc = 0;

	if (json) {
		json_init(&e.w, out);
		json_object_begin(&e.w);
		json_key(&e.w, "object");
		json_string(&e.w, s->obj_path);
		json_key(&e.w, "program");
		json_string(&e.w, s->pv->name);
		json_key(&e.w, "verdict");
		json_string(&e.w, vm_verdict_word(s));
	} else {
		fprintf(out, "program:    %s (%s)\nverdict:    %s\n", s->pv->name ? s->pv->name : "?",
			s->obj_path ? s->obj_path : "", vm_verdict_word(s));
	}
	if (v == SIM_ACCEPTED) {
		explain_accepted(s, &e);
	} else {
		long err_step = s->error_step >= 0 ? s->error_step : (long)s->nsteps - 1;

		vm_lineage_walk(s, (size_t)err_step, lineage_add, &y.lin);
		reverse_lineage(&y.lin);
		y.reg = explain_error_reg(sim_trace_error(s->trace));
		if (y.reg >= 0 && collect_history(&y))
			rc = -1;
		explain_rejected(&y, &e);
	}
	if (json)
		json_object_end(&e.w);
	for (size_t i = 0; i < y.nchanges; i++)
		free(y.changes[i].text);
	free(y.changes);
	free(y.lin.steps);
	return rc;
}
