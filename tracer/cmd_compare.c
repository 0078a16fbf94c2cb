/* `veristep compare [--prog NAME] OBJ`: each selected program on the
 * simulator and on the lab kernel, side by side, and where they differ
 * (the first diverging instruction, then verdict, error line, lab events).
 * Exit 0 when every program agrees, 1 when one disagrees, 2 when the object
 * cannot be read or the kernel could not judge a program. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "tui_args.h"
#include "view_model.h"
#include "view_model_kernel.h"

static const char compare_usage[] = "usage: veristep compare [--prog NAME] OBJ";

/* One program: simulate, run on the kernel, print the comparison.
 * Returns 0 agree, 1 disagree, 2 failure. */
static int compare_one(const struct tui_args *a, const char *name)
{
	struct tui_args one = *a;
	struct sim_strbuf sb = { 0 };
	struct vm_kernel *k;
	struct vm_session *s;
	char err[512];
	int rc;

	one.prog = name;
	s = tui_args_open(&one, err, sizeof(err));
	if (!s) {
		cli_error("%s", err);
		return 2;
	}
	k = vm_kernel_run(s);
	if (!k) {
		cli_error("out of memory running '%s' on the kernel", name);
		vm_close(s);
		return 2;
	}
	if (k->note) {
		cli_error("the kernel could not judge '%s': %s", name, k->note);
		rc = 2;
	} else {
		vm_kernel_compare(k, s);
		vm_kernel_text(k, s, &sb);
		printf("== %s: %s\n%s", name, k->agree ? "simulator and kernel agree" :
			"simulator and kernel DISAGREE", sb.buf ? sb.buf : "");
		rc = k->agree ? 0 : 1;
	}
	sim_strbuf_free(&sb);
	vm_kernel_free(k);
	vm_close(s);
	return rc;
}

int cmd_compare(int argc, char **argv)
{
	struct tui_args a = { 0 };
	char **names;
	int worst = 0;
	long n;

	for (int i = 1; i < argc; i++) {
		int r = tui_args_take(&a, argc, argv, &i);

		if (r < 0 || (!r && (argv[i][0] == '-' || a.obj))) {
			cli_error("%s", compare_usage);
			return EXIT_BAD_INPUT;
		}
		if (!r)
			a.obj = argv[i];
	}
	if (tui_args_finish(&a))
		return EXIT_BAD_INPUT;
	n = tui_args_programs(&a, &names);
	if (n < 0)
		return EXIT_BAD_INPUT;
	for (long i = 0; i < n; i++) {
		int rc = compare_one(&a, names[i]);

		if (rc > worst)
			worst = rc;
	}
	tui_args_free_programs(names, n);
	fflush(stdout);
	return worst == 2 ? EXIT_BAD_INPUT : worst ? EXIT_REJECTED : 0;
}
