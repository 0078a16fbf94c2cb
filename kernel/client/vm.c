/* The user's persistent lab VM: runtime directory, QEMU launch, pid checks,
 * stop and status (see kc_vm.h for the files and the trust rule).
 *
 * QEMU is started with -daemonize, so it outlives the `veristep run` that
 * booted it and later runs reuse it; the guest agent powers the VM off after
 * an idle timeout. Nothing here ever looks a process up by name: only the
 * pid QEMU wrote, confirmed by its command line naming our socket.
 */
#include "kc_vm.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static int join(char *dst, const char *dir, const char *file)
{
	int n = snprintf(dst, KC_PATH_MAX, "%s/%s", dir, file);

	return n < 0 || n >= KC_PATH_MAX ? -1 : 0;
}

/* Our directory must be a real directory we own, closed to others. */
static int check_private_dir(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (mkdir(dir, 0700) && errno != EEXIST) {
		set_err(err, errlen, "cannot create runtime directory '%s': %s", dir, strerror(errno));
		return -1;
	}
	if (lstat(dir, &st)) {
		set_err(err, errlen, "cannot stat runtime directory '%s': %s", dir, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid()) {
		set_err(err, errlen, "runtime directory '%s' is not a directory owned by uid %u", dir,
			(unsigned)getuid());
		return -1;
	}
	if ((st.st_mode & 077) && chmod(dir, 0700)) {
		set_err(err, errlen, "cannot make runtime directory '%s' private: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

int kc_vm_init(struct kc_vm *vm, char *err, size_t errlen)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;
	int n;

	memset(vm, 0, sizeof(*vm));
	vm->lock_fd = -1;
	if (xdg && xdg[0] == '/' && !stat(xdg, &st) && S_ISDIR(st.st_mode) && st.st_uid == getuid())
		n = snprintf(vm->dir, sizeof(vm->dir), "%s/veristep", xdg);
	else
		n = snprintf(vm->dir, sizeof(vm->dir), "/tmp/veristep-%u", (unsigned)getuid());
	/* the socket path must fit sockaddr_un's 108 bytes */
	if (n < 0 || n > 90) {
		set_err(err, errlen, "runtime directory path '%s' is too long", vm->dir);
		return -1;
	}
	if (check_private_dir(vm->dir, err, errlen))
		return -1;
	if (join(vm->sock, vm->dir, "vm.sock") || join(vm->pidfile, vm->dir, "vm.pid") ||
	    join(vm->info, vm->dir, "vm.info") || join(vm->lock, vm->dir, "vm.lock") ||
	    join(vm->console, vm->dir, "console.log") || join(vm->qemu_log, vm->dir, "qemu.log") ||
	    join(vm->kvm_broken, vm->dir, "kvm-broken")) {
		set_err(err, errlen, "runtime directory path '%s' is too long", vm->dir);
		return -1;
	}
	return 0;
}

int kc_vm_lock(struct kc_vm *vm, char *err, size_t errlen)
{
	/* O_CLOEXEC: QEMU must not inherit (and keep) the lock */
	vm->lock_fd = open(vm->lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (vm->lock_fd < 0) {
		set_err(err, errlen, "cannot open '%s': %s", vm->lock, strerror(errno));
		return -1;
	}
	while (flock(vm->lock_fd, LOCK_EX)) {
		if (errno == EINTR)
			continue;
		set_err(err, errlen, "cannot lock '%s': %s", vm->lock, strerror(errno));
		close(vm->lock_fd);
		vm->lock_fd = -1;
		return -1;
	}
	return 0;
}

void kc_vm_unlock(struct kc_vm *vm)
{
	if (vm->lock_fd >= 0)
		close(vm->lock_fd);
	vm->lock_fd = -1;
}

static size_t read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	ssize_t n;

	buf[0] = '\0';
	if (fd < 0)
		return 0;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	return (size_t)n;
}

/* Is `pid` a live QEMU whose command line names our socket? */
static bool is_our_qemu(const struct kc_vm *vm, pid_t pid)
{
	char path[64], cmd[8192];
	size_t n;

	if (pid <= 1 || kill(pid, 0))
		return false;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	n = read_small(path, cmd, sizeof(cmd));
	for (size_t i = 0; i < n; i++) /* arguments are NUL-separated */
		if (!cmd[i])
			cmd[i] = ' ';
	return n && strstr(cmd, vm->sock);
}

pid_t kc_vm_pid(const struct kc_vm *vm)
{
	char buf[32];
	long pid;

	if (!read_small(vm->pidfile, buf, sizeof(buf)))
		return 0;
	pid = strtol(buf, NULL, 10);
	if (pid > 0 && pid < INT_MAX && is_our_qemu(vm, (pid_t)pid))
		return (pid_t)pid;
	unlink(vm->pidfile); /* stale: dead, or the pid was reused */
	unlink(vm->info);
	return 0;
}

static void remove_vm_files(const struct kc_vm *vm)
{
	unlink(vm->pidfile);
	unlink(vm->info);
	unlink(vm->sock);
}

void kc_vm_kill(const struct kc_vm *vm)
{
	pid_t pid = kc_vm_pid(vm);

	if (pid) {
		kill(pid, SIGTERM);
		for (int i = 0; i < 40 && is_our_qemu(vm, pid); i++)
			usleep(50000);
		if (is_our_qemu(vm, pid)) {
			kill(pid, SIGKILL);
			for (int i = 0; i < 40 && is_our_qemu(vm, pid); i++)
				usleep(50000);
		}
	}
	remove_vm_files(vm);
}

/* The boot files: $VERISTEP_GUEST_DIR, else guest/ next to the executable
 * (build/veristep) or one level up (build/tests/...). */
static int find_guest_dir(char *dir, size_t size, char *err, size_t errlen)
{
	const char *env = getenv("VERISTEP_GUEST_DIR");
	char exe[PATH_MAX], probe[PATH_MAX + 96];
	static const char *const rel[] = { "guest", "../guest" };
	ssize_t n;
	char *slash;

	if (env && *env) {
		snprintf(dir, size, "%s", env);
		snprintf(probe, sizeof(probe), "%s/initramfs.cpio.gz", dir);
		if (access(probe, R_OK)) {
			set_err(err, errlen, "no lab VM boot files in '%s' (VERISTEP_GUEST_DIR)", dir);
			return -1;
		}
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0) {
		set_err(err, errlen, "cannot find the veristep executable: %s", strerror(errno));
		return -1;
	}
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(probe, sizeof(probe), "%s/%s/initramfs.cpio.gz", exe, rel[i]);
		if (!access(probe, R_OK)) {
			snprintf(dir, size, "%s/%s", exe, rel[i]);
			return 0;
		}
	}
	set_err(err, errlen, "the lab VM is not built (run: make guest)");
	return -1;
}

/* The last line of a log file that says something, for error messages. */
static void file_tail(const char *path, char *buf, size_t size)
{
	char chunk[4096];
	long off;
	size_t n;
	FILE *f = fopen(path, "r");
	char *line, *best = NULL, *save = NULL;

	buf[0] = '\0';
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	off = ftell(f) - (long)sizeof(chunk) + 1;
	fseek(f, off > 0 ? off : 0, SEEK_SET);
	n = fread(chunk, 1, sizeof(chunk) - 1, f);
	fclose(f);
	chunk[n] = '\0';
	for (line = strtok_r(chunk, "\r\n", &save); line; line = strtok_r(NULL, "\r\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		/* prefer the panic line over the CPU dump that follows it */
		if (strstr(line, "Kernel panic") || strstr(line, "KVM internal error")) {
			snprintf(buf, size, "%s", line);
			return;
		}
		if (*line)
			best = line;
	}
	if (best)
		snprintf(buf, size, "%s", best);
}

void kc_vm_console_tail(const struct kc_vm *vm, char *buf, size_t size)
{
	file_tail(vm->console, buf, size);
}

int kc_vm_launch(const struct kc_vm *vm, const char *accel, int idle_s, char *err, size_t errlen)
{
	char guest[PATH_MAX + 32], kernel[PATH_MAX + 64], initrd[PATH_MAX + 64], append[512];
	char serial[KC_PATH_MAX + 16], chardev[KC_PATH_MAX + 64], accel_arg[32], why[256];
	const char *qemu = getenv("VERISTEP_QEMU"), *extra = getenv("VERISTEP_VM_APPEND");
	bool kvm = !strcmp(accel, "kvm");
	int status;
	pid_t pid;

	if (find_guest_dir(guest, sizeof(guest), err, errlen))
		return -1;
	snprintf(kernel, sizeof(kernel), "%s/bzImage", guest);
	snprintf(initrd, sizeof(initrd), "%s/initramfs.cpio.gz", guest);
	/* Boot time under TCG counts (cold target 5 s): one UART instead of
	 * four probed, and no PS/2 probing (the VM has no keyboard or mouse).
	 * VERISTEP_VM_APPEND: extra kernel parameters, for boot diagnostics. */
	snprintf(append, sizeof(append),
		 "console=ttyS0 quiet panic=-1 oops=panic 8250.nr_uarts=1 initcall_blacklist=i8042_init "
		 "veristep.idle=%d %s", idle_s, extra && *extra ? extra : "");
	snprintf(serial, sizeof(serial), "file:%s", vm->console);
	snprintf(chardev, sizeof(chardev), "socket,id=ctl,path=%s,server=on,wait=off", vm->sock);
	snprintf(accel_arg, sizeof(accel_arg), "%s", kvm ? "kvm" : "tcg");
	remove_vm_files(vm);

	const char *argv[] = {
		qemu && *qemu ? qemu : "qemu-system-x86_64",
		"-name", "veristep-lab", "-nodefaults", "-no-user-config",
		"-machine", "pc", "-accel", accel_arg, "-cpu", kvm ? "host" : "max",
		"-smp", "1", "-m", "1024",
		"-kernel", kernel, "-initrd", initrd, "-append", append,
		"-no-reboot", "-display", "none", "-monitor", "none", "-serial", serial,
		"-nic", "none",
		"-device", "virtio-serial-pci,id=vs",
		"-chardev", chardev,
		"-device", "virtserialport,bus=vs.0,chardev=ctl,name=veristep.0",
		"-pidfile", vm->pidfile, "-daemonize", NULL,
	};

	pid = fork();
	if (pid < 0) {
		set_err(err, errlen, "cannot fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);
		int log = open(vm->qemu_log, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);

		umask(077); /* the socket QEMU creates: 0600 */
		if (null >= 0)
			dup2(null, 0);
		if (log >= 0) {
			dup2(log, 1);
			dup2(log, 2);
		}
		setsid();
		execvp(argv[0], (char *const *)(uintptr_t)argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			set_err(err, errlen, "cannot wait for qemu: %s", strerror(errno));
			return -1;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		file_tail(vm->qemu_log, why, sizeof(why));
		set_err(err, errlen, "qemu (%s) failed to start: %s", accel, why[0] ? why : "no message");
		return -1;
	}
	chmod(vm->sock, 0600);
	return 0;
}

/* The identity of the boot files (build-initramfs.sh's KEY: kernel build +
 * agent sources), "" when unknown. */
static void guest_key(char *buf, size_t size)
{
	char guest[PATH_MAX], path[PATH_MAX + 8], err[256];

	buf[0] = '\0';
	if (find_guest_dir(guest, sizeof(guest), err, sizeof(err)))
		return;
	snprintf(path, sizeof(path), "%s/KEY", guest);
	read_small(path, buf, size);
	buf[strcspn(buf, "\n")] = '\0';
}

void kc_vm_write_info(const struct kc_vm *vm, const char *accel, const char *kernel)
{
	char key[64];
	FILE *f = fopen(vm->info, "w");

	if (!f)
		return;
	guest_key(key, sizeof(key));
	fprintf(f, "accel=%s\nstarted=%lld\nkernel=%s\nguest=%s\n", accel, (long long)time(NULL),
		kernel, key);
	fclose(f);
}

bool kc_vm_is_current(const struct kc_vm *vm)
{
	char info[512], key[64], want[80];

	if (!read_small(vm->info, info, sizeof(info)))
		return false;
	guest_key(key, sizeof(key));
	snprintf(want, sizeof(want), "guest=%s\n", key);
	return key[0] && strstr(info, want);
}

static void info_field(const char *info, const char *key, char *dst, size_t size)
{
	const char *p = strstr(info, key);
	size_t n;

	dst[0] = '\0';
	if (!p)
		return;
	p += strlen(key);
	n = strcspn(p, "\n");
	snprintf(dst, size, "%.*s", (int)n, p);
}

int kc_vm_status(struct kc_vm_status *st, char *err, size_t errlen)
{
	struct kc_vm vm;
	char info[1024], started[32];

	memset(st, 0, sizeof(*st));
	if (kc_vm_init(&vm, err, errlen))
		return -1;
	snprintf(st->console, sizeof(st->console), "%s", vm.console);
	st->pid = kc_vm_pid(&vm);
	st->running = st->pid != 0;
	if (!st->running)
		return 0;
	read_small(vm.info, info, sizeof(info));
	info_field(info, "accel=", st->accel, sizeof(st->accel));
	info_field(info, "kernel=", st->kernel, sizeof(st->kernel));
	info_field(info, "started=", started, sizeof(started));
	st->uptime_s = started[0] ? (long)(time(NULL) - strtoll(started, NULL, 10)) : -1;
	return 0;
}

int kc_vm_stop(bool *was_running, char *err, size_t errlen)
{
	struct kc_vm vm;

	if (kc_vm_init(&vm, err, errlen))
		return -1;
	/* no lock: stopping must work even while a run hangs holding it */
	*was_running = kc_vm_pid(&vm) != 0;
	kc_vm_kill(&vm);
	if (kc_vm_pid(&vm)) {
		set_err(err, errlen, "the lab VM did not stop");
		return -1;
	}
	return 0;
}
