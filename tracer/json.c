/* Streaming JSON writer (json.h). */
#include "json.h"

#include <stdint.h>
#include <string.h>

void json_init(struct json_writer *w, FILE *out)
{
	*w = (struct json_writer){ .out = out };
}

/* Before any value: a comma if a sibling came first (not after a key). */
static void before_value(struct json_writer *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0 && w->depth <= JSON_MAX_DEPTH) {
		if (w->need_comma[w->depth - 1])
			fputs(", ", w->out);
		w->need_comma[w->depth - 1] = true;
	}
}

static void open_nest(struct json_writer *w, char c)
{
	before_value(w);
	fputc(c, w->out);
	if (w->depth < JSON_MAX_DEPTH)
		w->need_comma[w->depth] = false;
	w->depth++;
}

static void close_nest(struct json_writer *w, char c)
{
	fputc(c, w->out);
	if (w->depth > 0)
		w->depth--;
	if (w->depth == 0)
		fputc('\n', w->out);
}

void json_object_begin(struct json_writer *w) { open_nest(w, '{'); }
void json_object_end(struct json_writer *w) { close_nest(w, '}'); }
void json_array_begin(struct json_writer *w) { open_nest(w, '['); }
void json_array_end(struct json_writer *w) { close_nest(w, ']'); }

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	size_t n;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

static void write_escaped(FILE *out, const char *str, size_t len)
{
	static const char *const short_escape[0x20] = {
		['\b'] = "\\b", ['\f'] = "\\f", ['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t",
	};
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	fputc('"', out);
	while (i < len) {
		unsigned char c = s[i];
		size_t n;

		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
			i++;
		} else if (c < 0x20) {
			if (short_escape[c])
				fputs(short_escape[c], out);
			else
				fprintf(out, "\\u%04x", c);
			i++;
		} else if ((n = utf8_len(s + i, len - i)) == 0) {
			fputs("\\ufffd", out);
			i++;
		} else {
			fwrite(s + i, 1, n, out);
			i += n;
		}
	}
	fputc('"', out);
}

void json_key(struct json_writer *w, const char *key)
{
	before_value(w);
	write_escaped(w->out, key, strlen(key));
	fputs(": ", w->out);
	w->after_key = true;
}

void json_string_len(struct json_writer *w, const char *s, size_t len)
{
	before_value(w);
	write_escaped(w->out, s, len);
}

void json_string(struct json_writer *w, const char *s)
{
	if (!s) {
		json_null(w);
		return;
	}
	json_string_len(w, s, strlen(s));
}

void json_int(struct json_writer *w, long long v)
{
	before_value(w);
	fprintf(w->out, "%lld", v);
}

void json_bool(struct json_writer *w, bool v)
{
	before_value(w);
	fputs(v ? "true" : "false", w->out);
}

void json_null(struct json_writer *w)
{
	before_value(w);
	fputs("null", w->out);
}
