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
	struct sim_object *probe;
	char err[512];
	size_t n;

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
	/* which programs: all, or the one asked for */
	probe = sim_object_open(a.obj, getenv("VERISTEP_VMLINUX_BTF"), err, sizeof(err));
	if (!probe) {
		cli_error("cannot open '%s': %s", a.obj, err);
		return EXIT_BAD_INPUT;
	}
	if (a.prog && !sim_object_find_prog(probe, a.prog)) {
		cli_error("no program '%s' in '%s'", a.prog, a.obj);
		sim_object_close(probe);
		return EXIT_BAD_INPUT;
	}
	n = sim_object_prog_count(probe);
	if (json && !a.prog && n > 1)
		fputs("[", stdout);
	for (size_t i = 0, shown = 0; i < n; i++) {
		const char *name = sim_prog_name(sim_object_prog(probe, i));
		struct tui_args one = a;
		struct vm_session *s;

		if (a.prog && strcmp(a.prog, name))
			continue;
		one.prog = name;
		s = tui_args_open(&one, err, sizeof(err));
		if (!s) {
			cli_error("%s", err);
			sim_object_close(probe);
			return EXIT_BAD_INPUT;
		}
		if (shown++)
			fputs(json ? "," : "\n", stdout);
		if (explain_print(s, json, stdout))
			cli_error("out of memory explaining '%s'", name);
		if (sim_trace_verdict(s->trace) != SIM_ACCEPTED)
			rejected = true;
		vm_close(s);
	}
	if (json && !a.prog && n > 1)
		fputs("]\n", stdout);
	sim_object_close(probe);
	fflush(stdout);
	return rejected ? EXIT_REJECTED : EXIT_ACCEPTED;
}
