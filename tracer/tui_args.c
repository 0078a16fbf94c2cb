/* Shared options of tui, repl and explain (tui_args.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "object.h"
#include "lesson_model.h"
#include "tui_args.h"
#include "view_model.h"

int tui_args_take(struct tui_args *a, int argc, char **argv, int *i)
{
	const char **slot = NULL;

	if (!strcmp(argv[*i], "--prog"))
		slot = &a->prog;
	else if (!strcmp(argv[*i], "--lesson"))
		slot = &a->lesson;
	else
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*slot = argv[++*i];
	return 1;
}

/* The lesson's program: BUILD/<dir>/<first *.bpf.o>, BUILD from
 * VERISTEP_BUILD (the test runner sets it) or "build". */
static int lesson_object(struct tui_args *a)
{
	const char *build = getenv("VERISTEP_BUILD");
	char dir[2048], file[256], prog[128];
	struct dirent **names;
	size_t flen;
	int n, found = -1;
	const char *lesson = a->lesson;

	if (!build || !*build)
		build = "build";
	while (!strncmp(lesson, "./", 2))
		lesson += 2;
	snprintf(dir, sizeof(dir), "%s/%s", build, lesson);
	/* the program the checkpoints are written for, if the lesson names one */
	vm_lesson_program(a->lesson, file, sizeof(file), prog, sizeof(prog));
	flen = strlen(file);
	if (flen > 2 && !strcmp(file + flen - 2, ".c")) {
		snprintf(a->obj_buf, sizeof(a->obj_buf), "%s/%.*s.o", dir, (int)(flen - 2), file);
		if (!access(a->obj_buf, R_OK)) {
			a->obj = a->obj_buf;
			if (!a->prog && prog[0]) {
				snprintf(a->prog_buf, sizeof(a->prog_buf), "%s", prog);
				a->prog = a->prog_buf;
			}
			return 0;
		}
	}
	n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);

		if (found < 0 && len > 6 && !strcmp(names[i]->d_name + len - 6, ".bpf.o")) {
			snprintf(a->obj_buf, sizeof(a->obj_buf), "%s/%s", dir, names[i]->d_name);
			found = i;
		}
		free(names[i]);
	}
	if (n >= 0)
		free(names);
	if (found < 0) {
		cli_error("no compiled program for lesson '%s' in '%s' (run make)", a->lesson, dir);
		return -1;
	}
	a->obj = a->obj_buf;
	return 0;
}

int tui_args_finish(struct tui_args *a)
{
	if (!a->obj && a->lesson)
		return lesson_object(a);
	if (!a->obj) {
		cli_error("no object given");
		return -1;
	}
	return 0;
}

struct vm_session *tui_args_open(const struct tui_args *a, char *err, size_t errlen)
{
	struct vm_session *s = vm_open(a->obj, a->prog, err, errlen);

	if (!s || !a->lesson)
		return s;
	s->lesson = vm_lesson_load(a->lesson, err, errlen);
	if (!s->lesson) {
		vm_close(s);
		return NULL;
	}
	s->show[VM_PANE_LESSON] = true;
	vm_lesson_follow(s->lesson, s);
	return s;
}

long tui_args_programs(const struct tui_args *a, char ***names)
{
	struct sim_object *obj;
	char err[512];
	long n = 0;
	size_t total;

	*names = NULL;
	obj = sim_object_open(a->obj, getenv("VERISTEP_VMLINUX_BTF"), err, sizeof(err));
	if (!obj) {
		cli_error("cannot open '%s': %s", a->obj, err);
		return -1;
	}
	if (a->prog && !sim_object_find_prog(obj, a->prog)) {
		cli_error("no program '%s' in '%s'", a->prog, a->obj);
		sim_object_close(obj);
		return -1;
	}
	total = sim_object_prog_count(obj);
	*names = calloc(total ? total : 1, sizeof(**names));
	for (size_t i = 0; *names && i < total; i++) {
		const char *name = sim_prog_name(sim_object_prog(obj, i));

		if (a->prog && strcmp(a->prog, name))
			continue;
		(*names)[n] = strdup(name);
		if (!(*names)[n])
			break;
		n++;
	}
	sim_object_close(obj);
	if (!*names || (size_t)n < (a->prog ? 1 : total)) {
		tui_args_free_programs(*names, n);
		cli_error("out of memory listing the programs of '%s'", a->obj);
		return -1;
	}
	return n;
}

void tui_args_free_programs(char **names, long n)
{
	for (long i = 0; names && i < n; i++)
		free(names[i]);
	free(names);
}
