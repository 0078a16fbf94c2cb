/* veristep wire protocol between the host client and the guest agent.
 *
 * The transport is one virtio-serial port ("veristep.0") whose host end is a
 * QEMU chardev Unix socket. The byte stream carries frames:
 *
 *   offset size  field
 *   0      4     magic   VP_MAGIC ("VSTP" in memory order)
 *   4      2     type    enum vp_type
 *   6      2     flags   VP_F_ZLIB: payload is u32 raw length + zlib stream
 *   8      4     seq     request number; a reply echoes its request's seq
 *   12     4     length  payload bytes on the wire (<= VP_MAX_WIRE)
 *   16     4     crc     CRC-32 (zlib) of bytes 0..15 and the payload
 *   20     ...   payload
 *
 * All integers are little-endian. A reader that sees a bad magic skips one
 * byte at a time until it finds the next magic, so a half-written frame of
 * an interrupted run never poisons the next one; the seq lets the host drop
 * a late reply meant for a run that was killed.
 *
 * A payload is a list of records (TLV): u16 tag, u32 length, bytes. Strings
 * are not NUL-terminated on the wire. Both sides bound every length before
 * allocating and treat a malformed list as a protocol error.
 *
 * This file and vproto.c are compiled into the host library and into the
 * static guest agent (kernel/guest/build-initramfs.sh), so the two ends
 * cannot drift apart. See kernel/guest/README.md for the conversation.
 */
#ifndef VERISTEP_VPROTO_H
#define VERISTEP_VPROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VP_MAGIC 0x50545356u
#define VP_HEADER_SIZE 20
#define VP_MAX_WIRE (128u << 20) /* payload bytes on the wire */
#define VP_MAX_RAW (512u << 20) /* payload bytes after inflating */
#define VP_COMPRESS_OVER 4096 /* payloads larger than this are deflated */
#define VP_F_ZLIB 1u
#define VP_PORT_NAME "veristep.0"

enum vp_type {
	VP_PING = 1, /* host -> guest, empty */
	VP_PONG = 2, /* guest -> host: VT_KERNEL, VT_TESTMOD */
	VP_REQUEST = 3, /* host -> guest: VT_OBJECT, VT_OBJ_NAME, VT_PROG_FILTER, VT_LOG_LEVEL, ... */
	VP_REPLY = 4, /* guest -> host: see the tags below */
	VP_QUIT = 5, /* host -> guest: power off now */
};

enum vp_tag {
	/* request */
	VT_OBJECT = 1, /* the .bpf.o bytes */
	VT_OBJ_NAME = 2, /* its file name, for libbpf's messages */
	VT_PROG_FILTER = 3, /* load only this program (by name) */
	VT_LOG_LEVEL = 4, /* u32: 1 or 2 */
	VT_DEBUG_HANG = 5, /* u32: 1 agent sleeps forever, 2 guest powers off (tests) */
	VT_LOG_SIZE = 6, /* u32: log buffer bytes per program (default 64 MiB) */
	/* reply: object-wide */
	VT_KERNEL = 20, /* uname -r */
	VT_TESTMOD = 21, /* "loaded" or "failed: <why>" */
	VT_OBJ_ERROR = 22, /* the object could not be opened: libbpf's message */
	/* reply: one group per program, VT_PROG_BEGIN .. VT_PROG_END */
	VT_PROG_BEGIN = 40,
	VT_NAME = 41,
	VT_SECTION = 42,
	VT_PROG_TYPE = 43, /* libbpf's name of the program type */
	VT_LOADED = 44, /* u32 0/1: the verifier accepted it */
	VT_LOAD_ERRNO = 45, /* u32: errno of the failed load */
	VT_LOAD_NOTE = 46, /* why there is no verifier log (map, BTF, libbpf) */
	VT_LOG = 47, /* the verifier log */
	VT_LOG_LEVEL_USED = 48, /* u32 */
	VT_LOG_NOTE = 49, /* e.g. the level 2 log overflowed */
	VT_XLATED = 50, /* raw struct bpf_insn bytes after the kernel's rewrites */
	VT_TEST_RUN = 51, /* "ok" or "not run: <reason>" or "failed: <errno text>" */
	VT_RETVAL = 52, /* u32 */
	VT_PROG_END = 53,
};

/* A growable payload under construction. On allocation failure `failed`
 * is set and further puts are ignored. */
struct vp_buf {
	uint8_t *data;
	size_t len, cap;
	bool failed;
};

void vp_buf_free(struct vp_buf *b);
void vp_put(struct vp_buf *b, uint16_t tag, const void *data, size_t len);
void vp_put_str(struct vp_buf *b, uint16_t tag, const char *s);
void vp_put_u32(struct vp_buf *b, uint16_t tag, uint32_t v);
void vp_put_raw(struct vp_buf *b, const void *data, size_t len);

/* Walks a record list. vp_next() returns 1 with the next record, 0 at the
 * end, -1 if the list is malformed (a length runs past the end). */
struct vp_reader {
	const uint8_t *p;
	size_t left;
};
int vp_next(struct vp_reader *r, uint16_t *tag, const uint8_t **data, uint32_t *len);
/* Checks that a whole list is well formed. */
bool vp_valid(const uint8_t *data, size_t len);
uint32_t vp_u32(const uint8_t *data, uint32_t len); /* 0 unless len == 4 */
char *vp_strdup(const uint8_t *data, uint32_t len); /* NUL-terminated copy */

/* Byte transport: read up to n bytes (>0 read, 0 end of stream, <0 error or
 * timeout, errno set) and write all n bytes (0 or -1). */
struct vp_io {
	void *ctx;
	long (*read)(void *ctx, void *buf, size_t n);
	int (*write)(void *ctx, const void *buf, size_t n);
};

/* Sends one frame; payloads over VP_COMPRESS_OVER go deflated. */
int vp_send(const struct vp_io *io, uint16_t type, uint32_t seq, const void *payload, size_t len);

/* Receives one frame, skipping garbage before a magic and frames with a bad
 * CRC. Returns 0 with a malloc'd, inflated payload (free it), or -1 with
 * errno: EPROTO (bad size, bad zlib), ENOMEM, or the transport's error
 * (0 bytes read: EPIPE). */
int vp_recv(const struct vp_io *io, uint16_t *type, uint32_t *seq, uint8_t **payload, size_t *len);

#endif
