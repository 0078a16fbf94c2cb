/* veristep: dispatch to a subcommand (commands.h). */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

#define COMMAND_ROW(n, f, h) { #n, f, h },
static const struct command commands[] = { VERISTEP_COMMANDS(COMMAND_ROW) };
#undef COMMAND_ROW

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("veristep: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void usage(FILE *out)
{
	size_t i;

	fputs("usage: veristep COMMAND [ARGS]\n\ncommands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n", commands[i].help);
}

/* The bundled kernel's BTF lives in the checkout's bpf/, next to the build
 * directory holding this executable (build/veristep): find it from there,
 * so veristep works from any directory. VERISTEP_VMLINUX_BTF overrides. */
static void find_bundled_btf(void)
{
	char exe[PATH_MAX], path[PATH_MAX + 32];
	ssize_t n;
	char *slash;

	if (getenv("VERISTEP_VMLINUX_BTF"))
		return;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	snprintf(path, sizeof(path), "%s/../bpf/vmlinux.btf", exe);
	if (!access(path, R_OK) && realpath(path, exe))
		setenv("VERISTEP_VMLINUX_BTF", exe, 0);
}

int main(int argc, char **argv)
{
	size_t i;

	find_bundled_btf();
	if (argc < 2) {
		usage(stderr);
		return EXIT_BAD_INPUT;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	if (access(argv[1], F_OK) == 0) /* `veristep OBJ`: the tracer on it */
		return cmd_tui(argc, argv);
	cli_error("unknown command '%s' (try 'veristep --help')", argv[1]);
	return EXIT_BAD_INPUT;
}
