/* `veristep repl [--prog NAME] [--lesson DIR] OBJ`: the tracer as a gdb-like
 * prompt. On a terminal it uses readline (history, tab completion of
 * commands and registers); otherwise it reads commands from stdin and
 * echoes each one after the prompt, so `veristep repl prog.o < cmds`
 * gives a readable transcript (that is how the tests drive it).
 * Navigation and all text come from the screen model (view_model.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "commands.h"
#include "explain.h"
#include "tui_args.h"
#include "view_model.h"
#include "view_model_kernel.h"
#include "view_print.h"

#define REPL_COMMANDS(X)                                                                      \
	X(step, "step [N]", "forward N processed instructions (default 1)")                    \
	X(next, "next", "forward to the next event")                                          \
	X(back, "back [N]", "back N processed instructions (default 1)")                       \
	X(until, "until [INSN]", "forward to instruction INSN, or to the next branch point")   \
	X(continue, "continue", "forward to the next breakpoint")                             \
	X(break, "break INSN", "set a breakpoint on an instruction")                           \
	X(delete, "delete [INSN]", "delete one breakpoint, or all")                           \
	X(error, "error", "jump to the error")                                                 \
	X(goto, "goto INSN | goto step N", "go to the next step at INSN, or to step N")        \
	X(where, "where", "the current step, instruction and source line")                    \
	X(list, "list", "the instructions around the current one")                            \
	X(regs, "regs", "registers R0-R10 with ownership markers")                            \
	X(stack, "stack", "stack slots of the current frame")                                 \
	X(refs, "refs", "reference table, held lock, RCU depth")                              \
	X(events, "events [all]", "events on this step, or all events up to here")             \
	X(path, "path [N]", "the current path and its forks, or switch to path N")             \
	X(print, "print Rn", "a register now and its history on this path")                   \
	X(explain, "explain", "why the program was rejected (or a summary)")                   \
	X(run, "run", "load the program into the lab kernel and compare")                      \
	X(compare, "compare", "the kernel's verdict beside the simulation (runs it if needed)") \
	X(help, "help", "this list")                                                           \
	X(quit, "quit", "leave")

#define REPL_DECLARE(name, usage, help) static int repl_##name(struct vm_session *s, const char *arg);
REPL_COMMANDS(REPL_DECLARE)
#undef REPL_DECLARE

static const struct {
	const char *name, *usage, *help;
	int (*fn)(struct vm_session *s, const char *arg);
} repl_cmds[] = {
#define REPL_ROW(name, usage, help) { #name, usage, help, repl_##name },
	REPL_COMMANDS(REPL_ROW)
#undef REPL_ROW
};

enum { REPL_GO_ON, REPL_QUIT };

static long arg_num(const char *arg, long dflt, bool *ok)
{
	char *end;
	long v;

	*ok = true;
	if (!arg || !*arg)
		return dflt;
	v = strtol(arg, &end, 10);
	while (*end == ' ')
		end++;
	if (end == arg || *end)
		*ok = false;
	return v;
}

static void say_msg(struct vm_session *s)
{
	if (s->msg[0])
		printf("%s\n", s->msg);
	s->msg[0] = '\0';
}

static void print_events_at(struct vm_session *s, size_t st, const char *indent)
{
	size_t n = sim_trace_event_count(s->trace, st);

	for (size_t i = 0; i < n; i++) {
		struct sim_trace_event ev;
		struct sim_strbuf sb = { 0 };

		if (sim_trace_event_at(s->trace, st, i, &ev))
			continue;
		vm_event_line(&ev, &sb, NULL);
		printf("%s%s\n", indent, sb.buf ? sb.buf : "");
		sim_strbuf_free(&sb);
	}
}

static int repl_where(struct vm_session *s, const char *arg)
{
	int insn = vm_insn_of(s, s->step);
	const struct sim_line_view *l = s->pv->lines && insn >= 0 ? &s->pv->lines[insn] : NULL;

	say_msg(s);
	printf("step %zu/%zu path %u insn %d: %s\n", s->step, s->nsteps - 1, vm_path_of(s, s->step),
	       insn, insn >= 0 ? s->insn_text[insn] : "?");
	if (l && l->src)
		printf("  ; %s @ line %u\n", l->src + strspn(l->src, " \t"), l->line);
	print_events_at(s, s->step, "  ");
	(void)arg;
	return REPL_GO_ON;
}

static int moved(struct vm_session *s, bool ok)
{
	if (!ok) {
		say_msg(s);
		return REPL_GO_ON;
	}
	return repl_where(s, NULL);
}

static int repl_step(struct vm_session *s, const char *arg)
{
	bool ok;
	long n = arg_num(arg, 1, &ok);

	if (!ok || n < 1) {
		printf("usage: step [N]\n");
		return REPL_GO_ON;
	}
	return moved(s, vm_step(s, n));
}

static int repl_back(struct vm_session *s, const char *arg)
{
	bool ok;
	long n = arg_num(arg, 1, &ok);

	if (!ok || n < 1) {
		printf("usage: back [N]\n");
		return REPL_GO_ON;
	}
	return moved(s, vm_step(s, -n));
}

static int repl_next(struct vm_session *s, const char *arg)
{
	(void)arg;
	return moved(s, vm_next_event(s, 1));
}

static int repl_until(struct vm_session *s, const char *arg)
{
	bool ok;
	long insn = arg_num(arg, -1, &ok);

	if (!ok) {
		printf("usage: until [INSN]\n");
		return REPL_GO_ON;
	}
	if (insn < 0)
		return moved(s, vm_next_branch(s, 1));
	for (size_t st = s->step + 1; st < s->nsteps; st++)
		if (vm_insn_of(s, st) == insn)
			return moved(s, vm_goto_step(s, st));
	printf("instruction %ld is not processed after this step\n", insn);
	return REPL_GO_ON;
}

static int repl_continue(struct vm_session *s, const char *arg)
{
	(void)arg;
	return moved(s, vm_continue(s, 1));
}

static int repl_break(struct vm_session *s, const char *arg)
{
	bool ok;
	long insn = arg_num(arg, vm_insn_of(s, s->step), &ok);

	if (!ok || insn < 0 || insn >= s->pv->insn_cnt) {
		printf("usage: break INSN (0..%d)\n", s->pv->insn_cnt - 1);
		return REPL_GO_ON;
	}
	if (!s->bp[insn])
		vm_toggle_break(s, (int)insn);
	else
		snprintf(s->msg, sizeof(s->msg), "breakpoint at insn %ld already set", insn);
	say_msg(s);
	return REPL_GO_ON;
}

static int repl_delete(struct vm_session *s, const char *arg)
{
	bool ok;
	long insn = arg_num(arg, -1, &ok);

	if (!ok || insn >= s->pv->insn_cnt) {
		printf("usage: delete [INSN]\n");
		return REPL_GO_ON;
	}
	if (insn < 0) {
		memset(s->bp, 0, (size_t)s->pv->insn_cnt);
		printf("all breakpoints deleted\n");
	} else if (s->bp[insn]) {
		vm_toggle_break(s, (int)insn);
		say_msg(s);
	} else {
		printf("no breakpoint at insn %ld\n", insn);
	}
	return REPL_GO_ON;
}

static int repl_error(struct vm_session *s, const char *arg)
{
	(void)arg;
	return moved(s, vm_goto_error(s));
}

static int repl_goto(struct vm_session *s, const char *arg)
{
	bool ok;
	long n;

	if (arg && !strncmp(arg, "step ", 5)) {
		n = arg_num(arg + 5, -1, &ok);
		if (!ok || n < 0) {
			printf("usage: goto step N\n");
			return REPL_GO_ON;
		}
		return moved(s, vm_goto_step(s, (size_t)n));
	}
	n = arg_num(arg, -1, &ok);
	if (!ok || n < 0) {
		printf("usage: goto INSN | goto step N\n");
		return REPL_GO_ON;
	}
	return moved(s, vm_goto_insn(s, (int)n));
}

static int repl_list(struct vm_session *s, const char *arg)
{
	int insn = vm_insn_of(s, s->step);
	int from = insn - 5 < 0 ? 0 : insn - 5, to = insn + 6;

	for (int i = from; i < to && i < s->pv->insn_cnt; i++) {
		if (sim_view_insn_is_ldimm64_tail(s->pv, i))
			continue;
		printf("%c%c%c%4d: %s\n", i == insn ? '>' : ' ', s->bp[i] ? 'B' : ' ',
		       s->on_path[i] ? '|' : ' ', i, s->insn_text[i]);
	}
	(void)arg;
	return REPL_GO_ON;
}

static int repl_regs(struct vm_session *s, const char *arg)
{
	const struct sim_state *st = vm_state(s), *prev;
	struct vm_reg_note notes[SIM_MAX_REG];

	if (!st) {
		printf("the state at step %zu is unavailable\n", s->step);
		return REPL_GO_ON;
	}
	prev = vm_prev_state(s);
	st = vm_state(s);
	vm_reg_notes(s, s->step, notes);
	for (int i = 0; i < SIM_MAX_REG; i++) {
		struct sim_strbuf cur = { 0 }, old = { 0 };
		bool changed = false;

		vm_reg_line(st, i, &notes[i], &cur, NULL);
		if (prev && prev->curframe == st->curframe) {
			vm_reg_line(prev, i, &notes[i], &old, NULL);
			changed = strcmp(old.buf ? old.buf : "", cur.buf ? cur.buf : "") != 0;
		}
		printf("%c%s\n", changed ? '*' : ' ', cur.buf ? cur.buf : "");
		sim_strbuf_free(&cur);
		sim_strbuf_free(&old);
	}
	(void)arg;
	return REPL_GO_ON;
}

static void out_write(void *ctx, const char *p, size_t len)
{
	fwrite(p, 1, len, ctx);
}

static int repl_stack(struct vm_session *s, const char *arg)
{
	const struct sim_state *st = vm_state(s);
	struct sim_out out = { out_write, stdout };
	int shown = 0;

	if (!st)
		return REPL_GO_ON;
	for (int i = 0; i < sim_cur_frame(st)->allocated_stack / SIM_REG_SIZE; i++) {
		if (sim_view_print_slot(&out, st, st->curframe, i)) {
			printf("\n");
			shown++;
		}
	}
	if (!shown)
		printf("nothing on the stack\n");
	(void)arg;
	return REPL_GO_ON;
}

static int repl_refs(struct vm_session *s, const char *arg)
{
	const struct sim_state *st = vm_state(s);
	struct sim_strbuf sb = { 0 };

	if (!st)
		return REPL_GO_ON;
	vm_refs_text(st, &sb);
	fputs(sb.buf ? sb.buf : "", stdout);
	sim_strbuf_free(&sb);
	(void)arg;
	return REPL_GO_ON;
}

static int repl_events(struct vm_session *s, const char *arg)
{
	if (arg && !strcmp(arg, "all")) {
		for (size_t k = 0; k < s->nev_steps && s->ev_steps[k] <= s->step; k++) {
			char indent[48];

			snprintf(indent, sizeof(indent), "step %zu insn %d: ", s->ev_steps[k],
				 vm_insn_of(s, s->ev_steps[k]));
			print_events_at(s, s->ev_steps[k], indent);
		}
		return REPL_GO_ON;
	}
	if (!sim_trace_event_count(s->trace, s->step))
		printf("no events at this step (events all: every event so far)\n");
	print_events_at(s, s->step, "");
	return REPL_GO_ON;
}

static int repl_path(struct vm_session *s, const char *arg)
{
	bool ok;
	long n = arg_num(arg, -1, &ok);
	uint32_t p;

	if (!ok) {
		printf("usage: path [N]\n");
		return REPL_GO_ON;
	}
	if (n >= 0) {
		if ((uint32_t)n >= s->npaths || (n && !s->paths[n].last)) {
			printf("no path %ld (%u paths)\n", n, s->npaths);
			return REPL_GO_ON;
		}
		return moved(s, vm_goto_step(s, s->paths[n].first));
	}
	p = vm_path_of(s, s->step);
	printf("path %u of %u: steps %zu-%zu\n", p, s->npaths, s->paths[p].first, s->paths[p].last);
	for (uint32_t q = p; q; q = s->paths[q].parent)
		printf("  path %u forked from path %u at step %zu (insn %d)\n", q, s->paths[q].parent,
		       s->paths[q].fork_step, vm_insn_of(s, s->paths[q].fork_step));
	return REPL_GO_ON;
}

static int repl_print(struct vm_session *s, const char *arg)
{
	const struct sim_state *st = vm_state(s);
	struct vm_reg_note notes[SIM_MAX_REG];
	struct sim_strbuf sb = { 0 };
	int reg;

	if (!arg || (arg[0] != 'R' && arg[0] != 'r') || !arg[1] ||
	    (reg = atoi(arg + 1)) < 0 || reg >= SIM_MAX_REG || !st) {
		printf("usage: print Rn (R0..R10)\n");
		return REPL_GO_ON;
	}
	vm_reg_notes(s, s->step, notes);
	vm_reg_line(st, reg, &notes[reg], &sb, NULL);
	printf("%s\nhistory on this path:\n", sb.buf ? sb.buf : "");
	sim_strbuf_free(&sb);
	explain_reg_history(s, s->step, reg, stdout);
	return REPL_GO_ON;
}

static int repl_explain(struct vm_session *s, const char *arg)
{
	(void)arg;
	explain_print(s, false, stdout);
	return REPL_GO_ON;
}

static void show_kernel(struct vm_session *s)
{
	struct sim_strbuf sb = { 0 };

	vm_kernel_text(s->kernel, s, &sb);
	fputs(sb.buf ? sb.buf : "", stdout);
	sim_strbuf_free(&sb);
}

static int repl_run(struct vm_session *s, const char *arg)
{
	struct vm_kernel *k;

	fprintf(stderr, "running '%s' in the lab kernel...\n", s->pv->name ? s->pv->name : "?");
	k = vm_kernel_run(s);
	if (!k) {
		printf("out of memory\n");
		return REPL_GO_ON;
	}
	vm_kernel_free(s->kernel);
	s->kernel = k;
	show_kernel(s);
	(void)arg;
	return REPL_GO_ON;
}

static int repl_compare(struct vm_session *s, const char *arg)
{
	if (!s->kernel)
		return repl_run(s, arg);
	show_kernel(s);
	return REPL_GO_ON;
}

static int repl_help(struct vm_session *s, const char *arg)
{
	for (size_t i = 0; i < sizeof(repl_cmds) / sizeof(repl_cmds[0]); i++)
		printf("  %-24s %s\n", repl_cmds[i].usage, repl_cmds[i].help);
	(void)s;
	(void)arg;
	return REPL_GO_ON;
}

static int repl_quit(struct vm_session *s, const char *arg)
{
	(void)s;
	(void)arg;
	return REPL_QUIT;
}

/* gdb-style: a unique prefix names a command ("s" is step, "c" continue). */
static int dispatch(struct vm_session *s, char *line)
{
	char *cmd = line + strspn(line, " \t"), *arg;
	size_t len, match = (size_t)-1, hits = 0;

	len = strcspn(cmd, " \t");
	if (!len)
		return REPL_GO_ON;
	arg = cmd + len;
	if (*arg)
		*arg++ = '\0';
	arg += strspn(arg, " \t");
	for (char *end = arg + strlen(arg); end > arg && (end[-1] == ' ' || end[-1] == '\n');)
		*--end = '\0';
	for (size_t i = 0; i < sizeof(repl_cmds) / sizeof(repl_cmds[0]); i++) {
		if (!strcmp(repl_cmds[i].name, cmd)) {
			match = i;
			hits = 1;
			break;
		}
		if (!strncmp(repl_cmds[i].name, cmd, len)) {
			if (!hits)
				match = i;
			hits++;
		}
	}
	/* the gdb habits win ties: s step, n next, b break, c continue, p print */
	if (hits > 1) {
		static const char *const first[] = { "step", "next", "break", "continue", "print", "back" };

		hits = 0;
		for (size_t k = 0; k < sizeof(first) / sizeof(first[0]) && !hits; k++)
			if (!strncmp(first[k], cmd, len))
				for (size_t i = 0; i < sizeof(repl_cmds) / sizeof(repl_cmds[0]); i++)
					if (!strcmp(repl_cmds[i].name, first[k])) {
						match = i;
						hits = 1;
					}
	}
	if (hits != 1) {
		printf("unknown command '%s' (try 'help')\n", cmd);
		return REPL_GO_ON;
	}
	return repl_cmds[match].fn(s, *arg ? arg : NULL);
}

/* ---- readline completion -------------------------------------------------- */

static char *complete_word(const char *text, int state)
{
	static size_t i;
	static const char *const regs[] = { "R0", "R1", "R2", "R3", "R4", "R5", "R6",
					    "R7", "R8", "R9", "R10", "all", "step" };
	size_t ncmds = sizeof(repl_cmds) / sizeof(repl_cmds[0]);

	if (!state)
		i = 0;
	while (i < ncmds + sizeof(regs) / sizeof(regs[0])) {
		const char *w = i < ncmds ? repl_cmds[i].name : regs[i - ncmds];

		i++;
		if (!strncmp(w, text, strlen(text)))
			return strdup(w);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, complete_word);
}

static int loop(struct vm_session *s)
{
	bool tty = isatty(STDIN_FILENO);
	char *line = NULL;
	size_t cap = 0;

	if (tty) {
		rl_attempted_completion_function = complete;
		using_history();
	}
	repl_where(s, NULL);
	for (;;) {
		char *input;
		int rc;

		if (tty) {
			input = readline("(veristep) ");
			if (!input)
				break;
			if (*input)
				add_history(input);
		} else {
			ssize_t n = getline(&line, &cap, stdin);

			if (n < 0)
				break;
			if (n && line[n - 1] == '\n')
				line[n - 1] = '\0';
			if (line[strspn(line, " \t")] == '#' || !line[strspn(line, " \t")])
				continue;
			printf("(veristep) %s\n", line);
			input = strdup(line);
			if (!input)
				break;
		}
		rc = dispatch(s, input);
		free(input);
		fflush(stdout);
		if (rc == REPL_QUIT)
			break;
	}
	free(line);
	return 0;
}

int cmd_repl(int argc, char **argv)
{
	struct tui_args a = { 0 };
	struct vm_session *s;
	char err[512];
	int rc;

	for (int i = 1; i < argc; i++) {
		int r = tui_args_take(&a, argc, argv, &i);

		if (r < 0 || (!r && (argv[i][0] == '-' || a.obj))) {
			cli_error("usage: veristep repl [--prog NAME] [--lesson DIR] OBJ");
			return EXIT_BAD_INPUT;
		}
		if (!r)
			a.obj = argv[i];
	}
	if (tui_args_finish(&a))
		return EXIT_BAD_INPUT;
	s = tui_args_open(&a, err, sizeof(err));
	if (!s) {
		cli_error("%s", err);
		return EXIT_BAD_INPUT;
	}
	rc = loop(s);
	vm_close(s);
	return rc;
}
