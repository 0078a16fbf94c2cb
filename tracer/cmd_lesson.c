/* `veristep lesson`: the lessons with the student's progress.
 * `veristep lesson N [--dump-after KEYS] [--size ROWSxCOLS]`: lesson N in the
 * tracer (cmd_tui.c's entry points), or its screen dump without a display.
 *
 * Lessons are folders lessons/NN-slug (format: lessons/README.md), found in
 * $VERISTEP_LESSONS, ./lessons or next to the binary (BUILD/../lessons).
 * The program the TUI opens is the one the checkpoints file names with
 * "# program: FILE[:PROG]", compiled by make into BUILD/lessons/NN-slug/
 * (BUILD from $VERISTEP_BUILD, default the binary's own folder); without
 * that line, the first compiled program of the folder, as
 * `veristep tui --lesson` picks it.
 *
 * Progress is an append-only log, ${XDG_STATE_HOME:-~/.local/state}/
 * veristep/progress, one "NN-slug STATUS" line per event (opened here,
 * passed by `veristep lab check`): appending never loses another writer's
 * line, and the best status per lesson wins when it is read back. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "lesson_model.h"
#include "tui.h"
#include "tui_args.h"

#define MAX_LESSONS 100

static const char lesson_usage[] =
	"usage: veristep lesson [N [--dump-after KEYS] [--size ROWSxCOLS]]";

enum progress { P_NONE, P_OPENED, P_PASSED };

static const char *const progress_names[] = {
	[P_NONE] = "",
	[P_OPENED] = "opened",
	[P_PASSED] = "passed",
};

struct lesson {
	int number;
	char slug[256];
	char title[256];
	enum progress progress;
};

/* The lessons folder: $VERISTEP_LESSONS, ./lessons, or BUILD/../lessons. */
static int lessons_dir(char *out, size_t len)
{
	const char *env = getenv("VERISTEP_LESSONS");
	char exe[PATH_MAX];
	ssize_t n;
	struct stat st;

	if (env && *env) {
		snprintf(out, len, "%s", env);
		return 0;
	}
	if (!stat("lessons", &st) && S_ISDIR(st.st_mode)) {
		snprintf(out, len, "lessons");
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(out, len, "%.4000s/../lessons", exe);
			if (!stat(out, &st) && S_ISDIR(st.st_mode))
				return 0;
		}
	}
	cli_error("no lessons folder (run from the veristep checkout or set VERISTEP_LESSONS)");
	return -1;
}

/* "NN-slug" folder names only. */
static int lesson_number(const char *name)
{
	if (name[0] < '0' || name[0] > '9' || name[1] < '0' || name[1] > '9' || name[2] != '-')
		return -1;
	return (name[0] - '0') * 10 + (name[1] - '0');
}

static void read_title(const char *dir, struct lesson *l)
{
	char path[PATH_MAX + 300], line[512];
	FILE *f;

	snprintf(l->title, sizeof(l->title), "%s", l->slug + 3);
	snprintf(path, sizeof(path), "%s/%s/lesson.md", dir, l->slug);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "# ", 2)) {
			line[strcspn(line, "\r\n")] = '\0';
			snprintf(l->title, sizeof(l->title), "%.255s", line + 2);
			break;
		}
	fclose(f);
}

static int by_number(const void *a, const void *b)
{
	return ((const struct lesson *)a)->number - ((const struct lesson *)b)->number;
}

/* Every lesson of @dir, sorted by number; the count, or -1. */
static int scan_lessons(const char *dir, struct lesson *out, int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d) {
		cli_error("cannot read '%s': %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) && n < max) {
		int num = lesson_number(e->d_name);
		char path[PATH_MAX + 300];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (num < 0 || stat(path, &st) || !S_ISDIR(st.st_mode))
			continue;
		out[n] = (struct lesson){ .number = num };
		snprintf(out[n].slug, sizeof(out[n].slug), "%s", e->d_name);
		read_title(dir, &out[n]);
		n++;
	}
	closedir(d);
	qsort(out, (size_t)n, sizeof(*out), by_number);
	return n;
}

static void progress_path(char *out, size_t len)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");

	if (state && *state)
		snprintf(out, len, "%s/veristep/progress", state);
	else
		snprintf(out, len, "%s/.local/state/veristep/progress", home && *home ? home : ".");
}

/* The best status per lesson from the progress log (missing file: none). */
static void read_progress(struct lesson *ls, int n)
{
	char path[PATH_MAX], line[512], slug[256], status[32];
	FILE *f;

	progress_path(path, sizeof(path));
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %31s", slug, status) != 2)
			continue;
		for (int i = 0; i < n; i++) {
			if (strcmp(ls[i].slug, slug))
				continue;
			for (int p = P_OPENED; p <= P_PASSED; p++)
				if (!strcmp(status, progress_names[p]) && p > (int)ls[i].progress)
					ls[i].progress = (enum progress)p;
		}
	}
	fclose(f);
}

/* mkdir -p of @path's parent folders. */
static void make_parents(const char *path)
{
	char buf[PATH_MAX];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0700);
			*p = '/';
		}
}

static void note_opened(const char *slug)
{
	char path[PATH_MAX];
	FILE *f;

	progress_path(path, sizeof(path));
	make_parents(path);
	f = fopen(path, "a");
	if (!f)
		return; /* progress is a convenience: never fail the lesson for it */
	fprintf(f, "%s %s\n", slug, progress_names[P_OPENED]);
	fclose(f);
}

static int list_lessons(const char *dir)
{
	struct lesson ls[MAX_LESSONS];
	int n = scan_lessons(dir, ls, MAX_LESSONS), passed = 0;

	if (n < 0)
		return EXIT_BAD_INPUT;
	read_progress(ls, n);
	printf("%4s  %-72s %s\n", "N", "lesson", "progress");
	for (int i = 0; i < n; i++) {
		printf("%4d  %-72.72s %s\n", ls[i].number, ls[i].title, progress_names[ls[i].progress]);
		passed += ls[i].progress == P_PASSED;
	}
	printf("\n%d lessons, %d passed. 'veristep lesson N' opens one; "
	       "'veristep lab check N' checks your exercise.\n", n, passed);
	return 0;
}

/* The folder this binary was built into (BUILD/veristep), else "build". */
static const char *own_build_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0)
		return "build";
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return "build";
	*slash = '\0';
	return buf;
}

/* BUILD/lessons/SLUG/FILE.o for "FILE.c", or the folder's first compiled
 * program (as `veristep tui --lesson` picks it) when @file is empty. */
static int lesson_object(struct tui_args *a, const char *build, const char *slug, const char *file)
{
	size_t len = strlen(file);
	struct dirent **names;
	char dir[PATH_MAX];
	int n;

	snprintf(dir, sizeof(dir), "%.3800s/lessons/%.255s", build, slug);
	if (len) {
		if (len < 3 || strcmp(file + len - 2, ".c")) {
			cli_error("the checkpoints of '%s' name '%s', not a .c program", slug, file);
			return -1;
		}
		snprintf(a->obj_buf, sizeof(a->obj_buf), "%.3000s/%.*so", dir, (int)(len - 1), file);
	} else {
		a->obj_buf[0] = '\0';
		n = scandir(dir, &names, NULL, alphasort);
		for (int i = 0; i < n; i++) {
			size_t nl = strlen(names[i]->d_name);

			if (!a->obj_buf[0] && nl > 6 && !strcmp(names[i]->d_name + nl - 6, ".bpf.o"))
				snprintf(a->obj_buf, sizeof(a->obj_buf), "%.3000s/%.255s", dir, names[i]->d_name);
			free(names[i]);
		}
		if (n >= 0)
			free(names);
	}
	if (!a->obj_buf[0] || access(a->obj_buf, R_OK)) {
		cli_error("lesson '%s' is not built: no '%s' (run make)", slug,
			  a->obj_buf[0] ? a->obj_buf : dir);
		return -1;
	}
	a->obj = a->obj_buf;
	return 0;
}

int cmd_lesson(int argc, char **argv)
{
	struct lesson ls[MAX_LESSONS];
	struct tui_args a = { 0 };
	char dir[PATH_MAX], ldir[PATH_MAX + 300], file[256], prog[256];
	const char *dump = NULL, *build = getenv("VERISTEP_BUILD");
	char build_buf[PATH_MAX];
	int rows = 24, cols = 80, number = -1, n;
	const struct lesson *l = NULL;

	for (int i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--dump-after") && i + 1 < argc) {
			dump = argv[++i];
		} else if (!strcmp(argv[i], "--size") && i + 1 < argc) {
			if (sscanf(argv[++i], "%dx%d", &rows, &cols) != 2 || rows < 3 || cols < 20 ||
			    rows > 1000 || cols > 1000) {
				cli_error("invalid size '%s' (ROWSxCOLS, at least 3x20)", argv[i]);
				return EXIT_BAD_INPUT;
			}
		} else if (number < 0 && argv[i][0] != '-') {
			long v = strtol(argv[i], &end, 10);

			if (*end || v < 0 || v > 99) {
				cli_error("invalid lesson number '%s'", argv[i]);
				return EXIT_BAD_INPUT;
			}
			number = (int)v;
		} else {
			cli_error("%s", lesson_usage);
			return EXIT_BAD_INPUT;
		}
	}
	if (lessons_dir(dir, sizeof(dir)))
		return EXIT_BAD_INPUT;
	if (number < 0) {
		if (dump) {
			cli_error("%s", lesson_usage);
			return EXIT_BAD_INPUT;
		}
		return list_lessons(dir);
	}
	n = scan_lessons(dir, ls, MAX_LESSONS);
	for (int i = 0; i < n; i++)
		if (ls[i].number == number)
			l = &ls[i];
	if (!l) {
		cli_error("no lesson %d in '%s' (try 'veristep lesson')", number, dir);
		return EXIT_BAD_INPUT;
	}
	snprintf(ldir, sizeof(ldir), "%s/%s", dir, l->slug);
	a.lesson = ldir;
	vm_lesson_program(ldir, file, sizeof(file), prog, sizeof(prog));
	if (!build || !*build)
		build = own_build_dir(build_buf, sizeof(build_buf));
	if (lesson_object(&a, build, l->slug, file))
		return EXIT_BAD_INPUT;
	if (prog[0])
		a.prog = prog;
	note_opened(l->slug);
	if (dump)
		return tui_dump(&a, dump, rows, cols, 0, NULL, NULL);
	return tui_run(&a);
}
