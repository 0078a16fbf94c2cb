/* `veristep lab check N [--sim-only] [FILE|DIR]`: a workshop lab's answer
 * check.
 *
 * FILE (default: lesson N's exercise.bpf.c, which the student edits in
 * place) is compiled with clang-19 exactly as the Makefile compiles lesson
 * programs, then verified by the simulator and loaded into the lab kernel.
 * It passes when every program is accepted by both engines and, where the
 * lesson's expect file gives solution.bpf.c a retval, the kernel's test
 * run returns it. The kernel is the reference: a simulator disagreement
 * that lessons/KNOWN_SIM_GAPS lists for the lesson's solution is reported,
 * not held against the student. A .bpf.o is checked as is.
 *
 * With a DIR (an instructor's folder of submissions), every *.c and *.o in
 * it gets one row of a table. Exit: 0 all pass, 1 some fail, 2 bad input
 * (no such lesson, unreadable or non-BPF file, no kernel): one line on
 * stderr. A passing single check is appended to the student's progress log
 * (see cmd_lesson.c).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "kclient.h"
#include "object.h"
#include "verifier.h"

#define MAX_OBJECT_SIZE (64u << 20)
#define MAX_PROGS 64

static const char lab_usage[] = "usage: veristep lab check N [--sim-only] [FILE|DIR]";

enum lab_status { LAB_PASS, LAB_FAIL, LAB_ERROR };

static const char *const status_names[] = {
	[LAB_PASS] = "pass",
	[LAB_FAIL] = "fail",
	[LAB_ERROR] = "error",
};

/* What one lesson expects of an answer. */
struct lab_lesson {
	char dir[PATH_MAX];      /* lessons/NN-slug */
	char root[PATH_MAX];     /* the checkout: bpf/ and kernel/ live here */
	const char *slug;        /* points into dir */
	struct { char prog[128]; char outcome[512]; } gaps[MAX_PROGS];
	int ngaps;               /* KNOWN_SIM_GAPS lines of the solution */
	struct { char prog[128]; long retval; } retvals[MAX_PROGS];
	int nretvals;            /* prog "" applies to every program */
};

/* One engine's word on one object. */
struct engine_verdict {
	bool ran, accepted;
	char summary[64];        /* "accepted", "rejected", "known gap", ... */
	char reason[512];        /* why it failed, or a note */
	char detail[128];        /* the test run, when it counted */
};

struct lab_result {
	enum lab_status status;
	struct engine_verdict sim, kernel;
	char reason[1024];
};

/* ---- the lesson ----------------------------------------------------- */

static int find_lesson(int number, struct lab_lesson *l)
{
	const char *env = getenv("VERISTEP_LESSONS");
	char base[PATH_MAX + 16], exe[PATH_MAX];
	struct dirent *e;
	struct stat st;
	ssize_t n;
	DIR *d;

	if (env && *env) {
		snprintf(base, sizeof(base), "%s", env);
	} else if (!stat("lessons", &st) && S_ISDIR(st.st_mode)) {
		snprintf(base, sizeof(base), "lessons");
	} else if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		*strrchr(exe, '/') = '\0';
		snprintf(base, sizeof(base), "%s/../lessons", exe);
	} else {
		base[0] = '\0';
	}
	d = base[0] ? opendir(base) : NULL;
	if (!d) {
		cli_error("no lessons folder (run from the veristep checkout or set VERISTEP_LESSONS)");
		return -1;
	}
	l->dir[0] = '\0';
	while ((e = readdir(d)))
		if (e->d_name[0] == '0' + number / 10 && e->d_name[1] == '0' + number % 10 &&
		    e->d_name[2] == '-') {
			snprintf(l->dir, sizeof(l->dir), "%s/%s", base, e->d_name);
			break;
		}
	closedir(d);
	if (!l->dir[0]) {
		cli_error("no lesson %d in '%s' (try 'veristep lesson')", number, base);
		return -1;
	}
	l->slug = strrchr(l->dir, '/') + 1;
	snprintf(l->root, sizeof(l->root), "%s/..", base);
	return 0;
}

/* "solution.bpf.c[:PROG]" rows of @path: their retvals (expect) or their
 * gap outcomes (KNOWN_SIM_GAPS, whose lines start with the lesson slug). */
static void read_solution_rows(struct lab_lesson *l, const char *path, bool gaps)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *target, *rest, *colon;

		line[strcspn(line, "\r\n")] = '\0';
		p += strspn(p, " \t");
		if (!*p || *p == '#')
			continue;
		if (gaps) {
			size_t sl = strlen(l->slug);

			if (strncmp(p, l->slug, sl) || (p[sl] != ' ' && p[sl] != '\t'))
				continue;
			p += sl + strspn(p + sl, " \t");
		}
		target = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
		rest = p + strspn(p, " \t");
		colon = strchr(target, ':');
		if (colon)
			*colon++ = '\0';
		if (strcmp(target, "solution.bpf.c"))
			continue;
		if (gaps && l->ngaps < MAX_PROGS) {
			snprintf(l->gaps[l->ngaps].prog, sizeof(l->gaps[0].prog), "%s", colon ? colon : "");
			snprintf(l->gaps[l->ngaps++].outcome, sizeof(l->gaps[0].outcome), "%s", rest);
		} else if (!gaps && l->nretvals < MAX_PROGS) {
			char *rv = strstr(rest, "retval=");
			char *err = strstr(rest, "error:");

			if (rv && (!err || rv < err)) {
				snprintf(l->retvals[l->nretvals].prog, sizeof(l->retvals[0].prog), "%s",
					 colon ? colon : "");
				l->retvals[l->nretvals++].retval = strtol(rv + 7, NULL, 10);
			}
		}
	}
	fclose(f);
}

static bool expected_retval(const struct lab_lesson *l, const char *prog, long *rv)
{
	for (int i = 0; i < l->nretvals; i++)
		if (!l->retvals[i].prog[0] || !strcmp(l->retvals[i].prog, prog)) {
			*rv = l->retvals[i].retval;
			return true;
		}
	return false;
}

/* Is "VERDICT insn=N error: TEXT" for @prog a known simulator gap of the
 * solution? Only the verdict and the error are compared: editing the
 * exercise moves the instruction. */
static bool known_gap(const struct lab_lesson *l, const char *prog, const char *verdict, const char *error)
{
	for (int i = 0; i < l->ngaps; i++) {
		const char *o = l->gaps[i].outcome, *err = strstr(o, "error:");
		size_t vlen = strlen(verdict);

		if (l->gaps[i].prog[0] && strcmp(l->gaps[i].prog, prog))
			continue;
		if (strncmp(o, verdict, vlen) || (o[vlen] != ' ' && o[vlen] != '\0'))
			continue;
		if (!err || !error)
			continue;
		err += 6;
		err += strspn(err, " ");
		if (!strcmp(err, error))
			return true;
	}
	return false;
}

/* ---- compiling ------------------------------------------------------ */

/* Run @argv (no shell), its stdout and stderr into @out (truncated to
 * @len). The exit status, or -1 if it could not run. */
static int run_capture(const char *const argv[], char *out, size_t len)
{
	int fds[2], status;
	size_t got = 0;
	pid_t pid;

	out[0] = '\0';
	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char *const *)(uintptr_t)argv); /* execvp does not write them */
		_exit(127);
	}
	close(fds[1]);
	for (;;) {
		char buf[4096];
		ssize_t n = read(fds[0], buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (got + 1 < len) {
			size_t take = (size_t)n < len - 1 - got ? (size_t)n : len - 1 - got;

			memcpy(out + got, buf, take);
			got += take;
			out[got] = '\0';
		}
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The first line of @text that says "error", else its first line. */
static void first_error(const char *text, char *out, size_t len)
{
	const char *line = text, *pick = NULL;

	for (const char *p = text; *p; line = p) {
		size_t n = strcspn(p, "\n");

		if (!pick && memmem(p, n, "error", 5))
			pick = p;
		p += n + (p[n] == '\n');
	}
	(void)line;
	if (!pick)
		pick = text;
	snprintf(out, len, "%.*s", (int)strcspn(pick, "\n"), pick);
}

/* clang-19 with the Makefile's BPF_CFLAGS: @src into @obj. */
static int compile(const struct lab_lesson *l, const char *src, const char *obj, char *why, size_t whylen)
{
	static char libbpf_inc[PATH_MAX];
	char out[8192], bpf_inc[PATH_MAX + 8], lesson_inc[PATH_MAX + 8], src_inc[PATH_MAX + 8], script[PATH_MAX + 32];
	char src_dir[PATH_MAX];
	const char *slash = strrchr(src, '/');

	if (!libbpf_inc[0]) {
		const char *const sh[] = { script, NULL };
		size_t n;

		snprintf(script, sizeof(script), "%s/kernel/libbpf.sh", l->root);
		if (run_capture(sh, out, sizeof(out)) != 0) {
			snprintf(why, whylen, "kernel/libbpf.sh failed: %.*s", (int)strcspn(out, "\n"), out);
			return -1;
		}
		n = strcspn(out, "\n");
		snprintf(libbpf_inc, sizeof(libbpf_inc), "%.*s/include", (int)n, out);
	}
	snprintf(src_dir, sizeof(src_dir), "%.*s", slash ? (int)(slash - src) : 1, slash ? src : ".");
	snprintf(bpf_inc, sizeof(bpf_inc), "-I%s/bpf", l->root);
	snprintf(lesson_inc, sizeof(lesson_inc), "-I%s", l->dir);
	snprintf(src_inc, sizeof(src_inc), "-I%s", src_dir);
	{
		const char *const cc[] = { "clang-19", "-g", "-O2", "-target", "bpf", "-mcpu=v3",
				     "-D__TARGET_ARCH_x86", bpf_inc, lesson_inc, src_inc, "-isystem",
				     libbpf_inc, "-Wall", "-Wno-unused-variable",
				     "-Wno-missing-declarations", "-c", src, "-o", obj, NULL };
		int rc = run_capture(cc, out, sizeof(out));

		if (rc == 0)
			return 0;
		if (rc == 127 || rc < 0)
			snprintf(why, whylen, "cannot run clang-19 (make deps)");
		else
			first_error(out, why, whylen);
	}
	return -1;
}

/* ---- the two engines ------------------------------------------------ */

static void check_sim(const struct lab_lesson *l, const char *obj_path, struct engine_verdict *v, char *err,
		      size_t errlen)
{
	struct sim_verify_opts opts = { .log_level = 0 };
	struct sim_object *obj = sim_object_open(obj_path, getenv("VERISTEP_VMLINUX_BTF"), err, errlen);
	bool gap = false;

	v->ran = obj != NULL;
	if (!obj)
		return;
	v->accepted = true;
	for (size_t i = 0; i < sim_object_prog_count(obj); i++) {
		const struct sim_prog *p = sim_object_prog(obj, i);
		struct sim_trace *t = sim_verify_object_prog(obj, p, &opts);
		enum sim_verdict verdict = t ? sim_trace_verdict(t) : SIM_BUG;
		const char *vname = verdict == SIM_REJECTED ? "rejected" : "unsupported";

		if (verdict != SIM_ACCEPTED) {
			const char *e = t ? sim_trace_error(t) : "out of memory";

			if (known_gap(l, sim_prog_name(p), vname, e)) {
				gap = true;
				if (!v->reason[0])
					snprintf(v->reason, sizeof(v->reason),
						 "the simulator says %s %s at insn %d: %s, a known gap (lessons/KNOWN_SIM_GAPS)",
						 vname, sim_prog_name(p), t ? sim_trace_error_insn(t) : -1, e);
			} else if (v->accepted) {
				v->accepted = false;
				snprintf(v->reason, sizeof(v->reason), "the simulator %s %s at insn %d: %s",
					 verdict == SIM_REJECTED ? "rejects" : "does not support", sim_prog_name(p),
					 t ? sim_trace_error_insn(t) : -1, e);
				snprintf(v->summary, sizeof(v->summary), "%s", vname);
			}
		}
		sim_trace_free(t);
	}
	if (v->accepted)
		snprintf(v->summary, sizeof(v->summary), "%s", gap ? "known gap" : "accepted");
	sim_object_close(obj);
}

static void *read_file_bytes(const char *path, size_t *len, char *err, size_t errlen)
{
	struct stat st;
	char *buf = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || (unsigned long long)st.st_size > MAX_OBJECT_SIZE ||
	    !(buf = malloc((size_t)st.st_size + 1)) || read(fd, buf, (size_t)st.st_size) != st.st_size) {
		snprintf(err, errlen, "cannot read '%.400s'", path);
		free(buf);
		buf = NULL;
	}
	if (fd >= 0)
		close(fd);
	*len = buf ? (size_t)st.st_size : 0;
	return buf;
}

/* -1: the kernel could not be asked (err says why). */
static int check_kernel(const struct lab_lesson *l, const char *obj_path, struct engine_verdict *v, char *err,
			size_t errlen)
{
	struct kc_options opt = { .log_level = 1 };
	struct kc_result res = { 0 };
	size_t len;
	void *bytes = read_file_bytes(obj_path, &len, err, errlen);
	int rc;

	if (!bytes)
		return -1;
	rc = kc_check_elf(bytes, len, obj_path, err, errlen);
	if (!rc)
		rc = kc_run(bytes, len, obj_path, &opt, &res, err, errlen);
	free(bytes);
	if (rc)
		return -1;
	v->ran = true;
	if (res.object_error) {
		snprintf(v->summary, sizeof(v->summary), "not loaded");
		snprintf(v->reason, sizeof(v->reason), "the kernel cannot load it: %.*s",
			 (int)strcspn(res.object_error, "\n"), res.object_error);
		kc_result_free(&res);
		return 0;
	}
	v->accepted = res.nprogs > 0;
	snprintf(v->summary, sizeof(v->summary), "%s", v->accepted ? "accepted" : "no programs");
	for (size_t i = 0; i < res.nprogs; i++) {
		const struct kc_program *p = &res.progs[i];
		long want;

		if (!p->accepted) {
			/* programs libbpf never loaded (a sibling struct_ops op
			 * failed) have no error: name the one that does */
			if (v->accepted || (p->error && !strstr(v->reason, "rejects"))) {
				snprintf(v->reason, sizeof(v->reason), "the kernel rejects %s at insn %ld: %s", p->name,
					 p->error_insn, p->error ? p->error : "(not loaded)");
				snprintf(v->summary, sizeof(v->summary), "rejected");
			}
			v->accepted = false;
		} else if (v->accepted && p->has_retval && expected_retval(l, p->name, &want)) {
			snprintf(v->detail, sizeof(v->detail), "%s returned %u, the lesson expects %ld", p->name,
				 p->retval, want);
			if ((long)p->retval == want)
				continue;
			v->accepted = false;
			snprintf(v->summary, sizeof(v->summary), "retval %u", p->retval);
			snprintf(v->reason, sizeof(v->reason),
				 "the kernel accepts %s but its test run returns %u, expected %ld", p->name, p->retval,
				 want);
		}
	}
	kc_result_free(&res);
	return 0;
}

/* ---- one answer ----------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static void check_answer(const struct lab_lesson *l, const char *path, bool sim_only, struct lab_result *r)
{
	char tmpdir[] = "/tmp/veristep-lab.XXXXXX", obj[PATH_MAX], err[512];
	const char *use = path;
	bool made_tmp = false;

	memset(r, 0, sizeof(*r));
	r->status = LAB_ERROR;
	if (has_suffix(path, ".c")) {
		if (access(path, R_OK)) {
			snprintf(r->reason, sizeof(r->reason), "cannot read '%s'", path);
			return;
		}
		if (!mkdtemp(tmpdir)) {
			snprintf(r->reason, sizeof(r->reason), "cannot make a temporary folder: %s", strerror(errno));
			return;
		}
		made_tmp = true;
		snprintf(obj, sizeof(obj), "%s/answer.bpf.o", tmpdir);
		if (compile(l, path, obj, err, sizeof(err))) {
			r->status = LAB_FAIL;
			snprintf(r->sim.summary, sizeof(r->sim.summary), "-");
			snprintf(r->kernel.summary, sizeof(r->kernel.summary), "-");
			snprintf(r->reason, sizeof(r->reason), "does not compile: %s", err);
			goto out;
		}
		use = obj;
	} else if (!has_suffix(path, ".o")) {
		snprintf(r->reason, sizeof(r->reason), "'%s' is not BPF C (.c) or a compiled object (.o)", path);
		return;
	}
	check_sim(l, use, &r->sim, err, sizeof(err));
	if (!r->sim.ran) {
		snprintf(r->reason, sizeof(r->reason), "%s", err); /* names the file */
		goto out;
	}
	if (sim_only) {
		snprintf(r->kernel.summary, sizeof(r->kernel.summary), "skipped");
	} else if (check_kernel(l, use, &r->kernel, err, sizeof(err))) {
		snprintf(r->reason, sizeof(r->reason), "%s", err);
		goto out;
	}
	if (!r->kernel.ran && !sim_only)
		goto out;
	r->status = r->sim.accepted && (sim_only || r->kernel.accepted) ? LAB_PASS : LAB_FAIL;
	/* the kernel's reason first: it is the reference */
	if (!sim_only && !r->kernel.accepted)
		snprintf(r->reason, sizeof(r->reason), "%s", r->kernel.reason);
	else if (!r->sim.accepted)
		snprintf(r->reason, sizeof(r->reason), "%s", r->sim.reason);
	else
		snprintf(r->reason, sizeof(r->reason), "%s", r->sim.reason); /* a known-gap note, or "" */
out:
	if (made_tmp) {
		unlink(obj);
		rmdir(tmpdir);
	}
}

static void note_passed(const char *slug)
{
	const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char path[PATH_MAX];
	FILE *f;

	if (state && *state)
		snprintf(path, sizeof(path), "%s/veristep", state);
	else
		snprintf(path, sizeof(path), "%s/.local/state/veristep", home && *home ? home : ".");
	for (char *p = path + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(path, 0700);
			*p = '/';
		}
	mkdir(path, 0700);
	strncat(path, "/progress", sizeof(path) - strlen(path) - 1);
	f = fopen(path, "a");
	if (f) {
		fprintf(f, "%s passed\n", slug);
		fclose(f);
	}
}

/* "  kernel:    rejected (the kernel rejects X at insn N: ...)" */
static void print_engine(const char *label, const struct engine_verdict *v)
{
	const char *more = !v->accepted && v->reason[0] ? v->reason : v->detail;

	printf("  %-10s %s%s%s%s\n", label, v->summary[0] ? v->summary : "-", more[0] ? " (" : "", more,
	       more[0] ? ")" : "");
}

static int check_one(const struct lab_lesson *l, const char *path, bool sim_only)
{
	struct lab_result r;

	check_answer(l, path, sim_only, &r);
	if (r.status == LAB_ERROR) {
		cli_error("%s", r.reason);
		return EXIT_BAD_INPUT;
	}
	printf("lab check %.2s (%s): %s\n", l->slug, l->slug + 3, path);
	print_engine("simulator:", &r.sim);
	print_engine("kernel:", &r.kernel);
	if (r.status == LAB_PASS) {
		printf("pass%s%s%s\n", sim_only ? " on the simulator only (not a full check)" : "",
		       r.reason[0] ? ": " : "", r.reason);
		if (!sim_only)
			note_passed(l->slug);
		return EXIT_ACCEPTED;
	}
	printf("fail: %s\n", r.reason);
	return EXIT_REJECTED;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int check_dir(const struct lab_lesson *l, const char *dir, bool sim_only)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, by_name), rows = 0, passed = 0;

	if (n < 0) {
		cli_error("cannot read '%s': %s", dir, strerror(errno));
		return EXIT_BAD_INPUT;
	}
	printf("lab check %.2s (%s): %s\n\n", l->slug, l->slug + 3, dir);
	printf("%-28s %-6s %-12s %-12s %s\n", "file", "result", "simulator", "kernel", "reason");
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char path[PATH_MAX + 300];
		struct lab_result r;
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (name[0] == '.' || stat(path, &st) || !S_ISREG(st.st_mode) ||
		    !(has_suffix(name, ".c") || has_suffix(name, ".o"))) {
			free(names[i]);
			continue;
		}
		check_answer(l, path, sim_only, &r);
		printf("%-28s %-6s %-12s %-12s %s\n", name, status_names[r.status],
		       r.sim.summary[0] ? r.sim.summary : "-", r.kernel.summary[0] ? r.kernel.summary : "-", r.reason);
		fflush(stdout);
		rows++;
		passed += r.status == LAB_PASS;
		free(names[i]);
	}
	free(names);
	printf("\n%d of %d passed\n", passed, rows);
	if (!rows) {
		cli_error("no .c or .o files in '%s'", dir);
		return EXIT_BAD_INPUT;
	}
	return passed == rows ? EXIT_ACCEPTED : EXIT_REJECTED;
}

int cmd_lab(int argc, char **argv)
{
	struct lab_lesson *l;
	const char *target = NULL;
	char exercise[PATH_MAX + 32];
	bool sim_only = false;
	long number = -1;
	struct stat st;
	int rc;

	if (argc < 2 || strcmp(argv[1], "check")) {
		cli_error("%s", lab_usage);
		return EXIT_BAD_INPUT;
	}
	for (int i = 2; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--sim-only")) {
			sim_only = true;
		} else if (number < 0 && argv[i][0] != '-') {
			number = strtol(argv[i], &end, 10);
			if (*end || number < 0 || number > 99) {
				cli_error("invalid lesson number '%s'", argv[i]);
				return EXIT_BAD_INPUT;
			}
		} else if (!target && argv[i][0] != '-') {
			target = argv[i];
		} else {
			cli_error("%s", lab_usage);
			return EXIT_BAD_INPUT;
		}
	}
	if (number < 0) {
		cli_error("%s", lab_usage);
		return EXIT_BAD_INPUT;
	}
	l = calloc(1, sizeof(*l));
	if (!l) {
		cli_error("out of memory");
		return EXIT_BAD_INPUT;
	}
	if (find_lesson((int)number, l)) {
		free(l);
		return EXIT_BAD_INPUT;
	}
	snprintf(exercise, sizeof(exercise), "%s/exercise.bpf.c", l->dir);
	if (access(exercise, R_OK)) {
		cli_error("lesson %ld has no exercise ('%s')", number, exercise);
		free(l);
		return EXIT_BAD_INPUT;
	}
	{
		char path[PATH_MAX + 32];

		snprintf(path, sizeof(path), "%s/expect", l->dir);
		read_solution_rows(l, path, false);
		snprintf(path, sizeof(path), "%s/../KNOWN_SIM_GAPS", l->dir);
		read_solution_rows(l, path, true);
	}
	if (!target)
		target = exercise;
	if (!stat(target, &st) && S_ISDIR(st.st_mode))
		rc = check_dir(l, target, sim_only);
	else
		rc = check_one(l, target, sim_only);
	free(l);
	return rc;
}
