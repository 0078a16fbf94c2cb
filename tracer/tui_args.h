/* The options the trace front ends share (tui, repl, explain):
 * [--prog NAME] [--lesson DIR] [OBJ]. One place parses them, opens the
 * object, verifies the program and loads the lesson. */
#ifndef VERISTEP_TUI_ARGS_H
#define VERISTEP_TUI_ARGS_H

#include <stdbool.h>

struct vm_session;

struct tui_args {
	const char *obj;
	const char *prog;
	const char *lesson;
	char obj_buf[4096];
	char prog_buf[128];   /* the lesson's "# program: FILE:PROG" */
};

/* Consume argv[*i] (and its value) if it is a shared option; -1 on a
 * missing value, 1 consumed, 0 not ours. */
int tui_args_take(struct tui_args *a, int argc, char **argv, int *i);
/* After parsing: find the lesson's object if none was given. 0 or -1 with
 * a message printed. */
int tui_args_finish(struct tui_args *a);
/* The names of the programs a batch command works on: all of the object's,
 * or the one --prog names. Fills @names (malloc'd array of malloc'd
 * strings, free with tui_args_free_programs) and returns how many; -1 with
 * a one-line message printed (unreadable object, no such program). */
long tui_args_programs(const struct tui_args *a, char ***names);
void tui_args_free_programs(char **names, long n);
/* Open the session (and lesson). NULL with a message in @err. */
struct vm_session *tui_args_open(const struct tui_args *a, char *err, size_t errlen);

#endif
