/* The tracer's screen model: everything the TUI shows, without curses.
 *
 * Like tig's graph model, this is the whole application minus the terminal:
 * a session holds one program's simulator trace and a cursor on it (the
 * current step), navigates (step, events, branch points, the error,
 * breakpoints, paths, search), and renders the panes into a vm_screen, a
 * plain grid of characters with one attribute per cell. tui.c copies that
 * grid to curses; screen_dump.c prints it as text for tests; the REPL and
 * `explain` use the same line producers (registers, stack, references,
 * events). Keys go through vm_key() here, so a key script replayed headless
 * gives exactly what a person sees.
 *
 * Time travel is the trace's: the state at any step is materialised on
 * demand (sim_trace_state_at) and cached for the current and the previous
 * step, whose difference is what "changed" means on screen. The previous
 * step of a path's first step is the step that forked it.
 *
 * Paths: the simulator numbers paths in push order (path 0 is the entry,
 * path k the k-th pushed branch), and a path's steps are contiguous in the
 * trace. The lineage of a step is its own path back to its first step, then
 * the forking path up to the fork, and so on to path 0: the history the
 * verifier had when it processed that step.
 */
#ifndef VERISTEP_VIEW_MODEL_H
#define VERISTEP_VIEW_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print.h"
#include "state.h"
#include "trace.h"

struct sim_object;
struct sim_prog;
struct vm_kernel;
struct vm_lesson;

#define VM_PANES(X)                                                   \
	X(VM_PANE_SOURCE, '1', "source", "C source, current line marked")  \
	X(VM_PANE_LISTING, '2', "listing", "instructions: > current, B breakpoint, | on this path") \
	X(VM_PANE_REGS, '3', "registers", "R0-R10: marker, type, id, bounds") \
	X(VM_PANE_STACK, '4', "stack", "stack slots of the current frame") \
	X(VM_PANE_REFS, '5', "references", "reference table, held lock, RCU depth") \
	X(VM_PANE_EVENTS, '6', "events", "branches, pruning, ownership events, the error") \
	X(VM_PANE_KERNEL, '7', "kernel", "the real 7.3 verifier beside the simulation") \
	X(VM_PANE_LESSON, '8', "lesson", "the lesson's narrative and checkpoints")

enum vm_pane {
#define VM_PANE_ENUM(e, key, name, help) e,
	VM_PANES(VM_PANE_ENUM)
#undef VM_PANE_ENUM
	VM_PANE_COUNT
};

/* Cell attributes; tui.c maps them to colours or, without colour, to
 * bold/reverse/underline. Text never relies on colour alone: markers
 * ('>', '*', 'B', words like "n-own") carry the meaning too. */
enum vm_attr {
	VM_A_NORMAL,
	VM_A_TITLE,
	VM_A_HEADER,
	VM_A_CURRENT,
	VM_A_CHANGED,
	VM_A_BREAK,
	VM_A_PATH,
	VM_A_ERROR,
	VM_A_OWN,
	VM_A_NONOWN,
	VM_A_WARN,
	VM_A_DIM,
	VM_A_STATUS,
	VM_A_GOOD,
	VM_A_COUNT
};

/* Keys, curses-free: printable characters are themselves. */
enum {
	VM_KEY_LEFT = 0x1000, VM_KEY_RIGHT, VM_KEY_UP, VM_KEY_DOWN, VM_KEY_HOME,
	VM_KEY_END, VM_KEY_PGUP, VM_KEY_PGDN, VM_KEY_ENTER, VM_KEY_ESC,
	VM_KEY_BACKSPACE, VM_KEY_RESIZE,
};

/* Commands of the TUI: X(enum, keys shown in help, help text). */
#define VM_COMMANDS(X)                                                       \
	X(VM_CMD_STEP, "s l ->", "step forward one processed instruction")      \
	X(VM_CMD_BACK, "r h <-", "step back one processed instruction")         \
	X(VM_CMD_NEXT_EVENT, "e", "forward to the next event")                   \
	X(VM_CMD_PREV_EVENT, "E", "back to the previous event")                  \
	X(VM_CMD_NEXT_BRANCH, "]", "next branch point")                          \
	X(VM_CMD_PREV_BRANCH, "[", "previous branch point")                      \
	X(VM_CMD_ERROR, "x", "jump to the error")                                \
	X(VM_CMD_GOTO, "g", "go to instruction N (prompts)")                     \
	X(VM_CMD_BREAK, "b", "toggle a breakpoint on the current instruction")  \
	X(VM_CMD_CONTINUE, "c", "run forward to a breakpoint")                   \
	X(VM_CMD_RCONTINUE, "C", "run back to a breakpoint")                     \
	X(VM_CMD_NEXT_PATH, "t", "switch to the next path the verifier explored") \
	X(VM_CMD_PREV_PATH, "T", "switch to the previous path")                  \
	X(VM_CMD_FIRST, "Home", "first step")                                    \
	X(VM_CMD_LAST, "End", "last step")                                       \
	X(VM_CMD_SEARCH, "/", "search instructions and events (prompts)")        \
	X(VM_CMD_SEARCH_NEXT, "n", "next search match")                          \
	X(VM_CMD_SEARCH_PREV, "N", "previous search match")                      \
	X(VM_CMD_KERNEL, "k", "run in the real kernel and compare")              \
	X(VM_CMD_LESSON, "space", "lesson: advance to the next checkpoint")      \
	X(VM_CMD_COMMAND, ":", "command line (:run :goto N :break N :step N :q)") \
	X(VM_CMD_PANES, "1-8", "toggle panes")                                   \
	X(VM_CMD_HELP, "?", "this help")                                         \
	X(VM_CMD_QUIT, "q", "quit")

enum vm_cmd {
#define VM_CMD_ENUM(e, keys, help) e,
	VM_COMMANDS(VM_CMD_ENUM)
#undef VM_CMD_ENUM
	VM_CMD_COUNT
};

/* What the driver must do after a key. */
enum vm_action { VM_ACT_NONE, VM_ACT_QUIT, VM_ACT_KERNEL };

struct vm_path {
	uint32_t parent;     /* forking path (path 0: itself) */
	size_t fork_step;    /* the step that pushed this path */
	size_t first, last;  /* its steps, inclusive */
};

/* A lab event line parsed ("lab: non-owning ref=2 regs=R6 insn=7 by=bpf_rbtree_add"). */
struct vm_lab {
	char kind[24];
	int ref, id, insn;
	char regs[160];
	char by[64];         /* by= or cause= */
};

/* What the lab events say about one register at the current step. */
struct vm_reg_note {
	bool set;
	char kind[24];       /* "non-owning", "invalidate", "rcu-untrusted" */
	int insn;
	char by[64];
};

struct vm_screen {
	int rows, cols;
	char *text;          /* rows * cols */
	uint8_t *attr;
};

enum vm_input { VM_INPUT_NONE, VM_INPUT_GOTO, VM_INPUT_SEARCH, VM_INPUT_COMMAND };

struct vm_source_line {
	uint32_t line;
	const char *text;
	const char *file;
};

struct vm_session {
	/* the program */
	struct sim_object *obj;
	const struct sim_prog *prog;
	struct sim_trace *trace;
	const struct sim_prog_view *pv;
	char *obj_path;
	size_t nsteps;
	/* indexes built once */
	size_t *ev_steps;        /* steps carrying events, ascending */
	size_t nev_steps;
	size_t *branch_steps;    /* steps that pushed a branch */
	size_t nbranch_steps;
	long error_step;         /* -1 if none */
	struct vm_path *paths;
	uint32_t npaths;
	char **insn_text;        /* disassembly per instruction */
	struct vm_source_line *src;
	size_t nsrc;
	/* the cursor and what hangs on it */
	size_t step;
	uint8_t *bp;             /* per instruction */
	uint8_t *on_path;        /* per instruction, for path on_path_of */
	long on_path_of;
	struct sim_state_view cur, prev;
	long cur_step, prev_step; /* which steps cur/prev hold, -1 none */
	bool show[VM_PANE_COUNT];
	bool help;
	enum vm_input input;
	char inbuf[128];
	size_t inlen;
	char search[128];
	char msg[256];
	struct vm_kernel *kernel;
	struct vm_lesson *lesson;
	long diverge_insn;       /* from the kernel comparison, -1 none */
};

/* Open @path, verify program @prog_name (NULL: the first), build the
 * session. NULL with a one-line error in @err. */
struct vm_session *vm_open(const char *path, const char *prog_name, char *err, size_t errlen);
/* Build on an existing trace (tests); the session owns neither. */
struct vm_session *vm_from_trace(struct sim_trace *t, char *err, size_t errlen);
void vm_close(struct vm_session *s);

/* Navigation: each returns true if the cursor moved (else s->msg says why). */
bool vm_goto_step(struct vm_session *s, size_t step);
bool vm_step(struct vm_session *s, long delta);
bool vm_next_event(struct vm_session *s, int dir);
bool vm_next_branch(struct vm_session *s, int dir);
bool vm_goto_error(struct vm_session *s);
bool vm_goto_insn(struct vm_session *s, int insn);  /* next step at insn, wrapping */
bool vm_continue(struct vm_session *s, int dir);    /* to a breakpoint */
bool vm_switch_path(struct vm_session *s, int dir);
bool vm_search(struct vm_session *s, const char *needle, int dir);
void vm_toggle_break(struct vm_session *s, int insn);

/* The current step's facts. */
uint32_t vm_path_of(const struct vm_session *s, size_t step);
int vm_insn_of(const struct vm_session *s, size_t step);
/* The step before @step in its lineage, -1 for step 0. */
long vm_lineage_prev(const struct vm_session *s, size_t step);
/* Calls @fn for every step of the lineage of @step, newest first, until it
 * returns false. */
void vm_lineage_walk(const struct vm_session *s, size_t step,
		     bool (*fn)(void *ctx, size_t step), void *ctx);
/* The state after @step (cached for the current and previous step). */
const struct sim_state *vm_state(struct vm_session *s);
const struct sim_state *vm_prev_state(struct vm_session *s);

/* Keys. */
enum vm_action vm_key(struct vm_session *s, int key);
/* Parse a key script ("sss<Left>x", escapes <Left> <Right> <Up> <Down>
 * <Home> <End> <Enter> <Esc> <PgUp> <PgDn> <BS> <lt>) into @keys;
 * returns the count or -1 on a bad escape. */
int vm_parse_keys(const char *script, int *keys, int max);

/* Text producers shared by the TUI, the REPL and explain. */
const char *vm_verdict_word(const struct vm_session *s);
int vm_lab_parse(const char *text, struct vm_lab *out);  /* 0, -1 if not a lab line */
bool vm_lab_lists(const struct vm_lab *lab, const char *name); /* "R6" in regs= */
/* The register's marker words ("own", "n-own", "null?", ...) into @buf. */
const char *vm_reg_marker(const struct sim_reg *r, char *buf, size_t len, enum vm_attr *attr);
/* Lab notes for R0..R10 of the current frame at @step. */
void vm_reg_notes(struct vm_session *s, size_t step, struct vm_reg_note notes[SIM_MAX_REG]);
/* "R6 n-own  ptr_node_data(...)" (+ " [invalidated at insn 12 by ...]"). */
void vm_reg_line(const struct sim_state *st, int regno, const struct vm_reg_note *note,
		 struct sim_strbuf *sb, enum vm_attr *attr);
void vm_event_line(const struct sim_trace_event *ev, struct sim_strbuf *sb, enum vm_attr *attr);
/* The references, lock and RCU lines of @st, one per line. */
void vm_refs_text(const struct sim_state *st, struct sim_strbuf *sb);

/* The screen. */
int vm_screen_init(struct vm_screen *scr, int rows, int cols);
void vm_screen_free(struct vm_screen *scr);
void vm_render(struct vm_session *s, struct vm_screen *scr);
/* The grid as text, one line per row, trailing blanks trimmed. */
void vm_screen_text(const struct vm_screen *scr, struct sim_strbuf *sb);

#endif
