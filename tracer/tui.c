/* The full-screen tracer: curses in, the model's grid out (view_model.h).
 *
 * All decisions are the model's; this file maps curses keys to model keys,
 * attributes to colours (or, without colour or with NO_COLOR set, to
 * bold/reverse/underline), and keeps the terminal sane: the screen is
 * restored at exit, on error and on fatal signals. Long work (simulating
 * the program, booting the lab VM) runs on a worker thread while the main
 * thread draws a spinner with the elapsed time.
 */
#include <errno.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <ncursesw/curses.h>

#include "commands.h"
#include "tui.h"
#include "tui_args.h"
#include "view_model.h"
#include "view_model_kernel.h"

static volatile sig_atomic_t curses_on;

static void restore_terminal(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
	}
}

static void fatal_signal(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT, SIGBUS, SIGFPE };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fatal_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	atexit(restore_terminal);
}

/* ---- colours ------------------------------------------------------------- */

static chtype attr_map[VM_A_COUNT];

static void setup_colours(void)
{
	static const struct {
		enum vm_attr a;
		short fg, bg;
		chtype extra, mono;
	} table[] = {
		{ VM_A_NORMAL, -1, -1, 0, A_NORMAL },
		{ VM_A_TITLE, COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
		{ VM_A_HEADER, COLOR_CYAN, -1, A_BOLD, A_BOLD },
		{ VM_A_CURRENT, COLOR_BLACK, COLOR_YELLOW, 0, A_REVERSE },
		{ VM_A_CHANGED, COLOR_YELLOW, -1, A_BOLD, A_BOLD },
		{ VM_A_BREAK, COLOR_RED, -1, A_BOLD, A_UNDERLINE },
		{ VM_A_PATH, COLOR_GREEN, -1, 0, A_NORMAL },
		{ VM_A_ERROR, COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE },
		{ VM_A_OWN, COLOR_GREEN, -1, A_BOLD, A_BOLD },
		{ VM_A_NONOWN, COLOR_MAGENTA, -1, A_BOLD, A_UNDERLINE },
		{ VM_A_WARN, COLOR_YELLOW, -1, 0, A_BOLD },
		{ VM_A_DIM, COLOR_BLUE, -1, 0, A_DIM },
		{ VM_A_STATUS, COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE },
		{ VM_A_GOOD, COLOR_GREEN, -1, A_BOLD, A_BOLD },
	};
	const char *no_color = getenv("NO_COLOR");
	bool colour = has_colors() && !(no_color && *no_color);

	if (colour) {
		start_color();
		use_default_colors();
	}
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (colour && i) {
			init_pair((short)i, table[i].fg, table[i].bg);
			attr_map[table[i].a] = COLOR_PAIR((int)i) | table[i].extra;
		} else {
			attr_map[table[i].a] = table[i].mono;
		}
	}
}

static void draw(const struct vm_screen *scr)
{
	for (int y = 0; y < scr->rows; y++) {
		int x = 0;

		while (x < scr->cols) {
			int start = x;
			uint8_t a = scr->attr[y * scr->cols + x];

			while (x < scr->cols && scr->attr[y * scr->cols + x] == a)
				x++;
			attrset(attr_map[a < VM_A_COUNT ? a : 0]);
			/* the bottom-right cell: addnstr there scrolls on some terminals */
			mvaddnstr(y, start, scr->text + y * scr->cols + start,
				  y == scr->rows - 1 && x == scr->cols ? x - start - 1 : x - start);
		}
	}
	attrset(A_NORMAL);
	refresh();
}

/* ---- busy work on a thread ----------------------------------------------- */

struct busy {
	void *(*fn)(void *);
	void *arg, *result;
	volatile int done;
	pthread_mutex_t lock;
};

static void *busy_main(void *p)
{
	struct busy *b = p;
	void *r = b->fn(b->arg);

	pthread_mutex_lock(&b->lock);
	b->result = r;
	b->done = 1;
	pthread_mutex_unlock(&b->lock);
	return NULL;
}

static void *run_busy(const char *label, void *(*fn)(void *), void *arg)
{
	static const char spin[] = "|/-\\";
	struct busy b = { .fn = fn, .arg = arg };
	struct timespec t0, now;
	pthread_t th;
	int i = 0;

	pthread_mutex_init(&b.lock, NULL);
	if (pthread_create(&th, NULL, busy_main, &b)) {
		pthread_mutex_destroy(&b.lock);
		return fn(arg);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		int done;

		pthread_mutex_lock(&b.lock);
		done = b.done;
		pthread_mutex_unlock(&b.lock);
		if (done)
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		attrset(attr_map[VM_A_STATUS]);
		mvprintw(LINES - 1, 0, " %c %s (%lds)", spin[i++ % 4], label,
			 (long)(now.tv_sec - t0.tv_sec));
		clrtoeol();
		attrset(A_NORMAL);
		refresh();
		napms(100);
	}
	pthread_join(th, NULL);
	pthread_mutex_destroy(&b.lock);
	return b.result;
}

struct open_job {
	const struct tui_args *args;
	char err[512];
};

static void *open_job_main(void *p)
{
	struct open_job *j = p;

	return tui_args_open(j->args, j->err, sizeof(j->err));
}

static void *kernel_job_main(void *p)
{
	return vm_kernel_run(p);
}

/* ---- the loop ------------------------------------------------------------ */

static int map_key(int ch)
{
	static const struct {
		int curses, model;
	} keys[] = {
		{ KEY_LEFT, VM_KEY_LEFT },   { KEY_RIGHT, VM_KEY_RIGHT }, { KEY_UP, VM_KEY_UP },
		{ KEY_DOWN, VM_KEY_DOWN },   { KEY_HOME, VM_KEY_HOME },   { KEY_END, VM_KEY_END },
		{ KEY_PPAGE, VM_KEY_PGUP },  { KEY_NPAGE, VM_KEY_PGDN },  { KEY_ENTER, VM_KEY_ENTER },
		{ '\n', VM_KEY_ENTER },      { '\r', VM_KEY_ENTER },      { 27, VM_KEY_ESC },
		{ KEY_BACKSPACE, VM_KEY_BACKSPACE }, { 127, VM_KEY_BACKSPACE },
		{ KEY_RESIZE, VM_KEY_RESIZE },
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (keys[i].curses == ch)
			return keys[i].model;
	return ch;
}

int tui_run(const struct tui_args *args)
{
	struct vm_screen scr = { 0 };
	struct open_job job = { .args = args };
	struct vm_session *s;
	int rc = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the tracer needs a terminal (use 'veristep tui --dump-after KEYS' or 'veristep repl')");
		return EXIT_BAD_INPUT;
	}
	setlocale(LC_ALL, "");
	install_signals();
	if (!initscr()) {
		cli_error("cannot initialise the terminal");
		return EXIT_BAD_INPUT;
	}
	curses_on = 1;
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	setup_colours();
	s = run_busy("simulating the verifier", open_job_main, &job);
	if (!s) {
		restore_terminal();
		cli_error("%s", job.err);
		return EXIT_BAD_INPUT;
	}
	for (;;) {
		enum vm_action act;
		int ch;

		if (scr.rows != LINES || scr.cols != COLS) {
			if (vm_screen_init(&scr, LINES, COLS)) {
				rc = EXIT_BAD_INPUT;
				break;
			}
			clear();
		}
		vm_render(s, &scr);
		draw(&scr);
		ch = getch();
		if (ch == ERR)
			continue;
		act = vm_key(s, map_key(ch));
		if (act == VM_ACT_QUIT)
			break;
		if (act == VM_ACT_KERNEL) {
			struct vm_kernel *k = run_busy("running in the lab kernel (QEMU)", kernel_job_main, s);

			if (k) {
				vm_kernel_free(s->kernel);
				s->kernel = k;
				s->show[VM_PANE_KERNEL] = true;
				snprintf(s->msg, sizeof(s->msg), "%s",
					 k->agree ? "the kernel agrees with the simulation"
						  : "the kernel DISAGREES with the simulation (see the kernel pane)");
			}
		}
	}
	restore_terminal();
	vm_screen_free(&scr);
	vm_close(s);
	return rc;
}
