/* The user's persistent lab VM: one QEMU per user, found through files in
 * the user's runtime directory ($XDG_RUNTIME_DIR/veristep, else
 * /tmp/veristep-$UID; mode 0700, checked to be ours):
 *
 *   vm.sock      QEMU's chardev socket, the virtio-serial port's host end (0600)
 *   vm.pid       QEMU's pid, written by QEMU (-pidfile)
 *   vm.info      accel, start time, kernel, written after a successful boot
 *   vm.lock      flock()ed by every run: runs of one user are serialized
 *   console.log  the guest's serial console (boot messages, panics)
 *   qemu.log     QEMU's own stderr
 *   kvm-broken   KVM failed here once: boot with TCG until the machine reboots
 *
 * A VM is trusted only if its pid is alive and /proc/PID/cmdline names our
 * socket; anything else is stale and is ended by that pid, never by name.
 */
#ifndef VERISTEP_KC_VM_H
#define VERISTEP_KC_VM_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define KC_PATH_MAX 512

struct kc_vm {
	char dir[KC_PATH_MAX];
	char sock[KC_PATH_MAX], pidfile[KC_PATH_MAX], info[KC_PATH_MAX], lock[KC_PATH_MAX];
	char console[KC_PATH_MAX], qemu_log[KC_PATH_MAX], kvm_broken[KC_PATH_MAX];
	int lock_fd;
};

struct kc_vm_status {
	bool running;
	pid_t pid;
	long uptime_s;
	char accel[16];
	char kernel[128];
	char console[KC_PATH_MAX];
};

/* Creates/checks the runtime directory and fills the paths. */
int kc_vm_init(struct kc_vm *vm, char *err, size_t errlen);
/* flock()s vm.lock (blocking); kc_vm_unlock() releases it. */
int kc_vm_lock(struct kc_vm *vm, char *err, size_t errlen);
void kc_vm_unlock(struct kc_vm *vm);

/* The pid of our QEMU if one is running (pid file + cmdline check), else 0.
 * A pid file naming a dead or foreign process is removed. */
pid_t kc_vm_pid(const struct kc_vm *vm);
/* Ends our QEMU by its pid (SIGTERM, then SIGKILL) and removes its files. */
void kc_vm_kill(const struct kc_vm *vm);

/* Starts QEMU daemonized (accel "kvm" or "tcg"). 0 or -1 with a message. */
int kc_vm_launch(const struct kc_vm *vm, const char *accel, int idle_s, char *err, size_t errlen);
/* The last meaningful line of the guest console (for error messages). */
void kc_vm_console_tail(const struct kc_vm *vm, char *buf, size_t size);
void kc_vm_write_info(const struct kc_vm *vm, const char *accel, const char *kernel);
/* Was the running VM booted from the boot files in use now? A VM booted
 * before `make kernel` or an agent change must not answer for the new one. */
bool kc_vm_is_current(const struct kc_vm *vm);

int kc_vm_status(struct kc_vm_status *st, char *err, size_t errlen);
/* 0: stopped (or nothing was running, *was_running false). */
int kc_vm_stop(bool *was_running, char *err, size_t errlen);

#endif
