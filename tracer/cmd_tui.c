/* `veristep tui [--prog NAME] [--lesson DIR] [--dump-after KEYS]
 *  [--size ROWSxCOLS] [--attrs] [--bench] [OBJ]`: the full-screen tracer, or with
 * --dump-after (or VERISTEP_TUI_DUMP=KEYS) the no-display screen dump. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "tui.h"
#include "tui_args.h"

static const char tui_usage[] =
	"usage: veristep tui [--prog NAME] [--lesson DIR] [--dump-after KEYS] [--size ROWSxCOLS] [--attrs] [OBJ]";

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* --bench (tools/bench-tui.sh): keypress-to-redraw figures on stderr. */
static void print_latency(double *ms, int n)
{
	double sum = 0;

	if (!ms || !n)
		return;
	for (int i = 0; i < n; i++)
		sum += ms[i];
	qsort(ms, (size_t)n, sizeof(*ms), cmp_double);
	fprintf(stderr, "keys %d  mean %.3f ms  median %.3f ms  p99 %.3f ms  max %.3f ms\n", n,
		sum / n, ms[n / 2], ms[(int)((n - 1) * 0.99)], ms[n - 1]);
}

int cmd_tui(int argc, char **argv)
{
	struct tui_args a = { 0 };
	const char *dump = getenv("VERISTEP_TUI_DUMP");
	int rows = 24, cols = 80, attrs = 0, bench = 0;

	for (int i = 1; i < argc; i++) {
		int r = tui_args_take(&a, argc, argv, &i);

		if (r < 0) {
			cli_error("%s", tui_usage);
			return EXIT_BAD_INPUT;
		}
		if (r)
			continue;
		if (!strcmp(argv[i], "--dump-after") && i + 1 < argc) {
			dump = argv[++i];
		} else if (!strcmp(argv[i], "--size") && i + 1 < argc) {
			if (sscanf(argv[++i], "%dx%d", &rows, &cols) != 2 || rows < 3 || cols < 20 ||
			    rows > 1000 || cols > 1000) {
				cli_error("invalid size '%s' (ROWSxCOLS, at least 3x20)", argv[i]);
				return EXIT_BAD_INPUT;
			}
		} else if (!strcmp(argv[i], "--bench")) {
			bench = 1;
		} else if (!strcmp(argv[i], "--attrs")) {
			attrs = 1;
		} else if (argv[i][0] == '-' || a.obj) {
			cli_error("%s", tui_usage);
			return EXIT_BAD_INPUT;
		} else {
			a.obj = argv[i];
		}
	}
	if (tui_args_finish(&a))
		return EXIT_BAD_INPUT;
	if (dump && bench) {
		double *ms = NULL;
		int n = 0, rc = tui_dump(&a, dump, rows, cols, attrs, &ms, &n);

		print_latency(ms, n);
		free(ms);
		return rc;
	}
	if (dump)
		return tui_dump(&a, dump, rows, cols, attrs, NULL, NULL);
	return tui_run(&a);
}
