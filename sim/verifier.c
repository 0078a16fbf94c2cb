/* The simulated verifier: a mirror of Linux 7.3's do_check().
 *
 * How it works
 * ------------
 * The kernel verifies a program by abstract interpretation along every
 * path. It walks instructions from the entry with one current state
 * (registers, stack, references); at a conditional jump whose outcome it
 * cannot decide it continues down one side and pushes a copy of the state
 * for the other onto a stack (push_stack); when a path ends (exit, or a
 * state already known to be safe) it pops the next pending state
 * (pop_stack). At "prune points" (jump targets, the jumps themselves,
 * returns from calls) it compares the current state with states explored
 * earlier at that instruction (is_state_visited / states_equal): if an
 * explored state is at least as general, the current path is safe and ends
 * there. The first error ends verification; its verbose() line is the error.
 *
 * This file is that loop (do_check), push/pop, the structural checks the
 * kernel makes before it (check_program_structure: jump ranges, register
 * numbers, ld_imm64 pairs, known opcodes), the log plumbing (verbose,
 * "from X to Y:" lines, the "; ..." state after an instruction, source
 * lines) and the entry points that build a sim_prog_view from an opened
 * object. Pruning (the explored-state lists, their eviction and the
 * equivalence rules of kernel/bpf/states.c) lives in states.c; the
 * per-instruction rules in check_alu.c, check_mem.c, check_jmp.c and
 * check_call.c; context rules per program type in ctx_access.c; the log's
 * state text in log_state.c; the "Verification failed:" block in
 * diagnostics.c.
 *
 * Every processed instruction is recorded as a step of the trace (trace.c)
 * together with the events it caused; replaying a step re-runs the same
 * check functions in "replay" mode, so the interpreter must stay
 * deterministic: no dependence on addresses, time or global state.
 *
 * Precision (backtrack.c) and register liveness (liveness.c) work as in
 * 7.3: every state records a jump history at jump points and stack
 * accesses, a decided branch / pointer offset / return value marks the
 * scalars it relied on precise in the parent checkpoints, and pruning
 * ignores imprecise scalars and dead registers. Simplifications (each one
 * can only cost pruning): no stack-slot liveness, helper calls read all of
 * R1-R5, and after a may_goto convergence every later comparison is
 * range-within (the kernel does so only inside the loop until its SCC's
 * backedges are propagated).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "arena.h"
#include "check.h"
#include "kfuncs.h"
#include "diagnostics.h"
#include "disasm.h"
#include "global_args.h"
#include "object.h"
#include "log_preamble.h"
#include "scc.h"
#include "opcode.h"
#include "states.h"
#include "trace.h"
#include "trace_internal.h"
#include "btf_util.h"

#define SIM_COMPLEXITY_LIMIT_INSNS 1000000
#define SIM_COMPLEXITY_LIMIT_JMP_SEQ 8192

/* ---- log --------------------------------------------------------------- */

static void log_vprintf(struct sim_env *env, const char *fmt, va_list ap)
{
	struct sim_out out;

	if (env->replay || !env->log_level)
		return;
	out = sim_strbuf_out(&env->log);
	sim_vprintf(&out, fmt, ap);
}

void sim_verbose(struct sim_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vprintf(env, fmt, ap);
	va_end(ap);
}

static struct sim_out env_log_out(struct sim_env *env)
{
	return sim_strbuf_out(&env->log);
}

bool sim_logging(const struct sim_env *env)
{
	return env->log_level && !env->replay;
}

int sim_reject(struct sim_env *env, int err, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(env->err, sizeof(env->err), fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	log_vprintf(env, fmt, ap);
	va_end(ap);
	n = strlen(env->err);
	while (n && env->err[n - 1] == '\n')
		env->err[--n] = '\0';
	env->err_insn = env->insn_idx;
	env->verdict = SIM_REJECTED;
	return err;
}

int sim_unsupported(struct sim_env *env, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(env->err, sizeof(env->err), fmt, ap);
	va_end(ap);
	env->err_insn = env->insn_idx;
	env->verdict = SIM_UNSUPPORTED;
	return SIM_E_UNSUPPORTED;
}

int sim_bug(struct sim_env *env, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(env->err, sizeof(env->err), "simulator bug: ");

	va_start(ap, fmt);
	vsnprintf(env->err + n, sizeof(env->err) - (size_t)n, fmt, ap);
	va_end(ap);
	env->err_insn = env->insn_idx;
	env->verdict = SIM_BUG;
	return SIM_E_BUG;
}

/* mirrors bpf_vlog_alignment() */
static unsigned log_alignment(size_t pos)
{
	size_t a = pos + 8 / 2 > 40 ? pos + 8 / 2 : 40;

	a = (a + 7) / 8 * 8;
	return (unsigned)(a - pos - 1);
}

unsigned sim_vlog_alignment(size_t pos)
{
	return log_alignment(pos);
}

static bool state_scratched(const struct sim_env *env)
{
	return env->all_scratched || env->scratch.regs || env->scratch.stack;
}

static void clean_scratch(struct sim_env *env)
{
	env->scratch.regs = 0;
	env->scratch.stack = 0;
	env->all_scratched = false;
}

/* mirrors print_verifier_state(print_all=false) */
static void print_state_scratched(struct sim_env *env, const struct sim_state *st)
{
	struct sim_out out = env_log_out(env);

	if (env->all_scratched) {
		sim_print_state(&out, st, st->curframe, NULL);
	} else {
		struct sim_scratch scr = env->scratch;

		sim_print_state(&out, st, st->curframe, &scr);
	}
	clean_scratch(env);
}

/* mirrors print_insn_state(): the state goes on the instruction's own line,
 * after "; ", when nothing was printed since the instruction */
void sim_print_insn_state(struct sim_env *env)
{
	if (!sim_logging(env)) {
		clean_scratch(env);
		return;
	}
	if (!state_scratched(env))
		return;
	if (env->prev_log_pos && env->prev_log_pos == env->log.len) {
		env->log.len = env->prev_log_pos - 1;
		env->log.buf[env->log.len] = '\0';
		sim_verbose(env, "%*c;", (int)log_alignment(env->prev_insn_print_pos), ' ');
	} else {
		sim_verbose(env, "%d:", env->insn_idx);
	}
	print_state_scratched(env, env->cur);
}

void sim_verbose_linfo(struct sim_env *env, int insn_idx, const char *prefix)
{
	const struct sim_line_view *l;

	if (!env->p->lines || !sim_logging(env))
		return;
	l = &env->p->lines[insn_idx];
	if (!l->src || l == env->prev_linfo)
		return;
	if (env->prev_linfo && env->prev_linfo->src == l->src &&
	    env->prev_linfo->line == l->line && env->prev_linfo->file == l->file)
		return;
	{
		const char *s = l->src, *fname;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		fname = l->file ? strrchr(l->file, '/') : NULL;
		fname = fname ? fname + 1 : (l->file ? l->file : "");
		sim_verbose(env, "%s%s", prefix, s);
		sim_verbose(env, " @ %s:%u\n", fname, l->line);
	}
	env->prev_linfo = l;
}

static const char *kfunc_name_cb(void *ctx, const struct bpf_insn *insn)
{
	struct sim_env *env = ctx;
	const struct btf_type *t;

	if (!env->p->vmlinux_btf || insn->imm <= 0)
		return NULL;
	t = btf__type_by_id(env->p->vmlinux_btf, (uint32_t)insn->imm);
	return t ? btf__name_by_offset(env->p->vmlinux_btf, t->name_off) : NULL;
}

/* The kernel's log shows the address resolve_pseudo_ldimm64() (or
 * check_pseudo_btf_id()) put in a map, map value or ksym LD_IMM64: the
 * simulator has no kernel, so it prints a made-up address of the same
 * shape (a direct-map pointer, 0xffff8881..., one 1 MiB block per map;
 * a ksym in the kernel image, 0xffffffff83...). Same width as the real
 * one, so the state after the instruction is padded as in the kernel's
 * log, and no reader mistakes it for the instruction's own constant. */
static __u64 ldimm64_addr_cb(void *ctx, const struct bpf_insn *insn)
{
	const struct sim_env *env = ctx;
	int idx = (int)(insn - env->insns);
	const struct sim_insn_reloc *rel =
		env->p->relocs && idx >= 0 && idx < env->insn_cnt ? &env->p->relocs[idx] : NULL;

	if (insn->src_reg == BPF_PSEUDO_BTF_ID)
		return 0xffffffff83000000ull + ((__u64)(__u32)insn->imm & 0xfffff) * 8;
	if (!rel || rel->map_idx < 0)
		return sim_ld_imm64_value(insn);
	if (rel->map_value || insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
	    insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE)
		return 0xffff888100000000ull + ((__u64)(rel->map_idx + 1) << 20) + 0x400 + rel->map_off;
	return 0xffff888100000000ull + ((__u64)(rel->map_idx + 1) << 20);
}

/* mirrors bpf_verbose_insn() + "\n": the instruction text alone */
void sim_verbose_insn(struct sim_env *env, const struct bpf_insn *insn, const struct sim_out *out)
{
	struct sim_disasm_names names = { .kfunc_name = kfunc_name_cb, .ctx = env,
					  .ldimm64_value = ldimm64_addr_cb };

	sim_disasm_insn(out, insn, &names, true);
}

void sim_verbose_insn_text(struct sim_env *env, const struct bpf_insn *insn, const struct sim_out *out)
{
	struct sim_disasm_names names = { .kfunc_name = kfunc_name_cb, .ctx = env,
					  .ldimm64_value = ldimm64_addr_cb };

	sim_disasm_insn_text(out, insn, &names, true);
}

static void print_insn_line(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_out out = env_log_out(env);
	struct sim_disasm_names names = { .kfunc_name = kfunc_name_cb, .ctx = env,
					  .ldimm64_value = ldimm64_addr_cb };

	sim_verbose(env, "%d: ", env->insn_idx);
	sim_disasm_insn(&out, insn, &names, true);
}

/* ---- registers ----------------------------------------------------------- */

/* mirrors __check_reg_arg() */
int sim_check_reg_arg(struct sim_env *env, int regno, enum sim_reg_arg t)
{
	struct sim_reg *regs = sim_cur_regs(env);

	sim_mark_reg_scratched(env, regno);
	if (t == SIM_SRC_OP) {
		if (regs[regno].type == NOT_INIT) {
			int err = sim_reject(env, -EACCES, "R%d !read_ok\n", regno);

			sim_diag_unreadable_reg(env, env->insn_idx, regno);
			return err;
		}
		return 0;
	}
	if (regno == SIM_FP)
		return sim_reject(env, -EACCES, "frame pointer is read only\n");
	if (t == SIM_DST_OP)
		sim_mark_reg_unknown(env, regs, regno);
	return 0;
}

/* mirrors is_pointer_value(): root has allow_ptr_leaks, so never a leak */
bool sim_is_pointer_value(struct sim_env *env, int regno)
{
	(void)env;
	(void)regno;
	return false;
}

/* ---- push / pop ---------------------------------------------------------- */

/* mirrors push_stack() */
struct sim_state *sim_push_stack(struct sim_env *env, int insn_idx, int prev_insn_idx)
{
	struct sim_pending *e;

	if (env->replay) {
		/* materialising: the other side is not explored again; keep it
		 * in a scratch slot so the caller can still fill it in */
		if (!env->stack_size) {
			if (!env->stack_cap) {
				env->stack = calloc(1, sizeof(*env->stack));
				if (!env->stack)
					return NULL;
				env->stack_cap = 1;
			}
		}
		e = &env->stack[0];
		if (!e->st)
			e->st = sim_state_new();
		if (!e->st || sim_state_copy(e->st, env->cur))
			return NULL;
		e->insn_idx = insn_idx;
		e->prev_insn_idx = prev_insn_idx;
		return e->st;
	}
	if (env->stack_size == env->stack_cap) {
		int cap = env->stack_cap ? env->stack_cap * 2 : 64;
		struct sim_pending *ns = realloc(env->stack, (size_t)cap * sizeof(*ns));

		if (!ns)
			return NULL;
		env->stack = ns;
		env->stack_cap = cap;
	}
	e = &env->stack[env->stack_size++];
	memset(e, 0, sizeof(*e));
	e->st = sim_state_dup(env->cur);
	if (!e->st) {
		env->stack_size--;
		return NULL;
	}
	e->insn_idx = insn_idx;
	e->prev_insn_idx = prev_insn_idx;
	e->log_pos = env->log.len;
	e->diag_pos = sim_diag_log_save(env);
	e->path = env->next_path++;
	if (e->st->parent)
		e->st->parent->branches++;
	sim_trace_event(env->trace, SIM_EV_PUSH, "%d", insn_idx);
	if (env->stack_size > SIM_COMPLEXITY_LIMIT_JMP_SEQ) {
		sim_reject(env, -E2BIG, "The sequence of %d jumps is too complex.\n",
			   env->stack_size);
		return NULL;
	}
	return e->st;
}

/* mirrors pop_stack(); returns -ENOENT when nothing is pending */
static int pop_stack(struct sim_env *env, bool pop_log)
{
	struct sim_pending *e;

	if (!env->stack_size)
		return -ENOENT;
	e = &env->stack[--env->stack_size];
	if (sim_state_copy(env->cur, e->st))
		return -ENOMEM;
	if (pop_log && env->log.buf && e->log_pos <= env->log.len) {
		env->log.len = e->log_pos;
		env->log.buf[env->log.len] = '\0';
	}
	sim_diag_log_restore(env, e->diag_pos);
	env->insn_idx = e->insn_idx;
	env->prev_insn_idx = e->prev_insn_idx;
	env->path = e->path;
	sim_state_free(e->st);
	e->st = NULL;
	return 0;
}

/* ---- the main loop ------------------------------------------------------- */

/* mirrors do_check_insn() */
static int do_check_insn(struct sim_env *env, bool *do_print_state)
{
	const struct bpf_insn *insn = &env->insns[env->insn_idx];
	uint8_t class = BPF_CLASS(insn->code);

	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
		return sim_check_alu_op(env, insn);
	case BPF_LDX:
		return sim_check_load(env, insn);
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC)
			return sim_check_atomic(env, insn);
		return sim_check_store_reg(env, insn);
	case BPF_ST:
		return sim_check_store_imm(env, insn);
	case BPF_JMP:
	case BPF_JMP32: {
		uint8_t op = BPF_OP(insn->code);

		env->jmps_processed++;
		if (op == BPF_CALL) {
			if (env->cur->active_locks &&
			    ((insn->src_reg == 0 && insn->imm != BPF_FUNC_spin_unlock &&
			      insn->imm != BPF_FUNC_kptr_xchg) ||
			     (insn->src_reg == BPF_PSEUDO_KFUNC_CALL &&
			      !sim_kfunc_spin_allowed(env, insn))))
				return sim_diag_ctx_active(env, sim_reject(env, -EINVAL,
						  "function calls are not allowed while holding a lock\n"),
							   SIM_DIAG_CTX_LOCK,
							   "Release the BPF spin lock before making this call, or move the call outside the locked region.",
							   "function call");
			sim_mark_reg_scratched(env, 0);
			if (insn->src_reg == BPF_PSEUDO_CALL)
				return sim_check_func_call(env, insn);
			if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
				return sim_check_kfunc_call(env, insn);
			return sim_check_helper_call(env, insn);
		}
		if (op == BPF_JA) {
			if (BPF_SRC(insn->code) == BPF_X)
				return sim_check_indirect_jump(env, insn);
			env->insn_idx += (class == BPF_JMP ? insn->off : insn->imm) + 1;
			return SIM_IDX_UPDATED;
		}
		if (op == BPF_EXIT) {
			int err;

			err = sim_check_resource_leak(env, false, !env->cur->curframe,
						      "BPF_EXIT instruction in main prog");
			if (err)
				return err;
			if (env->cur->curframe) {
				err = sim_prepare_func_exit(env);
				if (err)
					return err;
				*do_print_state = true;
				return SIM_IDX_UPDATED;
			}
			err = sim_check_return_code(env);
			if (err)
				return err;
			return SIM_PROCESS_EXIT;
		}
		return sim_check_cond_jmp_op(env, insn);
	}
	case BPF_LD: {
		uint8_t mode = BPF_MODE(insn->code);

		if (mode == BPF_ABS || mode == BPF_IND)
			return sim_check_ld_abs(env, insn);
		if (mode == BPF_IMM) {
			int err = sim_check_ld_imm(env, insn);

			if (err)
				return err;
			env->insn_idx++;
		}
		return 0;
	}
	}
	return sim_bug(env, "unknown instruction class %#x", class);
}

static void trace_snapshot(struct sim_env *env, uint32_t step)
{
	if (env->replay)
		return;
	sim_trace_snapshot(env->trace, step, env->cur, env->id_gen, env->insn_idx,
			   env->prev_insn_idx);
}

/* mirrors do_check() */
static int do_check(struct sim_env *env)
{
	bool pop_log = env->log_level < 2;
	bool do_print_state = false;
	int err, prev_insn_idx;

	env->prev_insn_idx = -1;
	/* mark_verifier_state_scratched(): the entry state is printed first,
	 * "0: R1=ctx() R10=fp0" */
	env->all_scratched = true;
	trace_snapshot(env, sim_trace_steps(env->trace));
	for (;;) {
		const struct bpf_insn *insn;
		uint32_t step;

		if (env->insn_idx < 0 || env->insn_idx >= env->insn_cnt)
			return sim_reject(env, -EFAULT, "invalid insn idx %d insn_cnt %d\n",
					  env->insn_idx, env->insn_cnt);
		insn = &env->insns[env->insn_idx];
		env->insn_processed++;
		sim_note_callback_frame(env);   /* is_cb marks (stack_depth.c) */
		step = sim_trace_step(env->trace, env->path, (uint32_t)env->insn_idx);
		if (step % sim_trace_snapshot_every(env->trace) == 0)
			trace_snapshot(env, step);
		if (env->insn_processed > env->limit) {
			sim_reject(env, -E2BIG, "BPF program is too large. Processed %d insn\n",
				   env->insn_processed);
			/* do_check() tests the limit before it prints the
			 * instruction: the log's last instruction, the one the
			 * error follows, is the previous one */
			if (env->prev_insn_idx >= 0)
				env->err_insn = env->prev_insn_idx;
			return -E2BIG;
		}
		env->cur->last_insn_idx = (uint32_t)env->prev_insn_idx;
		env->cur->insn_idx = (uint32_t)env->insn_idx;
		env->cur_hist_ent = 0;
		sim_diag_record_edge(env);

		if (env->prune_point[env->insn_idx]) {
			err = sim_is_state_visited(env, env->insn_idx);
			if (err < 0)
				return err;
			if (err == 1) {
				if (sim_logging(env)) {
					if (do_print_state)
						sim_verbose(env, "\nfrom %d to %d: safe\n",
							    env->prev_insn_idx, env->insn_idx);
					else
						sim_verbose(env, "%d: safe\n", env->insn_idx);
				}
				sim_trace_event(env->trace, SIM_EV_PRUNED, "%d", env->insn_idx);
				goto process_exit;
			}
		}
		/* non-linear control flow is recorded for precision backtracking */
		if (env->jmp_point[env->insn_idx] &&
		    sim_push_jmp_history(env, env->cur, 0, 0, 0, 0))
			return sim_bug(env, "out of memory");
		if (env->log_level >= 2 && do_print_state && sim_logging(env)) {
			struct sim_out out = env_log_out(env);

			sim_verbose(env, "\nfrom %d to %d:", env->prev_insn_idx, env->insn_idx);
			/* print_verifier_state(print_all=true) leaves the scratch
			 * marks alone: after a pop every register is still
			 * scratched, so the state is printed again on its own
			 * "N: ..." line before the instruction */
			sim_print_state(&out, env->cur, env->cur->curframe, NULL);
			do_print_state = false;
		}
		if (sim_logging(env)) {
			if (state_scratched(env))
				sim_print_insn_state(env);
			sim_verbose_linfo(env, env->insn_idx, "; ");
			env->prev_log_pos = env->log.len;
			print_insn_line(env, insn);
			env->prev_insn_print_pos = env->log.len - env->prev_log_pos;
			env->prev_log_pos = env->log.len;
		}
		/* do_check(): env->prev_insn_idx stays the previous insn while
		 * this one is checked (the history entries it pushes record it) */
		prev_insn_idx = env->insn_idx;
		sim_diag_insn_begin(env);
		err = do_check_insn(env, &do_print_state);
		env->prev_insn_idx = prev_insn_idx;
		if (err < 0)
			return err;
		sim_diag_insn_end(env);
		if (err == SIM_PROCESS_EXIT)
			goto process_exit;
		if (err == 0)
			env->insn_idx++;
		continue;
process_exit:
		env->all_scratched = true;
		err = sim_update_branch_counts(env, env->cur);
		if (err < 0)
			return err;
		err = pop_stack(env, pop_log);
		if (err == -ENOENT)
			break;
		if (err < 0)
			return sim_bug(env, "out of memory");
		sim_trace_event(env->trace, SIM_EV_POP, "%d", env->insn_idx);
		trace_snapshot(env, sim_trace_steps(env->trace));
		do_print_state = true;
	}
	return 0;
}

/* ---- initial state, entry points ---------------------------------------- */

static int init_state(struct sim_env *env, int subprog, bool is_sleepable)
{
	struct sim_state *st = env->cur;
	struct sim_func *f = sim_func_new(0, -1, (uint32_t)subprog);

	if (!f)
		return -ENOMEM;
	st->frame[0] = f;
	st->curframe = 0;
	st->branches = 1;
	st->in_sleepable = is_sleepable;
	/* do_check_common(): state->first_insn_idx = the subprog's start */
	st->first_insn_idx = subprog < env->p->subprog_cnt ? (uint32_t)env->p->subprogs[subprog].start
							   : 0;
	/* mirrors init_reg_state(): R10 = fp, R1 = ctx */
	sim_reg_mark_ptr(&f->regs[SIM_FP], PTR_TO_STACK);
	f->regs[SIM_FP].frameno = 0;
	if (subprog)
		return sim_init_global_func_args(env, subprog, f->regs);
	/* the main program's BTF is checked too (its line only) */
	sim_prepare_main_func_args(env);
	sim_init_ctx_reg(env, &f->regs[1]);
	return 0;
}

/* Calls the kernel marks in visit_insn() (cfg.c) beyond the fall-through:
 * callback-calling helpers and kfuncs, open-coded iterator next(). */
enum call_cfg_kind { CALL_PLAIN, CALL_SYNC_CALLBACK, CALL_ASYNC_CALLBACK, CALL_ITER_NEXT };

/* mirrors is_sync_callback_calling_function() /
 * is_async_callback_calling_function() */
static const uint8_t helper_cfg_kind[] = {
	[BPF_FUNC_for_each_map_elem] = CALL_SYNC_CALLBACK,
	[BPF_FUNC_find_vma] = CALL_SYNC_CALLBACK,
	[BPF_FUNC_loop] = CALL_SYNC_CALLBACK,
	[BPF_FUNC_user_ringbuf_drain] = CALL_SYNC_CALLBACK,
	[BPF_FUNC_timer_set_callback] = CALL_ASYNC_CALLBACK,
};

/* mirrors is_sync_callback_calling_kfunc() / is_async_callback_calling_kfunc() */
static const struct {
	const char *name;
	enum call_cfg_kind kind;
} kfunc_cfg_kind[] = {
	{ "bpf_rbtree_add", CALL_SYNC_CALLBACK },
	{ "bpf_rbtree_add_impl", CALL_SYNC_CALLBACK },
	{ "bpf_wq_set_callback", CALL_ASYNC_CALLBACK },
	{ "bpf_task_work_schedule_signal", CALL_ASYNC_CALLBACK },
	{ "bpf_task_work_schedule_resume", CALL_ASYNC_CALLBACK },
};

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static enum call_cfg_kind call_cfg_kind(const struct sim_env *env, const struct bpf_insn *insn)
{
	const char *name;

	if (insn->src_reg == 0)
		return insn->imm >= 0 && (size_t)insn->imm < sizeof(helper_cfg_kind)
			       ? (enum call_cfg_kind)helper_cfg_kind[insn->imm]
			       : CALL_PLAIN;
	if (insn->src_reg != BPF_PSEUDO_KFUNC_CALL)
		return CALL_PLAIN;
	name = sim_kfunc_call_name(env, insn);
	if (!name)
		return CALL_PLAIN;
	for (size_t i = 0; i < sizeof(kfunc_cfg_kind) / sizeof(kfunc_cfg_kind[0]); i++)
		if (!strcmp(name, kfunc_cfg_kind[i].name))
			return kfunc_cfg_kind[i].kind;
	/* bpf_iter_<type>_next carry KF_ITER_NEXT (is_iter_next_kfunc()) */
	if (!strncmp(name, "bpf_iter_", 9) && has_suffix(name, "_next"))
		return CALL_ITER_NEXT;
	return CALL_PLAIN;
}

static void mark_prune_jmp(struct sim_env *env, int w)
{
	if (w >= 0 && w < env->insn_cnt)
		env->prune_point[w] = env->jmp_point[w] = 1;
}

static void mark_prune_points(struct sim_env *env)
{
	/* mirrors visit_insn() of cfg.c: which instructions are prune points */
	for (int t = 0; t < env->insn_cnt; t++) {
		const struct bpf_insn *insn = &env->insns[t];
		uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
		int w;

		if (insn->code == (BPF_LD | BPF_IMM | BPF_DW)) {
			/* a callback's address: visit_func_call_insn() with
			 * visit_callee, like a bpf-to-bpf call */
			if (insn->src_reg == BPF_PSEUDO_FUNC) {
				env->prune_point[t] = 1;
				mark_prune_jmp(env, t + 2);
				mark_prune_jmp(env, (int)((int64_t)t + insn->imm + 1));
			}
			t++;
			continue;
		}
		if (class != BPF_JMP && class != BPF_JMP32)
			continue;
		if (op == BPF_EXIT)
			continue;
		if (op == BPF_CALL) {
			switch (call_cfg_kind(env, insn)) {
			case CALL_SYNC_CALLBACK:
				env->force_checkpoint[t] = 1;
				env->prune_point[t] = env->jmp_point[t] = 1;
				sim_scc_mark_calls_callback(env, t);
				break;
			case CALL_ASYNC_CALLBACK:
				env->prune_point[t] = 1;
				break;
			case CALL_ITER_NEXT:
				env->force_checkpoint[t] = 1;
				env->prune_point[t] = 1;
				break;
			case CALL_PLAIN:
				break;
			}
			mark_prune_jmp(env, t + 1);
			if (insn->src_reg == BPF_PSEUDO_CALL) {
				env->prune_point[t] = 1;
				mark_prune_jmp(env, (int)((int64_t)t + insn->imm + 1));
			}
			continue;
		}
		if (op == BPF_JA) {
			if (BPF_SRC(insn->code) == BPF_X)
				continue;
			w = (int)((int64_t)t + (class == BPF_JMP ? insn->off : insn->imm) + 1);
			if (w >= 0 && w < env->insn_cnt)
				env->prune_point[w] = env->jmp_point[w] = 1;
			continue;
		}
		env->prune_point[t] = 1;
		if (op == BPF_JCOND)
			env->force_checkpoint[t] = 1;
		w = t + insn->off + 1;
		if (w >= 0 && w < env->insn_cnt)
			env->prune_point[w] = env->jmp_point[w] = 1;
	}
}

static int subprog_end(const struct sim_env *env, int start)
{
	int end = env->insn_cnt;

	for (int i = 0; i < env->p->subprog_cnt; i++)
		if (env->p->subprogs[i].start > start && env->p->subprogs[i].start < end)
			end = env->p->subprogs[i].start;
	return end;
}

/* The structural checks the kernel makes before do_check(), in its order:
 * mirrors check_subprogs() (jumps stay in their subprogram, each ends in
 * exit or ja) and check_and_resolve_insns() (register numbers, ld_imm64
 * pairs, known opcodes). Calls to instructions that are not a known
 * subprogram start are not modelled (the kernel's add_subprogs() would
 * create one). */
static int check_program_structure(struct sim_env *env)
{
	char msg[128];
	int start = 0, end = subprog_end(env, 0);

	for (int i = 0; i < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);

		env->insn_idx = i;
		if ((class == BPF_JMP || class == BPF_JMP32) && op != BPF_CALL && op != BPF_EXIT &&
		    !(op == BPF_JA && BPF_SRC(insn->code) == BPF_X)) {
			int64_t w = (int64_t)i + (class == BPF_JMP32 && op == BPF_JA ? insn->imm : insn->off) + 1;

			if (w < start || w >= end) {
				char reason[256];
				int err = sim_reject(env, -EINVAL,
						     "jump out of range from insn %d to %d\n", i, (int)w);

				snprintf(reason, sizeof(reason),
					 "Instruction %d jumps to instruction %d, but subprogram %d only contains instructions %d through %d. "
					 "A branch target must stay inside the same subprogram.",
					 i, (int)w, sim_find_subprog(env, start), start, end - 1);
				sim_diag_program_structure_early(env, i, "jump out of range",
							   "Keep branch targets within the same subprogram, or use an explicit subprogram call.",
							   reason);
				return err;
			}
		}
		if ((insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL) ||
		    (insn->code == (BPF_LD | BPF_IMM | BPF_DW) && insn->src_reg == BPF_PSEUDO_FUNC)) {
			int64_t w = (int64_t)i + insn->imm + 1;

			if (w < 0 || w >= env->insn_cnt || sim_find_subprog(env, (int)w) < 0)
				return sim_unsupported(env, "call to insn %lld that is not a known subprogram",
						       (long long)w);
		}
		if (i == end - 1) {
			if (insn->code != (BPF_JMP | BPF_EXIT) && insn->code != (BPF_JMP | BPF_JA) &&
			    insn->code != (BPF_JMP32 | BPF_JA) && insn->code != (BPF_JMP | BPF_JA | BPF_X)) {
				char reason[192];
				int err = sim_reject(env, -EINVAL, "last insn is not an exit or jmp\n");

				snprintf(reason, sizeof(reason),
					 "Subprogram %d reaches its last instruction %d without an exit or jump, so control could continue into the next subprogram.",
					 sim_find_subprog(env, start), i);
				sim_diag_program_structure_early(env, i, "subprogram can fall through",
							   "End each subprogram with an exit or an explicit jump that keeps control flow inside the subprogram.",
							   reason);
				return err;
			}
			start = end;
			end = subprog_end(env, start);
		}
	}
	/* bpf_check_btf_info() comes between check_subprogs() and
	 * check_and_resolve_insns() */
	{
		int err = sim_check_ld_abs_subprogs(env);

		if (err)
			return err;
	}
	for (int i = 0; i < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];

		env->insn_idx = i;
		if (insn->dst_reg >= SIM_MAX_REG)
			return sim_reject(env, -EINVAL, "R%d is invalid\n", insn->dst_reg);
		if (insn->src_reg >= SIM_MAX_REG)
			return sim_reject(env, -EINVAL, "R%d is invalid\n", insn->src_reg);
		if (insn->code == (BPF_LD | BPF_IMM | BPF_DW)) {
			if (i == env->insn_cnt - 1 || insn[1].code || insn[1].dst_reg ||
			    insn[1].src_reg || insn[1].off)
				return sim_reject(env, -EINVAL, "invalid bpf_ld_imm64 insn\n");
			if (sim_gotox_check_ldimm64(env, i))   /* insn arrays */
				return -EINVAL;
			/* add_used_map(): a raw map fd no loader relocated. The
			 * loader's stdin, stdout and stderr are never maps; any
			 * other number depends on its open files (left to the
			 * walk, which reports it unsupported) */
			if ((insn->src_reg == BPF_PSEUDO_MAP_FD ||
			     insn->src_reg == BPF_PSEUDO_MAP_VALUE) &&
			    (!env->p->relocs || env->p->relocs[i].map_idx < 0) &&
			    insn->imm >= 0 && insn->imm <= 2) {
				sim_reject(env, -EBADF, "fd %d is not pointing to valid bpf_map\n",
					   insn->imm);
				env->err_insn = -1;   /* before the walk */
				return -EBADF;
			}
			i++;
			continue;
		}
		if (!sim_opcode_valid(insn->code))
			return sim_reject(env, -EINVAL, "unknown opcode %02x\n", insn->code);
		/* mirrors check_and_resolve_insns() -> check_insn_fields() */
		if (sim_check_insn_fields(insn, msg, sizeof(msg)))
			return sim_reject(env, -EINVAL, "%s\n", msg);
	}
	env->insn_idx = 0;
	return 0;
}

static void free_env(struct sim_env *env)
{
	for (int i = 0; i < env->stack_size; i++)
		sim_state_free(env->stack[i].st);
	if (env->replay && env->stack_cap && env->stack[0].st)
		sim_state_free(env->stack[0].st);
	free(env->stack);
	sim_states_free(env);
	free(env->prune_point);
	free(env->jmp_point);
	free(env->force_checkpoint);
	free(env->aux_ptr_type);
	free(env->loop_inline);
	free(env->global_ctx);
	free(env->arena_zext);
	free(env->hist);
	sim_diag_free(env);
	sim_gotox_free(env);
	free(env->live_regs_before);
	sim_liveness_free(env->liveness);
	sim_strbuf_free(&env->liveness_log);
	free(env->zext_dst);
	sim_scc_free(env);
	sim_stack_depth_free(env);
	sim_state_free(env->cur);
	sim_strbuf_free(&env->log);
}

int sim_find_subprog(const struct sim_env *env, int insn_idx)
{
	for (int i = 0; i < env->p->subprog_cnt; i++)
		if (env->p->subprogs[i].start == insn_idx)
			return i;
	return -1;
}

/* mirrors do_check_common() for one entry (main or a global subprog) in
 * one context (sleepable or not) */
static int do_check_common(struct sim_env *env, int subprog, bool is_sleepable)
{
	int err;

	env->subprog = (uint32_t)subprog;
	sim_scc_reset(env);   /* free_states(): the visits of the last walk */
	sim_states_reset(env); /* ... and its explored states */
	env->cur = sim_state_new();
	if (!env->cur)
		return -ENOMEM;
	err = init_state(env, subprog, is_sleepable);
	if (err)
		return err;
	env->insn_idx = subprog ? env->p->subprogs[subprog].start : 0;
	/* struct_ops __ref arguments are acquired before insn 0 (struct_ops.c) */
	if (!subprog && (err = sim_struct_ops_enter(env)))
		return err;
	err = do_check(env);
	/* do_check_common(): a walk that passed forgets its events */
	if (!err)
		sim_diag_log_restore(env, 0);
	/* do_check_common(): at level 1 (pop_log) a successful walk leaves
	 * nothing in the log, bpf_vlog_reset(&env->log, 0) */
	if (!err && env->log_level && env->log_level < 2 && env->log.buf) {
		env->log.len = 0;
		env->log.buf[0] = '\0';
	}
	return err;
}

/* mirrors do_check_subprogs(): global functions are verified on their
 * own, after the main program, with no knowledge of callers, once for each
 * context a call was seen in (env->global_ctx, set by check_func_call():
 * sleepable or not), until no new (function, context) pair appears. The
 * exception callback is presumed called in the program's context. */
static int do_check_subprogs(struct sim_env *env)
{
	const struct sim_prog_view *view = env->p;
	int exc_cb = sim_exception_cb_subprog(env), new_cnt, err;

	if (exc_cb > 0)
		env->global_ctx[exc_cb] |= SIM_GLOBAL_CALLED(view->sleepable);
	do {
		new_cnt = 0;
		for (int i = 1; i < view->subprog_cnt; i++) {
			if (!view->subprogs[i].global)
				continue;
			for (int ctx = 0; ctx < 2; ctx++) {
				if (!(env->global_ctx[i] & SIM_GLOBAL_CALLED(ctx)) ||
				    (env->global_ctx[i] & SIM_GLOBAL_VERIFIED(ctx)))
					continue;
				sim_verbose(env, "Validating %s() func#%d...\n", view->subprogs[i].name, i);
				sim_state_free(env->cur);
				env->cur = NULL;
				env->stack_size = 0;
				err = do_check_common(env, i, ctx);
				if (err)
					return err;
				sim_verbose(env,
					    "Func#%d ('%s') is safe for any args that match its prototype\n",
					    i, view->subprogs[i].name);
				env->global_ctx[i] |= SIM_GLOBAL_VERIFIED(ctx);
				new_cnt++;
			}
		}
	} while (new_cnt);
	return 0;
}

static void print_stats(struct sim_env *env)
{
	if (!env->log_level)
		return;
	sim_verbose(env,
		    "processed %d insns (limit %d) max_states_per_insn %d total_states %d peak_states %d mark_read %d\n",
		    env->insn_processed, SIM_COMPLEXITY_LIMIT_INSNS, env->max_states_per_insn,
		    env->total_states, env->peak_states, 0);
}

static void keep_analysis(struct sim_env *env, struct sim_trace *t);

struct sim_trace *sim_verify_view(const struct sim_prog_view *view,
				  const struct sim_verify_opts *opts)
{
	struct sim_env env = { 0 };
	struct sim_trace *t;
	int err;

	t = sim_trace_new(view, opts);
	if (!t)
		return NULL;
	env.p = view;
	env.insns = view->insns;
	env.insn_cnt = view->insn_cnt;
	env.trace = t;
	env.log_level = opts ? opts->log_level : 0;
	env.limit = opts && opts->insn_limit ? opts->insn_limit : SIM_COMPLEXITY_LIMIT_INSNS;
	/* bpf_check(): env->test_state_freq = attr->prog_flags & BPF_F_TEST_STATE_FREQ */
	env.test_state_freq = opts && (opts->prog_flags & BPF_F_TEST_STATE_FREQ);
	env.nr_cpu_ids = opts && opts->nr_cpus ? opts->nr_cpus : SIM_LAB_NR_CPUS;
	env.err_insn = -1;
	env.verdict = SIM_ACCEPTED;
	env.next_path = 1;
	if (env.insn_cnt <= 0) {
		sim_unsupported(&env, "empty program");
		goto out;
	}
	if (view->load_error) { /* libbpf refused it: the verifier never runs */
		sim_unsupported(&env, "%s", view->load_error);
		goto out;
	}
	env.explored = calloc((size_t)env.insn_cnt, sizeof(*env.explored));
	env.prune_point = calloc((size_t)env.insn_cnt, 1);
	env.jmp_point = calloc((size_t)env.insn_cnt, 1);
	env.force_checkpoint = calloc((size_t)env.insn_cnt, 1);
	env.global_ctx = calloc((size_t)view->subprog_cnt + 1, 1);
	if (!env.explored || !env.prune_point || !env.jmp_point || !env.force_checkpoint ||
	    !env.global_ctx ||
	    sim_gotox_prepare(&env) || sim_compute_live_regs(&env) || sim_scc_init(&env)) {
		sim_bug(&env, "out of memory");
		goto out;
	}
	/* add_subprogs() lists the subprograms at level 2 */
	sim_preamble_subprogs(&env);
	err = check_program_structure(&env);
	/* check_and_resolve_insns() checks each map the program uses
	 * (check_map_prog_compatibility()) before check_cfg(), so the log
	 * stops after "func#" lines; sim_struct_ops_enter() asks again */
	if (!err)
		err = sim_check_used_maps(&env);
	/* check_subprogs() and check_and_resolve_insns() run before the walk:
	 * the kernel's log names no instruction */
	if (err && env.verdict == SIM_REJECTED)
		env.err_insn = -1;
	/* bpf_check_cfg() comes after check_and_resolve_insns() */
	if (!err)   /* its gotox tables (check_gotox.c) */
		err = sim_gotox_check_cfg(&env);
	if (!err)
		err = sim_check_cfg_reachable(&env);
	if (!err)
		err = sim_check_attach_btf_id(&env);
	if (!err)   /* after the const/dead-branch passes, which cannot fail */
		err = sim_check_call_graph(&env);
	mark_prune_points(&env);
	/* bpf_prune_dead_branches() ran after check_cfg() marked the prune
	 * points: from here on constant conditional jumps are gotos */
	env.insns = sim_liveness_insns(&env);
	if (!err && sim_scc_compute(&env)) {
		sim_bug(&env, "out of memory");
		goto out;
	}
	/* bpf_compute_live_registers(): its level-2 lines, then its failure */
	if (!err)
		sim_preamble_liveness(&env);
	if (!err)
		err = sim_check_liveness_limit(&env);
	if (!err)
		err = do_check_common(&env, 0, view->sleepable);
	if (!err)
		err = do_check_subprogs(&env);
	/* check_max_stack_depth(), after do_check_subprogs() (stack_depth.c) */
	if (!err)
		err = sim_check_max_stack_depth(&env);
	if (err && env.verdict == SIM_ACCEPTED)
		sim_bug(&env, "check failed (%d) without an error message", err);
	if (env.verdict == SIM_REJECTED || env.verdict == SIM_ACCEPTED)
		print_stats(&env);
out:
	sim_trace_finish(t, env.verdict, env.verdict == SIM_ACCEPTED ? NULL : env.err,
			 env.err_insn, env.insn_processed, env.log_level, env.log.buf, env.log.len);
	env.log.buf = NULL;
	keep_analysis(&env, t);
	free_env(&env);
	return t;
}

/* ---- replay (time travel): re-run steps from a snapshot ----------------- */

struct sim_replay_analysis {
	uint16_t *live_regs_before;
	struct sim_liveness *liveness;
	uint8_t *prune_point;
};

void sim_replay_analysis_free(struct sim_replay_analysis *a)
{
	if (!a)
		return;
	free(a->live_regs_before);
	sim_liveness_free(a->liveness);
	free(a->prune_point);
	free(a);
}

/* the walk's analyses move to the trace, for replay to clean as it did */
static void keep_analysis(struct sim_env *env, struct sim_trace *t)
{
	struct sim_replay_analysis *a;

	if (!t || !env->live_regs_before || !env->prune_point)
		return;
	a = calloc(1, sizeof(*a));
	if (!a)
		return;   /* replay then shows uncleaned states; nothing breaks */
	a->live_regs_before = env->live_regs_before;
	a->liveness = env->liveness;
	a->prune_point = env->prune_point;
	env->live_regs_before = NULL;
	env->liveness = NULL;
	env->prune_point = NULL;
	sim_trace_keep_analysis(t, a);
}

static void replay_clean(struct sim_env *env, const struct sim_replay_analysis *a, int insn)
{
	if (!a || insn < 0 || insn >= env->insn_cnt || !a->prune_point[insn])
		return;
	env->cur->insn_idx = (uint32_t)insn;
	sim_clean_verifier_state(env, env->cur);
}

int sim_replay(const struct sim_prog_view *view, const struct sim_replay_analysis *a,
	       struct sim_state *st, uint32_t id_gen, int insn_idx, const uint32_t *insns_seq,
	       size_t n, int next_insn, int clean_at)
{
	struct sim_env env = { 0 };
	bool dummy = false;
	int err = 0;

	env.p = view;
	env.insns = view->insns;
	env.insn_cnt = view->insn_cnt;
	env.replay = true;
	env.cur = st;
	env.id_gen = id_gen;
	env.limit = UINT32_MAX;
	env.verdict = SIM_ACCEPTED;
	/* borrowed from the trace: free_env() must not free them */
	if (a) {
		env.live_regs_before = a->live_regs_before;
		env.liveness = a->liveness;
	}
	for (size_t i = 0; i < n; i++) {
		env.insn_idx = (int)insns_seq[i];
		env.replay_next_insn = i + 1 < n ? (int)insns_seq[i + 1] : next_insn;
		replay_clean(&env, a, env.insn_idx);
		err = do_check_insn(&env, &dummy);
		if (err < 0 || err == SIM_PROCESS_EXIT)
			break;
	}
	if (err >= 0 && err != SIM_PROCESS_EXIT)
		replay_clean(&env, a, clean_at);
	(void)insn_idx;
	env.cur = NULL;
	env.live_regs_before = NULL;
	env.liveness = NULL;
	free_env(&env);
	return err < 0 ? err : 0;
}

/* ---- building a view from an opened object ------------------------------ */

/* the view plus the arrays it borrows, owned by the trace */
struct owned_view {
	struct sim_prog_view v;     /* first: freed through &v */
	struct sim_map_view *maps;
	struct sim_insn_reloc *relocs;
	struct sim_line_view *lines;
	struct sim_subprog_view *subprogs;
};

static void free_view(struct sim_prog_view *v)
{
	struct owned_view *o = (struct owned_view *)v;

	free(o->maps);
	free(o->relocs);
	free(o->lines);
	free(o->subprogs);
	free(o);
}

/* The object's program as a sim_prog_view: maps, relocations, source lines
 * and subprograms flattened into per-instruction arrays. */
static struct sim_prog_view *view_from_prog(const struct sim_object *obj,
					    const struct sim_prog *prog, char *err, size_t errlen)
{
	struct owned_view *o = calloc(1, sizeof(*o));
	struct sim_prog_view *v = o ? &o->v : NULL;
	struct sim_map_view *maps = NULL;
	struct sim_insn_reloc *relocs = NULL;
	struct sim_line_view *lines = NULL;
	struct sim_subprog_view *subs = NULL;
	size_t cnt = 0, nmaps = obj ? sim_object_map_count(obj) : 0;
	size_t nsub = sim_prog_subprog_count(prog);

	if (!v)
		goto oom;
	v->name = sim_prog_name(prog);
	v->insns = sim_prog_insns(prog, &cnt);
	v->insn_cnt = (int)cnt;
	v->prog_type = sim_prog_type(prog);
	v->expected_attach_type = sim_prog_expected_attach_type(prog);
	v->sleepable = sim_prog_sleepable(prog);
	v->attach_btf_id = sim_prog_attach_btf_id(prog);
	v->load_error = sim_prog_load_error(prog);
	if (obj) {
		v->btf = sim_object_btf(obj);
		v->vmlinux_btf = sim_object_vmlinux_btf(obj);
		/* the kernel refused the BTF: libbpf loads without it */
		if (sim_object_btf_refused(obj)) {
			v->btf = NULL;
			v->no_func_info = true;
		}
	}
	maps = calloc(nmaps ? nmaps : 1, sizeof(*maps));
	relocs = calloc(cnt ? cnt : 1, sizeof(*relocs));
	lines = calloc(cnt ? cnt : 1, sizeof(*lines));
	subs = calloc(nsub ? nsub : 1, sizeof(*subs));
	if (!maps || !relocs || !lines || !subs)
		goto oom;
	for (size_t i = 0; i < nmaps; i++) {
		const struct sim_map *m = sim_object_map(obj, i);

		maps[i] = (struct sim_map_view){ .name = m->name, .type = m->type,
						 .key_size = m->key_size,
						 .value_size = m->value_size,
						 .max_entries = m->max_entries, .map = m };
	}
	for (size_t i = 0; i < cnt; i++) {
		const struct sim_insn_ref *r = sim_prog_insn_ref(prog, (unsigned)i);
		const struct sim_line *l = sim_prog_line_of(prog, (unsigned)i);

		relocs[i].map_idx = -1;
		relocs[i].core_spec = r ? r->core_spec : NULL;
		if (r && (r->kind == SIM_REF_MAP || r->kind == SIM_REF_MAP_VALUE ||
			  r->kind == SIM_REF_KCONFIG)) {
			relocs[i].map_idx = r->map;
			relocs[i].map_value = r->kind != SIM_REF_MAP;
			relocs[i].map_off = r->off;
		}
		if (l && !v->no_func_info)
			lines[i] = (struct sim_line_view){ .src = l->text, .file = l->file,
							   .line = l->line, .col = l->col,
							   .rec_start = l->insn == i };
	}
	for (size_t i = 0; i < nsub; i++) {
		const struct sim_subprog *sp = sim_prog_subprog(prog, i);

		/* without func_info: no name (subprog_info[].name NULL;
		 * bpf_subprog_name() ""), every subprogram static */
		subs[i] = (struct sim_subprog_view){ .start = (int)sp->start,
						     .name = v->no_func_info ? NULL : sp->name,
						     .global = i && sp->global && !v->no_func_info };
	}
	if (!nsub) {
		subs[0] = (struct sim_subprog_view){ .start = 0, .name = v->name };
		nsub = 1;
	}
	o->maps = maps;
	o->relocs = relocs;
	o->lines = lines;
	o->subprogs = subs;
	v->maps = maps;
	v->map_cnt = (int)nmaps;
	v->relocs = relocs;
	v->lines = lines;
	v->subprogs = subs;
	v->subprog_cnt = (int)nsub;
	return v;
oom:
	snprintf(err, errlen, "out of memory");
	free(maps);
	free(relocs);
	free(lines);
	free(subs);
	free(o);
	return NULL;
}

struct sim_trace *sim_verify_object_prog(const struct sim_object *obj,
					 const struct sim_prog *prog,
					 const struct sim_verify_opts *opts)
{
	char err[64];
	struct sim_prog_view *v = view_from_prog(obj, prog, err, sizeof(err));
	struct sim_trace *t;

	if (!v)
		return NULL;
	t = sim_verify_view(v, opts);
	if (!t) {
		free_view(v);
		return NULL;
	}
	sim_trace_own_view(t, v, free_view);
	return t;
}

struct sim_trace *sim_verify(const struct sim_prog *prog, const struct sim_verify_opts *opts)
{
	return sim_verify_object_prog(NULL, prog, opts);
}
