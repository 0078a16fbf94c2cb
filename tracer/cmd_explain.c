/* `veristep explain [--json] [--prog NAME] OBJ`: the reviewer's story of
 * each selected program (explain.h). Exit codes as verify: 0 accepted,
 * 1 rejected, 2 bad input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "explain.h"
#include "object.h"
#include "trace.h"
#include "tui_args.h"
#include "view_model.h"

static const char explain_usage[] = "usage: veristep explain [--json] [--prog NAME] OBJ";

int cmd_explain(int argc, char **argv)
{
	struct tui_args a = { 0 };
	bool json = false, rejected = false;
	char **names, err[512];
	long n;

	for (int i = 1; i < argc; i++) {
		int r = tui_args_take(&a, argc, argv, &i);

		if (r < 0) {
			cli_error("%s", explain_usage);
			return EXIT_BAD_INPUT;
		}
		if (r)
			continue;
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (argv[i][0] == '-' || a.obj) {
			cli_error("%s", explain_usage);
			return EXIT_BAD_INPUT;
		} else {
			a.obj = argv[i];
		}
	}
	if (tui_args_finish(&a))
		return EXIT_BAD_INPUT;
	n = tui_args_programs(&a, &names);
	if (n < 0)
		return EXIT_BAD_INPUT;
	if (json && n > 1)
		fputs("[", stdout);
	for (long i = 0; i < n; i++) {
		struct tui_args one = a;
		struct vm_session *s;

		one.prog = names[i];
		s = tui_args_open(&one, err, sizeof(err));
		if (!s) {
			cli_error("%s", err);
			tui_args_free_programs(names, n);
			return EXIT_BAD_INPUT;
		}
		if (i)
			fputs(json ? "," : "\n", stdout);
		if (explain_print(s, json, stdout))
			cli_error("out of memory explaining '%s'", names[i]);
		if (sim_trace_verdict(s->trace) != SIM_ACCEPTED)
			rejected = true;
		vm_close(s);
	}
	if (json && n > 1)
		fputs("]\n", stdout);
	tui_args_free_programs(names, n);
	fflush(stdout);
	return rejected ? EXIT_REJECTED : EXIT_ACCEPTED;
}
