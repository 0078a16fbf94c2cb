/* veristep guest agent: the only program the lab VM runs (after init).
 *
 * It finds the virtio-serial port named VP_PORT_NAME and answers frames
 * (kernel/client/vproto.h) until the host has been silent for the idle
 * timeout (veristep.idle=SECONDS on the kernel command line), then reboots,
 * which ends QEMU (it runs with -no-reboot).
 *
 * Every libbpf call happens in a forked child: one child lists the object's
 * programs, then one child per program loads it (or one child loads a
 * struct_ops object whole). A child that crashes or is killed costs only its
 * own program's result; the agent reports what happened in its place. The
 * children hand their records back over a pipe, and the agent checks them
 * before forwarding, so a half-written group never reaches the host.
 *
 * With the host end closed a virtio port reads as end-of-file at once, so
 * the agent polls it every 10 ms while nobody is connected.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "agent.h"

#define TESTMOD_STATUS "/run/veristep-testmod"
#define DEFAULT_IDLE_S 600

static long idle_seconds = DEFAULT_IDLE_S;
static time_t last_activity;

static void say(const char *what, const char *detail)
{
	fprintf(stderr, "veristep-agent: %s: %s\n", what, detail);
}

static void power_off(void)
{
	sync();
	reboot(RB_AUTOBOOT); /* QEMU runs with -no-reboot: this ends it */
	_exit(1);
}

static long cmdline_number(const char *key, long fallback)
{
	char buf[4096], *p;
	size_t n;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f)
		return fallback;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strstr(buf, key);
	return p ? strtol(p + strlen(key), NULL, 10) : fallback;
}

/* /dev/vportNpM whose /sys/class/virtio-ports/<dev>/name is ours. */
static int open_port(void)
{
	for (int tries = 0; tries < 500; tries++) {
		DIR *d = opendir("/sys/class/virtio-ports");
		struct dirent *e;

		while (d && (e = readdir(d))) {
			char path[512], name[64] = "";
			FILE *f;

			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/sys/class/virtio-ports/%s/name", e->d_name);
			f = fopen(path, "r");
			if (!f)
				continue;
			if (!fgets(name, sizeof(name), f))
				name[0] = '\0';
			fclose(f);
			name[strcspn(name, "\n")] = '\0';
			if (!strcmp(name, VP_PORT_NAME)) {
				int fd;

				snprintf(path, sizeof(path), "/dev/%s", e->d_name);
				fd = open(path, O_RDWR | O_CLOEXEC);
				closedir(d);
				return fd;
			}
		}
		if (d)
			closedir(d);
		usleep(10000);
	}
	errno = ENOENT;
	return -1;
}

static long port_read(void *ctx, void *buf, size_t n)
{
	int fd = *(int *)ctx;

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long got;

		if (idle_seconds > 0 && time(NULL) - last_activity > idle_seconds)
			power_off();
		if (poll(&pfd, 1, 1000) <= 0)
			continue;
		got = read(fd, buf, n);
		if (got > 0)
			return got;
		if (got < 0 && errno != EINTR && errno != EAGAIN)
			return -1;
		usleep(10000); /* 0: the host end is closed; wait for the next run */
	}
}

static int port_write(void *ctx, const void *buf, size_t n)
{
	int fd = *(int *)ctx;
	const char *p = buf;

	while (n) {
		ssize_t put = write(fd, p, n);

		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0)
			return -1;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

static void put_identity(struct vp_buf *b)
{
	struct utsname u;
	char status[512] = "failed: init did not record the insmod result";
	FILE *f = fopen(TESTMOD_STATUS, "r");

	if (f) {
		size_t n = fread(status, 1, sizeof(status) - 1, f);

		status[n] = '\0';
		status[strcspn(status, "\n")] = '\0';
		fclose(f);
	}
	vp_put_str(b, VT_KERNEL, uname(&u) ? "unknown" : u.release);
	vp_put_str(b, VT_TESTMOD, status);
}

/* --- children ------------------------------------------------------------ */

static int write_all(int fd, const void *buf, size_t n)
{
	return port_write(&fd, buf, n);
}

/* Runs the plan (index == -2) or a load in a child; its records land in
 * `into` only if the child finished cleanly and they parse. Returns the
 * child's wait status, or -1 if it could not run. */
static int in_child(const struct load_request *req, int index, struct vp_buf *into)
{
	struct vp_buf got = { 0 };
	int pipefd[2], status;
	pid_t pid;
	char chunk[65536];
	ssize_t n;

	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		struct vp_buf out = { 0 };

		close(pipefd[0]);
		if (index == -2)
			loader_plan(req, &out);
		else
			loader_load(req, index, &out);
		if (out.failed || write_all(pipefd[1], out.data, out.len))
			_exit(3);
		_exit(0);
	}
	close(pipefd[1]);
	while ((n = read(pipefd[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		vp_put_raw(&got, chunk, (size_t)n);
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !got.failed && vp_valid(got.data, got.len))
		vp_put_raw(into, got.data, got.len);
	else if (status == 0)
		status = 3 << 8;
	vp_buf_free(&got);
	return status;
}

static void put_crashed(struct vp_buf *reply, const char *name, int status)
{
	char note[128];

	if (status < 0)
		snprintf(note, sizeof(note), "agent: cannot fork the loader: %s", strerror(errno));
	else if (WIFSIGNALED(status))
		snprintf(note, sizeof(note), "agent: the loader died of signal %d (%s)", WTERMSIG(status),
			 strsignal(WTERMSIG(status)));
	else
		snprintf(note, sizeof(note), "agent: the loader failed (exit %d)", WEXITSTATUS(status));
	vp_put(reply, VT_PROG_BEGIN, NULL, 0);
	vp_put_str(reply, VT_NAME, name);
	vp_put_str(reply, VT_SECTION, "?");
	vp_put_u32(reply, VT_LOADED, 0);
	vp_put_str(reply, VT_LOAD_NOTE, note);
	vp_put(reply, VT_PROG_END, NULL, 0);
}

static void handle_request(const uint8_t *payload, size_t len, struct vp_buf *reply)
{
	struct load_request req = { .log_level = 2, .obj_name = "object.bpf.o", .log_size = 64u << 20 };
	struct vp_reader r = { payload, len };
	struct vp_buf plan = { 0 };
	char *filter = NULL, *obj_name = NULL;
	const uint8_t *d;
	uint32_t n;
	uint16_t tag;
	int status;

	while (vp_next(&r, &tag, &d, &n) > 0) {
		switch (tag) {
		case VT_OBJECT: req.obj = d; req.obj_len = n; break;
		case VT_OBJ_NAME: free(obj_name); obj_name = vp_strdup(d, n); break;
		case VT_PROG_FILTER: free(filter); filter = vp_strdup(d, n); break;
		case VT_LOG_LEVEL: req.log_level = vp_u32(d, n) == 1 ? 1 : 2; break;
		case VT_LOG_SIZE:
			if (vp_u32(d, n) >= 1024 && vp_u32(d, n) <= (256u << 20))
				req.log_size = vp_u32(d, n);
			break;
		case VT_DEBUG_HANG:
			if (vp_u32(d, n) == 2)
				power_off();
			if (vp_u32(d, n))
				for (;;)
					pause();
			break;
		default: break;
		}
	}
	if (obj_name)
		req.obj_name = obj_name;
	req.filter = filter;
	put_identity(reply);
	if (!req.obj) {
		vp_put_str(reply, VT_OBJ_ERROR, "agent: the request carried no object");
		goto out;
	}
	status = in_child(&req, -2, &plan);
	if (status) {
		put_crashed(reply, "(object)", status);
		goto out;
	}
	{
		struct vp_reader pr = { plan.data, plan.len };
		bool whole = false;
		int index = 0;

		while (vp_next(&pr, &tag, &d, &n) > 0) {
			char *name;

			if (tag == VT_OBJ_ERROR)
				vp_put(reply, tag, d, n);
			if (tag == PT_WHOLE)
				whole = vp_u32(d, n);
			if (tag != PT_PROG)
				continue;
			name = vp_strdup(d, n);
			if (!name)
				break;
			if (whole) {
				/* one load for the whole object, on its first program */
				if (index == 0 && (status = in_child(&req, -1, reply)))
					put_crashed(reply, "(struct_ops object)", status);
			} else if (!filter || !strcmp(filter, name)) {
				if ((status = in_child(&req, index, reply)))
					put_crashed(reply, name, status);
			}
			free(name);
			index++;
		}
	}
out:
	vp_buf_free(&plan);
	free(filter);
	free(obj_name);
}

int main(void)
{
	int fd;
	struct vp_io io = { .ctx = &fd, .read = port_read, .write = port_write };

	signal(SIGPIPE, SIG_IGN);
	idle_seconds = cmdline_number("veristep.idle=", DEFAULT_IDLE_S);
	last_activity = time(NULL);
	fd = open_port();
	if (fd < 0) {
		say("no virtio port named", VP_PORT_NAME);
		return 1;
	}
	for (;;) {
		struct vp_buf reply = { 0 };
		uint8_t *payload;
		size_t len;
		uint32_t seq;
		uint16_t type;

		if (vp_recv(&io, &type, &seq, &payload, &len)) {
			say("receive failed", strerror(errno));
			usleep(100000);
			continue;
		}
		last_activity = time(NULL);
		switch (type) {
		case VP_PING:
			put_identity(&reply);
			vp_send(&io, VP_PONG, seq, reply.data, reply.len);
			break;
		case VP_REQUEST:
			handle_request(payload, len, &reply);
			if (reply.failed) {
				vp_buf_free(&reply);
				put_identity(&reply);
				vp_put_str(&reply, VT_OBJ_ERROR, "agent: out of memory building the reply");
			}
			vp_send(&io, VP_REPLY, seq, reply.data, reply.len);
			break;
		case VP_QUIT:
			power_off();
			break;
		default:
			break;
		}
		vp_buf_free(&reply);
		free(payload);
		last_activity = time(NULL);
	}
}
