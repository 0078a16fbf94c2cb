/* The no-display mode: replay keys through the model and print the screen
 * as text, exactly the characters the TUI would draw. Tests assert on it
 * (`veristep tui --dump-after KEYS OBJ`, or VERISTEP_TUI_DUMP=KEYS). With
 * attributes on, a second grid follows, one letter per cell, so a test can
 * see what is highlighted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "tui.h"
#include "tui_args.h"
#include "view_model.h"
#include "view_model_kernel.h"

static const char attr_letter[VM_A_COUNT] = {
	[VM_A_NORMAL] = '.', [VM_A_TITLE] = 'T', [VM_A_HEADER] = 'H', [VM_A_CURRENT] = 'C',
	[VM_A_CHANGED] = '*', [VM_A_BREAK] = 'B', [VM_A_PATH] = '|', [VM_A_ERROR] = 'E',
	[VM_A_OWN] = 'O', [VM_A_NONOWN] = 'N', [VM_A_WARN] = 'W', [VM_A_DIM] = 'd',
	[VM_A_STATUS] = 'S', [VM_A_GOOD] = 'G',
};

int tui_dump(const struct tui_args *args, const char *keys, int rows, int cols, int attrs,
	     double **bench_ms, int *bench_n)
{
	struct vm_screen scr = { 0 };
	struct sim_strbuf sb = { 0 };
	struct vm_session *s;
	char err[512];
	int *k, n;

	k = malloc((strlen(keys) + 1) * sizeof(*k));
	if (!k)
		return EXIT_BAD_INPUT;
	n = vm_parse_keys(keys, k, (int)strlen(keys) + 1);
	if (n < 0) {
		cli_error("bad key script '%s'", keys);
		free(k);
		return EXIT_BAD_INPUT;
	}
	s = tui_args_open(args, err, sizeof(err));
	if (!s) {
		cli_error("%s", err);
		free(k);
		return EXIT_BAD_INPUT;
	}
	if (vm_screen_init(&scr, rows, cols)) {
		cli_error("cannot make a %dx%d screen", rows, cols);
		vm_close(s);
		free(k);
		return EXIT_BAD_INPUT;
	}
	if (bench_ms)
		*bench_ms = calloc((size_t)n + 1, sizeof(double));
	for (int i = 0; i < n; i++) {
		struct timespec t0, t1;
		enum vm_action act;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		act = vm_key(s, k[i]);
		if (bench_ms && *bench_ms) {
			/* keypress to redraw: the key, then the whole screen */
			vm_render(s, &scr);
			clock_gettime(CLOCK_MONOTONIC, &t1);
			(*bench_ms)[(*bench_n)++] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
						    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		}

		if (act == VM_ACT_QUIT)
			break;
		if (act == VM_ACT_KERNEL) {
			vm_kernel_free(s->kernel);
			s->kernel = vm_kernel_run(s);
			s->show[VM_PANE_KERNEL] = true;
		}
	}
	vm_render(s, &scr);
	vm_screen_text(&scr, &sb);
	fputs(sb.buf ? sb.buf : "", stdout);
	if (attrs) {
		fputs("-- attributes --\n", stdout);
		for (int y = 0; y < rows; y++) {
			for (int x = 0; x < cols; x++)
				putchar(attr_letter[scr.attr[y * cols + x] < VM_A_COUNT ? scr.attr[y * cols + x] : 0]);
			putchar('\n');
		}
	}
	sim_strbuf_free(&sb);
	vm_screen_free(&scr);
	vm_close(s);
	free(k);
	return 0;
}
