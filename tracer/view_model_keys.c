/* Keys of the TUI, curses-free: a key table to commands, the prompt line
 * (goto, search, ':' commands) and the key-script parser that headless
 * tests use. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lesson_model.h"
#include "view_model.h"

static const struct {
	int key;
	enum vm_cmd cmd;
} keymap[] = {
	{ 's', VM_CMD_STEP },         { 'l', VM_CMD_STEP },        { VM_KEY_RIGHT, VM_CMD_STEP },
	{ 'r', VM_CMD_BACK },         { 'h', VM_CMD_BACK },        { VM_KEY_LEFT, VM_CMD_BACK },
	{ 'e', VM_CMD_NEXT_EVENT },   { 'E', VM_CMD_PREV_EVENT },  { ']', VM_CMD_NEXT_BRANCH },
	{ '[', VM_CMD_PREV_BRANCH },  { 'x', VM_CMD_ERROR },       { 'g', VM_CMD_GOTO },
	{ 'b', VM_CMD_BREAK },        { 'c', VM_CMD_CONTINUE },    { 'C', VM_CMD_RCONTINUE },
	{ 't', VM_CMD_NEXT_PATH },    { 'T', VM_CMD_PREV_PATH },   { VM_KEY_HOME, VM_CMD_FIRST },
	{ VM_KEY_END, VM_CMD_LAST },  { '/', VM_CMD_SEARCH },      { 'n', VM_CMD_SEARCH_NEXT },
	{ 'N', VM_CMD_SEARCH_PREV },  { 'k', VM_CMD_KERNEL },      { ' ', VM_CMD_LESSON },
	{ ':', VM_CMD_COMMAND },      { '?', VM_CMD_HELP },        { 'q', VM_CMD_QUIT },
};

static const struct {
	char key;
	enum vm_pane pane;
	const char *name;
} pane_keys[] = {
#define VM_PANE_KEY(e, key, name, help) { key, e, name },
	VM_PANES(VM_PANE_KEY)
#undef VM_PANE_KEY
};

static bool parse_int(const char *s, long *v)
{
	char *end;

	while (*s == ' ')
		s++;
	if (!*s)
		return false;
	*v = strtol(s, &end, 10);
	while (*end == ' ')
		end++;
	return !*end;
}

/* ':' commands: the few the issue names, as a table of prefixes. */
static enum vm_action run_command(struct vm_session *s, const char *line)
{
	long n;

	while (*line == ' ')
		line++;
	if (!strcmp(line, "q") || !strcmp(line, "quit"))
		return VM_ACT_QUIT;
	if (!strcmp(line, "run") || !strcmp(line, "kernel"))
		return VM_ACT_KERNEL;
	if (!strncmp(line, "goto ", 5) && parse_int(line + 5, &n)) {
		vm_goto_insn(s, (int)n);
		return VM_ACT_NONE;
	}
	if (!strncmp(line, "step ", 5) && parse_int(line + 5, &n)) {
		vm_goto_step(s, (size_t)(n < 0 ? 0 : n));
		return VM_ACT_NONE;
	}
	if (!strncmp(line, "break ", 6) && parse_int(line + 6, &n)) {
		vm_toggle_break(s, (int)n);
		return VM_ACT_NONE;
	}
	if (parse_int(line, &n)) {
		vm_goto_insn(s, (int)n);
		return VM_ACT_NONE;
	}
	snprintf(s->msg, sizeof(s->msg), "unknown command '%s' (:run :goto N :step N :break N :q)",
		 line);
	return VM_ACT_NONE;
}

static enum vm_action finish_input(struct vm_session *s)
{
	enum vm_input kind = s->input;
	long n;

	s->input = VM_INPUT_NONE;
	s->inbuf[s->inlen] = '\0';
	switch (kind) {
	case VM_INPUT_GOTO:
		if (parse_int(s->inbuf, &n))
			vm_goto_insn(s, (int)n);
		else
			snprintf(s->msg, sizeof(s->msg), "not an instruction number: '%s'", s->inbuf);
		break;
	case VM_INPUT_SEARCH:
		if (s->inlen)
			vm_search(s, s->inbuf, 1);
		else if (s->search[0])
			vm_search(s, s->search, 1);
		break;
	case VM_INPUT_COMMAND:
		return run_command(s, s->inbuf);
	case VM_INPUT_NONE:
		break;
	}
	return VM_ACT_NONE;
}

static enum vm_action input_key(struct vm_session *s, int key)
{
	if (key == VM_KEY_ENTER || key == '\n' || key == '\r')
		return finish_input(s);
	if (key == VM_KEY_ESC || key == 7 /* ^G */) {
		s->input = VM_INPUT_NONE;
		snprintf(s->msg, sizeof(s->msg), "cancelled");
		return VM_ACT_NONE;
	}
	if (key == VM_KEY_BACKSPACE || key == 127 || key == 8) {
		if (s->inlen)
			s->inlen--;
		return VM_ACT_NONE;
	}
	if (key >= ' ' && key < 127 && s->inlen + 1 < sizeof(s->inbuf))
		s->inbuf[s->inlen++] = (char)key;
	return VM_ACT_NONE;
}

static void start_input(struct vm_session *s, enum vm_input kind)
{
	s->input = kind;
	s->inlen = 0;
	s->msg[0] = '\0';
}

enum vm_action vm_key(struct vm_session *s, int key)
{
	enum vm_cmd cmd = VM_CMD_COUNT;

	if (s->input != VM_INPUT_NONE)
		return input_key(s, key);
	if (key == VM_KEY_RESIZE)
		return VM_ACT_NONE;
	s->msg[0] = '\0';
	if (s->help) {
		/* any key leaves help; q still quits */
		s->help = false;
		if (key != 'q')
			return VM_ACT_NONE;
	}
	for (size_t i = 0; i < sizeof(pane_keys) / sizeof(pane_keys[0]); i++)
		if (key == pane_keys[i].key) {
			s->show[pane_keys[i].pane] = !s->show[pane_keys[i].pane];
			snprintf(s->msg, sizeof(s->msg), "%s pane %s", pane_keys[i].name,
				 s->show[pane_keys[i].pane] ? "shown" : "hidden");
			return VM_ACT_NONE;
		}
	for (size_t i = 0; i < sizeof(keymap) / sizeof(keymap[0]); i++)
		if (keymap[i].key == key)
			cmd = keymap[i].cmd;
	switch (cmd) {
	case VM_CMD_STEP: vm_step(s, 1); break;
	case VM_CMD_BACK: vm_step(s, -1); break;
	case VM_CMD_NEXT_EVENT: vm_next_event(s, 1); break;
	case VM_CMD_PREV_EVENT: vm_next_event(s, -1); break;
	case VM_CMD_NEXT_BRANCH: vm_next_branch(s, 1); break;
	case VM_CMD_PREV_BRANCH: vm_next_branch(s, -1); break;
	case VM_CMD_ERROR: vm_goto_error(s); break;
	case VM_CMD_GOTO: start_input(s, VM_INPUT_GOTO); break;
	case VM_CMD_BREAK: vm_toggle_break(s, vm_insn_of(s, s->step)); break;
	case VM_CMD_CONTINUE: vm_continue(s, 1); break;
	case VM_CMD_RCONTINUE: vm_continue(s, -1); break;
	case VM_CMD_NEXT_PATH: vm_switch_path(s, 1); break;
	case VM_CMD_PREV_PATH: vm_switch_path(s, -1); break;
	case VM_CMD_FIRST: vm_goto_step(s, 0); break;
	case VM_CMD_LAST: vm_goto_step(s, s->nsteps - 1); break;
	case VM_CMD_SEARCH: start_input(s, VM_INPUT_SEARCH); break;
	case VM_CMD_SEARCH_NEXT: vm_search(s, s->search, 1); break;
	case VM_CMD_SEARCH_PREV: vm_search(s, s->search, -1); break;
	case VM_CMD_KERNEL: return VM_ACT_KERNEL;
	case VM_CMD_LESSON:
		if (s->lesson)
			vm_lesson_advance(s->lesson, s);
		else
			snprintf(s->msg, sizeof(s->msg), "no lesson loaded (veristep tui --lesson DIR)");
		break;
	case VM_CMD_COMMAND: start_input(s, VM_INPUT_COMMAND); break;
	case VM_CMD_HELP: s->help = true; break;
	case VM_CMD_QUIT: return VM_ACT_QUIT;
	case VM_CMD_PANES:
	case VM_CMD_COUNT:
		snprintf(s->msg, sizeof(s->msg), "unknown key (? for help)");
		break;
	}
	return VM_ACT_NONE;
}

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Left", VM_KEY_LEFT },   { "Right", VM_KEY_RIGHT }, { "Up", VM_KEY_UP },
	{ "Down", VM_KEY_DOWN },   { "Home", VM_KEY_HOME },   { "End", VM_KEY_END },
	{ "PgUp", VM_KEY_PGUP },   { "PgDn", VM_KEY_PGDN },   { "Enter", VM_KEY_ENTER },
	{ "Esc", VM_KEY_ESC },     { "BS", VM_KEY_BACKSPACE }, { "lt", '<' },
	{ "Space", ' ' },
};

int vm_parse_keys(const char *script, int *keys, int max)
{
	int n = 0;

	for (const char *p = script; *p; p++) {
		int key = (unsigned char)*p;

		if (*p == '<') {
			const char *end = strchr(p, '>');
			size_t i, len;

			if (!end)
				return -1;
			len = (size_t)(end - p - 1);
			for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
				if (strlen(key_names[i].name) == len && !strncmp(p + 1, key_names[i].name, len))
					break;
			if (i == sizeof(key_names) / sizeof(key_names[0]))
				return -1;
			key = key_names[i].key;
			p = end;
		} else if (*p == '\n') {
			key = VM_KEY_ENTER;
		}
		if (n == max)
			return -1;
		keys[n++] = key;
	}
	return n;
}
