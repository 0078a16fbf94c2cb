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
 * structure, the kfunc argument checks that call bpf_diag_call_arg_fmt()). Not modelled: the source-context form of "At" (the
 * simulator's line info has no columns) and the register history.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

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
	/* disasm_kfunc_name(): kfunc calls print by name, as in the main log */
	sim_verbose_insn(env, &env->insns[idx], &out);
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

/* mirrors bpf_diag_res(): a resource-lifetime problem (dynptrs ...) */
void sim_diag_res(struct sim_env *env, int insn_idx, const char *problem, const char *reason,
		  const char *suggestion)
{
	report(env, insn_idx, SIM_DIAG_RESOURCE_LIFETIME_SAFETY, problem, reason, problem,
	       suggestion);
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

/* mirrors btf_show_name() as btf_type_name_to_buf() calls it (no member, not
 * an array member): "(struct foo *)", "(void *)", "(u32 [])" ... */
static void btf_show_name(const struct btf *btf, uint32_t id, char *buf, size_t size)
{
	static const char array_suffixes[] = "[][][][][][][][][][]";
	static const char ptr_suffixes[] = "**********";
	const char *array_suffix = array_suffixes + strlen(array_suffixes);
	const char *ptr_suffix = ptr_suffixes + strlen(ptr_suffixes);
	const char *name = NULL, *prefix = "", *parens = "";
	bool saw_ptr = false, saw_array = false, saw_typedef = false;
	const struct btf_type *t = btf__type_by_id(btf, id);
	int i;

	buf[0] = '\0';
	if (!t)
		return;
	for (i = 0; i < 10; i++) { /* BTF_SHOW_MAX_ITER */
		switch (btf_kind(t)) {
		case BTF_KIND_TYPEDEF:
			if (!name)
				name = btf__name_by_offset(btf, t->name_off);
			saw_typedef = true;
			id = t->type;
			break;
		case BTF_KIND_ARRAY:
			saw_array = true;
			parens = "[";
			if (array_suffix > array_suffixes)
				array_suffix -= 2;
			id = btf_array(t)->type;
			break;
		case BTF_KIND_PTR:
			saw_ptr = true;
			if (ptr_suffix > ptr_suffixes)
				ptr_suffix -= 1;
			id = t->type;
			break;
		default:
			goto resolved;
		}
		/* btf_type_skip_qualifiers(): modifiers other than typedef */
		t = btf__type_by_id(btf, id);
		while (t && (btf_is_mod(t) || btf_is_type_tag(t)))
			t = btf__type_by_id(btf, t->type);
		if (!t)
			return;
		if (!id)
			break;
	}
	if (i == 10)
		return;
resolved:
	if (!name)
		name = btf_kind(t) == BTF_KIND_UNKN ? "void" : btf__name_by_offset(btf, t->name_off);
	switch (btf_kind(t)) {
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		prefix = btf_kind(t) == BTF_KIND_STRUCT ? "struct" : "union";
		if (!saw_array)
			parens = "{";
		break;
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		prefix = "enum";
		break;
	default:
		break;
	}
	if (saw_ptr)
		parens = "";
	if (saw_typedef)
		prefix = "";
	if (!name)
		name = "";
	snprintf(buf, size, "(%s%s%s%s%s%s)%s", prefix, prefix[0] && name[0] ? " " : "", name,
		 ptr_suffix[0] ? " " : "", ptr_suffix, array_suffix, parens);
}

/* mirrors bpf_diag_fmt_btf_type() */
const char *sim_diag_fmt_btf_type(const struct btf *btf, uint32_t type_id, char *buf, size_t size)
{
	size_t len;

	btf_show_name(btf, type_id, buf, size);
	if (!buf[0]) {
		snprintf(buf, size, "BTF type ID %u", type_id);
		return buf;
	}
	len = strlen(buf);
	if (len && buf[len - 1] == '{')
		buf[len - 1] = '\0';
	return buf;
}

/* mirrors bpf_diag_reg_type_plain() */
const char *sim_diag_reg_type_plain(uint32_t type, char *buf, size_t size)
{
	bool maybe_null = type & PTR_MAYBE_NULL;

	switch (sim_base_type(type)) {
	case NOT_INIT:
		return "an uninitialized value";
	case SCALAR_VALUE:
		return "an integer scalar";
	case PTR_TO_CTX:
		return "a context pointer";
	case PTR_TO_STACK:
		return "a stack pointer";
	case PTR_TO_MAP_VALUE:
		return maybe_null ? "a nullable map value pointer" : "a map value pointer";
	case PTR_TO_MEM:
		return maybe_null ? "a nullable memory pointer" : "a memory pointer";
	case PTR_TO_BTF_ID:
		if (maybe_null)
			return "a nullable kernel object pointer";
		/* type_is_non_owning_ref() / type_is_ptr_alloc_obj() */
		if ((type & MEM_ALLOC) && !(type & PTR_UNTRUSTED))
			return (type & NON_OWN_REF) ? "a borrowed allocated object pointer"
						    : "an owned allocated object pointer";
		if (type & PTR_UNTRUSTED)
			return "an untrusted kernel object pointer";
		return "a kernel object pointer";
	default:
		return sim_reg_type_str(type, buf, size);
	}
}

/* mirrors diag_arg_ordinal() for the five register arguments */
static const char *arg_ordinal(int argno)
{
	static const char *const ordinals[] = { NULL, "first", "second", "third", "fourth", "fifth" };

	return argno >= 1 && argno <= 5 ? ordinals[argno] : NULL;
}

/* mirrors bpf_diag_call_arg_fmt() -> bpf_diag_call_arg() -> bpf_diag_call_type()
 * for a register argument (argno == regno), without the register history */
void sim_diag_call_arg(struct sim_env *env, int insn_idx, int regno, const char *call_name,
		       const char *suggestion, const char *reason_fmt, ...)
{
	char reason[512], arg_desc[64], text[768], note[160], arg_name[8];
	const char *ordinal = arg_ordinal(regno);
	va_list ap;

	if (!diag_enabled(env))
		return;
	if (!call_name || !*call_name)
		call_name = "call";
	va_start(ap, reason_fmt);
	vsnprintf(reason, sizeof(reason), reason_fmt, ap);
	va_end(ap);
	snprintf(arg_name, sizeof(arg_name), "R%d", regno);
	if (ordinal)
		snprintf(arg_desc, sizeof(arg_desc), "%s argument (%s)", ordinal, arg_name);
	else
		snprintf(arg_desc, sizeof(arg_desc), "argument %s", arg_name);
	snprintf(text, sizeof(text), "The %s to %s does not satisfy the verifier contract: %s.",
		 arg_desc, call_name, reason);
	snprintf(note, sizeof(note), "invalid %s for %s", arg_desc, call_name);
	report(env, insn_idx, SIM_DIAG_CALL_TYPE_SAFETY, "invalid call argument", text, note,
	       suggestion);
}
