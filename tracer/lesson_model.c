/* Lessons: narrative and checkpoints (format in lesson_model.h). */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_model.h"
#include "view_model.h"

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 || len > (1 << 20) || fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc((size_t)len + 1);
	if (buf && fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[len] = '\0';
	fclose(f);
	return buf;
}

int vm_lesson_parse_checkpoints(struct vm_lesson *l, const char *text, char *err, size_t errlen)
{
	int lineno = 0;

	for (const char *p = text; p && *p;) {
		size_t n = strcspn(p, "\n");
		const char *q = p, *end = p + n;
		char *num_end;
		long insn;

		lineno++;
		while (q < end && isspace((unsigned char)*q))
			q++;
		if (q < end && *q != '#') {
			struct vm_checkpoint *cps;

			if (strncmp(q, "insn ", 5)) {
				snprintf(err, errlen, "line %d: expected 'insn N: text'", lineno);
				return -1;
			}
			insn = strtol(q + 5, &num_end, 10);
			if (num_end == q + 5 || *num_end != ':' || insn < 0) {
				snprintf(err, errlen, "line %d: expected 'insn N: text'", lineno);
				return -1;
			}
			q = num_end + 1;
			while (q < end && *q == ' ')
				q++;
			cps = realloc(l->cps, (l->ncps + 1) * sizeof(*cps));
			if (!cps) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			l->cps = cps;
			l->cps[l->ncps] = (struct vm_checkpoint){ (int)insn, strndup(q, (size_t)(end - q)), -1 };
			if (!l->cps[l->ncps].text) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			l->ncps++;
		}
		p = end;
		if (*p)
			p++;
	}
	return 0;
}

/* Title from the first "# " line; the narrative is the rest, paragraphs
 * kept, single newlines joined so the pane can wrap. */
static void split_markdown(struct vm_lesson *l, const char *md)
{
	size_t len = strlen(md), o = 0;
	char *out = malloc(len + 1);
	const char *p = md;

	if (!out)
		return;
	while (*p) {
		size_t n = strcspn(p, "\n");

		if (!l->title && !strncmp(p, "# ", 2)) {
			l->title = strndup(p + 2, n - 2);
		} else if (n == 0) {
			if (o && out[o - 1] != '\n')
				out[o++] = '\n';
		} else {
			if (o && out[o - 1] != '\n')
				out[o++] = ' ';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
		if (*p)
			p++;
	}
	out[o] = '\0';
	l->narrative = out;
}

struct vm_lesson *vm_lesson_load(const char *dir, char *err, size_t errlen)
{
	struct vm_lesson *l = calloc(1, sizeof(*l));
	char path[4096], *md, *cps;

	if (!l) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	l->current = -1;
	snprintf(path, sizeof(path), "%s/lesson.md", dir);
	md = read_file(path);
	if (!md) {
		snprintf(err, errlen, "cannot read '%s'", path);
		free(l);
		return NULL;
	}
	split_markdown(l, md);
	free(md);
	snprintf(path, sizeof(path), "%s/checkpoints", dir);
	cps = read_file(path);
	if (cps) {
		char perr[128];

		if (vm_lesson_parse_checkpoints(l, cps, perr, sizeof(perr))) {
			snprintf(err, errlen, "'%s' %s", path, perr);
			free(cps);
			vm_lesson_free(l);
			return NULL;
		}
		free(cps);
	}
	return l;
}

void vm_lesson_free(struct vm_lesson *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->ncps; i++)
		free(l->cps[i].text);
	free(l->cps);
	free(l->title);
	free(l->narrative);
	free(l);
}

void vm_lesson_follow(struct vm_lesson *l, struct vm_session *s)
{
	/* stepping back before a checkpoint un-reaches it */
	while (l->next > 0 && l->cps[l->next - 1].reached_step > (long)s->step) {
		l->cps[l->next - 1].reached_step = -1;
		l->next--;
	}
	if (l->next < l->ncps && l->cps[l->next].insn == vm_insn_of(s, s->step))
		l->cps[l->next++].reached_step = (long)s->step;
	l->current = (long)l->next - 1;
}

void vm_lesson_advance(struct vm_lesson *l, struct vm_session *s)
{
	int insn;

	if (l->next >= l->ncps) {
		snprintf(s->msg, sizeof(s->msg), "the lesson has no more checkpoints");
		return;
	}
	insn = l->cps[l->next].insn;
	for (size_t st = s->step + 1; st < s->nsteps; st++)
		if (vm_insn_of(s, st) == insn) {
			vm_goto_step(s, st);
			snprintf(s->msg, sizeof(s->msg), "checkpoint %zu/%zu at insn %d", l->next, l->ncps,
				 insn);
			return;
		}
	snprintf(s->msg, sizeof(s->msg), "checkpoint at insn %d is not reached after this step", insn);
}

const char *vm_lesson_text(const struct vm_lesson *l)
{
	if (l->current >= 0 && (size_t)l->current < l->ncps)
		return l->cps[l->current].text;
	return l->narrative ? l->narrative : "";
}

/* "# program: FILE[:PROG]" from the checkpoints file, into @file/@prog. */
void vm_lesson_program(const char *ldir, char *file, size_t flen, char *prog, size_t plen)
{
	char path[PATH_MAX + 16], line[512];
	FILE *f;

	file[0] = prog[0] = '\0';
	snprintf(path, sizeof(path), "%.4000s/checkpoints", ldir);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *colon;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '#')
			continue;
		p++;
		while (*p == ' ')
			p++;
		if (strncmp(p, "program:", 8))
			continue;
		p += 8;
		p += strspn(p, " \t");
		p[strcspn(p, " \t\r\n")] = '\0';
		colon = strchr(p, ':');
		if (colon) {
			*colon = '\0';
			snprintf(prog, plen, "%s", colon + 1);
		}
		snprintf(file, flen, "%s", p);
		break;
	}
	fclose(f);
}
