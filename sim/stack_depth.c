/* Stack depth of the call chains (Linux 7.3, kernel/bpf/verifier.c).
 *
 * The walk records, per subprogram, the deepest stack any frame of it ever
 * allocated (grow_stack_state()), and which subprograms it entered as
 * callbacks (push_callback_call()'s is_cb / is_async_cb). After the walk,
 * check_max_stack_depth() follows every bpf-to-bpf call and callback
 * reference depth first from the main program and from each async
 * callback, and refuses a chain whose frames together need more than
 * MAX_BPF_STACK bytes, a tail call under a deep caller stack, too many
 * nested frames, and bpf_throw / LD_ABS / tail calls inside a callback.
 *
 * The lab kernel is x86-64 with the JIT on: jit_requested holds, and the
 * JIT supports private stacks (bpf_jit_supports_private_stack()).
 *
 * Not modelled: bpf_remove_fastcall_spills_fills(), which may lower a
 * subprogram's stack_depth first (not modelled by the simulator);
 * stack arguments (stack_arg_cnt is 0 here); a struct_ops member asking
 * for a private stack (priv_stack_requested). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "global_args.h"
#include "opcode.h"

/* the bpf_subprog_info fields this file reads */
struct sim_subprog_info {
	int stack_depth;         /* bytes, a multiple of 8 */
	bool is_cb, is_async_cb, is_exception_cb;
};

/* enum priv_stack_mode */
enum { PRIV_STACK_UNKNOWN, NO_PRIV_STACK, PRIV_STACK_ADAPTIVE };

#define SD_MAX_BPF_STACK 512          /* MAX_BPF_STACK */
#define SD_MAX_CALL_FRAMES 16         /* MAX_CALL_FRAMES (bpf_verifier.h) */
#define SD_PRIV_STACK_MIN_SIZE 64     /* BPF_PRIV_STACK_MIN_SIZE */

static struct sim_subprog_info *subprog_info(struct sim_env *env)
{
	if (!env->subprog_info && env->p->subprog_cnt > 0)
		env->subprog_info = calloc((size_t)env->p->subprog_cnt,
					   sizeof(*env->subprog_info));
	return env->subprog_info;
}

void sim_stack_depth_free(struct sim_env *env)
{
	free(env->subprog_info);
	env->subprog_info = NULL;
}

/* grow_stack_state(): the frame grows in whole slots, and the subprogram
 * remembers the largest size any of its frames reached */
int sim_grow_stack(struct sim_env *env, struct sim_func *f, int size)
{
	struct sim_subprog_info *si;

	if (sim_func_grow_stack(f, size))
		return -1;
	si = subprog_info(env);
	if (!si)
		return -1;
	if ((int)f->subprogno < env->p->subprog_cnt &&
	    si[f->subprogno].stack_depth < f->allocated_stack)
		si[f->subprogno].stack_depth = f->allocated_stack;
	return 0;
}

/* push_callback_call() marks the callee is_cb (and is_async_cb for
 * timer/wq/task_work callbacks) when the walk reaches the call; here the
 * mark is taken when the walk runs the pushed callback frame: only the
 * callback's own frame has in_callback_fn / in_async_callback_fn set */
void sim_note_callback_frame(struct sim_env *env)
{
	const struct sim_func *f = sim_cur_frame(env->cur);
	struct sim_subprog_info *si;

	if (!f || (!f->in_callback_fn && !f->in_async_callback_fn))
		return;
	si = subprog_info(env);
	if (!si || (int)f->subprogno >= env->p->subprog_cnt)
		return;
	si[f->subprogno].is_cb = true;
	if (f->in_async_callback_fn)
		si[f->subprogno].is_async_cb = true;
}

/* The kernel's message names no instruction; the lab's log parser takes
 * the last "N: (" line the log printed before it. -1 when none. */
static int last_logged_insn(const struct sim_env *env)
{
	const char *buf = env->log.buf;
	int found = -1;

	if (!env->log_level || !buf)
		return -1;
	for (size_t pos = 0; pos < env->log.len;) {
		const char *line = buf + pos, *nl = memchr(line, '\n', env->log.len - pos);
		size_t len = nl ? (size_t)(nl - line) : env->log.len - pos;
		size_t i = 0;
		long v = 0;

		while (i < len && i < 9 && line[i] >= '0' && line[i] <= '9')
			v = v * 10 + (line[i++] - '0');
		if (i && i + 3 <= len && line[i] == ':' && line[i + 1] == ' ' && line[i + 2] == '(')
			found = (int)v;
		pos += len + 1;
	}
	return found;
}

static int reject_after_walk(struct sim_env *env, int err)
{
	env->err_insn = last_logged_insn(env);
	return err;
}

/* bpf_enable_priv_stack() with bpf_prog_check_recur() */
static int enable_priv_stack(const struct sim_env *env)
{
	switch (env->p->prog_type) {
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
		return PRIV_STACK_ADAPTIVE;
	case BPF_PROG_TYPE_TRACING:
		/* bpf_prog_check_recur(): every tracing program but iterators */
		return env->p->expected_attach_type != BPF_TRACE_ITER ? PRIV_STACK_ADAPTIVE
								      : NO_PRIV_STACK;
	case BPF_PROG_TYPE_LSM:
	case BPF_PROG_TYPE_STRUCT_OPS:
		/* bpf_prog_check_recur() is false for LSM, and for struct_ops
		 * until jits_use_priv_stack is set, after this pass */
	default:
		return NO_PRIV_STACK;
	}
}

/* round_up_stack_depth() with jit_requested: 16-byte granularity */
static int round_up_stack_depth(int stack_depth)
{
	return (stack_depth + 15) / 16 * 16;
}

/* struct bpf_subprog_call_depth_info, plus the bpf_subprog_info fields
 * this pass writes */
struct call_depth {
	int ret_insn, caller, frame;
	int priv_stack_mode;
	bool tail_call_reachable;
};

struct dfs {
	struct sim_env *env;
	const struct sim_subprog_info *si;
	struct call_depth *d;
	bool *has_tail_call, *has_ld_abs;
};

static int subprog_end(const struct sim_env *env, int i)
{
	return i + 1 < env->p->subprog_cnt ? env->p->subprogs[i + 1].start : env->insn_cnt;
}

static bool chain_has_cb(const struct dfs *s, int idx)
{
	for (int t = idx; t >= 0; t = s->d[t].caller)
		if (s->si[t].is_cb)
			return true;
	return false;
}

/* check_max_stack_depth_subprog(): an iterative DFS over the calls (and
 * callback references) from subprogram @idx; @depth counts the stacks of
 * the frames on the chain that use the normal kernel stack */
static int check_subprog(struct dfs *s, int idx, bool priv_stack_supported)
{
	struct sim_env *env = s->env;
	const struct sim_subprog_info *si = s->si;
	struct call_depth *d = s->d;
	int depth = 0, frame = 0, i, sub_depth;
	bool tail_call_reachable = false;

	d[idx].caller = -1;
	i = env->p->subprogs[idx].start;
	if (!priv_stack_supported)
		d[idx].priv_stack_mode = NO_PRIV_STACK;
process_func:
	if (s->has_ld_abs[idx] && chain_has_cb(s, idx))
		return reject_after_walk(env, sim_reject(env, -EINVAL,
				"cannot use BPF_LD_[ABS|IND] within callback\n"));
	/* the JIT keeps the callers' stacks across a tail call: up to 32
	 * tail calls, each under at most 256 bytes */
	if (idx && s->has_tail_call[idx] && depth >= 256)
		return reject_after_walk(env, sim_reject(env, -EACCES,
				"tail_calls are not allowed when call stack of previous frames is %d bytes. Too large\n",
				depth));
	sub_depth = round_up_stack_depth(si[idx].stack_depth);
	/* a private stack only where it pays: 64 bytes or more */
	if (priv_stack_supported && d[idx].priv_stack_mode == PRIV_STACK_UNKNOWN &&
	    sub_depth >= SD_PRIV_STACK_MIN_SIZE)
		d[idx].priv_stack_mode = PRIV_STACK_ADAPTIVE;
	if (d[idx].priv_stack_mode == PRIV_STACK_ADAPTIVE) {
		if (sub_depth > SD_MAX_BPF_STACK)
			return reject_after_walk(env, sim_reject(env, -EACCES,
					"stack size of subprog %d is %d. Too large\n", idx, sub_depth));
	} else {
		depth += sub_depth;
		if (depth > SD_MAX_BPF_STACK) {
			int total = 0;

			for (int t = idx; t >= 0; t = d[t].caller)
				total++;
			return reject_after_walk(env, sim_reject(env, -EACCES,
					"combined stack size of %d calls is %d. Too large\n", total, depth));
		}
	}
continue_func:
	for (int end = subprog_end(env, idx); i < end; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		int next_insn, sidx;

		if (sim_is_kfunc_call(insn) && !insn->off) {
			if (!sim_is_throw_kfunc(env, insn) || !chain_has_cb(s, idx))
				continue;
			return reject_after_walk(env, sim_reject(env, -EINVAL,
					"bpf_throw kfunc (insn %d) cannot be called from callback subprog %d\n",
					i, idx));
		}
		if (!sim_is_pseudo_call(insn) && !sim_is_pseudo_func(insn))
			continue;
		next_insn = i + insn->imm + 1;
		sidx = sim_find_subprog(env, next_insn);
		if (sidx < 0)
			return reject_after_walk(env, sim_bug(env, "callee not found at insn %d",
							      next_insn));
		if (si[sidx].is_async_cb) {
			/* an async callback runs on its own stack unless called directly */
			if (!sim_is_pseudo_call(insn))
				continue;
			if (si[sidx].is_exception_cb)   /* the kernel prints no newline */
				return reject_after_walk(env, sim_reject(env, -EINVAL,
						"insn %d cannot call exception cb directly", i));
		}
		d[idx].frame = frame;
		d[idx].ret_insn = i + 1;
		d[sidx].caller = idx;
		i = next_insn;
		idx = sidx;
		if (!priv_stack_supported)
			d[idx].priv_stack_mode = NO_PRIV_STACK;
		tail_call_reachable = s->has_tail_call[idx];
		/* a global function starts a new chain of static frames */
		frame = env->p->subprogs[idx].global ? 0 : frame + 1;
		if (frame >= SD_MAX_CALL_FRAMES)
			return reject_after_walk(env, sim_reject(env, -E2BIG,
					"the call stack of %d frames is too deep !\n", frame));
		goto process_func;
	}
	/* a tail call reachable through bpf2bpf calls: every frame on the
	 * chain keeps the tail call counter, which a callback cannot */
	if (tail_call_reachable) {
		for (int t = idx; t >= 0; t = d[t].caller) {
			if (si[t].is_cb)
				return reject_after_walk(env, sim_reject(env, -EINVAL,
						"cannot tail call within callback\n"));
			d[t].tail_call_reachable = true;
		}
	}
	if (frame == 0 && d[idx].caller < 0)
		return 0;
	if (d[idx].priv_stack_mode != PRIV_STACK_ADAPTIVE)
		depth -= round_up_stack_depth(si[idx].stack_depth);
	idx = d[idx].caller;
	frame = d[idx].frame;
	i = d[idx].ret_insn;
	tail_call_reachable = d[idx].tail_call_reachable;
	goto continue_func;
}

/* check_subprogs(): has_tail_call and has_ld_abs per subprogram */
static void scan_subprogs(struct dfs *s)
{
	const struct sim_env *env = s->env;

	for (int k = 0; k < env->p->subprog_cnt; k++)
		for (int i = env->p->subprogs[k].start, end = subprog_end(env, k); i < end; i++) {
			const struct bpf_insn *insn = &env->insns[i];
			uint8_t cls = BPF_CLASS(insn->code);

			if (sim_is_helper_call(insn) && insn->imm == BPF_FUNC_tail_call) {
				s->has_tail_call[k] = true;
				s->d[k].tail_call_reachable = true;
			}
			if (cls == BPF_LD &&
			    (BPF_MODE(insn->code) == BPF_ABS || BPF_MODE(insn->code) == BPF_IND))
				s->has_ld_abs[k] = true;
		}
}

/* check_max_stack_depth() */
int sim_check_max_stack_depth(struct sim_env *env)
{
	int n = env->p->subprog_cnt, mode = PRIV_STACK_UNKNOWN, err = 0, exc_cb;
	struct sim_subprog_info *si = subprog_info(env);
	struct dfs s = { .env = env, .si = si };

	if (n <= 0)
		return 0;
	s.d = calloc((size_t)n, sizeof(*s.d));
	s.has_tail_call = calloc((size_t)n, sizeof(bool));
	s.has_ld_abs = calloc((size_t)n, sizeof(bool));
	if (!si || !s.d || !s.has_tail_call || !s.has_ld_abs) {
		err = sim_bug(env, "out of memory");
		goto out;
	}
	/* bpf_mark_subprog_exc_cb(): the exception callback the main
	 * program's "exception_callback:" tag names runs on its own */
	exc_cb = sim_exception_cb_subprog(env);
	if (exc_cb > 0)
		si[exc_cb].is_cb = si[exc_cb].is_async_cb = si[exc_cb].is_exception_cb = true;
	scan_subprogs(&s);
	/* any tail call turns private stacks off */
	for (int i = 0; i < n; i++)
		if (s.has_tail_call[i])
			mode = NO_PRIV_STACK;
	if (mode == PRIV_STACK_UNKNOWN)
		mode = enable_priv_stack(env);
	/* async callbacks first, from the last: a subprogram they share with
	 * the main program is then already on the normal stack */
	for (int i = n - 1; i >= 0 && !err; i--)
		if (!i || si[i].is_async_cb)
			err = check_subprog(&s, i, !i && mode == PRIV_STACK_ADAPTIVE);
out:
	free(s.d);
	free(s.has_tail_call);
	free(s.has_ld_abs);
	return err;
}
