/* kc_run(): one object through the lab kernel.
 *
 * 1. Check the bytes are a BPF ELF (kc_check_elf) before touching the VM.
 * 2. Lock the user's runtime directory: runs of one user are serialized.
 * 3. Reuse the running VM if it answers a ping within VERISTEP_PING_TIMEOUT
 *    (5 s); otherwise end it by its pid and boot a fresh one. KVM is tried
 *    when /dev/kvm opens, but on machines where KVM fails (emulation errors,
 *    QEMU dies) the boot is retried with TCG and TCG is remembered until
 *    the machine reboots (kvm-broken in the cache, tagged with boot_id).
 * 4. Send the request, wait for the reply with the same seq, within the run
 *    timeout; a silent or dead guest is killed and reported in one line.
 * 5. Decode the reply defensively: every length was bounded by vp_recv(),
 *    every record is checked here, unknown records are skipped.
 */
#include "kclient.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "kc_vm.h"
#include "vproto.h"

#define DEFAULT_TIMEOUT_S 60
#define DEFAULT_PING_S 5
#define DEFAULT_IDLE_S 600
#define KVM_BOOT_BUDGET_S 20

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static long env_number(const char *name, long fallback)
{
	const char *v = getenv(name);
	char *end;
	long n;

	if (!v || !*v)
		return fallback;
	n = strtol(v, &end, 10);
	return *end || n <= 0 ? fallback : n;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- the connection -------------------------------------------------------- */

struct conn {
	int fd;
	long long deadline_ms;
	const struct kc_vm *vm;
	pid_t qemu; /* checked while waiting: a dead QEMU ends the wait at once */
	bool kvm; /* watch qemu.log for KVM's emulation failures */
	bool aborted;
};

static bool kvm_failed(const struct kc_vm *vm)
{
	char buf[8192];
	ssize_t n;
	int fd = open(vm->qemu_log, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, "KVM internal error") || strstr(buf, "emulation failure") ||
	       strstr(buf, "failed to initialize kvm") || strstr(buf, "KVM_");
}

static long conn_read(void *ctx, void *buf, size_t n)
{
	struct conn *c = ctx;

	for (;;) {
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
		long long left = c->deadline_ms - now_ms();
		int rc;

		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		rc = poll(&pfd, 1, left > 200 ? 200 : (int)left);
		if (rc < 0 && errno != EINTR)
			return -1;
		if (rc > 0) {
			ssize_t got = read(c->fd, buf, n);

			if (got >= 0 || (errno != EINTR && errno != EAGAIN))
				return got;
		}
		if ((c->qemu && kill(c->qemu, 0)) || (c->kvm && kvm_failed(c->vm))) {
			c->aborted = true;
			errno = ECONNABORTED;
			return -1;
		}
	}
}

static int conn_write(void *ctx, const void *buf, size_t n)
{
	struct conn *c = ctx;
	const char *p = buf;

	while (n) {
		ssize_t put = send(c->fd, p, n, MSG_NOSIGNAL);

		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0 && errno == EAGAIN) {
			struct pollfd pfd = { .fd = c->fd, .events = POLLOUT };

			if (now_ms() > c->deadline_ms) {
				errno = ETIMEDOUT;
				return -1;
			}
			poll(&pfd, 1, 200);
			continue;
		}
		if (put <= 0)
			return -1;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

static int conn_open(struct conn *c, const struct kc_vm *vm)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	memset(c, 0, sizeof(*c));
	c->vm = vm;
	if (strlen(vm->sock) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(sa.sun_path, vm->sock, strlen(vm->sock) + 1);
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (c->fd < 0)
		return -1;
	if (connect(c->fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 0;
}

static void conn_close(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

/* Waits for a frame of `type` answering a seq in [first, last]; older
 * frames (a killed run's late reply, extra pongs) are dropped. */
static int wait_frame(struct conn *c, uint16_t type, uint32_t first, uint32_t last, uint8_t **payload,
		      size_t *len)
{
	struct vp_io io = { .ctx = c, .read = conn_read, .write = conn_write };

	for (;;) {
		uint16_t got_type;
		uint32_t seq;

		if (vp_recv(&io, &got_type, &seq, payload, len))
			return -1;
		if (got_type == type && seq - first <= last - first)
			return 0;
		free(*payload);
		*payload = NULL;
	}
}

static uint32_t next_seq;

/* Pings until a pong or the deadline; a ping is re-sent every second (one
 * sent before the agent opened its port would otherwise be the only one). */
static int ping(struct conn *c, long long deadline_ms, char *kernel, size_t kernel_size)
{
	struct vp_io io = { .ctx = c, .read = conn_read, .write = conn_write };
	uint32_t first = next_seq;

	while (now_ms() < deadline_ms) {
		uint8_t *payload;
		size_t len;
		uint32_t seq = next_seq++;

		c->deadline_ms = deadline_ms;
		if (vp_send(&io, VP_PING, seq, NULL, 0))
			return -1;
		c->deadline_ms = now_ms() + 1000 < deadline_ms ? now_ms() + 1000 : deadline_ms;
		if (!wait_frame(c, VP_PONG, first, seq, &payload, &len)) {
			struct vp_reader r = { payload, len };
			const uint8_t *d;
			uint32_t n;
			uint16_t tag;

			snprintf(kernel, kernel_size, "unknown");
			while (vp_next(&r, &tag, &d, &n) > 0)
				if (tag == VT_KERNEL)
					snprintf(kernel, kernel_size, "%.*s", (int)(n < 120 ? n : 120), (const char *)d);
			free(payload);
			return 0;
		}
		if (errno != ETIMEDOUT)
			return -1;
	}
	errno = ETIMEDOUT;
	return -1;
}

/* --- the VM ------------------------------------------------------------------ */

/* Where a failed KVM boot is remembered: the cache (shared by every runtime
 * directory, so tests with their own runtime directory do not each pay for
 * a KVM attempt), valid for this boot of the machine (boot_id). */
static void kvm_marker_path(char *path, size_t size)
{
	const char *cache = getenv("VERISTEP_CACHE"), *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (cache && *cache)
		snprintf(path, size, "%s/kvm-broken", cache);
	else if (xdg && *xdg)
		snprintf(path, size, "%s/veristep/kvm-broken", xdg);
	else if (home && *home)
		snprintf(path, size, "%s/.cache/veristep/kvm-broken", home);
	else
		path[0] = '\0';
}

static void boot_id(char *id, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	id[0] = '\0';
	if (f) {
		if (!fgets(id, (int)size, f))
			id[0] = '\0';
		fclose(f);
	}
	id[strcspn(id, "\n")] = '\0';
}

static bool kvm_known_broken(const struct kc_vm *vm)
{
	char path[KC_PATH_MAX], id[64], seen[64] = "";
	FILE *f;

	if (!access(vm->kvm_broken, F_OK))
		return true;
	kvm_marker_path(path, sizeof(path));
	f = path[0] ? fopen(path, "r") : NULL;
	if (!f)
		return false;
	if (!fgets(seen, sizeof(seen), f))
		seen[0] = '\0';
	fclose(f);
	seen[strcspn(seen, "\n")] = '\0';
	boot_id(id, sizeof(id));
	return id[0] && !strcmp(id, seen);
}

static void kvm_remember_broken(const struct kc_vm *vm, const char *why)
{
	char path[KC_PATH_MAX], id[64];
	FILE *f = fopen(vm->kvm_broken, "w");

	if (f) {
		fprintf(f, "%s\n", why);
		fclose(f);
	}
	kvm_marker_path(path, sizeof(path));
	boot_id(id, sizeof(id));
	f = path[0] && id[0] ? fopen(path, "w") : NULL;
	if (f) {
		fprintf(f, "%s\n%s\n", id, why);
		fclose(f);
	}
}

static bool kvm_usable(const struct kc_vm *vm)
{
	const char *want = getenv("VERISTEP_ACCEL");
	int fd;

	if (want && !strcmp(want, "tcg"))
		return false;
	if (!(want && !strcmp(want, "kvm")) && kvm_known_broken(vm))
		return false;
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

/* Boots with `accel` and pings until the agent answers. */
static int boot(struct kc_vm *vm, const char *accel, long budget_s, struct conn *c, char *kernel,
		size_t kernel_size, char *err, size_t errlen)
{
	long long deadline = now_ms() + budget_s * 1000;
	char tail[256];
	bool timed_out;
	pid_t pid;

	if (kc_vm_launch(vm, accel, (int)env_number("VERISTEP_VM_IDLE", DEFAULT_IDLE_S), err, errlen))
		return -1;
	pid = kc_vm_pid(vm);
	if (!pid || conn_open(c, vm)) {
		set_err(err, errlen, "qemu (%s) started but its socket '%s' is not there", accel, vm->sock);
		kc_vm_kill(vm);
		return -1;
	}
	c->qemu = pid;
	c->kvm = !strcmp(accel, "kvm");
	if (!ping(c, deadline, kernel, kernel_size)) {
		c->kvm = false;
		kc_vm_write_info(vm, accel, kernel);
		return 0;
	}
	timed_out = errno == ETIMEDOUT && !c->aborted;
	kc_vm_console_tail(vm, tail, sizeof(tail));
	if (!timed_out)
		set_err(err, errlen, "the lab VM (%s) died while booting: %s (console: %s)", accel,
			tail[0] ? tail : "no message", vm->console);
	else
		set_err(err, errlen, "the lab VM (%s) did not answer within %ld s of booting: %s (console: %s)",
			accel, budget_s, tail[0] ? tail : "no console output", vm->console);
	conn_close(c);
	kc_vm_kill(vm);
	return -1;
}

/* A connection to a VM that answers: the running one, or a fresh one. */
static int ensure_vm(struct kc_vm *vm, const struct kc_options *opt, struct conn *c, struct kc_result *res,
		     char *err, size_t errlen)
{
	long boot_s = opt->boot_timeout_s > 0 ? opt->boot_timeout_s
					       : env_number("VERISTEP_BOOT_TIMEOUT", DEFAULT_TIMEOUT_S);
	char kernel[128], info[256], kvm_err[512];
	pid_t pid = kc_vm_pid(vm);

	if (pid && !kc_vm_is_current(vm)) { /* booted from older boot files */
		kc_vm_kill(vm);
		pid = 0;
	}
	if (pid && !conn_open(c, vm)) {
		c->qemu = pid;
		if (!ping(c, now_ms() + env_number("VERISTEP_PING_TIMEOUT", DEFAULT_PING_S) * 1000, kernel,
			  sizeof(kernel))) {
			FILE *f = fopen(vm->info, "r");

			res->accel = strdup("unknown");
			if (f) {
				while (fgets(info, sizeof(info), f))
					if (!strncmp(info, "accel=", 6)) {
						info[strcspn(info, "\n")] = '\0';
						free(res->accel);
						res->accel = strdup(info + 6);
					}
				fclose(f);
			}
			res->kernel_release = strdup(kernel);
			return 0;
		}
		conn_close(c);
	}
	if (pid) /* wedged: no answer to a ping */
		kc_vm_kill(vm);
	res->cold_boot = true;
	if (kvm_usable(vm)) {
		long kvm_s = boot_s < KVM_BOOT_BUDGET_S ? boot_s : KVM_BOOT_BUDGET_S;

		if (!boot(vm, "kvm", kvm_s, c, kernel, sizeof(kernel), kvm_err, sizeof(kvm_err))) {
			res->accel = strdup("kvm");
			res->kernel_release = strdup(kernel);
			return 0;
		}
		kvm_remember_broken(vm, kvm_err); /* until the machine reboots */
	}
	if (boot(vm, "tcg", boot_s, c, kernel, sizeof(kernel), err, errlen))
		return -1;
	res->accel = strdup("tcg");
	res->kernel_release = strdup(kernel);
	return 0;
}

/* --- the reply ------------------------------------------------------------------ */

static int decode_program(struct vp_reader *r, struct kc_program *p)
{
	const uint8_t *d;
	uint32_t n;
	uint16_t tag;
	int rc;

	p->error_insn = -1;
	p->insns_processed = -1;
	while ((rc = vp_next(r, &tag, &d, &n)) > 0) {
		char **str = NULL;

		switch (tag) {
		case VT_PROG_END:
			if (!p->name)
				p->name = strdup("?");
			if (!p->section)
				p->section = strdup("?");
			if (!p->log)
				p->log = strdup("");
			return p->name && p->section && p->log ? 0 : -1;
		case VT_NAME: str = &p->name; break;
		case VT_SECTION: str = &p->section; break;
		case VT_PROG_TYPE: str = &p->prog_type; break;
		case VT_LOAD_NOTE: str = &p->load_note; break;
		case VT_LOG_NOTE: str = &p->log_note; break;
		case VT_TEST_RUN: str = &p->test_run; break;
		case VT_LOG:
			/* a NUL inside the log would cut it short for C string users */
			if (memchr(d, '\0', n))
				n = (uint32_t)((const uint8_t *)memchr(d, '\0', n) - d);
			str = &p->log;
			p->log_len = n;
			break;
		case VT_LOADED: p->accepted = vp_u32(d, n) != 0; break;
		case VT_LOAD_ERRNO: p->load_errno = (int)(vp_u32(d, n) & 0xffff); break;
		case VT_LOG_LEVEL_USED: p->log_level = (int)(vp_u32(d, n) & 7); break;
		case VT_RETVAL: p->has_retval = n == 4; p->retval = vp_u32(d, n); break;
		case VT_XLATED:
			free(p->xlated);
			p->xlated = malloc(n ? n : 1);
			if (!p->xlated)
				return -1;
			memcpy(p->xlated, d, n);
			p->xlated_len = n;
			break;
		default: break;
		}
		if (str) {
			free(*str);
			*str = vp_strdup(d, n);
			if (!*str)
				return -1;
		}
	}
	return -1; /* no VT_PROG_END */
}

static int decode_reply(const uint8_t *payload, size_t len, struct kc_result *res, char *err, size_t errlen)
{
	struct vp_reader r = { payload, len };
	const uint8_t *d;
	uint32_t n;
	uint16_t tag;
	int rc;

	while ((rc = vp_next(&r, &tag, &d, &n)) > 0) {
		char **str = NULL;

		switch (tag) {
		case VT_KERNEL: str = &res->kernel_release; break;
		case VT_TESTMOD: str = &res->testmod; break;
		case VT_OBJ_ERROR: str = &res->object_error; break;
		case VT_PROG_BEGIN: {
			struct kc_program *more;

			if (res->nprogs >= 65536)
				goto bad;
			more = realloc(res->progs, (res->nprogs + 1) * sizeof(*more));
			if (!more)
				goto bad;
			res->progs = more;
			memset(&res->progs[res->nprogs], 0, sizeof(*more));
			res->nprogs++;
			if (decode_program(&r, &res->progs[res->nprogs - 1]) ||
			    kc_parse_log(&res->progs[res->nprogs - 1]))
				goto bad;
			break;
		}
		default: break;
		}
		if (str) {
			free(*str);
			*str = vp_strdup(d, n);
			if (!*str)
				goto bad;
		}
	}
	if (rc == 0)
		return 0;
bad:
	set_err(err, errlen, "malformed reply from the lab VM");
	return -1;
}

void kc_result_free(struct kc_result *r)
{
	for (size_t i = 0; i < r->nprogs; i++) {
		struct kc_program *p = &r->progs[i];

		free(p->name);
		free(p->section);
		free(p->prog_type);
		free(p->load_note);
		free(p->log);
		free(p->log_note);
		free(p->error);
		for (size_t j = 0; j < p->nevents; j++)
			free(p->events[j]);
		free(p->events);
		free(p->xlated);
		free(p->test_run);
	}
	free(r->progs);
	free(r->kernel_release);
	free(r->testmod);
	free(r->object_error);
	free(r->accel);
	memset(r, 0, sizeof(*r));
}

int kc_run(const void *obj, size_t len, const char *name, const struct kc_options *opt,
	   struct kc_result *out, char *err, size_t errlen)
{
	long run_s = opt->run_timeout_s > 0 ? opt->run_timeout_s
					     : env_number("VERISTEP_RUN_TIMEOUT", DEFAULT_TIMEOUT_S);
	struct vp_io io;
	struct vp_buf req = { 0 };
	struct conn c = { .fd = -1 };
	struct kc_vm vm;
	const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	uint8_t *payload = NULL;
	size_t plen;
	uint32_t seq;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (kc_check_elf(obj, len, name, err, errlen))
		return -1;
	if (len > VP_MAX_RAW / 2) {
		set_err(err, errlen, "'%s' is too large (%zu bytes)", name, len);
		return -1;
	}
	if (kc_vm_init(&vm, err, errlen) || kc_vm_lock(&vm, err, errlen))
		return -1;
	if (!next_seq)
		next_seq = (uint32_t)(now_ms() * 2654435761u) ^ (uint32_t)getpid();
	if (ensure_vm(&vm, opt, &c, out, err, errlen))
		goto done;

	vp_put(&req, VT_OBJECT, obj, len);
	vp_put_str(&req, VT_OBJ_NAME, base);
	if (opt->prog_filter)
		vp_put_str(&req, VT_PROG_FILTER, opt->prog_filter);
	vp_put_u32(&req, VT_LOG_LEVEL, opt->log_level == 1 ? 1 : 2);
	/* for tests: a guest that hangs or dies, a small log buffer */
	if (getenv("VERISTEP_TEST_GUEST_HANG"))
		vp_put_u32(&req, VT_DEBUG_HANG, 1);
	if (getenv("VERISTEP_TEST_GUEST_DIE"))
		vp_put_u32(&req, VT_DEBUG_HANG, 2);
	if (env_number("VERISTEP_LOG_SIZE", 0) > 0)
		vp_put_u32(&req, VT_LOG_SIZE, (uint32_t)env_number("VERISTEP_LOG_SIZE", 0));
	if (req.failed) {
		set_err(err, errlen, "out of memory");
		goto done;
	}
	io = (struct vp_io){ .ctx = &c, .read = conn_read, .write = conn_write };
	c.deadline_ms = now_ms() + run_s * 1000;
	seq = next_seq++;
	if (vp_send(&io, VP_REQUEST, seq, req.data, req.len) ||
	    wait_frame(&c, VP_REPLY, seq, seq, &payload, &plen)) {
		char tail[256];
		int e = errno;

		kc_vm_console_tail(&vm, tail, sizeof(tail));
		if (e == ETIMEDOUT)
			set_err(err, errlen, "the lab VM did not answer within %ld s while verifying '%s'; VM killed (console: %s)",
				run_s, name, vm.console);
		else
			set_err(err, errlen, "the lab VM failed while verifying '%s': %s; VM killed (console: %s: %s)",
				name, e == EPIPE || e == ECONNABORTED ? "it exited" : strerror(e), vm.console,
				tail[0] ? tail : "no output");
		conn_close(&c);
		kc_vm_kill(&vm);
		goto done;
	}
	{
		char *kernel = out->kernel_release;

		out->kernel_release = NULL;
		if (decode_reply(payload, plen, out, err, errlen))
			goto done;
		if (!out->kernel_release)
			out->kernel_release = kernel;
		else
			free(kernel);
	}
	rc = 0;
done:
	conn_close(&c);
	free(payload);
	vp_buf_free(&req);
	kc_vm_unlock(&vm);
	if (rc)
		kc_result_free(out);
	return rc;
}
