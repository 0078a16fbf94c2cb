/* The guest agent: answers the host's requests on the virtio-serial port.
 * agent.c runs the conversation and forks; loader.c does the libbpf work
 * inside the forked children. */
#ifndef VERISTEP_AGENT_H
#define VERISTEP_AGENT_H

#include <stddef.h>
#include <stdint.h>

#include "vproto.h"

/* Records a plan child sends its parent (never on the wire to the host). */
enum {
	PT_WHOLE = 100, /* u32: load the whole object once (struct_ops) */
	PT_PROG = 101, /* a program's name, in object order */
};

struct load_request {
	const uint8_t *obj;
	size_t obj_len;
	const char *obj_name;
	const char *filter; /* NULL: every program */
	int log_level;
	uint32_t log_size; /* bytes of log buffer per program */
};

/* Opens the object and lists its programs (PT_WHOLE, PT_PROG...) or says
 * why it cannot be opened (VT_OBJ_ERROR). */
void loader_plan(const struct load_request *req, struct vp_buf *out);

/* Loads program `index` alone (or, index < 0, the whole object) and appends
 * one VT_PROG_BEGIN..VT_PROG_END group per program reported. */
void loader_load(const struct load_request *req, int index, struct vp_buf *out);

#endif
