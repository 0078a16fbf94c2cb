/* A small streaming JSON writer: values are written as they come, commas
 * and nesting handled here. Strings are escaped per RFC 8259; bytes that
 * are not valid UTF-8 become U+FFFD, so the output always parses. */
#ifndef VERISTEP_JSON_H
#define VERISTEP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json_writer {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
	bool after_key;
};

void json_init(struct json_writer *w, FILE *out);
void json_object_begin(struct json_writer *w);
void json_object_end(struct json_writer *w); /* a newline after the outermost */
void json_array_begin(struct json_writer *w);
void json_array_end(struct json_writer *w);
void json_key(struct json_writer *w, const char *key);
void json_string(struct json_writer *w, const char *s); /* NULL writes null */
void json_string_len(struct json_writer *w, const char *s, size_t len);
void json_int(struct json_writer *w, long long v);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);

#endif
