/* Frames and records of the host<->guest protocol (see vproto.h).
 * Shared verbatim by the host library and the guest agent. */
#include "vproto.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static void put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v & 0xff;
	p[1] = v >> 8;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (v >> (8 * i)) & 0xff;
}

static uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void vp_buf_free(struct vp_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

static bool vp_reserve(struct vp_buf *b, size_t more)
{
	size_t cap;
	uint8_t *p;

	if (b->failed)
		return false;
	if (more > VP_MAX_RAW || b->len + more > VP_MAX_RAW) {
		b->failed = true;
		return false;
	}
	if (b->len + more <= b->cap)
		return true;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + more)
		cap *= 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void vp_put_raw(struct vp_buf *b, const void *data, size_t len)
{
	if (!vp_reserve(b, len))
		return;
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
}

void vp_put(struct vp_buf *b, uint16_t tag, const void *data, size_t len)
{
	uint8_t head[6];

	if (len > UINT32_MAX || !vp_reserve(b, sizeof(head) + len)) {
		b->failed = true;
		return;
	}
	put_le16(head, tag);
	put_le32(head + 2, (uint32_t)len);
	vp_put_raw(b, head, sizeof(head));
	vp_put_raw(b, data, len);
}

void vp_put_str(struct vp_buf *b, uint16_t tag, const char *s)
{
	vp_put(b, tag, s, strlen(s));
}

void vp_put_u32(struct vp_buf *b, uint16_t tag, uint32_t v)
{
	uint8_t le[4];

	put_le32(le, v);
	vp_put(b, tag, le, sizeof(le));
}

int vp_next(struct vp_reader *r, uint16_t *tag, const uint8_t **data, uint32_t *len)
{
	uint32_t n;

	if (r->left == 0)
		return 0;
	if (r->left < 6)
		return -1;
	n = get_le32(r->p + 2);
	if (n > r->left - 6)
		return -1;
	*tag = get_le16(r->p);
	*len = n;
	*data = r->p + 6;
	r->p += 6 + (size_t)n;
	r->left -= 6 + (size_t)n;
	return 1;
}

bool vp_valid(const uint8_t *data, size_t len)
{
	struct vp_reader r = { data, len };
	const uint8_t *d;
	uint16_t tag;
	uint32_t n;
	int rc;

	while ((rc = vp_next(&r, &tag, &d, &n)) > 0)
		;
	return rc == 0;
}

uint32_t vp_u32(const uint8_t *data, uint32_t len)
{
	return len == 4 ? get_le32(data) : 0;
}

char *vp_strdup(const uint8_t *data, uint32_t len)
{
	char *s = malloc((size_t)len + 1);

	if (!s)
		return NULL;
	memcpy(s, data, len);
	s[len] = '\0';
	return s;
}

int vp_send(const struct vp_io *io, uint16_t type, uint32_t seq, const void *payload, size_t len)
{
	uint8_t head[VP_HEADER_SIZE];
	uint8_t *packed = NULL;
	const uint8_t *body = payload;
	size_t body_len = len;
	uint16_t flags = 0;
	uLong crc;
	int rc;

	if (len > VP_MAX_RAW) {
		errno = EMSGSIZE;
		return -1;
	}
	if (len > VP_COMPRESS_OVER) {
		uLongf out = compressBound(len);

		packed = malloc(4 + out);
		if (!packed) {
			errno = ENOMEM;
			return -1;
		}
		put_le32(packed, (uint32_t)len);
		/* level 1: logs shrink ~10x already, and the guest CPU is emulated */
		if (compress2(packed + 4, &out, payload, len, 1) != Z_OK) {
			free(packed);
			errno = EPROTO;
			return -1;
		}
		body = packed;
		body_len = 4 + out;
		flags |= VP_F_ZLIB;
	}
	if (body_len > VP_MAX_WIRE) {
		free(packed);
		errno = EMSGSIZE;
		return -1;
	}
	put_le32(head, VP_MAGIC);
	put_le16(head + 4, type);
	put_le16(head + 6, flags);
	put_le32(head + 8, seq);
	put_le32(head + 12, (uint32_t)body_len);
	crc = crc32(0L, head, 16);
	crc = crc32(crc, body_len ? body : (const uint8_t *)"", (uInt)body_len);
	put_le32(head + 16, (uint32_t)crc);
	rc = io->write(io->ctx, head, sizeof(head));
	if (rc == 0 && body_len)
		rc = io->write(io->ctx, body, body_len);
	free(packed);
	return rc;
}

static int read_full(const struct vp_io *io, void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n) {
		long got = io->read(io->ctx, p, n);

		if (got == 0)
			errno = EPIPE;
		if (got <= 0)
			return -1;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

static int inflate_payload(const uint8_t *body, size_t body_len, uint8_t **out, size_t *out_len)
{
	uLongf raw_len;
	uint8_t *raw;

	if (body_len < 4)
		goto bad;
	raw_len = get_le32(body);
	if (raw_len > VP_MAX_RAW)
		goto bad;
	raw = malloc(raw_len ? raw_len : 1);
	if (!raw) {
		errno = ENOMEM;
		return -1;
	}
	{
		uLongf got = raw_len;

		if (uncompress(raw, &got, body + 4, body_len - 4) != Z_OK || got != raw_len) {
			free(raw);
			goto bad;
		}
	}
	*out = raw;
	*out_len = raw_len;
	return 0;
bad:
	errno = EPROTO;
	return -1;
}

int vp_recv(const struct vp_io *io, uint16_t *type, uint32_t *seq, uint8_t **payload, size_t *len)
{
	uint8_t head[VP_HEADER_SIZE];

	for (;;) {
		uint32_t body_len, crc;
		uint8_t *body;
		uLong sum;

		if (read_full(io, head, 4) < 0)
			return -1;
		while (get_le32(head) != VP_MAGIC) { /* resynchronise */
			memmove(head, head + 1, 3);
			if (read_full(io, head + 3, 1) < 0)
				return -1;
		}
		if (read_full(io, head + 4, VP_HEADER_SIZE - 4) < 0)
			return -1;
		body_len = get_le32(head + 12);
		if (body_len > VP_MAX_WIRE) /* a garbage header: look for the next magic */
			continue;
		body = malloc(body_len ? body_len : 1);
		if (!body) {
			errno = ENOMEM;
			return -1;
		}
		if (read_full(io, body, body_len) < 0) {
			free(body);
			return -1;
		}
		sum = crc32(crc32(0L, head, 16), body, body_len);
		crc = get_le32(head + 16);
		if ((uint32_t)sum != crc) {
			free(body);
			continue;
		}
		*type = get_le16(head + 4);
		*seq = get_le32(head + 8);
		if (get_le16(head + 6) & VP_F_ZLIB) {
			int rc = inflate_payload(body, body_len, payload, len);

			free(body);
			return rc;
		}
		*payload = body;
		*len = body_len;
		return 0;
	}
}
