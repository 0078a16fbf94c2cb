/* The model never prints to a terminal: everything it renders (disassembly,
 * states, logs, events) goes through a sim_out, a write callback chosen by the
 * caller. The TUI draws into a pane, the CLI writes to stdout, tests capture
 * into a buffer (sim_strbuf). */
#ifndef VERISTEP_SIM_PRINT_H
#define VERISTEP_SIM_PRINT_H

#include <stdarg.h>
#include <stddef.h>

struct sim_out {
	void (*write)(void *ctx, const char *s, size_t len);
	void *ctx;
};

void sim_printf(const struct sim_out *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sim_vprintf(const struct sim_out *out, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* A growable string: capture output for tests and for the trace. */
struct sim_strbuf {
	char *buf;   /* always NUL-terminated once anything was written */
	size_t len;
	size_t cap;
	int oom;     /* set if an allocation failed; content truncated */
};

/* A sim_out that appends to @sb. */
struct sim_out sim_strbuf_out(struct sim_strbuf *sb);
void sim_strbuf_reset(struct sim_strbuf *sb);
void sim_strbuf_free(struct sim_strbuf *sb);

#endif
