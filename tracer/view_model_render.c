/* Layout and drawing of the panes into a vm_screen (view_model.h).
 *
 * The screen is a title row, a body and a status row. The body's bottom
 * holds the full-width panes (lesson, kernel, events); the rest is two
 * columns: source over listing on the left, registers, stack and
 * references on the right. Every pane is a header row and its lines;
 * a line too long for its pane ends in '>' so nothing ever overflows.
 * Column 0 of a line carries its marker ('>' current, '*' changed at this
 * step, 'B' breakpoint, 'D' where the kernel diverges) so the screen reads
 * the same without colour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_model.h"
#include "view_model.h"
#include "view_model_kernel.h"
#include "view_print.h"

struct rect {
	int y, x, h, w;
};

int vm_screen_init(struct vm_screen *scr, int rows, int cols)
{
	if (rows < 1 || cols < 1)
		return -1;
	free(scr->text);
	free(scr->attr);
	scr->rows = rows;
	scr->cols = cols;
	scr->text = malloc((size_t)rows * (size_t)cols);
	scr->attr = malloc((size_t)rows * (size_t)cols);
	if (!scr->text || !scr->attr)
		return -1;
	memset(scr->text, ' ', (size_t)rows * (size_t)cols);
	memset(scr->attr, VM_A_NORMAL, (size_t)rows * (size_t)cols);
	return 0;
}

void vm_screen_free(struct vm_screen *scr)
{
	free(scr->text);
	free(scr->attr);
	scr->text = NULL;
	scr->attr = NULL;
}

void vm_screen_text(const struct vm_screen *scr, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	for (int y = 0; y < scr->rows; y++) {
		int len = scr->cols;

		while (len > 0 && scr->text[y * scr->cols + len - 1] == ' ')
			len--;
		out.write(out.ctx, scr->text + y * scr->cols, (size_t)len);
		out.write(out.ctx, "\n", 1);
	}
}

/* Write @s at row @y of @r, clipped; a clipped line ends in '>'. Tabs
 * become spaces, control bytes '?'. */
static void put_line(struct vm_screen *scr, const struct rect *r, int y, const char *s,
		     enum vm_attr attr, bool fill)
{
	int row = r->y + y, len = (int)strlen(s);
	char *t;
	uint8_t *a;

	if (y < 0 || y >= r->h || row >= scr->rows)
		return;
	t = scr->text + row * scr->cols + r->x;
	a = scr->attr + row * scr->cols + r->x;
	for (int x = 0; x < r->w && r->x + x < scr->cols; x++) {
		char c = x < len ? s[x] : ' ';

		if (c == '\t')
			c = ' ';
		else if ((unsigned char)c < ' ' || (unsigned char)c > '~')
			c = x < len ? '?' : ' ';
		t[x] = c;
		if (x < len || fill)
			a[x] = (uint8_t)attr;
	}
	if (len > r->w && r->w > 0)
		t[r->w - 1] = '>';
}

static void header(struct vm_screen *scr, const struct rect *r, const char *title)
{
	char buf[512];
	int n = snprintf(buf, sizeof(buf), "-- %s ", title);

	while (n < (int)sizeof(buf) - 1 && n < r->w)
		buf[n++] = '-';
	buf[n < (int)sizeof(buf) ? n : (int)sizeof(buf) - 1] = '\0';
	put_line(scr, r, 0, buf, VM_A_HEADER, true);
}

static struct rect body_of(const struct rect *r)
{
	return (struct rect){ r->y + 1, r->x, r->h > 0 ? r->h - 1 : 0, r->w };
}

/* ---- panes --------------------------------------------------------------- */

static void draw_source(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	struct rect b = body_of(r);
	int insn = vm_insn_of(s, s->step);
	const struct sim_line_view *cur = s->pv->lines && insn >= 0 ? &s->pv->lines[insn] : NULL;
	long at = -1, first;
	char buf[512], title[128];

	snprintf(title, sizeof(title), "Source%s%s", cur && cur->file ? " " : "",
		 cur && cur->file ? (strrchr(cur->file, '/') ? strrchr(cur->file, '/') + 1 : cur->file) : "");
	header(scr, r, title);
	if (!s->nsrc) {
		put_line(scr, &b, 0, "  (no line info in this object)", VM_A_DIM, false);
		return;
	}
	for (size_t i = 0; i < s->nsrc; i++)
		if (cur && s->src[i].line == cur->line)
			at = (long)i;
	first = at < 0 ? 0 : at - b.h / 2;
	if (first + b.h > (long)s->nsrc)
		first = (long)s->nsrc - b.h;
	if (first < 0)
		first = 0;
	for (int y = 0; y < b.h && first + y < (long)s->nsrc; y++) {
		const struct vm_source_line *l = &s->src[first + y];
		const char *t = l->text;

		while (*t == ' ' || *t == '\t')
			t++;
		snprintf(buf, sizeof(buf), "%c%4u %s", first + y == at ? '>' : ' ', l->line, t);
		put_line(scr, &b, y, buf, first + y == at ? VM_A_CURRENT : VM_A_NORMAL, first + y == at);
	}
}

static void draw_listing(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	struct rect b = body_of(r);
	int insn = vm_insn_of(s, s->step), n = s->pv->insn_cnt;
	int above = b.h / 2, first = insn, y;
	char buf[512], title[96];

	snprintf(title, sizeof(title), "Listing: insn %d of %d", insn, n);
	header(scr, r, title);
	/* walk up @above visible instructions (LD_IMM64 tails are not shown) */
	while (first > 0 && above > 0) {
		first--;
		if (!sim_view_insn_is_ldimm64_tail(s->pv, first))
			above--;
	}
	for (y = 0; first < n && y < b.h; first++) {
		enum vm_attr a = VM_A_NORMAL;
		char m0 = ' ', m1 = ' ', m2 = ' ';

		if (sim_view_insn_is_ldimm64_tail(s->pv, first))
			continue;
		if (s->on_path[first]) {
			m2 = '|';
			a = VM_A_PATH;
		}
		if (s->bp[first]) {
			m1 = 'B';
			a = VM_A_BREAK;
		}
		if (first == s->diverge_insn) {
			m1 = 'D';
			a = VM_A_ERROR;
		}
		if (first == insn) {
			m0 = '>';
			a = s->error_step == (long)s->step ? VM_A_ERROR : VM_A_CURRENT;
		}
		snprintf(buf, sizeof(buf), "%c%c%c%4d: %s", m0, m1, m2, first, s->insn_text[first]);
		put_line(scr, &b, y++, buf, a, first == insn);
	}
}

static void draw_regs(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	const struct sim_state *st = vm_state(s);
	struct rect b = body_of(r);
	struct vm_reg_note notes[SIM_MAX_REG];
	struct sim_strbuf cur = { 0 }, old = { 0 };
	char title[64];

	snprintf(title, sizeof(title), "Registers%s", st && st->curframe ? " (callee frame)" : "");
	header(scr, r, title);
	if (!st) {
		put_line(scr, &b, 0, " (state unavailable)", VM_A_ERROR, false);
		return;
	}
	vm_reg_notes(s, s->step, notes);
	const struct sim_state *prev = vm_prev_state(s);
	st = vm_state(s);
	for (int i = 0; i < SIM_MAX_REG && i < b.h; i++) {
		enum vm_attr a;
		bool changed = false;

		sim_strbuf_reset(&cur);
		vm_reg_line(st, i, &notes[i], &cur, &a);
		if (prev && prev->curframe == st->curframe) {
			sim_strbuf_reset(&old);
			vm_reg_line(prev, i, &notes[i], &old, NULL);
			changed = !old.buf || strcmp(old.buf, cur.buf ? cur.buf : "");
		}
		if (!cur.buf)
			continue;
		{
			char line[600];

			snprintf(line, sizeof(line), "%c%s", changed ? '*' : ' ', cur.buf);
			put_line(scr, &b, i, line, changed && a == VM_A_NORMAL ? VM_A_CHANGED : a, false);
			if (changed)
				scr->attr[(b.y + i) * scr->cols + b.x] = VM_A_CHANGED;
		}
	}
	sim_strbuf_free(&cur);
	sim_strbuf_free(&old);
}

static void render_sb_write(void *ctx, const char *p, size_t len)
{
	struct sim_out o = sim_strbuf_out(ctx);

	o.write(o.ctx, p, len);
}

static void draw_stack(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	const struct sim_state *st = vm_state(s), *prev = vm_prev_state(s);
	struct rect b = body_of(r);
	struct sim_strbuf cur = { 0 }, old = { 0 };
	struct sim_out co = { render_sb_write, &cur }, oo = { render_sb_write, &old };
	int y = 0, slots;

	st = vm_state(s);
	header(scr, r, "Stack");
	if (!st)
		return;
	slots = sim_cur_frame(st)->allocated_stack / SIM_REG_SIZE;
	for (int i = 0; i < slots && y < b.h; i++) {
		bool changed;
		char line[600];

		sim_strbuf_reset(&cur);
		if (!sim_view_print_slot(&co, st, st->curframe, i))
			continue;
		sim_strbuf_reset(&old);
		changed = !prev || prev->curframe != st->curframe ||
			  !sim_view_print_slot(&oo, prev, prev->curframe, i) || strcmp(old.buf, cur.buf);
		snprintf(line, sizeof(line), "%c%s", changed ? '*' : ' ', cur.buf);
		put_line(scr, &b, y++, line, changed ? VM_A_CHANGED : VM_A_NORMAL, false);
	}
	if (!y)
		put_line(scr, &b, 0, " (nothing on the stack)", VM_A_DIM, false);
	sim_strbuf_free(&cur);
	sim_strbuf_free(&old);
}

/* Lines of @text into the rect, starting at line @skip. */
static int put_text(struct vm_screen *scr, const struct rect *b, int y, const char *text,
		    const char *prefix, enum vm_attr attr)
{
	char line[600];

	for (const char *p = text; p && *p && y < b->h;) {
		size_t n = strcspn(p, "\n");

		snprintf(line, sizeof(line), "%s%.*s", prefix, (int)(n < 500 ? n : 500), p);
		put_line(scr, b, y++, line, attr, false);
		p += n;
		if (*p)
			p++;
	}
	return y;
}

static void draw_refs(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	const struct sim_state *st = vm_state(s), *prev = vm_prev_state(s);
	struct rect b = body_of(r);
	struct sim_strbuf cur = { 0 }, old = { 0 };

	st = vm_state(s);
	header(scr, r, "References, lock, RCU");
	if (!st)
		return;
	vm_refs_text(st, &cur);
	if (prev)
		vm_refs_text(prev, &old);
	put_text(scr, &b, 0, cur.buf, prev && strcmp(cur.buf, old.buf) ? "*" : " ",
		 prev && strcmp(cur.buf, old.buf) ? VM_A_CHANGED : VM_A_NORMAL);
	sim_strbuf_free(&cur);
	sim_strbuf_free(&old);
}

static void draw_events(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	struct rect b = body_of(r);
	long k;
	int lines = 0, y;
	char title[96];

	snprintf(title, sizeof(title), "Events (%zu steps with events)", s->nev_steps);
	header(scr, r, title);
	if (b.h <= 0)
		return;
	/* the events at or before the cursor, newest at the bottom */
	for (k = (long)s->nev_steps - 1; k >= 0 && s->ev_steps[k] > s->step; k--)
		;
	{
		long j = k;

		while (j >= 0 && lines < b.h)
			lines += (int)sim_trace_event_count(s->trace, s->ev_steps[j--]);
		k = j + 1;
	}
	y = b.h - (lines < b.h ? lines : b.h);
	y = 0;
	{
		int skip = lines > b.h ? lines - b.h : 0;

		for (; k >= 0 && (size_t)k < s->nev_steps && s->ev_steps[k] <= s->step; k++) {
			size_t st = s->ev_steps[k], n = sim_trace_event_count(s->trace, st);

			for (size_t i = 0; i < n; i++) {
				struct sim_trace_event ev;
				struct sim_strbuf sb = { 0 };
				enum vm_attr a;
				char line[600];

				if (sim_trace_event_at(s->trace, st, i, &ev))
					continue;
				if (skip) {
					skip--;
					continue;
				}
				vm_event_line(&ev, &sb, &a);
				snprintf(line, sizeof(line), "%c%7zu %4d %s", st == s->step ? '>' : ' ', st,
					 vm_insn_of(s, st), sb.buf ? sb.buf : "");
				sim_strbuf_free(&sb);
				put_line(scr, &b, y++, line, st == s->step && a == VM_A_NORMAL ? VM_A_CURRENT : a,
					 false);
			}
		}
	}
	if (!y)
		put_line(scr, &b, 0, " (no events yet: step forward with s, e jumps to the next)",
			 VM_A_DIM, false);
}

static void draw_kernel(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	struct rect b = body_of(r);
	struct sim_strbuf sb = { 0 };
	int y = 0;

	header(scr, r, "Kernel 7.3 vs simulation");
	if (!s->kernel) {
		put_line(scr, &b, 0, " press k (or :run) to load the program into the lab kernel",
			 VM_A_DIM, false);
		return;
	}
	vm_kernel_text(s->kernel, s, &sb);
	for (const char *p = sb.buf; p && *p && y < b.h;) {
		size_t n = strcspn(p, "\n");
		char line[600];
		enum vm_attr a = VM_A_NORMAL;

		snprintf(line, sizeof(line), "%.*s", (int)(n < 590 ? n : 590), p);
		if (!strncmp(line, "DISAGREE", 8) || !strncmp(line, "first divergence", 16) ||
		    !strncmp(line, " differs", 8))
			a = VM_A_ERROR;
		else if (!strncmp(line, "AGREE", 5))
			a = VM_A_GOOD;
		put_line(scr, &b, y++, line, a, false);
		p += n;
		if (*p)
			p++;
	}
	sim_strbuf_free(&sb);
}

static void draw_lesson(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	struct rect b = body_of(r);
	char title[160];

	snprintf(title, sizeof(title), "Lesson: %s (%zu/%zu checkpoints, space: next)",
		 s->lesson && s->lesson->title ? s->lesson->title : "none",
		 s->lesson ? (size_t)(s->lesson->current + 1) : 0, s->lesson ? s->lesson->ncps : 0);
	header(scr, r, title);
	if (!s->lesson)
		return;
	/* wrap the text to the pane width */
	{
		const char *p = vm_lesson_text(s->lesson);
		int y = 0, w = b.w - 1 > 10 ? b.w - 1 : 10;
		char line[600];

		while (p && *p && y < b.h) {
			int n = 0, cut;

			while (p[n] && p[n] != '\n' && n < w)
				n++;
			cut = n;
			if (p[n] && p[n] != '\n') {
				while (cut > 0 && p[cut] != ' ')
					cut--;
				if (!cut)
					cut = n;
			}
			snprintf(line, sizeof(line), " %.*s", cut, p);
			put_line(scr, &b, y++, line, VM_A_NORMAL, false);
			p += cut;
			while (*p == ' ')
				p++;
			if (*p == '\n')
				p++;
		}
	}
}

static void draw_help(struct vm_session *s, struct vm_screen *scr, const struct rect *r)
{
	static const struct {
		const char *keys, *help;
	} cmds[] = {
#define VM_HELP_ROW(e, keys, help) { keys, help },
		VM_COMMANDS(VM_HELP_ROW)
#undef VM_HELP_ROW
	};
	static const struct {
		char key;
		const char *name, *help;
	} panes[] = {
#define VM_PANE_HELP(e, key, name, help) { key, name, help },
		VM_PANES(VM_PANE_HELP)
#undef VM_PANE_HELP
	};
	struct rect b = body_of(r);
	char lines[64][160];
	int n = 0, ncols, per;

	header(scr, r, "Help (any key closes)");
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]) && n < 64; i++)
		snprintf(lines[n++], sizeof(lines[0]), " %-6s %s", cmds[i].keys, cmds[i].help);
	snprintf(lines[n++], sizeof(lines[0]), " markers: > current * changed B break");
	snprintf(lines[n++], sizeof(lines[0]), "   | on path  D kernel diverges");
	snprintf(lines[n++], sizeof(lines[0]), " regs: [own] [n-own] non-owning [trusted]");
	snprintf(lines[n++], sizeof(lines[0]), "   [rcu] [untrust] [null?] [INVALID]");
	for (size_t i = 0; i < sizeof(panes) / sizeof(panes[0]) && n < 64; i++)
		snprintf(lines[n++], sizeof(lines[0]), " %c %-10s %s", panes[i].key, panes[i].name,
			 panes[i].help);
	if (b.h <= 0)
		return;
	/* flow into as many columns as the height needs */
	ncols = (n + b.h - 1) / b.h;
	per = b.h;
	for (int c = 0; c < ncols; c++) {
		struct rect col = { b.y, b.x + c * (b.w / ncols), b.h, b.w / ncols };

		for (int k = 0; k < per && c * per + k < n; k++)
			put_line(scr, &col, k, lines[c * per + k],
				 c * per + k < (int)(sizeof(cmds) / sizeof(cmds[0])) ? VM_A_NORMAL : VM_A_DIM,
				 false);
	}
	(void)s;
}

/* ---- layout -------------------------------------------------------------- */

static void draw_title(struct vm_session *s, struct vm_screen *scr)
{
	struct rect r = { 0, 0, 1, scr->cols };
	char buf[512];
	uint32_t path = vm_path_of(s, s->step);

	snprintf(buf, sizeof(buf), " %s | step %zu/%zu | path %u/%u | insn %d | %s%s%s",
		 s->pv->name ? s->pv->name : "?", s->step, s->nsteps - 1, path, s->npaths,
		 vm_insn_of(s, s->step), vm_verdict_word(s),
		 sim_trace_error(s->trace) ? ": " : "",
		 sim_trace_error(s->trace) ? sim_trace_error(s->trace) : "");
	put_line(scr, &r, 0, buf, VM_A_TITLE, true);
}

static void draw_status(struct vm_session *s, struct vm_screen *scr)
{
	struct rect r = { scr->rows - 1, 0, 1, scr->cols };
	static const char *const prompts[] = {
		[VM_INPUT_GOTO] = "go to insn: ", [VM_INPUT_SEARCH] = "search: ",
		[VM_INPUT_COMMAND] = ":",
	};
	char buf[512];

	if (s->input != VM_INPUT_NONE)
		snprintf(buf, sizeof(buf), "%s%.*s_", prompts[s->input], (int)s->inlen, s->inbuf);
	else if (s->msg[0])
		snprintf(buf, sizeof(buf), " %s", s->msg);
	else
		snprintf(buf, sizeof(buf), " s/r step  e/E event  ]/[ branch  x error  g goto  k kernel  ? help  q quit");
	put_line(scr, &r, 0, buf, VM_A_STATUS, true);
}

/* Stack panes top to bottom in @r with the given heights (0 = the rest). */
struct slot {
	enum vm_pane pane;
	int h;
};

static void draw_pane(struct vm_session *s, struct vm_screen *scr, enum vm_pane p,
		      const struct rect *r)
{
	static void (*const draw[VM_PANE_COUNT])(struct vm_session *, struct vm_screen *,
						 const struct rect *) = {
		[VM_PANE_SOURCE] = draw_source, [VM_PANE_LISTING] = draw_listing,
		[VM_PANE_REGS] = draw_regs,     [VM_PANE_STACK] = draw_stack,
		[VM_PANE_REFS] = draw_refs,     [VM_PANE_EVENTS] = draw_events,
		[VM_PANE_KERNEL] = draw_kernel, [VM_PANE_LESSON] = draw_lesson,
	};

	if (r->h > 0 && r->w > 0)
		draw[p](s, scr, r);
}

static void column(struct vm_session *s, struct vm_screen *scr, struct rect r,
		   const struct slot *slots, int n)
{
	int fixed = 0, flex = 0, y = r.y;

	for (int i = 0; i < n; i++)
		if (s->show[slots[i].pane]) {
			if (slots[i].h)
				fixed += slots[i].h;
			else
				flex++;
		}
	for (int i = 0; i < n; i++) {
		int h;

		if (!s->show[slots[i].pane])
			continue;
		h = slots[i].h ? slots[i].h : (r.h - fixed) / (flex ? flex : 1);
		if (y + h > r.y + r.h)
			h = r.y + r.h - y;
		if (h <= 0)
			continue;
		draw_pane(s, scr, slots[i].pane, &(struct rect){ y, r.x, h, r.w });
		y += h;
	}
}

void vm_render(struct vm_session *s, struct vm_screen *scr)
{
	int body_h = scr->rows - 2, bottom = 0, left_w, y;
	struct rect body;

	memset(scr->text, ' ', (size_t)scr->rows * (size_t)scr->cols);
	memset(scr->attr, VM_A_NORMAL, (size_t)scr->rows * (size_t)scr->cols);
	vm_state(s);
	draw_title(s, scr);
	if (scr->rows >= 2)
		draw_status(s, scr);
	if (body_h <= 0)
		return;
	body = (struct rect){ 1, 0, body_h, scr->cols };
	if (s->help) {
		draw_help(s, scr, &body);
		return;
	}
	/* full-width panes at the bottom, sized to the screen */
	{
		int ev = s->show[VM_PANE_EVENTS] ? (body_h >= 30 ? 8 : body_h >= 20 ? 5 : 3) : 0;
		int kr = s->show[VM_PANE_KERNEL] ? (body_h >= 30 ? 12 : 8) : 0;
		int ls = s->show[VM_PANE_LESSON] && s->lesson ? (body_h >= 30 ? 8 : 5) : 0;

		if (ev + kr + ls > body_h - 6) {  /* keep room for the columns */
			ev = ev ? 3 : 0;
			kr = kr ? 6 : 0;
			ls = ls ? 4 : 0;
		}
		bottom = ev + kr + ls;
		if (bottom > body_h)
			bottom = body_h;
		y = 1 + body_h - bottom;
		if (ls) {
			draw_pane(s, scr, VM_PANE_LESSON, &(struct rect){ y, 0, ls, scr->cols });
			y += ls;
		}
		if (kr) {
			draw_pane(s, scr, VM_PANE_KERNEL, &(struct rect){ y, 0, kr, scr->cols });
			y += kr;
		}
		if (ev)
			draw_pane(s, scr, VM_PANE_EVENTS, &(struct rect){ y, 0, ev, scr->cols });
	}
	body.h -= bottom;
	if (body.h <= 0)
		return;
	left_w = scr->cols * 48 / 100;
	if (!s->show[VM_PANE_REGS] && !s->show[VM_PANE_STACK] && !s->show[VM_PANE_REFS])
		left_w = scr->cols;
	if (!s->show[VM_PANE_SOURCE] && !s->show[VM_PANE_LISTING])
		left_w = 0;
	{
		int src_h = body.h >= 24 ? 8 : body.h >= 14 ? 4 : 3;
		const struct slot left[] = { { VM_PANE_SOURCE, src_h }, { VM_PANE_LISTING, 0 } };
		int stack_h = body.h - 12 > 4 ? (body.h - 12) / 2 : 3;
		const struct slot right[] = { { VM_PANE_REGS, SIM_MAX_REG + 1 },
					      { VM_PANE_STACK, stack_h },
					      { VM_PANE_REFS, 0 } };

		if (!s->show[VM_PANE_LISTING])
			src_h = 0;
		if (left_w)
			column(s, scr, (struct rect){ body.y, 0, body.h, left_w - 1 }, left, 2);
		if (left_w < scr->cols)
			column(s, scr, (struct rect){ body.y, left_w, body.h, scr->cols - left_w },
			       right, 3);
		/* a one-column gutter between the columns */
		if (left_w && left_w < scr->cols)
			for (int r = body.y; r < body.y + body.h; r++)
				scr->text[r * scr->cols + left_w - 1] = '|';
	}
}
