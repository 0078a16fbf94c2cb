/* The "Verification failed:" block that Linux 7.3 prints after the classic
 * error line (kernel/bpf/diagnostics.c).
 *
 * The kernel's block is: a header "Verification failed: <category>:
 * <Problem>", a "Reason:" paragraph, an "At:" section locating the error
 * (source context when line info names a file, else "insn N"), an
 * "^-- error: ..." annotation and five lines of instruction context, for
 * register errors the register's history, and a "Suggestion:" paragraph.
 * Paragraphs are wrapped at 100 columns with a two-space indent
 * (diag_print_wrapped_prefixed()).
 *
 * Modelled here: the header, Reason, At in both forms (the source context
 * of the line_info records of the containing subprogram, with "..." for a
 * line no record names, tabs to 8 columns and the 88-column lane; "insn N"
 * when there is no line info, and for check_subprogs()'s errors, which run
 * before the kernel loads it), the instruction context, the "Causal path"
 * of a register or of an owned reference (diag_history.c records the
 * events while the path is walked), and Suggestion, for the error kinds
 * the simulator raises with a bpf_diag_*() call at the kernel's place:
 * unreadable register, invalid dereference (all four kinds), access
 * outside bounds (check_mem_region_access()), the rejections of
 * adjust_ptr_min_max_vals(), unreleased resources, program structure,
 * helper and kfunc argument checks (bpf_diag_call_arg_fmt()), the dynptr
 * and iterator checks, the execution-context blocks (bpf_diag_ctx_*():
 * sleepable calls in an RCU, preemption, IRQ or lock region, calls and
 * exits inside a region, RCU-protected kfuncs outside one, unmatched
 * exits) with the region's causal path, policy (bpf_diag_policy()), locks
 * (bpf_diag_lock() and its "Active lock" section), IRQ flags
 * (bpf_diag_irq()) and the uninitialized stack read (bpf_diag_memory()).
 * Not modelled: the stack-argument history, the kernel's event-log
 * rotation (past 64 MiB of events), and the policy blocks of unprivileged
 * loading (the simulator loads as root).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "diag_internal.h"
#include "diagnostics.h"
#include "disasm.h"
#include "opcode.h"
#include "scalar.h"

#define DIAG_TEXT_WIDTH 100
#define DIAG_TEXT_INDENT "  "
#define DIAG_CONTEXT 2
#define DIAG_CONTEXT_CNT (1 + DIAG_CONTEXT * 2)
#define DIAG_SOURCE_LANE_WIDTH 88
#define DIAG_TAB_WIDTH 8
#define DIAG_FMT_BUF_SIZE 256

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

/* mirrors diag_line_indent(): the source line's leading whitespace, tabs
 * to the next multiple of 8 */
static int line_indent(const char *line)
{
	int indent = 0;

	for (; *line == ' ' || *line == '\t'; line++)
		indent = *line == '\t' ? (indent + DIAG_TAB_WIDTH) / DIAG_TAB_WIDTH * DIAG_TAB_WIDTH
				       : indent + 1;
	return indent;
}

/* mirrors diag_format_source_text(): tabs expanded, cut to @width columns
 * with "..." when longer; a missing line prints as "..." */
static void source_text(char *buf, size_t size, const char *line, int width)
{
	int col = 0;
	size_t len = 0;

	if (width <= 0) {
		buf[0] = '\0';
		return;
	}
	line = line ? line : "...";
	while (*line && col < width && len + 1 < size) {
		if (*line == '\t') {
			int next = (col + DIAG_TAB_WIDTH) / DIAG_TAB_WIDTH * DIAG_TAB_WIDTH;

			while (col < next && col < width && len + 1 < size) {
				buf[len++] = ' ';
				col++;
			}
			line++;
			continue;
		}
		buf[len++] = *line++;
		col++;
	}
	if (*line) {
		int ellipsis = width < 3 ? width : 3;

		while (len > 0 && col > width - ellipsis) {
			len--;
			col--;
		}
		while (ellipsis-- && len + 1 < size)
			buf[len++] = '.';
	}
	buf[len] = '\0';
}

/* mirrors diag_print_source_annotation() */
static void annotation(struct sim_env *env, int width, int indent, const char *label,
		       const char *msg)
{
	char first[256], next[256], *text;
	int max_indent = DIAG_SOURCE_LANE_WIDTH - width - 8;
	size_t n = strlen(label) + strlen(msg) + 3;

	if (indent > (max_indent > 0 ? max_indent : 0))
		indent = max_indent > 0 ? max_indent : 0;
	text = malloc(n);
	if (!text)
		return;
	snprintf(text, n, "%s: %s", label, msg);
	snprintf(first, sizeof(first), "  %*s | %*s^-- ", width + 4, "", indent, "");
	snprintf(next, sizeof(next), "  %*s | %*s    ", width + 4, "", indent, "");
	print_wrapped(env, first, next, text);
	free(text);
}

/* mirrors diag_print_insn_context() */
static void insn_context(struct sim_env *env, int insn_idx)
{
	char line[192];
	int w = line_width(env->insn_cnt ? (unsigned)env->insn_cnt - 1 : 0);

	sim_verbose(env, "  Instruction context:\n");
	for (int i = -DIAG_CONTEXT; i <= DIAG_CONTEXT; i++)
		if (disasm_line(env, insn_idx + i, line, sizeof(line)))
			sim_verbose(env, "  %s%*d | %s\n", i ? "    " : ">>> ", w, insn_idx + i, line);
}

/* mirrors bpf_find_containing_subprog(): the subprogram holding @insn_idx */
static int containing_subprog(const struct sim_env *env, int insn_idx)
{
	int found = -1;

	for (int i = 0; i < env->p->subprog_cnt; i++)
		if (env->p->subprogs[i].start <= insn_idx &&
		    (found < 0 || env->p->subprogs[i].start >= env->p->subprogs[found].start))
			found = i;
	return found;
}

static const char *base_name(const char *file)
{
	const char *slash = file ? strrchr(file, '/') : NULL;

	return slash ? slash + 1 : (file ? file : "");
}

/* mirrors bpf_diag_source(): the location of @insn_idx (source context when
 * line info names a file, else "insn N"), the "^-- label: msg" annotation
 * and the instruction context */
static void source(struct sim_env *env, int insn_idx, const char *label, const char *msg,
		   bool no_linfo)
{
	const struct sim_line_view *at = NULL;
	const char *lines[DIAG_CONTEXT_CNT] = { 0 }, *file, *func;
	int sub, start_line, end_line, width, lo, hi;

	if (!diag_enabled(env))
		return;
	if (!no_linfo && env->p->lines && insn_idx >= 0 && insn_idx < env->insn_cnt)
		at = &env->p->lines[insn_idx];
	file = at && at->file ? base_name(at->file) : "";
	if (!*file) {
		sim_verbose(env, "  insn %u\n", (unsigned)insn_idx);
		goto out_annotation;
	}
	sub = containing_subprog(env, insn_idx);
	func = sub >= 0 ? env->p->subprogs[sub].name : NULL;
	if (func && *func)
		sim_verbose(env, "  %s @ %s:%d:%d\n", func, file, (int)at->line, (int)at->col);
	else
		sim_verbose(env, "  %s:%d:%d\n", file, (int)at->line, (int)at->col);
	if (!at->src || !*at->src)
		goto out_annotation;

	start_line = (int)at->line - DIAG_CONTEXT;
	end_line = (int)at->line + DIAG_CONTEXT;
	width = line_width((unsigned)end_line);
	/* the records of the containing subprogram, as linfo_idx bounds them */
	lo = sub >= 0 ? env->p->subprogs[sub].start : 0;
	hi = env->insn_cnt;
	for (int i = 0; i < env->p->subprog_cnt; i++)
		if (env->p->subprogs[i].start > lo && env->p->subprogs[i].start < hi)
			hi = env->p->subprogs[i].start;
	for (int i = lo; i < hi; i++) {
		const struct sim_line_view *l = &env->p->lines[i];
		int ln = (int)l->line;

		if (!l->rec_start || l->file != at->file || ln < start_line || ln > end_line ||
		    !l->src || !*l->src)
			continue;
		if (!lines[ln - start_line])
			lines[ln - start_line] = l->src;
	}
	sim_verbose(env, "  Source context:\n");
	for (int i = 0; i < DIAG_CONTEXT_CNT; i++) {
		int ln = start_line + i;
		char lane[DIAG_FMT_BUF_SIZE];
		int len;

		/* diag_format_source_lane(): nothing for lines before 1 */
		lane[0] = '\0';
		if (ln > 0) {
			len = snprintf(lane, sizeof(lane), "%s%*d | ",
				       ln == (int)at->line ? ">>> " : "    ", width, ln);
			source_text(lane + len, sizeof(lane) - (size_t)len, lines[i],
				    DIAG_SOURCE_LANE_WIDTH - len);
		}
		sim_verbose(env, "  %s\n", lane);
		if (ln == (int)at->line)
			annotation(env, width, line_indent(at->src), label, msg);
	}
	insn_context(env, insn_idx);
	return;
out_annotation:
	annotation(env, 0, 0, label, msg);
	insn_context(env, insn_idx);
}

/* the block most bpf_diag_*() reporters print; @history_regno >= 0: the
 * register's causal path before the suggestion */
void sim_diag_source(struct sim_env *env, int insn_idx, const char *label, const char *msg)
{
	source(env, insn_idx, label, msg, false);
}

static void report_reg(struct sim_env *env, int insn_idx, const char *category,
		       const char *problem, const char *reason, const char *note,
		       const char *suggestion, int history_regno)
{
	if (!diag_enabled(env))
		return;
	header(env, category, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	sim_diag_source(env, insn_idx, "error", note);
	if (history_regno >= 0)
		sim_diag_print_reg_history(env, history_regno);
	section(env, "Suggestion", suggestion);
	sim_verbose(env, "\n");
}

static void report(struct sim_env *env, int insn_idx, const char *category, const char *problem,
		   const char *reason, const char *note, const char *suggestion)
{
	report_reg(env, insn_idx, category, problem, reason, note, suggestion, -1);
}

/* mirrors bpf_diag_res(): a resource-lifetime problem (dynptrs ...) */
void sim_diag_res(struct sim_env *env, int insn_idx, const char *problem, const char *reason,
		  const char *suggestion)
{
	report(env, insn_idx, SIM_DIAG_RESOURCE_LIFETIME_SAFETY, problem, reason, problem,
	       suggestion);
}

/* mirrors bpf_diag_unreadable_reg(); the simulator's event log never
 * rotates (log->first_seq is 0), so the third wording never applies */
void sim_diag_unreadable_reg(struct sim_env *env, int insn_idx, int regno)
{
	char reason[200], note[64], suggestion[160];
	bool invalidated;

	if (!diag_enabled(env))
		return;
	invalidated = sim_diag_reg_invalidated(env, regno);
	if (invalidated)
		snprintf(reason, sizeof(reason),
			 "R%d is not readable here. A previous operation invalidated this register, so the verifier cannot use it as an input.",
			 regno);
	else
		snprintf(reason, sizeof(reason),
			 "R%d has never been initialized on this path, so the verifier cannot use it as an input.",
			 regno);
	if (invalidated)
		snprintf(suggestion, sizeof(suggestion), "%s",
			 "Avoid using the register after it is invalidated, or initialize it again before this instruction.");
	else
		snprintf(suggestion, sizeof(suggestion),
			 "Initialize R%d on every path before this instruction.", regno);
	snprintf(note, sizeof(note), "R%d is not readable", regno);
	report_reg(env, insn_idx, SIM_DIAG_REGISTER_TYPE_SAFETY, "unreadable register", reason,
		   note, suggestion, regno);
}

/* mirrors bpf_diag_invalid_deref() */
void sim_diag_invalid_deref(struct sim_env *env, int insn_idx, int regno, uint32_t type,
			    enum sim_diag_deref kind, int64_t offset)
{
	char reason[400], note[160], tb[64];
	const char *tname = sim_diag_reg_type_plain(type, tb, sizeof(tb));
	const char *suggestion =
		"Preserve a pointer-valued register where needed, or reload and revalidate the "
		"pointer after scalar arithmetic, helper calls, or other operations that can "
		"invalidate it.";

	if (!diag_enabled(env))
		return;
	switch (kind) {
	case SIM_DIAG_DEREF_SCALAR:
		snprintf(reason, sizeof(reason),
			 "R%d is an integer scalar here, not a pointer to memory.", regno);
		break;
	case SIM_DIAG_DEREF_NULLABLE_PTR:
		snprintf(reason, sizeof(reason),
			 "R%d may be NULL here (%s). The program could dereference NULL on this path, so the verifier cannot prove this access is safe.",
			 regno, tname);
		suggestion = "Add a NULL check before the access and dereference the pointer only on the non-NULL path.";
		break;
	case SIM_DIAG_DEREF_MODIFIED_PTR:
		snprintf(reason, sizeof(reason),
			 "R%d has offset %lld here, but this pointer type must be dereferenced in its original form.",
			 regno, (long long)offset);
		suggestion = "Preserve the original pointer in another register, or use only offsets this pointer type permits before dereferencing it.";
		break;
	default:
		snprintf(reason, sizeof(reason),
			 "R%d has type %s here, which is not valid for this memory access.", regno,
			 tname);
		break;
	}
	if (kind == SIM_DIAG_DEREF_MODIFIED_PTR)
		snprintf(note, sizeof(note), "dereference requires the original %s pointer", tname);
	else
		snprintf(note, sizeof(note), "invalid dereference of R%d (%s)", regno, tname);
	report_reg(env, insn_idx, SIM_DIAG_REGISTER_TYPE_SAFETY, "invalid dereference", reason,
		   note, suggestion, regno);
}

/* the kind check_mem_access() picks for a register it cannot dereference */
int sim_diag_bad_deref(struct sim_env *env, int err, int insn_idx, int regno, uint32_t type)
{
	sim_diag_invalid_deref(env, insn_idx, regno, type,
			       type == SCALAR_VALUE	 ? SIM_DIAG_DEREF_SCALAR
			       : type & PTR_MAYBE_NULL ? SIM_DIAG_DEREF_NULLABLE_PTR
						       : SIM_DIAG_DEREF_INVALID_PTR,
			       0);
	return err;
}

/* __check_ptr_off_reg(): a pointer that must be dereferenced unmodified;
 * returns @err */
int sim_diag_modified_ptr(struct sim_env *env, int err, int regno, uint32_t type, int64_t off)
{
	sim_diag_invalid_deref(env, env->insn_idx, regno, type, SIM_DIAG_DEREF_MODIFIED_PTR, off);
	return err;
}

void sim_diag_deref_scalar(struct sim_env *env, int insn_idx, int regno)
{
	sim_diag_invalid_deref(env, insn_idx, regno, SCALAR_VALUE, SIM_DIAG_DEREF_SCALAR, 0);
}

/* mirrors bpf_diag_leak() */
void sim_diag_leak(struct sim_env *env, int ref_id, int alloc_insn, int fail_insn)
{
	char reason[256], note[96];

	if (!diag_enabled(env))
		return;
	snprintf(reason, sizeof(reason),
		 "Owned resource (id=%u) was acquired at instruction %u and still needs to be released before this exit path.",
		 (unsigned)ref_id, (unsigned)alloc_insn);
	snprintf(note, sizeof(note), "owned resource (id=%u) still needs release", (unsigned)ref_id);
	header(env, SIM_DIAG_RESOURCE_LIFETIME_SAFETY, "unreleased resource");
	section(env, "Reason", reason);
	section(env, "At", NULL);
	sim_diag_source(env, fail_insn, "error", note);
	sim_diag_print_ref_history(env, (uint32_t)ref_id);
	section(env, "Suggestion",
		"Release or transfer ownership of the acquired resource on every path before the program exits.");
	sim_verbose(env, "\n");
}

void sim_diag_program_structure(struct sim_env *env, int insn_idx, const char *problem,
				const char *suggestion, const char *reason)
{
	report(env, insn_idx, SIM_DIAG_PROGRAM_STRUCTURE, problem, reason, problem, suggestion);
}

/* check_subprogs() runs before bpf_check_btf_info(): no line info yet, so
 * the location is always "insn N" */
void sim_diag_program_structure_early(struct sim_env *env, int insn_idx, const char *problem,
				      const char *suggestion, const char *reason)
{
	if (!diag_enabled(env))
		return;
	header(env, SIM_DIAG_PROGRAM_STRUCTURE, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	source(env, insn_idx, "error", problem, true);
	section(env, "Suggestion", suggestion);
	sim_verbose(env, "\n");
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
	report_reg(env, insn_idx, SIM_DIAG_CALL_TYPE_SAFETY, "invalid call argument", text, note,
		   suggestion, regno);
}

int sim_diag_call_arg_err(struct sim_env *env, int err, int regno, const char *call_name,
			  const char *suggestion, const char *reason_fmt, ...)
{
	char reason[512];
	va_list ap;

	if (!diag_enabled(env))
		return err;
	va_start(ap, reason_fmt);
	vsnprintf(reason, sizeof(reason), reason_fmt, ap);
	va_end(ap);
	sim_diag_call_arg(env, env->insn_idx, regno, call_name, suggestion, "%s", reason);
	return err;
}

/* mirrors bpf_diag_fmt_s64_sum() */
static void s64_sum(char *buf, size_t n, int64_t value, int addend)
{
	int64_t sum;

	if (__builtin_add_overflow(value, (int64_t)addend, &sum))
		snprintf(buf, n, "%lld plus %d (%s)", (long long)value, addend,
			 addend < 0 ? "below S64_MIN" : "above S64_MAX");
	else
		snprintf(buf, n, "%lld", (long long)sum);
}

/* mirrors diag_access_offset(); the kernel's %#llx prints 0 as "0x0" */
static void access_offset(char *buf, size_t n, int off, const struct sim_reg *reg)
{
	struct tnum t = reg->s.var_off;
	struct cnum64 r = reg->s.r64;
	char sum[64], range[160];

	if (tnum_is_const(t)) {
		s64_sum(sum, sizeof(sum), (int64_t)t.value, off);
		snprintf(buf, n, "constant %s", sum);
		return;
	}
	if (tnum_is_unknown(t) && cnum64_smin(r) == INT64_MIN && cnum64_smax(r) == INT64_MAX &&
	    cnum64_umin(r) == 0 && cnum64_umax(r) == UINT64_MAX) {
		snprintf(buf, n, "unbounded");
		return;
	}
	sim_diag_scalar_range(range, sizeof(range), r);
	if (off)
		snprintf(buf, n,
			 "variable: known bits 0x%llx, unknown mask 0x%llx, plus fixed offset %d; %s",
			 (unsigned long long)t.value, (unsigned long long)t.mask, off, range);
	else
		snprintf(buf, n, "variable: known bits 0x%llx, unknown mask 0x%llx; %s",
			 (unsigned long long)t.value, (unsigned long long)t.mask, range);
}

int sim_diag_mem_bounds(struct sim_env *env, int err, const struct sim_reg *reg, int regno,
			int off, int size, uint32_t mem_size, enum sim_diag_bounds kind)
{
	char proof[256], start[64], offset[400], tb[64], reason[1024];
	const char *tname;

	if (!diag_enabled(env))
		return err;
	switch (kind) {
	case SIM_DIAG_BOUNDS_MIN_NEGATIVE:
		s64_sum(start, sizeof(start), sim_scalar_smin(&reg->s), off);
		snprintf(proof, sizeof(proof),
			 "the minimal bound for a memory access is a negative value: %s", start);
		break;
	case SIM_DIAG_BOUNDS_MIN_OUTSIDE:
		s64_sum(start, sizeof(start), sim_scalar_smin(&reg->s), off);
		snprintf(proof, sizeof(proof),
			 "the minimal bound for a memory access is %s and is outside of the object of size %u",
			 start, mem_size);
		break;
	case SIM_DIAG_BOUNDS_UNBOUNDED:
		snprintf(proof, sizeof(proof),
			 "the maximal bound for a memory access is %llu and exceeds maximum allowed offset of %u",
			 (unsigned long long)sim_scalar_umax(&reg->s), BPF_MAX_VAR_OFF);
		break;
	default: {
		int64_t max_start = (int64_t)sim_scalar_umax(&reg->s) + off;

		snprintf(proof, sizeof(proof),
			 "the maximal bound for a memory access is %lld: start %lld + access_size %d, beyond object_size %u",
			 (long long)(max_start + size), (long long)max_start, size, mem_size);
		break;
	}
	}
	tname = sim_reg_type_str(reg->type, tb, sizeof(tb));
	access_offset(offset, sizeof(offset), off, reg);
	snprintf(reason, sizeof(reason),
		 "The verifier cannot prove offset + access_size <= object_size. Here, %s. R%d is %s; offset is %s; access_size is %d; object_size is %u.",
		 proof, regno, tname, offset, size, mem_size);
	report_reg(env, env->insn_idx, SIM_DIAG_MEMORY_SAFETY, "access outside bounds", reason,
		   "access may be outside object bounds",
		   "Add or adjust a bounds check that proves offset + access_size stays within the object.",
		   regno);
	return err;
}

/* check_reg_type(): a helper argument of none of the accepted types */
void sim_diag_arg_types(struct sim_env *env, int regno, const char *call_name, uint32_t type,
			const uint32_t *types, int n)
{
	char actual[64], accepted[512], tb[64];
	size_t len = 0;

	if (!diag_enabled(env))
		return;
	snprintf(actual, sizeof(actual), "%s", sim_reg_type_str(type, tb, sizeof(tb)));
	accepted[0] = '\0';
	for (int i = 0; i < n && len < sizeof(accepted); i++)
		len += (size_t)snprintf(accepted + len, sizeof(accepted) - len, "%s%s", i ? ", " : "",
					sim_reg_type_str(types[i], tb, sizeof(tb)));
	sim_diag_call_arg(env, env->insn_idx, regno, call_name,
			  "Pass a value with one of the accepted pointer or scalar types for this call.",
			  "it has type %s, but this argument accepts %s", actual, accepted);
}

/* check_reg_type(): a nullable pointer where the helper needs one that is
 * not NULL; returns @err */
int sim_diag_null_arg(struct sim_env *env, int err, int regno, const char *call_name)
{
	sim_diag_call_arg(env, env->insn_idx, regno, call_name,
			  "Add a NULL check and make the call only on the non-NULL path.", "%s",
			  "the pointer may be NULL, but this call requires a non-NULL pointer");
	return err;
}

/* mirrors the bpf_diag_register_type() calls of adjust_ptr_min_max_vals();
 * returns @err */
int sim_diag_ptr_arith(struct sim_env *env, int err, enum sim_diag_ptr_arith kind, int ptr_regno,
		       int dst, uint32_t ptr_type, const char *op)
{
	char reason[400], tb[64], rb[64];
	const char *plain = sim_diag_reg_type_plain(ptr_type, tb, sizeof(tb));
	const char *problem, *suggestion;

	if (!diag_enabled(env))
		return err;
	switch (kind) {
	case SIM_DIAG_PTR_32BIT:
		problem = "32-bit pointer arithmetic";
		snprintf(reason, sizeof(reason),
			 "R%d holds %s. 32-bit ALU operations on pointers discard pointer tracking, so the verifier cannot keep the result as a safe pointer.",
			 ptr_regno, plain);
		suggestion = "Use a 64-bit ALU instruction with an allowed, bounded scalar offset.";
		break;
	case SIM_DIAG_PTR_NULL:
		problem = "pointer arithmetic before NULL check";
		snprintf(reason, sizeof(reason),
			 "R%d may be NULL (%s). Pointer arithmetic is allowed only after the program proves the pointer is non-NULL on this path.",
			 ptr_regno, sim_reg_type_str(ptr_type, rb, sizeof(rb)));
		suggestion = "Make sure that a NULL check precedes any arithmetic performed on the pointer.";
		break;
	case SIM_DIAG_PTR_KIND:
		problem = "pointer arithmetic is not allowed";
		snprintf(reason, sizeof(reason),
			 "R%d holds %s. This pointer kind does not allow offset arithmetic.", ptr_regno,
			 plain);
		suggestion = "Do not change this pointer's offset; use it only in operations accepted for its kind.";
		break;
	case SIM_DIAG_PTR_OFF_SCALAR:
		problem = "pointer offset is not safe";
		snprintf(reason, sizeof(reason),
			 "The scalar offset used with R%d is unbounded or outside the verifier's safe pointer-offset range [-%u, %u].",
			 ptr_regno, BPF_MAX_VAR_OFF, BPF_MAX_VAR_OFF);
		suggestion = "Clamp or bounds-check the scalar offset before applying it to the pointer.";
		break;
	case SIM_DIAG_PTR_OFF_PTR:
		problem = "pointer offset is not safe";
		snprintf(reason, sizeof(reason),
			 "R%d already has an offset outside the verifier's safe range [-%u, %u] for %s.",
			 ptr_regno, BPF_MAX_VAR_OFF, BPF_MAX_VAR_OFF, plain);
		suggestion = "Keep the base pointer within the verifier's allowed offset range before applying more arithmetic.";
		break;
	case SIM_DIAG_PTR_SUB_FROM_SCALAR:
		problem = "pointer subtracted from scalar";
		snprintf(reason, sizeof(reason),
			 "This operation subtracts pointer register R%d from scalar register R%d. The verifier only tracks pointer-minus-scalar arithmetic for allowed pointer types.",
			 ptr_regno, dst);
		suggestion = "Keep the pointer as the base; only add or subtract bounded scalars when permitted.";
		break;
	case SIM_DIAG_PTR_SUB_STACK:
		problem = "subtraction from stack pointer";
		snprintf(reason, sizeof(reason),
			 "R%d is a stack pointer. The verifier does not allow BPF_SUB to move stack pointers.",
			 ptr_regno);
		suggestion = "Use addition from R10 to form stack addresses within the tracked stack frame.";
		break;
	case SIM_DIAG_PTR_BITWISE:
		problem = "bitwise operation on pointer";
		snprintf(reason, sizeof(reason),
			 "R%d holds %s. Bitwise operator %s would destroy the pointer value the verifier is tracking.",
			 ptr_regno, plain, op);
		suggestion = "Do bitwise operations on scalar values, not on pointer-valued registers.";
		break;
	case SIM_DIAG_PTR_OPERATOR:
		problem = "invalid pointer arithmetic operator";
		snprintf(reason, sizeof(reason),
			 "R%d holds %s. Operator %s is not one of the limited pointer arithmetic operations the verifier can track.",
			 ptr_regno, plain, op);
		suggestion = "Use only verifier-supported addition or subtraction with a bounded scalar offset, or perform this operation on a scalar value.";
		break;
	default:
		problem = "pointer offset is not safe";
		snprintf(reason, sizeof(reason),
			 "After this arithmetic, R%d would be outside the verifier's safe offset range [-%u, %u] for %s.",
			 dst, BPF_MAX_VAR_OFF, BPF_MAX_VAR_OFF, plain);
		suggestion = "Tighten the scalar bounds before the arithmetic so the resulting pointer remains within the allowed range.";
		break;
	}
	report_reg(env, env->insn_idx, SIM_DIAG_REGISTER_TYPE_SAFETY, problem, reason, problem,
		   suggestion, ptr_regno);
	return err;
}

/* ---- execution context, policy, locks and IRQ flags ------------------- */

/* mirrors diag_context_name() */
const char *sim_diag_ctx_name(enum sim_diag_ctx kind)
{
	switch (kind) {
	case SIM_DIAG_CTX_RCU:
		return "RCU read lock region";
	case SIM_DIAG_CTX_PREEMPT:
		return "non-preemptible region";
	case SIM_DIAG_CTX_IRQ:
		return "IRQ-disabled region";
	case SIM_DIAG_CTX_LOCK:
		return "lock region";
	default:
		return "non-sleepable program";
	}
}

/* mirrors diag_context_constraint() */
static const char *ctx_constraint(enum sim_diag_ctx kind)
{
	switch (kind) {
	case SIM_DIAG_CTX_RCU:
		return "RCU read-side critical sections cannot call operations that may sleep";
	case SIM_DIAG_CTX_PREEMPT:
		return "preemption-disabled code cannot call operations that may sleep";
	case SIM_DIAG_CTX_IRQ:
		return "IRQ-disabled code cannot call operations that may sleep";
	case SIM_DIAG_CTX_LOCK:
		return "code holding a BPF spin lock cannot call operations that may sleep";
	default:
		return NULL;
	}
}

/* mirrors diag_context_depth() */
static uint32_t ctx_depth(const struct sim_env *env, enum sim_diag_ctx kind)
{
	switch (kind) {
	case SIM_DIAG_CTX_RCU:
		return env->cur->active_rcu_locks;
	case SIM_DIAG_CTX_PREEMPT:
		return env->cur->active_preempt_locks;
	case SIM_DIAG_CTX_IRQ:
		return sim_diag_irq_depth(env->cur);
	case SIM_DIAG_CTX_LOCK:
		return env->cur->active_locks;
	default:
		return 0;
	}
}

/* mirrors diag_active_context() */
static void active_ctx(char *buf, size_t n, uint32_t depth, const char *context)
{
	if (depth == 1)
		snprintf(buf, n, "an active %s (depth 1)", context);
	else
		snprintf(buf, n, "%u active %ss (depth %u)", depth, context, depth);
}

/* the header, Reason and At of the execution-context blocks */
static void ctx_report(struct sim_env *env, const char *problem, const char *reason,
		       const char *note)
{
	header(env, SIM_DIAG_EXECUTION_CONTEXT_SAFETY, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	sim_diag_source(env, env->insn_idx, "error", note);
}

static void suggestion_end(struct sim_env *env, const char *suggestion)
{
	section(env, "Suggestion", suggestion);
	sim_verbose(env, "\n");
}

int sim_diag_ctx_forbidden(struct sim_env *env, int err, const char *suggestion,
			   const char *op_fmt, ...)
{
	char op[256], reason[1024], note[512], active[160];
	const struct sim_state *st = env->cur;
	enum sim_diag_ctx kind;
	const char *constraint, *context;
	uint32_t depth;
	va_list ap;

	if (!diag_enabled(env))
		return err;
	va_start(ap, op_fmt);
	vsnprintf(op, sizeof(op), op_fmt, ap);
	va_end(ap);
	kind = st->active_rcu_locks	   ? SIM_DIAG_CTX_RCU
	       : st->active_preempt_locks ? SIM_DIAG_CTX_PREEMPT
	       : st->active_irq_id	   ? SIM_DIAG_CTX_IRQ
	       : st->active_locks	   ? SIM_DIAG_CTX_LOCK
					   : SIM_DIAG_CTX_NONE;
	depth = ctx_depth(env, kind);
	constraint = ctx_constraint(kind);
	context = sim_diag_ctx_name(kind);
	if (constraint && depth) {
		active_ctx(active, sizeof(active), depth, context);
		snprintf(reason, sizeof(reason),
			 "The operation %s cannot be used in %s because %s. This path is still inside %s.",
			 op, context, constraint, active);
	} else if (constraint) {
		snprintf(reason, sizeof(reason), "The operation %s cannot be used in %s because %s.",
			 op, context, constraint);
	} else {
		snprintf(reason, sizeof(reason), "The operation %s cannot be used in %s.", op,
			 context);
	}
	snprintf(note, sizeof(note), "%s is not allowed in %s", op, context);
	ctx_report(env, "operation is not allowed in this context", reason, note);
	if (kind != SIM_DIAG_CTX_NONE)
		sim_diag_print_ctx_history(env, kind, depth);
	suggestion_end(env, suggestion);
	return err;
}

int sim_diag_ctx_active(struct sim_env *env, int err, enum sim_diag_ctx kind,
			const char *suggestion, const char *op_fmt, ...)
{
	char op[256], reason[1024], note[512], active[160];
	const char *context = sim_diag_ctx_name(kind);
	uint32_t depth;
	va_list ap;

	if (!diag_enabled(env))
		return err;
	va_start(ap, op_fmt);
	vsnprintf(op, sizeof(op), op_fmt, ap);
	va_end(ap);
	depth = ctx_depth(env, kind);
	active_ctx(active, sizeof(active), depth, context);
	snprintf(reason, sizeof(reason),
		 "The operation %s cannot be used while this path is still inside %s. Leave the region before this operation.",
		 op, active);
	snprintf(note, sizeof(note), "%s is not allowed before leaving %s", op, context);
	ctx_report(env, "operation is not allowed in this context", reason, note);
	sim_diag_print_ctx_history(env, kind, depth);
	suggestion_end(env, suggestion);
	return err;
}

int sim_diag_ctx_required(struct sim_env *env, int err, enum sim_diag_ctx kind,
			  const char *suggestion, const char *operation)
{
	char reason[512], note[384];
	const char *context = sim_diag_ctx_name(kind);

	if (!diag_enabled(env))
		return err;
	snprintf(reason, sizeof(reason),
		 "The operation %s requires an active %s, but this path is outside one.", operation,
		 context);
	snprintf(note, sizeof(note), "%s requires %s", operation, context);
	ctx_report(env, "required context is not active", reason, note);
	suggestion_end(env, suggestion);
	return err;
}

int sim_diag_ctx_underflow(struct sim_env *env, int err, enum sim_diag_ctx kind,
			   const char *suggestion, const char *operation)
{
	char reason[512], note[384];
	const char *context = sim_diag_ctx_name(kind);

	if (!diag_enabled(env))
		return err;
	snprintf(reason, sizeof(reason),
		 "The operation %s tries to leave %s, but this path has no active %s to leave. The current depth is 0.",
		 operation, context, context);
	snprintf(note, sizeof(note), "%s has no matching enter on this path", operation);
	ctx_report(env, "unmatched context exit", reason, note);
	sim_diag_print_ctx_history(env, kind, 0);
	suggestion_end(env, suggestion);
	return err;
}

int sim_diag_policy(struct sim_env *env, int err, const char *reason, const char *suggestion,
		    const char *op_fmt, ...)
{
	char op[256], text[640], note[320];
	va_list ap;

	if (!diag_enabled(env))
		return err;
	va_start(ap, op_fmt);
	vsnprintf(op, sizeof(op), op_fmt, ap);
	va_end(ap);
	snprintf(text, sizeof(text), "The %s is not allowed: %s.", op, reason);
	snprintf(note, sizeof(note), "policy check failed for %s", op);
	header(env, SIM_DIAG_POLICY, "operation is not allowed");
	section(env, "Reason", text);
	section(env, "At", NULL);
	sim_diag_source(env, env->insn_idx, "error", note);
	suggestion_end(env, suggestion);
	return err;
}

/* mirrors bpf_diag_memory() */
static void memory(struct sim_env *env, const char *problem, const char *reason,
		   const char *suggestion)
{
	header(env, SIM_DIAG_MEMORY_SAFETY, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	sim_diag_source(env, env->insn_idx, "error", problem);
	suggestion_end(env, suggestion);
}

int sim_diag_stack_read_uninit(struct sim_env *env, int err, int off, int i, int size)
{
	char reason[512];

	if (!diag_enabled(env))
		return err;
	snprintf(reason, sizeof(reason),
		 "This rejected read uses %d bytes at stack offset %d, but byte %d in that range is uninitialized on this path. Programs loaded with CAP_PERFMON can be allowed to read uninitialized stack bytes, but this program is being rejected without that allowance.",
		 size, off, i);
	memory(env, "uninitialized stack read", reason,
	       "Initialize every byte in the stack range before reading it, adjust the offset and size so the read covers only initialized bytes, or load with CAP_PERFMON if uninitialized stack reads are intended.");
	return err;
}

int sim_diag_res_err(struct sim_env *env, int err, const char *problem, const char *reason,
		     const char *suggestion)
{
	sim_diag_res(env, env->insn_idx, problem, reason, suggestion);
	return err;
}

/* mirrors diag_lock_name() */
static const char *lock_name(const struct sim_ref *lock)
{
	switch (lock->type) {
	case SIM_REF_TYPE_LOCK:
		return "bpf_spin_lock";
	case SIM_REF_TYPE_RES_LOCK:
		return "resource spin lock";
	case SIM_REF_TYPE_RES_LOCK_IRQ:
		return "IRQ-saving resource spin lock";
	default:
		return "lock";
	}
}

int sim_diag_lock(struct sim_env *env, int err, const char *problem, const char *reason,
		  const char *suggestion, const struct sim_ref *lock)
{
	char note[128];

	if (!diag_enabled(env))
		return err;
	/* diag_res_report() */
	header(env, SIM_DIAG_RESOURCE_LIFETIME_SAFETY, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	sim_diag_source(env, env->insn_idx, "error", problem);
	if (lock) {
		snprintf(note, sizeof(note), "active %s has verifier identity %d", lock_name(lock),
			 lock->id);
		section(env, "Active lock", NULL);
		sim_diag_source(env, lock->insn, "acquired", note);
	}
	suggestion_end(env, suggestion);
	return err;
}

int sim_diag_irq(struct sim_env *env, int err, const char *problem, const char *suggestion,
		 const char *reason_fmt, ...)
{
	char reason[512];
	uint32_t depth;
	va_list ap;

	if (!diag_enabled(env))
		return err;
	va_start(ap, reason_fmt);
	vsnprintf(reason, sizeof(reason), reason_fmt, ap);
	va_end(ap);
	depth = sim_diag_irq_depth(env->cur);
	header(env, SIM_DIAG_RESOURCE_LIFETIME_SAFETY, problem);
	section(env, "Reason", reason);
	section(env, "At", NULL);
	sim_diag_source(env, env->insn_idx, "error", problem);
	if (depth)
		sim_diag_print_ctx_history(env, SIM_DIAG_CTX_IRQ, depth);
	suggestion_end(env, suggestion);
	return err;
}
