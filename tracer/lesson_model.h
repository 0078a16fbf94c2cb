/* Lessons: a narrative that advances with checkpoints on the trace.
 *
 * A lesson is a folder lessons/NN-slug/ with
 *   lesson.md     the narrative (Markdown; the first "# " line is the title,
 *                 the rest is shown before the first checkpoint is reached)
 *   checkpoints   one checkpoint per line: "insn N: text"; '#' starts a
 *                 comment line, blank lines are ignored. Checkpoints are
 *                 met in file order: the text shows once the trace cursor
 *                 reaches a step at instruction N after the previous one.
 *   *.bpf.c       the program(s); the TUI opens build/<folder>/<first>.bpf.o
 *                 unless given an object.
 * Space in the TUI runs to the next checkpoint; stepping there by hand
 * reaches it too; stepping back before a checkpoint shows the text before it.
 */
#ifndef VERISTEP_LESSON_MODEL_H
#define VERISTEP_LESSON_MODEL_H

#include <stddef.h>

struct vm_session;

struct vm_checkpoint {
	int insn;
	char *text;
	long reached_step;   /* -1 until reached */
};

struct vm_lesson {
	char *title;
	char *narrative;
	struct vm_checkpoint *cps;
	size_t ncps;
	size_t next;         /* the next checkpoint to reach */
	long current;        /* the checkpoint shown, -1: the narrative */
};

/* Parse checkpoint text into @l (appends). 0, or -1 with "line N: ..." in @err. */
int vm_lesson_parse_checkpoints(struct vm_lesson *l, const char *text, char *err, size_t errlen);
/* Load @dir/lesson.md and @dir/checkpoints. NULL with a message in @err. */
struct vm_lesson *vm_lesson_load(const char *dir, char *err, size_t errlen);
void vm_lesson_free(struct vm_lesson *l);
/* Run the session to the next checkpoint. */
void vm_lesson_advance(struct vm_lesson *l, struct vm_session *s);
/* The cursor moved: reach a checkpoint at this step, or fall back. */
void vm_lesson_follow(struct vm_lesson *l, struct vm_session *s);
/* What the lesson pane shows now. */
const char *vm_lesson_text(const struct vm_lesson *l);
/* The program a lesson's checkpoints are written for: the
 * "# program: FILE[:PROG]" line of DIR/checkpoints, into @file (the source
 * name, e.g. prog.bpf.c) and @prog (empty when not given); both empty when
 * the lesson names none. */
void vm_lesson_program(const char *dir, char *file, size_t flen, char *prog, size_t plen);

#endif
