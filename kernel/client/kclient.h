/* veristep host client: run a BPF object in the lab kernel (QEMU).
 *
 * kc_run() takes a user's .bpf.o, makes sure the user's persistent lab VM is
 * up (booting it if needed), sends the object to the guest agent and turns
 * the reply into a kc_result. The host never calls bpf() itself: it only
 * parses what the guest sends back, defensively. The VM, its socket and its
 * pid file live in the user's runtime directory (see kc_vm.h).
 */
#ifndef VERISTEP_KCLIENT_H
#define VERISTEP_KCLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct kc_options {
	const char *prog_filter; /* NULL: every program */
	int log_level; /* 1 or 2 */
	int boot_timeout_s; /* 0: VERISTEP_BOOT_TIMEOUT or 60 */
	int run_timeout_s; /* 0: VERISTEP_RUN_TIMEOUT or 60 */
};

struct kc_program {
	char *name, *section, *prog_type;
	bool accepted;
	int load_errno; /* 0 if accepted */
	char *load_note; /* no log: why (map/BTF failure, libbpf), or NULL */
	char *log; /* the verifier's log, NUL-terminated ("" if none) */
	size_t log_len;
	int log_level; /* the level that log was produced at */
	char *log_note; /* e.g. level 2 overflowed, fell back to level 1 */
	/* parsed from the log (kc_parse_log) */
	char *error; /* the classic one-line error, NULL if accepted */
	long error_insn; /* -1 if unknown */
	long insns_processed; /* -1 if the log does not say */
	char **events; /* "lab: ..." lines, without a newline */
	size_t nevents;
	/* only if accepted */
	uint8_t *xlated; /* raw struct bpf_insn bytes */
	size_t xlated_len;
	char *test_run; /* "ok", "not run: ...", "failed: ..." */
	bool has_retval;
	uint32_t retval;
};

struct kc_result {
	char *kernel_release; /* uname -r of the guest */
	char *testmod; /* "loaded" or "failed: ..." */
	char *object_error; /* libbpf could not open the object at all */
	char *accel; /* "kvm" or "tcg" */
	bool cold_boot; /* this run booted the VM */
	struct kc_program *progs;
	size_t nprogs;
};

/* Loads `obj` (len bytes; `name` is shown in messages) in the lab kernel.
 * 0: `out` filled (free with kc_result_free). -1: `err` holds a one-line
 * message (lowercase, no trailing period) and the VM, if it misbehaved,
 * has been killed. */
int kc_run(const void *obj, size_t len, const char *name, const struct kc_options *opt,
	   struct kc_result *out, char *err, size_t errlen);
void kc_result_free(struct kc_result *r);

/* Fills error, error_insn, insns_processed and events of `p` from p->log.
 * Mirrors the shape of 7.3's log: the classic error is the verbose() line
 * just before the "Verification failed:" block of kernel/bpf/diagnostics.c
 * (the last one, when two are printed); without that block, the line
 * before "processed N insns". Returns -1 on allocation failure. */
int kc_parse_log(struct kc_program *p);

/* Checks on the host, before anything is sent, that the bytes look like a
 * complete 64-bit BPF ELF object. 0 or -1 with a message about `name`. */
int kc_check_elf(const void *data, size_t len, const char *name, char *err, size_t errlen);

#endif
