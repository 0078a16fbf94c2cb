/* sim_out plumbing: printf-style output through a caller's write callback. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"

void sim_vprintf(const struct sim_out *out, const char *fmt, va_list ap)
{
	char small[256];
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n < sizeof(small)) {
		out->write(out->ctx, small, (size_t)n);
	} else {
		char *big = malloc((size_t)n + 1);

		if (big) {
			vsnprintf(big, (size_t)n + 1, fmt, ap2);
			out->write(out->ctx, big, (size_t)n);
			free(big);
		}
	}
	va_end(ap2);
}

void sim_printf(const struct sim_out *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sim_vprintf(out, fmt, ap);
	va_end(ap);
}

static void strbuf_write(void *ctx, const char *s, size_t len)
{
	struct sim_strbuf *sb = ctx;

	if (sb->oom)
		return;
	if (sb->len + len + 1 > sb->cap) {
		size_t cap = sb->cap ? sb->cap : 256;
		char *nb;

		while (cap < sb->len + len + 1)
			cap *= 2;
		nb = realloc(sb->buf, cap);
		if (!nb) {
			sb->oom = 1;
			return;
		}
		sb->buf = nb;
		sb->cap = cap;
	}
	memcpy(sb->buf + sb->len, s, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

struct sim_out sim_strbuf_out(struct sim_strbuf *sb)
{
	return (struct sim_out){ .write = strbuf_write, .ctx = sb };
}

void sim_strbuf_reset(struct sim_strbuf *sb)
{
	sb->len = 0;
	sb->oom = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void sim_strbuf_free(struct sim_strbuf *sb)
{
	free(sb->buf);
	*sb = (struct sim_strbuf){ 0 };
}
