/* The real kernel beside the simulation: what the lab kernel said about the
 * program (verdict, error line, 7.3 diagnostics block, lab events, test-run
 * result) and where it disagrees with the simulator's trace.
 *
 * The first diverging instruction is found by walking both sequences of
 * processed instructions in order: the kernel's from its level-2 log (every
 * "N: (op) ..." line, every "N: safe" and "from M to N: safe"), the
 * simulator's from its trace, whose steps are defined the same way (one per
 * insn_processed). Then the lab event lines are compared one by one. */
#ifndef VERISTEP_VIEW_MODEL_KERNEL_H
#define VERISTEP_VIEW_MODEL_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print.h"

struct vm_session;
struct kc_program;

struct vm_kernel {
	char *engine;          /* "kernel 7.3.4-..." */
	char *note;            /* the run failed: why (nothing else is set) */
	bool accepted;
	char *error;
	long error_insn;
	char *diag;            /* the "Verification failed:" block, or NULL */
	char **events;
	size_t nevents;
	char *test_run;
	bool has_retval;
	uint32_t retval;
	uint32_t *seq;         /* processed instructions, from the log */
	size_t nseq;
	/* the comparison (vm_kernel_compare) */
	bool agree;
	long diverge_step;     /* simulator step, -1 none */
	long diverge_insn;
	char why[256];
};

/* From a kernel client result's program (copied). */
struct vm_kernel *vm_kernel_from_program(const struct kc_program *p, const char *release);
/* From a recorded level-2 log (tests, VERISTEP_KERNEL_LOG). */
struct vm_kernel *vm_kernel_from_log(const char *log, size_t len, const char *engine);
struct vm_kernel *vm_kernel_failed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vm_kernel_free(struct vm_kernel *k);

/* Compare with the session's trace; sets agree, diverge_*, why and the
 * session's diverge_insn. */
void vm_kernel_compare(struct vm_kernel *k, struct vm_session *s);
/* Side by side text: one line per fact, then the diagnostics block and
 * the events (the pane and the REPL's `compare`). */
void vm_kernel_text(const struct vm_kernel *k, struct vm_session *s, struct sim_strbuf *sb);

/* Run the session's program in the lab kernel (blocking; boots the VM if
 * needed) or, when VERISTEP_KERNEL_LOG names a file, read that recorded
 * log instead. Never NULL unless out of memory. */
struct vm_kernel *vm_kernel_run(struct vm_session *s);

#endif
