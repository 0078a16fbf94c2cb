/* The curses front end of the screen model (view_model.h): it only maps
 * keys in and copies the model's grid out. */
#ifndef VERISTEP_TUI_H
#define VERISTEP_TUI_H

struct tui_args;

/* Run the full-screen app; returns the process exit code. */
int tui_run(const struct tui_args *args);

/* No display: replay @keys (vm_parse_keys syntax) and print the final
 * screen of @rows x @cols as text (and the attribute grid if @attrs).
 * With @bench_ms, also time each key to its redraw (ms, one per key). */
int tui_dump(const struct tui_args *args, const char *keys, int rows, int cols, int attrs,
	     double **bench_ms, int *bench_n);

#endif
