/* bench-native: load each program of a BPF object into the RUNNING kernel,
 * one at a time, at log level 4 (BPF_LOG_STATS), and print what the kernel's
 * own verifier reports: its verification time and processed instructions.
 * This is the native speed reference for tools/bench-sim.sh (needs root).
 *
 *   bench-native OBJ...
 * prints one line per program:
 *   kernel=<uname -r> obj=<file> prog=<name> verdict=accepted|rejected
 *   usec=<verification time> insns=<processed> states=<total_states>
 * usec/insns are -1 when the kernel printed no statistics (e.g. the program
 * was refused before verification).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <bpf/libbpf.h>

#define LOG_SIZE (1u << 20)

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static long stat_after(const char *log, const char *key)
{
	const char *p = strstr(log, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* Load program number @want alone; returns 0 if it ran at all. */
static int load_one(const char *path, int want, const char *kernel, char *log)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	struct bpf_program *prog, *target = NULL;
	const char *name;
	int i = 0, err;

	if (!obj)
		return -1;
	bpf_object__for_each_program(prog, obj) {
		if (i++ == want)
			target = prog;
		else
			bpf_program__set_autoload(prog, false);
	}
	if (!target) {
		bpf_object__close(obj);
		return 1;
	}
	log[0] = '\0';
	bpf_program__set_log_buf(target, log, LOG_SIZE);
	bpf_program__set_log_level(target, 4);
	err = bpf_object__load(obj);
	name = bpf_program__name(target);
	printf("kernel=%s obj=%s prog=%s verdict=%s usec=%ld insns=%ld states=%ld\n", kernel,
	       strrchr(path, '/') ? strrchr(path, '/') + 1 : path, name,
	       err ? "rejected" : "accepted", stat_after(log, "verification time "),
	       stat_after(log, "processed "), stat_after(log, "total_states "));
	bpf_object__close(obj);
	return 0;
}

int main(int argc, char **argv)
{
	struct utsname u;
	char *log = malloc(LOG_SIZE);

	if (argc < 2 || !log) {
		fprintf(stderr, "usage: bench-native OBJ...\n");
		return 2;
	}
	uname(&u);
	libbpf_set_print(quiet);
	for (int a = 1; a < argc; a++)
		for (int i = 0; load_one(argv[a], i, u.release, log) == 0; i++)
			;
	free(log);
	return 0;
}
