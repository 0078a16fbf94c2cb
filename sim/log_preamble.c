/* The level-2 lines bpf_check() logs before the walk (log_preamble.h):
 * printed from the analyses' results, in the kernel's formats. */
#include <stdarg.h>
#include <stdio.h>

#include "check.h"
#include "log_preamble.h"
#include "scc.h"
#include "stack_liveness.h"

static void pf(struct sim_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pf(struct sim_strbuf *sb, const char *fmt, ...)
{
	struct sim_out out = sim_strbuf_out(sb);
	va_list ap;

	va_start(ap, fmt);
	sim_vprintf(&out, fmt, ap);
	va_end(ap);
}

bool sim_preamble_enabled(const struct sim_env *env)
{
	return sim_logging(env) && (env->log_level & 2);
}

void sim_preamble_reset(struct sim_strbuf *sb, size_t len)
{
	if (sb->buf && len <= sb->len) {
		sb->len = len;
		sb->buf[len] = '\0';
	}
}

/* mirrors the end of add_subprogs() */
void sim_preamble_subprogs(struct sim_env *env)
{
	if (!sim_preamble_enabled(env) || !env->p->subprogs)
		return;
	for (int i = 0; i < env->p->subprog_cnt; i++)
		sim_verbose(env, "func#%d @%d\n", i, env->p->subprogs[i].start);
}

/* mirrors the end of sort_subprogs_topo(); bpf_subprog_name() is "" for a
 * program without BTF func_info */
void sim_preamble_topo_order(struct sim_env *env, const int *order, int cnt)
{
	if (!sim_preamble_enabled(env))
		return;
	for (int i = 0; i < cnt; i++) {
		const char *name = env->p->subprogs[order[i]].name;

		sim_verbose(env, "topo_order[%d] = %s\n", i, name ? name : "");
	}
}

void sim_preamble_insn(struct sim_env *env, struct sim_strbuf *sb, int idx)
{
	const struct sim_liveness *lv = env->liveness;
	struct sim_out out = sim_strbuf_out(sb);

	/* the kernel prints the program after bpf_prune_dead_branches();
	 * other instructions are printed from env->insns, whose index the
	 * LD_IMM64 address callback needs */
	if (lv && lv->rewritten && lv->rewritten[idx])
		sim_verbose_insn_text(env, &lv->insns[idx], &out);
	else
		sim_verbose_insn_text(env, &env->insns[idx], &out);
}

/* mirrors verbose_arg_track() */
void sim_preamble_arg_track(struct sim_strbuf *sb, int frame, unsigned mask, int off_cnt,
			    const int16_t *off)
{
	switch (frame) {
	case -1: /* ARG_NONE */
		pf(sb, "_");
		break;
	case -2: /* ARG_UNVISITED */
		pf(sb, "?");
		break;
	case -3: /* ARG_IMPRECISE */
		pf(sb, "IMP%x", mask);
		break;
	default:
		if (off_cnt == 0)
			pf(sb, "fp%d ?", frame);
		for (int i = 0; i < off_cnt; i++)
			pf(sb, "%sfp%d%+d", i ? "|" : "", frame, off[i]);
	}
}

/* mirrors fmt_subprog() */
void sim_preamble_subprog_name(const struct sim_env *env, struct sim_strbuf *sb, int subprog)
{
	const char *name = env->p->subprogs[subprog].name;

	pf(sb, "subprog#%d%s%s", subprog, name ? " " : "", name ? name : "");
}

/* mirrors the log block at the end of bpf_compute_live_registers() */
static void print_live_regs(struct sim_env *env)
{
	struct sim_strbuf *sb = &env->log;

	pf(sb, "Live regs before insn:\n");
	for (int i = 0; i < env->insn_cnt; i++) {
		unsigned scc = sim_scc_of(env, i);
		uint16_t live = env->live_regs_before ? env->live_regs_before[i] : 0;
		size_t pos;

		if (scc)
			pf(sb, "%3u ", scc);
		else
			pf(sb, "    ");
		pf(sb, "%3d: ", i);
		for (int j = 0; j < 10; j++) /* BPF_REG_0 .. BPF_REG_9 */
			if (live & (1u << j))
				pf(sb, "%d", j);
			else
				pf(sb, ".");
		pf(sb, " ");
		pos = sb->len;
		sim_preamble_insn(env, sb, i);
		if (env->zext_dst && env->zext_dst[i])
			pf(sb, "%*c; zext", (int)sim_vlog_alignment(sb->len - pos), ' ');
		pf(sb, "\n");
		if (env->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW))
			i++;
	}
}

void sim_preamble_liveness(struct sim_env *env)
{
	if (!sim_preamble_enabled(env))
		return;
	if (env->liveness_log.len) {
		struct sim_out out = sim_strbuf_out(&env->log);

		out.write(out.ctx, env->liveness_log.buf, env->liveness_log.len);
	}
	/* analyze_subprog() failing (complexity limit) ends the pass */
	if (!env->liveness_calls_exceeded)
		print_live_regs(env);
}
