/* Precision tracking: mirrors kernel/bpf/backtrack.c of Linux 7.3.
 *
 * How it works
 * ------------
 * Scalars start imprecise. When the verifier relies on a scalar's exact
 * value or range (a branch it decided, a pointer offset, a helper's
 * constant size, the return value) it calls mark_chain_precision(): walk
 * the instructions of the current path backwards, from the current one to
 * the first of the current state, then through each parent checkpoint,
 * following which registers and stack slots fed the value (r1 = r2 moves
 * the need from r1 to r2; r1 = 5 satisfies it; a fill from fp-8 moves it
 * to that slot, the spill into it moves it to the spilled register), and
 * set `precise` on those registers and slots in every parent checkpoint.
 * Pruning then compares only precise scalars by range (states.c regsafe):
 * an imprecise scalar in a finished checkpoint never mattered.
 *
 * A straight-line walk backwards is easy; jumps are not, so every state
 * keeps a jump history: at every jump target, call return and stack
 * access the (insn, previous insn, flags) triple is appended. The kernel
 * gives each state its own array; here all histories live in one pool and
 * a state holds the index of its newest entry, each entry linking to the
 * one before (a persistent stack), so copying a state copies two integers.
 * A checkpoint clears the current state's history (bpf_clear_jmp_history):
 * the parent keeps the part before it.
 *
 * As in 7.3 the current state itself is never marked (only its parents),
 * and when the walk meets something it cannot follow it falls back to
 * marking every scalar of every parent precise.
 *
 * Replay (time travel) re-runs single steps without parents or pool: there
 * the history and marking are skipped; the current state carries no
 * precise marks in either run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "disasm.h"
#include "scc.h"

#define REGMASK_ARGS 0x3eu /* R1-R5 */
#define LR_FRAMENO_BITS 4
#define LR_SPI_BITS 6
#define LR_ENTRY_BITS (LR_SPI_BITS + LR_FRAMENO_BITS + 1)
#define LR_SIZE_BITS 4

static struct sim_hist_entry *hist_at(struct sim_env *env, uint32_t h)
{
	return h ? &env->hist[h - 1] : NULL;
}

int sim_push_jmp_history(struct sim_env *env, struct sim_state *cur, uint32_t flags, uint32_t spi,
			 uint32_t frame, uint64_t linked_regs)
{
	struct sim_hist_entry *p;

	if (env->replay)
		return 0;
	/* combine flags if this instruction was recorded already */
	if (env->cur_hist_ent && cur->jmp_history_top == env->cur_hist_ent) {
		p = hist_at(env, env->cur_hist_ent);
		p->flags |= flags;
		p->spi = spi;
		p->frame = frame;
		p->linked_regs = linked_regs;
		return 0;
	}
	if (env->hist_len == env->hist_cap) {
		uint32_t cap = env->hist_cap ? env->hist_cap * 2 : 1024;
		struct sim_hist_entry *n = realloc(env->hist, cap * sizeof(*n));

		if (!n)
			return -ENOMEM;
		env->hist = n;
		env->hist_cap = cap;
	}
	p = &env->hist[env->hist_len++];
	p->idx = env->insn_idx;
	p->prev_idx = env->prev_insn_idx;
	p->prev = cur->jmp_history_top;
	p->flags = flags;
	p->spi = spi;
	p->frame = frame;
	p->linked_regs = linked_regs;
	cur->jmp_history_top = env->hist_len;
	cur->jmp_history_cnt++;
	env->cur_hist_ent = env->hist_len;
	return 0;
}

uint64_t sim_linked_regs_pack(const struct sim_linked_regs *s)
{
	uint64_t val = 0;

	for (int i = 0; i < s->cnt; i++) {
		const struct sim_linked_reg *e = &s->entries[i];
		uint64_t tmp = e->frameno | ((uint64_t)e->regno << LR_FRAMENO_BITS) |
			       ((uint64_t)(e->is_reg ? 1 : 0) << (LR_SPI_BITS + LR_FRAMENO_BITS));

		val = (val << LR_ENTRY_BITS) | tmp;
	}
	return (val << LR_SIZE_BITS) | (uint64_t)s->cnt;
}

void sim_linked_regs_unpack(uint64_t val, struct sim_linked_regs *s)
{
	s->cnt = (int)(val & ((1u << LR_SIZE_BITS) - 1));
	val >>= LR_SIZE_BITS;
	for (int i = 0; i < s->cnt; i++) {
		struct sim_linked_reg *e = &s->entries[i];

		e->frameno = val & ((1u << LR_FRAMENO_BITS) - 1);
		e->regno = (val >> LR_FRAMENO_BITS) & ((1u << LR_SPI_BITS) - 1);
		e->is_reg = (val >> (LR_SPI_BITS + LR_FRAMENO_BITS)) & 1;
		val >>= LR_ENTRY_BITS;
	}
}

/* a cursor walking one state's history backwards */
struct hist_cursor {
	uint32_t h, cnt;
};

/* mirrors get_prev_insn_idx(): -1 when the state's instructions are done */
static int get_prev_insn_idx(struct sim_env *env, const struct sim_state *st, int i,
			     struct hist_cursor *c)
{
	struct sim_hist_entry *e = hist_at(env, c->h);

	if (i == (int)st->first_insn_idx) {
		if (c->cnt == 0)
			return -1;
		if (c->cnt == 1 && e && e->idx == i)
			return -1;
	}
	if (c->cnt && e && e->idx == i) {
		i = e->prev_idx;
		c->h = e->prev;
		c->cnt--;
	} else {
		i--;
	}
	return i;
}

static struct sim_hist_entry *get_hist_entry(struct sim_env *env, const struct hist_cursor *c,
					     int insn_idx)
{
	struct sim_hist_entry *e = hist_at(env, c->h);

	return c->cnt && e && e->idx == insn_idx ? e : NULL;
}

static bool bt_empty(const struct sim_bt *bt)
{
	uint64_t m = 0;

	for (uint32_t i = 0; i <= bt->frame; i++)
		m |= bt->reg_masks[i] | bt->stack_masks[i];
	return m == 0;
}

static void bt_reset(struct sim_bt *bt)
{
	memset(bt, 0, sizeof(*bt));
}

#define BT_REG(bt) ((bt)->reg_masks[(bt)->frame])
#define BT_IS_REG(bt, r) (BT_REG(bt) & (1u << (r)))
#define BT_SET_REG(bt, r) (BT_REG(bt) |= 1u << (r))
#define BT_CLEAR_REG(bt, r) (BT_REG(bt) &= ~(1u << (r)))

static void fmt_reg_mask(char *buf, size_t len, uint32_t mask)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 32 && n < len; i++)
		if (mask & (1u << i))
			n += (size_t)snprintf(buf + n, len - n, "%sr%d", n ? "," : "", i);
}

static void fmt_stack_mask(char *buf, size_t len, uint64_t mask)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 64 && n < len; i++)
		if (mask & (1ull << i))
			n += (size_t)snprintf(buf + n, len - n, "%s%d", n ? "," : "", -(i + 1) * 8);
}

/* mirrors bpf_bt_sync_linked_regs() */
static void bt_sync_linked_regs(struct sim_bt *bt, const struct sim_hist_entry *hist)
{
	struct sim_linked_regs lr;
	bool some = false;

	if (!hist || !hist->linked_regs)
		return;
	sim_linked_regs_unpack(hist->linked_regs, &lr);
	for (int i = 0; i < lr.cnt && !some; i++) {
		const struct sim_linked_reg *e = &lr.entries[i];

		some = e->is_reg ? bt->reg_masks[e->frameno] & (1u << e->regno)
				 : bt->stack_masks[e->frameno] & (1ull << e->regno);
	}
	if (!some)
		return;
	for (int i = 0; i < lr.cnt; i++) {
		const struct sim_linked_reg *e = &lr.entries[i];

		if (e->is_reg)
			sim_bt_set_frame_reg(bt, e->frameno, e->regno);
		else
			sim_bt_set_frame_slot(bt, e->frameno, e->regno);
	}
}

static bool is_pseudo_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL;
}

enum { BT_NOTSUPP = 1 };

/* mirrors backtrack_insn(): 0, BT_NOTSUPP (fall back), or <0 */
static int backtrack_insn(struct sim_env *env, int idx, int subseq_idx,
			  const struct sim_hist_entry *hist, struct sim_bt *bt)
{
	const struct bpf_insn *insn = &env->insns[idx];
	uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code), mode = BPF_MODE(insn->code);
	uint32_t dreg = insn->dst_reg, sreg = insn->src_reg;

	if (insn->code == 0)
		return 0;
	if (env->log_level >= 2 && sim_logging(env)) {
		char buf[256];
		struct sim_out out = sim_strbuf_out(&env->log);

		fmt_reg_mask(buf, sizeof(buf), BT_REG(bt));
		sim_verbose(env, "mark_precise: frame%u: regs=%s ", bt->frame, buf);
		fmt_stack_mask(buf, sizeof(buf), bt->stack_masks[bt->frame]);
		sim_verbose(env, "stack=%s before ", buf);
		sim_verbose(env, "%d: ", idx);
		sim_verbose_insn(env, insn, &out);
	}
	bt_sync_linked_regs(bt, hist);
	if (dreg >= SIM_MAX_REG || sreg >= SIM_MAX_REG)
		return BT_NOTSUPP;
	if (class == BPF_ALU || class == BPF_ALU64) {
		if (!BT_IS_REG(bt, dreg))
			return 0;
		if (op == BPF_END || op == BPF_NEG)
			return 0;
		if (op == BPF_MOV) {
			BT_CLEAR_REG(bt, dreg);
			if (BPF_SRC(insn->code) == BPF_X && sreg != SIM_FP)
				BT_SET_REG(bt, sreg);
		} else if (BPF_SRC(insn->code) == BPF_X && sreg != SIM_FP) {
			BT_SET_REG(bt, sreg);
		}
	} else if (class == BPF_LDX ||
		   (class == BPF_STX && mode == BPF_ATOMIC &&
		    (insn->imm == BPF_LOAD_ACQ || (insn->imm & BPF_FETCH)))) {
		uint32_t load_reg = dreg;

		if (class == BPF_STX && insn->imm != BPF_LOAD_ACQ)
			load_reg = insn->imm == BPF_CMPXCHG ? 0 : sreg;
		if (!BT_IS_REG(bt, load_reg))
			return 0;
		BT_CLEAR_REG(bt, load_reg);
		if (!hist || !(hist->flags & SIM_INSN_F_STACK_ACCESS))
			return 0;
		sim_bt_set_frame_slot(bt, hist->frame, hist->spi);
	} else if (class == BPF_STX || class == BPF_ST) {
		if (BT_IS_REG(bt, dreg))
			return BT_NOTSUPP; /* pointer subtraction into memory */
		if (!hist || !(hist->flags & SIM_INSN_F_STACK_ACCESS))
			return 0;
		if (!(bt->stack_masks[hist->frame] & (1ull << hist->spi)))
			return 0;
		bt->stack_masks[hist->frame] &= ~(1ull << hist->spi);
		if (class == BPF_STX)
			BT_SET_REG(bt, sreg);
	} else if (class == BPF_JMP || class == BPF_JMP32) {
		if (is_pseudo_call(insn)) {
			int subprog = sim_find_subprog(env, idx + insn->imm + 1);

			if (subprog < 0)
				return -EFAULT;
			if (env->p->subprogs[subprog].global) {
				if (BT_REG(bt) & REGMASK_ARGS)
					return sim_bug(env, "global subprog unexpected regs %x",
						       BT_REG(bt));
				BT_CLEAR_REG(bt, 0);
				return 0;
			}
			if ((BT_REG(bt) & ~REGMASK_ARGS) || bt->stack_masks[bt->frame])
				return sim_bug(env, "static subprog unexpected regs %x",
					       BT_REG(bt));
			if (!bt->frame)
				return sim_bug(env, "subprog exit from frame 0");
			for (uint32_t i = 1; i <= 5; i++) {
				if (BT_IS_REG(bt, i)) {
					BT_CLEAR_REG(bt, i);
					sim_bt_set_frame_reg(bt, bt->frame - 1, i);
				}
			}
			bt->frame--;
			return 0;
		}
		if (op == BPF_CALL && sim_scc_calls_callback(env, idx) && idx != subseq_idx - 1) {
			/* from a callback's entry back to the helper or kfunc
			 * call that pushed it: R1-R5 were set by that call, not
			 * passed, so they are not propagated */
			if ((BT_REG(bt) & ~REGMASK_ARGS) || bt->stack_masks[bt->frame])
				return sim_bug(env, "callback unexpected regs %x", BT_REG(bt));
			for (uint32_t i = 1; i <= 5; i++)
				BT_CLEAR_REG(bt, i);
			if (!bt->frame)
				return sim_bug(env, "subprog exit from frame 0");
			bt->frame--;
			return 0;
		}
		if (op == BPF_CALL) {
			if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL && insn->imm == 0)
				return BT_NOTSUPP;
			BT_CLEAR_REG(bt, 0);
			if (BT_REG(bt) & REGMASK_ARGS)
				return sim_bug(env, "backtracking call unexpected regs %x", BT_REG(bt));
			if (insn->src_reg == 0 && insn->imm == BPF_FUNC_tail_call &&
			    subseq_idx - idx != 1) {
				if (bt->frame == SIM_MAX_FRAMES - 1)
					return sim_bug(env, "subprog enter from frame %u", bt->frame);
				bt->frame++;
			}
		} else if (op == BPF_EXIT) {
			bool from_call = subseq_idx - 1 >= 0 && is_pseudo_call(&env->insns[subseq_idx - 1]);
			bool r0_precise = from_call && BT_IS_REG(bt, 0);

			if (from_call && (BT_REG(bt) & REGMASK_ARGS))
				return sim_bug(env, "backtracking exit unexpected regs %x", BT_REG(bt));
			BT_CLEAR_REG(bt, 0);
			if (bt->frame == SIM_MAX_FRAMES - 1)
				return sim_bug(env, "subprog enter from frame %u", bt->frame);
			bt->frame++;
			if (r0_precise)
				BT_SET_REG(bt, 0);
			return 0;
		} else if (op != BPF_JCOND && BPF_SRC(insn->code) == BPF_X) {
			/* gotox (BPF_JA|BPF_X) too: the kernel treats it as a
			 * register compare of dst_reg with R0 (its src_reg) */
			if (!BT_IS_REG(bt, dreg) && !BT_IS_REG(bt, sreg))
				return 0;
			if (!hist || !(hist->flags & SIM_INSN_F_SRC_REG_STACK))
				BT_SET_REG(bt, sreg);
			if (!hist || !(hist->flags & SIM_INSN_F_DST_REG_STACK))
				BT_SET_REG(bt, dreg);
		}
	} else if (class == BPF_LD) {
		if (mode == BPF_IMM) {
			BT_CLEAR_REG(bt, dreg);
			return 0;
		}
		if (mode == BPF_IND || mode == BPF_ABS) {
			if (BT_IS_REG(bt, dreg))
				return BT_NOTSUPP;
			if (subseq_idx != idx + 1) {
				if (bt->frame == SIM_MAX_FRAMES - 1)
					return sim_bug(env, "subprog enter from frame %u", bt->frame);
				bt->frame++;
			}
			return 0;
		}
	}
	bt_sync_linked_regs(bt, hist);
	return 0;
}

/* mirrors bpf_mark_all_scalars_precise() */
static void mark_all_scalars_precise(struct sim_env *env, struct sim_state *st)
{
	bool log = env->log_level >= 2 && sim_logging(env);

	if (log)
		sim_verbose(env, "mark_precise: frame%u: falling back to forcing all scalars precise\n",
			    st->curframe);
	for (st = st->parent; st; st = st->parent) {
		for (uint32_t i = 0; i <= st->curframe; i++) {
			struct sim_func *f = st->frame[i];

			for (int j = 0; j < SIM_FP; j++) {
				struct sim_reg *r = &f->regs[j];

				if (r->type != SCALAR_VALUE || r->precise)
					continue;
				r->precise = true;
				if (log)
					sim_verbose(env, "force_precise: frame%u: forcing r%d to be precise\n",
						    i, j);
			}
			for (int j = 0; j < f->allocated_stack / SIM_REG_SIZE; j++) {
				struct sim_reg *r = &f->stack[j].spilled;

				if (!sim_slot_is_spill(&f->stack[j]) || r->type != SCALAR_VALUE ||
				    r->precise)
					continue;
				r->precise = true;
				if (log)
					sim_verbose(env, "force_precise: frame%u: forcing fp%d to be precise\n",
						    i, -(j + 1) * 8);
			}
		}
	}
}

/* mark the parent state @st's registers and slots the masks name; *changed
 * is set when a mark was added */
static void mark_in_parent(struct sim_env *env, struct sim_state *st, struct sim_bt *bt,
			   bool *changed)
{
	for (int fr = (int)bt->frame; fr >= 0; fr--) {
		struct sim_func *f = st->frame[fr];

		for (int i = 0; i < 32; i++) {
			struct sim_reg *r;

			if (!(bt->reg_masks[fr] & (1u << i)))
				continue;
			r = i < SIM_MAX_REG ? &f->regs[i] : NULL;
			if (!r || r->type != SCALAR_VALUE || r->precise) {
				bt->reg_masks[fr] &= ~(1u << i);
			} else {
				r->precise = true;
				*changed = true;
			}
		}
		for (int i = 0; i < 64; i++) {
			struct sim_stack_slot *s;

			if (!(bt->stack_masks[fr] & (1ull << i)))
				continue;
			if (i >= f->allocated_stack / SIM_REG_SIZE) {
				bt->stack_masks[fr] &= ~(1ull << i);
				continue;
			}
			s = &f->stack[i];
			if (!sim_slot_is_spilled_scalar(s) || s->spilled.precise) {
				bt->stack_masks[fr] &= ~(1ull << i);
			} else {
				s->spilled.precise = true;
				*changed = true;
			}
		}
		if (env->log_level >= 2 && sim_logging(env)) {
			char buf[256];
			struct sim_out out = sim_strbuf_out(&env->log);

			fmt_reg_mask(buf, sizeof(buf), bt->reg_masks[fr]);
			sim_verbose(env, "mark_precise: frame%d: parent state regs=%s ", fr, buf);
			fmt_stack_mask(buf, sizeof(buf), bt->stack_masks[fr]);
			sim_verbose(env, "stack=%s: ", buf);
			sim_print_state(&out, st, (uint32_t)fr, NULL);
		}
	}
}

/* mirrors bpf_mark_chain_precision(): *changed is set when a parent
 * gained a mark (propagate_backedges() iterates to a fixed point on it) */
static int mark_chain_precision(struct sim_env *env, struct sim_state *starting, int regno,
				bool *changed)
{
	struct sim_state *st = starting;
	struct sim_bt *bt = &env->bt;
	int first_idx = (int)st->first_insn_idx, last_idx = (int)st->insn_idx;
	int subseq_idx = -1;
	bool skip_first = true;

	if (env->replay) {
		bt_reset(bt);
		return 0;
	}
	bt->frame = starting->curframe;
	if (regno >= 0) {
		if (sim_cur_frame(st)->regs[regno].type != SCALAR_VALUE) {
			bt_reset(bt);
			return sim_bug(env, "backtracking misuse");
		}
		BT_SET_REG(bt, (uint32_t)regno);
	}
	if (bt_empty(bt))
		return 0;
	for (;;) {
		struct hist_cursor c = { st->jmp_history_top, st->jmp_history_cnt };

		if (env->log_level >= 2 && sim_logging(env))
			sim_verbose(env, "mark_precise: frame%u: last_idx %d first_idx %d subseq_idx %d \n",
				    bt->frame, last_idx, first_idx, subseq_idx);
		if (last_idx < 0) {
			/* entry of a global function: its R1-R5 are inputs */
			if (st->curframe == 0 && st->frame[0]->subprogno > 0 &&
			    st->frame[0]->callsite == -1 && !bt->stack_masks[0] &&
			    !(bt->reg_masks[0] & ~REGMASK_ARGS)) {
				for (int i = 0; i < SIM_MAX_REG; i++) {
					if (!(bt->reg_masks[0] & (1u << i)))
						continue;
					if (st->frame[0]->regs[i].type == SCALAR_VALUE) {
						st->frame[0]->regs[i].precise = true;
						*changed = true;
					}
				}
				bt_reset(bt);
				return 0;
			}
			bt_reset(bt);
			return sim_bug(env, "backtracking func entry subprog %u reg_mask %x",
				       st->frame[0]->subprogno, bt->reg_masks[0]);
		}
		for (int i = last_idx;;) {
			int err = 0;

			if (skip_first)
				skip_first = false;
			else
				err = backtrack_insn(env, i, subseq_idx, get_hist_entry(env, &c, i), bt);
			if (err == BT_NOTSUPP) {
				mark_all_scalars_precise(env, starting);
				bt_reset(bt);
				return 0;
			}
			if (err) {
				bt_reset(bt);
				return err;
			}
			if (bt_empty(bt))
				return 0;
			subseq_idx = i;
			i = get_prev_insn_idx(env, st, i, &c);
			if (i < 0)
				break;
			if (i >= env->insn_cnt) {
				bt_reset(bt);
				return sim_bug(env, "backtracking idx %d", i);
			}
		}
		st = st->parent;
		if (!st)
			break;
		mark_in_parent(env, st, bt, changed);
		if (bt_empty(bt))
			return 0;
		subseq_idx = first_idx;
		last_idx = (int)st->last_insn_idx;
		first_idx = (int)st->first_insn_idx;
	}
	if (!bt_empty(bt)) {
		mark_all_scalars_precise(env, starting);
		bt_reset(bt);
	}
	return 0;
}

int sim_mark_chain_precision(struct sim_env *env, int regno)
{
	bool changed = false;

	return mark_chain_precision(env, env->cur, regno, &changed);
}

int sim_mark_chain_precision_batch(struct sim_env *env, struct sim_state *starting_state)
{
	bool changed = false;

	return mark_chain_precision(env, starting_state, -1, &changed);
}

void sim_mark_all_scalars_precise(struct sim_env *env, struct sim_state *st)
{
	mark_all_scalars_precise(env, st);
}

int sim_mark_chain_precision_changed(struct sim_env *env, struct sim_state *starting_state,
				     bool *changed)
{
	return mark_chain_precision(env, starting_state, -1, changed);
}
