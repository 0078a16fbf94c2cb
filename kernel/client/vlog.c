/* Reading a 7.3 verifier log: the classic error line, its instruction, the
 * instruction count and the lab event lines (kernel/README.md).
 *
 * The shape of a rejection in 7.3 (kernel/bpf/verifier.c, log.c,
 * diagnostics.c):
 *
 *   12: (79) r1 = *(u64 *)(r0 +0)          <- instruction being checked
 *   R0 invalid mem access 'map_value_or_null'   <- verbose(): the classic error
 *                                                   (sometimes two lines: the last counts)
 *   (empty line)
 *   Verification failed: <category>: <Problem>   <- bpf_diag_header()
 *   Reason: ... At: ... Suggestion: ...
 *   processed 5 insns (limit 1000000) ...
 *
 * Without a diagnostics block (some errors have none), the classic error is
 * the line just before "processed N insns", or failing that the last line.
 */
#include <stdlib.h>
#include <string.h>

#include "kclient.h"

struct line {
	const char *p;
	size_t len;
};

static bool starts(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->len >= n && !memcmp(l->p, prefix, n);
}

static bool blank(const struct line *l)
{
	for (size_t i = 0; i < l->len; i++)
		if (l->p[i] != ' ' && l->p[i] != '\t' && l->p[i] != '\r')
			return false;
	return true;
}

/* "12: (79) r1 = ..." is an instruction line; "12: R0=..." (a state) is not. */
static long insn_index(const struct line *l)
{
	size_t i = 0;
	long v = 0;

	while (i < l->len && l->p[i] >= '0' && l->p[i] <= '9' && i < 9)
		v = v * 10 + (l->p[i++] - '0');
	if (i == 0 || i + 3 > l->len || l->p[i] != ':' || l->p[i + 1] != ' ' || l->p[i + 2] != '(')
		return -1;
	return v;
}

static char *dup_line(const struct line *l)
{
	char *s = malloc(l->len + 1);

	if (s) {
		memcpy(s, l->p, l->len);
		s[l->len] = '\0';
	}
	return s;
}

static int last_nonblank_before(const struct line *lines, int end)
{
	for (int i = end - 1; i >= 0; i--)
		if (!blank(&lines[i]))
			return i;
	return -1;
}

int kc_parse_log(struct kc_program *p)
{
	struct line *lines;
	size_t n = 0, cap = 64, nev = 0;
	const char *s = p->log ? p->log : "", *end = s + strlen(s);
	int block = -1, processed = -1, err_line = -1;
	bool glued = false;

	p->error = NULL;
	p->error_insn = -1;
	p->insns_processed = -1;
	p->events = NULL;
	p->nevents = 0;
	lines = malloc(cap * sizeof(*lines));
	if (!lines)
		return -1;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (n == cap) {
			struct line *more = realloc(lines, 2 * cap * sizeof(*lines));

			if (!more)
				goto oom;
			lines = more;
			cap *= 2;
		}
		lines[n].p = s;
		lines[n].len = len;
		n++;
		s += len + (nl ? 1 : 0);
	}
	for (size_t i = 0; i < n; i++) {
		if (block < 0 && starts(&lines[i], "Verification failed:"))
			block = (int)i;
		if (starts(&lines[i], "processed ") && strstr(lines[i].p, " insns")) {
			processed = (int)i;
			p->insns_processed = strtol(lines[i].p + strlen("processed "), NULL, 10);
		} else if (processed < 0 && memmem(lines[i].p, lines[i].len, " insns (limit", 13)) {
			const char *at = memmem(lines[i].p, lines[i].len, "processed ", 10);

			if (at) { /* glued to a message printed without its newline */
				processed = (int)i;
				glued = true;
				p->insns_processed = strtol(at + strlen("processed "), NULL, 10);
			}
		}
		if (starts(&lines[i], "lab: "))
			nev++;
	}
	if (nev) {
		p->events = calloc(nev, sizeof(*p->events));
		if (!p->events)
			goto oom;
		for (size_t i = 0; i < n; i++)
			if (starts(&lines[i], "lab: ") && !(p->events[p->nevents++] = dup_line(&lines[i])))
				goto oom;
	}
	if (!p->accepted && n) {
		if (block >= 0)
			err_line = last_nonblank_before(lines, block);
		else if (processed >= 0)
			err_line = glued ? processed : last_nonblank_before(lines, processed);
		else
			err_line = last_nonblank_before(lines, (int)n);
	}
	/* is_state_visited()'s infinite loop report ends with the two states */
	if (err_line >= 2 && starts(&lines[err_line], "old state:") &&
	    starts(&lines[err_line - 1], "cur state:"))
		err_line -= 2;
	/* 7.3's statistics (BPF_LOG_STATS, print_verification_stats()) follow
	 * the error: the verification time, the stack depth and a line per
	 * subprogram */
	while (err_line > 0 &&
	       ((starts(&lines[err_line], "subprog ") &&
		 memmem(lines[err_line].p, lines[err_line].len, " insns_self ", 12)) ||
		starts(&lines[err_line], "stack depth max ") ||
		starts(&lines[err_line], "verification time ")))
		err_line = last_nonblank_before(lines, err_line);
	if (err_line >= 0) {
		struct line l = lines[err_line];
		const char *at = memmem(l.p, l.len, "processed ", 10);

		/* a message the kernel prints without its newline runs into
		 * the statistics line ("...tail callprocessed 3 insns"): the
		 * error is the text before them */
		if (glued && at && at > l.p)
			l.len = (size_t)(at - l.p);
		p->error = dup_line(&l);
		if (!p->error)
			goto oom;
		for (int i = err_line - 1; i >= 0 && p->error_insn < 0; i--)
			p->error_insn = insn_index(&lines[i]);
	}
	free(lines);
	return 0;
oom:
	free(lines);
	return -1;
}
