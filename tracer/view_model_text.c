/* Line producers shared by the TUI panes, the REPL and explain: registers
 * with their ownership marker, events, the reference table. The register
 * and slot text itself is the simulator's (sim_view_print_reg): the same
 * words as the kernel log, so new fields appear without changes here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view_model.h"
#include "view_print.h"

/* ---- lab event lines (kernel/README.md) ------------------------------- */

int vm_lab_parse(const char *text, struct vm_lab *out)
{
	const char *p = text;
	size_t n;

	memset(out, 0, sizeof(*out));
	out->ref = out->id = out->insn = -1;
	if (!p)
		return -1;
	if (!strncmp(p, "lab: ", 5))
		p += 5;
	n = strcspn(p, " ");
	if (!n || n >= sizeof(out->kind))
		return -1;
	memcpy(out->kind, p, n);
	p += n;
	while (*p == ' ') {
		char key[16], val[160];
		size_t kl, vl;

		p++;
		kl = strcspn(p, "=");
		if (!p[kl] || kl >= sizeof(key))
			return -1;
		memcpy(key, p, kl);
		key[kl] = '\0';
		p += kl + 1;
		vl = strcspn(p, " ");
		if (vl >= sizeof(val))
			vl = sizeof(val) - 1;
		memcpy(val, p, vl);
		val[vl] = '\0';
		p += strcspn(p, " ");
		if (!strcmp(key, "ref"))
			out->ref = atoi(val);
		else if (!strcmp(key, "id"))
			out->id = atoi(val);
		else if (!strcmp(key, "insn"))
			out->insn = atoi(val);
		else if (!strcmp(key, "regs"))
			snprintf(out->regs, sizeof(out->regs), "%s", val);
		else if (!strcmp(key, "by") || !strcmp(key, "cause"))
			snprintf(out->by, sizeof(out->by), "%.63s", val);
	}
	return 0;
}

bool vm_lab_lists(const struct vm_lab *lab, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = lab->regs; *p;) {
		size_t len = strcspn(p, ",");

		if (len == n && !strncmp(p, name, n))
			return true;
		p += len;
		if (*p == ',')
			p++;
	}
	return false;
}

/* ---- registers --------------------------------------------------------- */

/* Marker words, first match of each group wins: ownership, then nullness.
 * Owning: an allocated object the program holds (MEM_ALLOC, not yet handed
 * to a collection); non-owning: NON_OWN_REF (ref_convert_owning_non_owning). */
static const struct {
	uint32_t all, none;
	const char *word;
	enum vm_attr attr;
	int group;
} markers[] = {
	{ MEM_ALLOC | NON_OWN_REF, 0, "n-own", VM_A_NONOWN, 0 },
	{ MEM_ALLOC, NON_OWN_REF, "own", VM_A_OWN, 0 },
	{ PTR_UNTRUSTED, 0, "untrust", VM_A_WARN, 0 },
	{ MEM_RCU, 0, "rcu", VM_A_NONOWN, 0 },
	{ PTR_TRUSTED, 0, "trusted", VM_A_OWN, 0 },
	{ PTR_MAYBE_NULL, 0, "null?", VM_A_WARN, 1 },
};

const char *vm_reg_marker(const struct sim_reg *r, char *buf, size_t len, enum vm_attr *attr)
{
	bool done[2] = { false, false };
	size_t used = 0;

	buf[0] = '\0';
	if (attr)
		*attr = VM_A_NORMAL;
	if (r->type == SCALAR_VALUE || r->type == NOT_INIT)
		return buf;
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		if (done[markers[i].group] || (r->type & markers[i].all) != markers[i].all ||
		    (r->type & markers[i].none))
			continue;
		done[markers[i].group] = true;
		used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used ? "," : "", markers[i].word);
		if (attr && *attr == VM_A_NORMAL)
			*attr = markers[i].attr;
		if (used >= len)
			break;
	}
	return buf;
}

struct notes_ctx {
	struct vm_session *s;
	struct vm_reg_note *notes;
	size_t *steps;
	size_t n, cap;
};

static bool collect_event_steps(void *ctx, size_t step)
{
	struct notes_ctx *c = ctx;

	if (!sim_trace_event_count(c->s->trace, step))
		return true;
	if (c->n == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 32;
		size_t *p = realloc(c->steps, ncap * sizeof(*p));

		if (!p)
			return false;
		c->steps = p;
		c->cap = ncap;
	}
	c->steps[c->n++] = step;
	return true;
}

/* Walks the lineage only through steps with events: jumps the event
 * index instead of visiting every step, so a long loop costs little. */
static void lineage_event_steps(struct notes_ctx *c, size_t step)
{
	struct vm_session *s = c->s;
	long st = (long)step;

	while (st >= 0) {
		uint32_t p = vm_path_of(s, (size_t)st);
		size_t first = p < s->npaths ? s->paths[p].first : 0;
		long k;

		/* event steps of this path in [first, st], newest first */
		for (k = (long)s->nev_steps - 1; k >= 0 && s->ev_steps[k] > (size_t)st; k--)
			;
		for (; k >= 0 && s->ev_steps[k] >= first; k--)
			if (!collect_event_steps(c, s->ev_steps[k]))
				return;
		if (!p || p >= s->npaths)
			break;
		st = (long)s->paths[p].fork_step;
		/* the fork step itself belongs to the parent and is visited next */
	}
}

void vm_reg_notes(struct vm_session *s, size_t step, struct vm_reg_note notes[SIM_MAX_REG])
{
	struct notes_ctx c = { .s = s, .notes = notes };

	memset(notes, 0, sizeof(*notes) * SIM_MAX_REG);
	lineage_event_steps(&c, step);
	/* oldest first, so the newest event about a register wins */
	for (size_t k = c.n; k-- > 0;) {
		size_t n = sim_trace_event_count(s->trace, c.steps[k]);

		for (size_t i = 0; i < n; i++) {
			struct sim_trace_event ev;
			struct vm_lab lab;

			if (sim_trace_event_at(s->trace, c.steps[k], i, &ev) || ev.kind != SIM_EV_LAB ||
			    vm_lab_parse(ev.text, &lab) || !lab.regs[0])
				continue;
			for (int r = 0; r < SIM_MAX_REG; r++) {
				char name[8];

				snprintf(name, sizeof(name), "R%d", r);
				if (!vm_lab_lists(&lab, name))
					continue;
				notes[r].set = true;
				snprintf(notes[r].kind, sizeof(notes[r].kind), "%s", lab.kind);
				notes[r].insn = lab.insn;
				snprintf(notes[r].by, sizeof(notes[r].by), "%s", lab.by);
			}
		}
	}
	free(c.steps);
}

/* Is the note still about what the register holds? The event's effect is
 * visible in the type: a write since then would have replaced it. */
static bool note_applies(const struct vm_reg_note *n, const struct sim_reg *r)
{
	if (!n || !n->set)
		return false;
	if (!strcmp(n->kind, "non-owning"))
		return (r->type & NON_OWN_REF) != 0;
	if (!strcmp(n->kind, "rcu-untrusted"))
		return (r->type & PTR_UNTRUSTED) != 0;
	if (!strcmp(n->kind, "invalidate"))
		return r->type == SCALAR_VALUE || r->type == NOT_INIT;
	return false;
}

static void text_sb_write(void *ctx, const char *p, size_t len)
{
	struct sim_out o = sim_strbuf_out(ctx);

	o.write(o.ctx, p, len);
}

void vm_reg_line(const struct sim_state *st, int regno, const struct vm_reg_note *note,
		 struct sim_strbuf *sb, enum vm_attr *attr)
{
	const struct sim_func *f = sim_cur_frame(st);
	const struct sim_reg *r = &f->regs[regno];
	struct sim_out out = { text_sb_write, sb };
	char mark[32];
	enum vm_attr a = VM_A_NORMAL;

	vm_reg_marker(r, mark, sizeof(mark), &a);
	if (note_applies(note, r) && !strcmp(note->kind, "invalidate")) {
		snprintf(mark, sizeof(mark), "INVALID");
		a = VM_A_ERROR;
	}
	sim_printf(&out, "R%-2d ", regno);
	if (mark[0])
		sim_printf(&out, "[%s] ", mark);
	if (r->type == NOT_INIT)
		sim_printf(&out, "-");
	else
		sim_view_print_reg(&out, st, st->curframe, r);
	if (note_applies(note, r)) {
		if (!strcmp(note->kind, "invalidate"))
			sim_printf(&out, "  [invalidated at insn %d by %s]", note->insn, note->by);
		else if (!strcmp(note->kind, "non-owning"))
			sim_printf(&out, "  [non-owning since insn %d: %s]", note->insn, note->by);
		else
			sim_printf(&out, "  [untrusted since insn %d: %s]", note->insn, note->by);
	}
	if (attr)
		*attr = a;
}

void vm_event_line(const struct sim_trace_event *ev, struct sim_strbuf *sb, enum vm_attr *attr)
{
	struct sim_out out = { text_sb_write, sb };
	enum vm_attr a = VM_A_NORMAL;
	struct vm_lab lab;

	switch (ev->kind) {
	case SIM_EV_PUSH:
		sim_printf(&out, "branch: insn %s pushed for later", ev->text);
		break;
	case SIM_EV_POP:
		sim_printf(&out, "path done; resume at insn %s", ev->text);
		a = VM_A_DIM;
		break;
	case SIM_EV_PRUNED:
		sim_printf(&out, "pruned: insn %s equals a state known safe", ev->text);
		a = VM_A_DIM;
		break;
	case SIM_EV_ERROR:
		sim_printf(&out, "error: %s", ev->text);
		a = VM_A_ERROR;
		break;
	case SIM_EV_LAB:
		sim_printf(&out, "%s", ev->text);
		if (!vm_lab_parse(ev->text, &lab)) {
			if (!strcmp(lab.kind, "invalidate") || !strcmp(lab.kind, "rcu-untrusted"))
				a = VM_A_ERROR;
			else if (!strcmp(lab.kind, "non-owning"))
				a = VM_A_NONOWN;
			else
				a = VM_A_OWN;
		}
		break;
	}
	if (attr)
		*attr = a;
}

/* mirrors the table kinds of enum ref_state_type, for display */
static const struct {
	uint32_t type;
	const char *name;
} ref_kinds[] = {
	{ SIM_REF_TYPE_PTR, "ref" },         { SIM_REF_TYPE_IRQ, "irq" },
	{ SIM_REF_TYPE_LOCK, "lock" },       { SIM_REF_TYPE_RES_LOCK, "res_lock" },
	{ SIM_REF_TYPE_RES_LOCK_IRQ, "res_lock_irq" },
};

void vm_refs_text(const struct sim_state *st, struct sim_strbuf *sb)
{
	struct sim_out out = { text_sb_write, sb };

	for (uint32_t i = 0; i < st->acquired_refs; i++) {
		const struct sim_ref *r = &st->refs[i];
		const char *kind = "?";

		for (size_t k = 0; k < sizeof(ref_kinds) / sizeof(ref_kinds[0]); k++)
			if (r->type == ref_kinds[k].type)
				kind = ref_kinds[k].name;
		sim_printf(&out, "%s id=%d insn=%d", kind, r->id, r->insn);
		if (r->parent_id)
			sim_printf(&out, " parent=%d", r->parent_id);
		sim_printf(&out, "\n");
	}
	if (!st->acquired_refs)
		sim_printf(&out, "no references held\n");
	if (st->active_locks)
		sim_printf(&out, "lock held: id=%u (%u active)\n", st->active_lock_id, st->active_locks);
	else
		sim_printf(&out, "no lock held\n");
	sim_printf(&out, "rcu depth %u, preempt off %u%s\n", st->active_rcu_locks,
		   st->active_preempt_locks, st->in_sleepable ? ", sleepable" : "");
}
