/* The libbpf side of the guest agent: runs inside a forked child, so that a
 * crash or a leak while loading one program never spoils the next.
 *
 * Two modes. Normally each program is loaded on its own (every other
 * program's autoload is switched off), which gives each one its own verdict
 * and log. An object with struct_ops maps cannot be split that way: libbpf
 * loads every program a struct_ops map references together, so such an
 * object is loaded whole, once, and every program reported from that load.
 *
 * A program that never reached the verifier (a map, the object's BTF or a
 * relocation failed first) has an empty log; libbpf's own warnings explain
 * why, so they are captured and returned as the program's note.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "agent.h"


/* libbpf's warnings, newest last, for programs that have no verifier log. */
static char libbpf_msgs[16384];
static size_t libbpf_msgs_len;

static int capture_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[1024];
	int n;

	if (level == LIBBPF_DEBUG)
		return 0;
	n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n <= 0)
		return 0;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (libbpf_msgs_len + (size_t)n >= sizeof(libbpf_msgs)) { /* keep the newest */
		size_t drop = libbpf_msgs_len + (size_t)n - sizeof(libbpf_msgs) + 1;

		if (drop > libbpf_msgs_len)
			drop = libbpf_msgs_len;
		memmove(libbpf_msgs, libbpf_msgs + drop, libbpf_msgs_len - drop);
		libbpf_msgs_len -= drop;
	}
	memcpy(libbpf_msgs + libbpf_msgs_len, line, (size_t)n);
	libbpf_msgs_len += (size_t)n;
	libbpf_msgs[libbpf_msgs_len] = '\0';
	return 0;
}

static void reset_libbpf_msgs(void)
{
	libbpf_msgs_len = 0;
	libbpf_msgs[0] = '\0';
}

static struct bpf_object *open_object(const struct load_request *req, struct vp_buf *out)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = req->obj_name);
	struct bpf_object *obj;

	libbpf_set_print(capture_libbpf);
	reset_libbpf_msgs();
	obj = bpf_object__open_mem(req->obj, req->obj_len, &opts);
	if (!obj && out) {
		char msg[sizeof(libbpf_msgs) + 64];

		snprintf(msg, sizeof(msg), "libbpf cannot open the object: %s%s%s", strerror(errno),
			 libbpf_msgs_len ? "\n" : "", libbpf_msgs);
		vp_put_str(out, VT_OBJ_ERROR, msg);
	}
	return obj;
}

static bool has_struct_ops(struct bpf_object *obj)
{
	struct bpf_program *p;

	bpf_object__for_each_program(p, obj)
		if (bpf_program__type(p) == BPF_PROG_TYPE_STRUCT_OPS)
			return true;
	return false;
}

void loader_plan(const struct load_request *req, struct vp_buf *out)
{
	struct bpf_object *obj = open_object(req, out);
	struct bpf_program *p;

	if (!obj)
		return;
	vp_put_u32(out, PT_WHOLE, has_struct_ops(obj));
	bpf_object__for_each_program(p, obj)
		vp_put_str(out, PT_PROG, bpf_program__name(p));
	bpf_object__close(obj);
}

/* --- BPF_PROG_TEST_RUN with a default input ------------------------------ */

enum input_kind { INPUT_NONE, INPUT_PACKET, INPUT_EMPTY_CTX };

/* Program types the kernel can test-run with an input we can make up. */
static const enum input_kind default_input[] = {
	[BPF_PROG_TYPE_SCHED_CLS] = INPUT_PACKET,
	[BPF_PROG_TYPE_SCHED_ACT] = INPUT_PACKET,
	[BPF_PROG_TYPE_XDP] = INPUT_PACKET,
	[BPF_PROG_TYPE_SOCKET_FILTER] = INPUT_PACKET,
	[BPF_PROG_TYPE_CGROUP_SKB] = INPUT_PACKET,
	[BPF_PROG_TYPE_SYSCALL] = INPUT_EMPTY_CTX,
};

static uint16_t ip_checksum(const uint8_t *p, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* 64 bytes: Ethernet, IPv4 10.0.0.1 -> 10.0.0.2, UDP 1234 -> 80, payload. */
static void make_packet(uint8_t pkt[64])
{
	static const uint8_t head[42] = {
		0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x00, /* eth, IPv4 */
		0x45, 0, 0, 50, 0, 1, 0x40, 0, 64, 17, 0, 0, /* IPv4, DF, ttl 64, UDP */
		10, 0, 0, 1, 10, 0, 0, 2,
		0x04, 0xd2, 0, 80, 0, 30, 0, 0, /* UDP */
	};
	uint16_t csum;

	memset(pkt, 0, 64);
	memcpy(pkt, head, sizeof(head));
	memcpy(pkt + sizeof(head), "veristep test packet..", 22);
	csum = ip_checksum(pkt + 14, 20);
	pkt[24] = csum >> 8;
	pkt[25] = csum & 0xff;
}

static void test_run(struct bpf_program *p, struct vp_buf *out)
{
	enum bpf_prog_type type = bpf_program__type(p);
	enum input_kind kind = (size_t)type < sizeof(default_input) / sizeof(default_input[0]) ? default_input[type] : INPUT_NONE;
	const char *type_name = libbpf_bpf_prog_type_str(type);
	LIBBPF_OPTS(bpf_test_run_opts, opts);
	uint8_t pkt[64], pkt_out[256];
	char note[256];

	if (kind == INPUT_NONE) {
		snprintf(note, sizeof(note), "not run: no default input for program type '%s'",
			 type_name ? type_name : "unknown");
		vp_put_str(out, VT_TEST_RUN, note);
		return;
	}
	/* bpf_prog_test_run_syscall() refuses any repeat; the packet runners
	 * take 0 as 1 anyway */
	if (kind == INPUT_PACKET) {
		opts.repeat = 1;
		make_packet(pkt);
		opts.data_in = pkt;
		opts.data_size_in = sizeof(pkt);
		opts.data_out = pkt_out;
		opts.data_size_out = sizeof(pkt_out);
	}
	if (bpf_prog_test_run_opts(bpf_program__fd(p), &opts)) {
		snprintf(note, sizeof(note), "failed: %s", strerror(errno));
		vp_put_str(out, VT_TEST_RUN, note);
		return;
	}
	vp_put_str(out, VT_TEST_RUN, "ok");
	vp_put_u32(out, VT_RETVAL, opts.retval);
}

static void put_xlated(int fd, struct vp_buf *out)
{
	struct bpf_prog_info info;
	uint32_t info_len = sizeof(info);
	uint32_t xlated_len;
	uint8_t *insns;

	memset(&info, 0, sizeof(info));
	if (bpf_prog_get_info_by_fd(fd, &info, &info_len) || !info.xlated_prog_len)
		return;
	xlated_len = info.xlated_prog_len;
	insns = malloc(xlated_len);
	if (!insns)
		return;
	memset(&info, 0, sizeof(info));
	info.xlated_prog_len = xlated_len;
	info.xlated_prog_insns = (uint64_t)(uintptr_t)insns;
	info_len = sizeof(info);
	if (!bpf_prog_get_info_by_fd(fd, &info, &info_len))
		vp_put(out, VT_XLATED, insns, info.xlated_prog_len < xlated_len ? info.xlated_prog_len : xlated_len);
	free(insns);
}

/* --- loading ------------------------------------------------------------- */

struct attempt {
	struct bpf_object *obj;
	char **logs; /* one buffer per program, object order */
	int nprogs;
	int err; /* bpf_object__load()'s result */
};

static void attempt_free(struct attempt *a)
{
	for (int i = 0; i < a->nprogs; i++)
		free(a->logs[i]);
	free(a->logs);
	bpf_object__close(a->obj);
	memset(a, 0, sizeof(*a));
}

static bool wanted(const struct load_request *req, struct bpf_program *p)
{
	return !req->filter || !strcmp(req->filter, bpf_program__name(p));
}

/* Opens and loads once at `level`. index >= 0: only that program. */
static int attempt_load(const struct load_request *req, int index, int level, struct attempt *a,
			struct vp_buf *out)
{
	struct bpf_program *p;
	int i = 0;

	memset(a, 0, sizeof(*a));
	a->obj = open_object(req, out);
	if (!a->obj)
		return -1;
	bpf_object__for_each_program(p, a->obj)
		a->nprogs++;
	a->logs = calloc((size_t)a->nprogs, sizeof(*a->logs));
	if (!a->logs)
		return -1;
	bpf_object__for_each_program(p, a->obj) {
		bool load = index < 0 ? bpf_program__autoload(p) : i == index;

		bpf_program__set_autoload(p, load);
		if (load) {
			/* calloc: only the pages the kernel writes are touched;
			 * level 2 logs reach tens of MB */
			a->logs[i] = calloc(1, req->log_size);
			if (a->logs[i]) {
				bpf_program__set_log_buf(p, a->logs[i], req->log_size);
				bpf_program__set_log_level(p, (uint32_t)level);
			}
		}
		i++;
	}
	reset_libbpf_msgs();
	a->err = bpf_object__load(a->obj);
	return 0;
}

/* How one program fared in a load of its object. */
struct outcome {
	bool accepted; /* by the verifier (its fd may be gone already) */
	bool has_fd; /* still loaded: xlated and test run possible */
	const char *note; /* why there is no log, or what happened after */
};

static void report_program(struct bpf_program *p, const char *log, int level, const char *log_note,
			   const struct outcome *o, int err, struct vp_buf *out)
{
	const char *type_name = libbpf_bpf_prog_type_str(bpf_program__type(p));

	vp_put(out, VT_PROG_BEGIN, NULL, 0);
	vp_put_str(out, VT_NAME, bpf_program__name(p));
	vp_put_str(out, VT_SECTION, bpf_program__section_name(p));
	vp_put_str(out, VT_PROG_TYPE, type_name ? type_name : "unknown");
	vp_put_u32(out, VT_LOADED, o->accepted);
	vp_put_u32(out, VT_LOG_LEVEL_USED, (uint32_t)level);
	if (log_note)
		vp_put_str(out, VT_LOG_NOTE, log_note);
	if (log)
		vp_put(out, VT_LOG, log, strlen(log));
	if (!o->accepted)
		vp_put_u32(out, VT_LOAD_ERRNO, (uint32_t)(err < 0 ? -err : err));
	if (o->note)
		vp_put_str(out, VT_LOAD_NOTE, o->note);
	if (o->has_fd) {
		put_xlated(bpf_program__fd(p), out);
		test_run(p, out);
	} else if (o->accepted) {
		vp_put_str(out, VT_TEST_RUN, "not run: the program was unloaded with its object");
	}
	vp_put(out, VT_PROG_END, NULL, 0);
}

/* Decides each program's outcome. libbpf loads programs in object order,
 * stops at the first the kernel refuses and then unloads everything: so
 * after a failed load, the programs before the last one with a log were
 * accepted, the last one with a log was refused, and those after it never
 * reached the verifier. No log at all: the object failed before any program
 * (maps, BTF, relocations). */
static void decide(const struct attempt *a, struct outcome *outs, char *note, size_t note_size)
{
	struct bpf_program *p;
	int i = 0, failing = -1;
	/* libbpf fills prog array slots after every program has loaded
	 * (bpf_object_init_prog_arrays()): a slot naming a program that was
	 * not loaded fails the object although the verifier accepted all */
	bool after_verifier = a->err && strstr(libbpf_msgs, "failed to initialize slot");

	bpf_object__for_each_program(p, a->obj) {
		if (a->err && !after_verifier && bpf_program__autoload(p) && a->logs[i] && a->logs[i][0])
			failing = i;
		i++;
	}
	i = 0;
	bpf_object__for_each_program(p, a->obj) {
		struct outcome *o = &outs[i];

		o->has_fd = bpf_program__fd(p) >= 0;
		o->accepted = o->has_fd;
		if (!bpf_program__autoload(p)) {
			o->note = "not loaded: libbpf does not autoload it";
		} else if (after_verifier) {
			o->accepted = true;
			o->note = "accepted, then unloaded: libbpf could not fill a prog array slot "
				  "with a program that was not loaded";
		} else if (a->err && failing < 0) {
			snprintf(note, note_size, "never reached the verifier: %s%s%s", strerror(-a->err),
				 libbpf_msgs_len ? "\n" : "", libbpf_msgs);
			o->note = note;
		} else if (a->err && i < failing) {
			o->accepted = true;
			o->note = "accepted, then unloaded: another program of the object was rejected";
		} else if (a->err && i > failing) {
			o->note = "not loaded: libbpf stopped at the rejected program";
		}
		i++;
	}
}

void loader_load(const struct load_request *req, int index, struct vp_buf *out)
{
	char log_note[160] = "", note[sizeof(libbpf_msgs) + 128];
	struct outcome *outs;
	struct bpf_program *p;
	struct attempt a;
	int level = req->log_level, i = 0;

	if (attempt_load(req, index, level, &a, out) < 0) {
		attempt_free(&a);
		return;
	}
	if (a.err == -ENOSPC && level > 1) {
		/* the log overflowed (the kernel fails the load for that) */
		attempt_free(&a);
		snprintf(log_note, sizeof(log_note),
			 "the level %d log overflowed its %u KiB buffer: this is the level 1 log", level,
			 req->log_size >> 10);
		level = 1;
		if (attempt_load(req, index, level, &a, out) < 0) {
			attempt_free(&a);
			return;
		}
	}
	if (a.err == -ENOSPC && level == 1) {
		/* Even level 1 overflowed (a program processing ~1M insns): the
		 * kernel fails such a load with ENOSPC whatever the verdict, so
		 * ask once more at BPF_LOG_STATS (4), which prints only the error
		 * lines and the statistics: the verdict is the verifier's again. */
		attempt_free(&a);
		snprintf(log_note, sizeof(log_note),
			 "the level 1 log overflowed its %u KiB buffer: this is the level 4 (stats) log",
			 req->log_size >> 10);
		level = 4;
		if (attempt_load(req, index, level, &a, out) < 0) {
			attempt_free(&a);
			return;
		}
	}
	if (a.err == -ENOSPC)
		snprintf(log_note, sizeof(log_note), "the level %d log overflowed its %u KiB buffer",
			 level, req->log_size >> 10);
	outs = calloc((size_t)a.nprogs + 1, sizeof(*outs));
	if (!outs) {
		attempt_free(&a);
		return;
	}
	decide(&a, outs, note, sizeof(note));
	bpf_object__for_each_program(p, a.obj) {
		if ((index < 0 || i == index) && wanted(req, p))
			report_program(p, a.logs[i], level, log_note[0] ? log_note : NULL, &outs[i], a.err,
				       out);
		i++;
	}
	free(outs);
	attempt_free(&a);
}
