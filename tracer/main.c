/* veristep: dispatch to a subcommand (commands.h). */
#include <stdarg.h>
#include <stdio.h>
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

int main(int argc, char **argv)
{
	size_t i;

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
