/* The "Verification failed:" block that Linux 7.3 prints after the classic
 * error line (kernel/bpf/diagnostics.c).
 *
 * The kernel's block is: a header "Verification failed: <category>:
 * <Problem>", a "Reason:" paragraph, an "At:" section locating the error
 * (source context when line info carries columns, else "insn N"), an
 * "^-- error: ..." annotation and five lines of instruction context, for
 * register errors the register's history, and a "Suggestion:" paragraph.
 * Paragraphs are wrapped at 100 columns with a two-space indent
 * (diag_print_wrapped_prefixed()).
 *
 * Modelled here: the header, Reason, At with the instruction form of the
 * location and the instruction context, and Suggestion, for the error
 * kinds the core raises (unreadable register, scalar dereference, program
 * structure). Not modelled: the source-context form of "At" (the
 * simulator's line info has no columns) and the register history.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "diagnostics.h"
#include "disasm.h"
#include "opcode.h"

#define DIAG_TEXT_WIDTH 100
#define DIAG_TEXT_INDENT "  "
#define DIAG_CONTEXT 2

static bool diag_enabled(const struct sim_env *env)
{
	return sim_logging(env);
}

/* mirrors diag_print_wrapped_prefixed() */
static void print_wrapped(struct sim_env *env, const char *first_prefix, const char *next_prefix,
			  const char *text)
{
	const char *prefix = first_prefix;

	while (*text) {
		const char *line = text;
		int width = DIAG_TEXT_WIDTH - (int)strlen(prefix);
		int len = 0, last_space = -1;

		if (width < 1)
			width = 1;
		while (line[len] && line[len] != '\n' && len < width) {
			if (line[len] == ' ')
				last_space = len;
			len++;
		}
		if (line[len] && line[len] != '\n' && line[len] != ' ' && last_space > 0)
			len = last_space;
		sim_verbose(env, "%s%.*s\n", prefix, len, line);
		text = line + len;
		while (*text == ' ')
			text++;
		if (*text == '\n')
			text++;
		prefix = next_prefix;
	}
}

/* mirrors bpf_diag_header() */
static void header(struct sim_env *env, const char *category, const char *problem)
{
	if (!problem[0]) {
		sim_verbose(env, "\nVerification failed: %s\n", category);
		return;
	}
	sim_verbose(env, "\nVerification failed: %s: %c%s\n", category, toupper((unsigned char)problem[0]),
		    problem + 1);
}

/* mirrors diag_section() + diag_vprint_indented() */
static void section(struct sim_env *env, const char *title, const char *text)
{
	sim_verbose(env, "\n%s:\n", title);
	if (text)
		print_wrapped(env, DIAG_TEXT_INDENT, DIAG_TEXT_INDENT, text);
}

static int line_width(unsigned n)
{
	int w = 1;

	for (; n >= 10; n /= 10)
		w++;
	return w;
}

/* mirrors format_disasm_line(): false when @idx shows no instruction */
static bool disasm_line(struct sim_env *env, int idx, char *buf, size_t size)
{
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	size_t n;

	if (idx < 0 || idx >= env->insn_cnt)
		return false;
	if (idx > 0 && sim_is_ld_imm64(&env->insns[idx - 1]))
		return false;
	if (sim_is_ld_imm64(&env->insns[idx]) && idx + 1 >= env->insn_cnt)
		return false;
	sim_disasm_insn(&out, &env->insns[idx], NULL, true);
	n = sb.buf ? strlen(sb.buf) : 0;
	while (n && sb.buf[n - 1] == '\n')
		n--;
	snprintf(buf, size, "%.*s", (int)n, sb.buf ? sb.buf : "");
	sim_strbuf_free(&sb);
	return true;
}

/* mirrors bpf_diag_source() without line info: the location, the
 * annotation and the instruction context */
static void source(struct sim_env *env, int insn_idx, const char *msg)
{
	char first[64], next[64], text[512], line[192];
	int w = line_width(env->insn_cnt ? (unsigned)env->insn_cnt - 1 : 0);

	sim_verbose(env, "  insn %u\n", (unsigned)insn_idx);
	snprintf(text, sizeof(text), "error: %s", msg);
	/* diag_print_source_annotation() with no source lane: width 0 */
	snprintf(first, sizeof(first), "  %*s | %*s^-- ", 4, "", 0, "");
	snprintf(next, sizeof(next), "  %*s | %*s    ", 4, "", 0, "");
	print_wrapped(env, first, next, text);
	sim_verbose(env, "  Instruction context:\n");
	for (int i = -DIAG_CONTEXT; i <= DIAG_CONTEXT; i++)
		if (disasm_line(env, insn_idx + i, line, sizeof(line)))
			sim_verbose(env, "  %s%*d | %s\n", i ? "    " : ">>> ", w, insn_idx + i, line);
}

static void report(struct sim_env *env, int insn_idx, const char *category, const char *problem,
		   const char *reason, const char *annotation, const char *suggestion)
{
	if (!diag_enabled(env))
		return;
	header(env, category, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	source(env, insn_idx, annotation);
	section(env, "Suggestion", suggestion);
	sim_verbose(env, "\n");
}

void sim_diag_unreadable_reg(struct sim_env *env, int insn_idx, int regno)
{
	char reason[160], note[64];

	snprintf(reason, sizeof(reason),
		 "R%d has never been initialized on this path, so the verifier cannot use it as an input.",
		 regno);
	snprintf(note, sizeof(note), "R%d is not readable", regno);
	report(env, insn_idx, SIM_DIAG_REGISTER_TYPE_SAFETY, "unreadable register", reason, note,
	       "Initialize the register on every path, or initialize it again after any operation "
	       "that invalidates it.");
}

void sim_diag_deref_scalar(struct sim_env *env, int insn_idx, int regno)
{
	char reason[128], note[96];

	snprintf(reason, sizeof(reason), "R%d is an integer scalar here, not a pointer to memory.",
		 regno);
	snprintf(note, sizeof(note), "invalid dereference of R%d (an integer scalar)", regno);
	report(env, insn_idx, SIM_DIAG_REGISTER_TYPE_SAFETY, "invalid dereference", reason, note,
	       "Preserve a pointer-valued register where needed, or reload and revalidate the "
	       "pointer after scalar arithmetic, helper calls, or other operations that can "
	       "invalidate it.");
}

void sim_diag_program_structure(struct sim_env *env, int insn_idx, const char *problem,
				const char *suggestion, const char *reason)
{
	report(env, insn_idx, SIM_DIAG_PROGRAM_STRUCTURE, problem, reason, problem, suggestion);
}
