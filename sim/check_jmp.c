/* Conditional jumps: mirrors check_cond_jmp_op(), is_branch_taken(),
 * mark_ptr_or_null_regs() and try_match_pkt_pointers() of 7.3. The scalar
 * refinement of both outcomes is sim/scalar.c's sim_scalar_cond(). */
#include <string.h>

#include "check.h"
#include "iter.h"
#include "kfuncs.h"

#define MAX_PACKET_OFF 0xffff

/* mirrors reg_not_null() */
static bool reg_not_null(const struct sim_env *env, const struct sim_reg *r)
{
	uint32_t t = sim_base_type(r->type);

	if (r->type & PTR_MAYBE_NULL)
		return false;
	if (sim_scalar_smin(&r->s) <= -BPF_MAX_VAR_OFF || sim_scalar_smax(&r->s) >= BPF_MAX_VAR_OFF)
		return false;
	return t == PTR_TO_SOCKET || t == PTR_TO_TCP_SOCK || t == PTR_TO_XDP_SOCK ||
	       t == PTR_TO_BUF || t == PTR_TO_MAP_VALUE || t == PTR_TO_MAP_KEY ||
	       t == PTR_TO_SOCK_COMMON ||
	       /* is_trusted_reg(): an RCU pointer may still be NULL */
	       (t == PTR_TO_BTF_ID && sim_is_trusted_reg(env, r)) ||
	       (t == PTR_TO_MEM && !(r->type & PTR_UNTRUSTED)) || t == CONST_PTR_TO_MAP;
}

static bool is_pkt_any(const struct sim_reg *r)
{
	return sim_reg_is_pkt_pointer(r) || r->type == PTR_TO_PACKET_END;
}

/* AT_PKT_END / BEYOND_PKT_END: negative ranges mark_pkt_end() leaves */
enum { SIM_AT_PKT_END = -1, SIM_BEYOND_PKT_END = -2 };

/* mirrors is_pkt_ptr_branch_taken(): a pkt pointer already known to be at
 * or beyond pkt_end decides a later comparison with pkt_end */
static int pkt_ptr_branch_taken(const struct sim_reg *a, const struct sim_reg *b, uint8_t op)
{
	const struct sim_reg *pkt;

	if (b->type == PTR_TO_PACKET_END) {
		pkt = a;
	} else if (a->type == PTR_TO_PACKET_END) {
		pkt = b;
		op = sim_jmp_flip_opcode(op);
	} else {
		return -1;
	}
	if (pkt->range >= 0)
		return -1;
	switch (op) {
	case BPF_JLE:
	case BPF_JGT:
		if (pkt->range == SIM_BEYOND_PKT_END)
			return op == BPF_JGT;
		break;
	case BPF_JLT:
	case BPF_JGE:
		if (pkt->range == SIM_BEYOND_PKT_END || pkt->range == SIM_AT_PKT_END)
			return op == BPF_JGE;
		break;
	}
	return -1;
}

/* mirrors is_branch_taken() for pointer operands; scalars go to scalar.c */
static int ptr_branch_taken(const struct sim_env *env, const struct sim_reg *a, const struct sim_reg *b, uint8_t op,
			    bool is_jmp32)
{
	if (is_pkt_any(a) && is_pkt_any(b) && !is_jmp32)
		return pkt_ptr_branch_taken(a, b, op);
	if (is_jmp32)
		return -1;
	if (!(b->type == SCALAR_VALUE && sim_scalar_is_const(&b->s, false))) {
		const struct sim_reg *t = a;

		op = sim_jmp_flip_opcode(op);
		a = b;
		b = t;
	}
	if (!(b->type == SCALAR_VALUE && sim_scalar_is_const(&b->s, false)))
		return -1;
	if (!reg_not_null(env, a))
		return -1;
	if (sim_scalar_const_value(&b->s, false) != 0)
		return -1;
	return op == BPF_JEQ ? 0 : op == BPF_JNE ? 1 : -1;
}

/* mirrors mark_ptr_or_null_reg() over every register and spilled slot */
void sim_mark_ptr_or_null_regs(struct sim_state *st, uint32_t id, bool is_null)
{
	int idx;

	if (is_null && (idx = sim_state_find_ref(st, (int)id, SIM_REF_TYPE_PTR)) >= 0)
		sim_state_remove_ref(st, idx);
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			struct sim_reg *r = sim_func_walk_reg(f, k);

			if (!r)
				continue;
			if (!(r->type & PTR_MAYBE_NULL) || r->id != id)
				continue;
			if (is_null) {
				sim_reg_mark_known(r, 0);
			} else {
				r->type &= ~PTR_MAYBE_NULL;
			}
		}
	}
}

/* mirrors find_good_pkt_pointers() */
static void find_good_pkt_pointers(struct sim_state *st, const struct sim_reg *dst, uint32_t type,
				   bool right_open)
{
	uint64_t umax = sim_scalar_umax(&dst->s);
	int new_range;

	if (umax == 0 && right_open)
		return;
	if (umax > MAX_PACKET_OFF)
		return;
	new_range = (int)umax + (right_open ? 1 : 0);
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			struct sim_reg *r = sim_func_walk_reg(f, k);

			if (!r)
				continue;
			if (r->type == type && r->id == dst->id && r->range < new_range)
				r->range = new_range;
		}
	}
}

static bool is_init_pkt(const struct sim_reg *r, uint32_t type)
{
	return r->type == type && sim_reg_is_const(r) && r->s.var_off.value == 0;
}

/* mirrors mark_pkt_end(): only the compared register (not its id
 * siblings) of @st's current frame learns it is at/beyond pkt_end */
static void mark_pkt_end(struct sim_state *st, int regn, bool range_open)
{
	struct sim_reg *r = &st->frame[st->curframe]->regs[regn];

	if (r->type != PTR_TO_PACKET)
		return;         /* PTR_TO_PACKET_META is not supported */
	r->range = range_open ? SIM_BEYOND_PKT_END : SIM_AT_PKT_END;
}

/* mirrors try_match_pkt_pointers() */
static bool try_match_pkt_pointers(const struct bpf_insn *insn, const struct sim_reg *dst,
				   const struct sim_reg *src, struct sim_state *this_branch,
				   struct sim_state *other_branch)
{
	bool dst_lo, src_lo;
	int dr = insn->dst_reg, sr = insn->src_reg;

	if (BPF_SRC(insn->code) != BPF_X || BPF_CLASS(insn->code) == BPF_JMP32)
		return false;
	/* "dst < end" shape or "end > dst" shape */
	dst_lo = (dst->type == PTR_TO_PACKET && src->type == PTR_TO_PACKET_END) ||
		 (dst->type == PTR_TO_PACKET_META && is_init_pkt(src, PTR_TO_PACKET));
	src_lo = (dst->type == PTR_TO_PACKET_END && src->type == PTR_TO_PACKET) ||
		 (is_init_pkt(dst, PTR_TO_PACKET) && src->type == PTR_TO_PACKET_META);
	if (!dst_lo && !src_lo)
		return false;
	switch (BPF_OP(insn->code)) {
	case BPF_JGT:
		if (dst_lo) {
			find_good_pkt_pointers(this_branch, dst, dst->type, false);
			mark_pkt_end(other_branch, dr, true);
		} else {
			find_good_pkt_pointers(other_branch, src, src->type, true);
			mark_pkt_end(this_branch, sr, false);
		}
		break;
	case BPF_JLT:
		if (dst_lo) {
			find_good_pkt_pointers(other_branch, dst, dst->type, true);
			mark_pkt_end(this_branch, dr, false);
		} else {
			find_good_pkt_pointers(this_branch, src, src->type, false);
			mark_pkt_end(other_branch, sr, true);
		}
		break;
	case BPF_JGE:
		if (dst_lo) {
			find_good_pkt_pointers(this_branch, dst, dst->type, true);
			mark_pkt_end(other_branch, dr, false);
		} else {
			find_good_pkt_pointers(other_branch, src, src->type, false);
			mark_pkt_end(this_branch, sr, true);
		}
		break;
	case BPF_JLE:
		if (dst_lo) {
			find_good_pkt_pointers(other_branch, dst, dst->type, false);
			mark_pkt_end(this_branch, dr, true);
		} else {
			find_good_pkt_pointers(this_branch, src, src->type, true);
			mark_pkt_end(other_branch, sr, false);
		}
		break;
	default:
		return false;
	}
	return true;
}

/* mirrors sync_linked_regs(): registers sharing @known's id learn its range */
static void sync_linked_regs(struct sim_env *env, struct sim_state *st,
			     const struct sim_reg *known)
{
	uint32_t id = known->id & ~SIM_ADD_CONST;

	if (!id)
		return;
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			struct sim_reg *r = sim_func_walk_reg(f, k);

			if (!r)
				continue;
			if (r == known || r->type != SCALAR_VALUE || (r->id & ~SIM_ADD_CONST) != id)
				continue;
			/* mixed 32/64-bit links: the delta does not hold */
			if (((r->id ^ known->id) & SIM_ADD_CONST) == SIM_ADD_CONST)
				continue;
			if (((r->id & SIM_ADD_CONST) || (known->id & SIM_ADD_CONST)) &&
			    r->delta != known->delta) {
				/* r = known + (r.delta - known.delta) */
				uint32_t saved_id = r->id;
				int32_t saved_delta = r->delta;

				r->s = known->s;
				sim_scalar_add_known(&r->s, (uint64_t)((int64_t)r->delta -
								       (int64_t)known->delta));
				if ((saved_id | known->id) & SIM_ADD_CONST32)
					sim_scalar_zext_32_to_64(&r->s);
				sim_scalar_sync(&r->s);
				r->id = saved_id;
				r->delta = saved_delta;
			} else {
				r->s = known->s;
			}
			/* the kernel marks each synced register or slot
			 * scratched: the log shows them after the jump */
			if (k < SIM_MAX_REG)
				sim_mark_reg_scratched(env, k);
			else
				sim_mark_stack_scratched(env, k - SIM_MAX_REG);
		}
	}
}

static void collect_one(struct sim_linked_regs *s, struct sim_reg *r, uint32_t id,
			uint32_t frameno, uint32_t spi_or_reg, bool is_reg)
{
	if (r->type != SCALAR_VALUE || (r->id & ~SIM_ADD_CONST) != id)
		return;
	for (int i = 0; i < s->cnt; i++)
		if (s->entries[i].frameno == frameno && s->entries[i].regno == spi_or_reg &&
		    s->entries[i].is_reg == is_reg)
			return;
	if (s->cnt < SIM_LINKED_REGS_MAX) {
		s->entries[s->cnt].frameno = (uint8_t)frameno;
		s->entries[s->cnt].regno = (uint8_t)spi_or_reg;
		s->entries[s->cnt++].is_reg = is_reg;
	} else {
		/* too many share the id: the rest forget it (clear_scalar_id) */
		r->id = 0;
		r->delta = 0;
	}
}

/* mirrors collect_linked_regs(): live registers and spilled scalars that
 * share @id, for precision backtracking of the ranges the branch gives them */
static void collect_linked_regs(struct sim_env *env, struct sim_state *st, uint32_t id,
				struct sim_linked_regs *s)
{
	id &= ~SIM_ADD_CONST;
	for (int i = (int)st->curframe; i >= 0; i--) {
		struct sim_func *f = st->frame[i];
		uint32_t ip = (uint32_t)i == st->curframe ? (uint32_t)env->insn_idx
							   : (uint32_t)st->frame[i + 1]->callsite;
		uint16_t live = env->live_regs_before ? env->live_regs_before[ip] : 0xffff;

		for (int j = 0; j < SIM_FP; j++)
			if (live & (1u << j))
				collect_one(s, &f->regs[j], id, (uint32_t)i, (uint32_t)j, true);
		for (int j = 0; j < f->allocated_stack / SIM_REG_SIZE; j++)
			if (sim_slot_is_spill(&f->stack[j]))
				collect_one(s, &f->stack[j].spilled, id, (uint32_t)i, (uint32_t)j, false);
	}
}

/* mirrors check_cond_jmp_op() */
int sim_check_cond_jmp_op(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_state *this_branch = env->cur, *other;
	struct sim_reg *regs = sim_cur_regs(env), *dst, *src, *oregs;
	uint8_t op = BPF_OP(insn->code);
	bool is_jmp32 = BPF_CLASS(insn->code) == BPF_JMP32;
	struct sim_scalar_branches br;
	struct sim_linked_regs linked;
	bool both_scalar;
	int pred, err = 0;

	if (op == BPF_JA || op > BPF_JCOND)
		return sim_reject(env, -EINVAL, "invalid BPF_JMP/JMP32 opcode %x\n", op);
	if (op == BPF_JCOND) {
		/* may_goto is a forced checkpoint: the parent is the one
		 * is_state_visited() just made here (none in replay) */
		struct sim_state *parent = env->replay ? NULL : this_branch->parent;

		other = sim_push_stack(env, env->insn_idx + 1, env->insn_idx);
		if (!other)
			return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
		other->may_goto_depth++;
		if (parent)   /* widen_imprecise_scalars(), iter.c */
			sim_widen_queued(env, parent, other, env->insn_idx);
		env->insn_idx += insn->off;   /* the current path takes the goto */
		return 0;
	}
	err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
	if (err)
		return err;
	dst = &regs[insn->dst_reg];
	if (BPF_SRC(insn->code) == BPF_X) {
		err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
		if (err)
			return err;
		src = &regs[insn->src_reg];
	} else {
		src = &env->fake_reg[0];
		memset(src, 0, sizeof(*src));
		src->type = SCALAR_VALUE;
		sim_scalar_from_imm(&src->s, insn->imm);
	}

	{
		uint32_t flags = 0;

		if (BPF_SRC(insn->code) == BPF_X && src->type == PTR_TO_STACK)
			flags |= SIM_INSN_F_SRC_REG_STACK;
		if (dst->type == PTR_TO_STACK)
			flags |= SIM_INSN_F_DST_REG_STACK;
		if (flags && (err = sim_push_jmp_history(env, this_branch, flags, 0, 0, 0)))
			return err;
	}
	/* collect linked registers before the branches are refined */
	linked.cnt = 0;
	if (BPF_SRC(insn->code) == BPF_X && src->type == SCALAR_VALUE && src->id)
		collect_linked_regs(env, this_branch, src->id, &linked);
	if (dst->type == SCALAR_VALUE && dst->id)
		collect_linked_regs(env, this_branch, dst->id, &linked);

	both_scalar = dst->type == SCALAR_VALUE && src->type == SCALAR_VALUE;
	if (both_scalar) {
		pred = sim_scalar_cond(&dst->s, BPF_SRC(insn->code) == BPF_X &&
				       insn->src_reg == insn->dst_reg ? &dst->s : &src->s,
				       op, is_jmp32, &br);
	} else {
		pred = ptr_branch_taken(env, dst, src, op, is_jmp32);
	}
	if (pred >= 0) {
		/* the decision relied on the scalars' values */
		if (dst->type == SCALAR_VALUE)
			err = sim_mark_chain_precision(env, insn->dst_reg);
		if (BPF_SRC(insn->code) == BPF_X && !err && src->type == SCALAR_VALUE)
			err = sim_mark_chain_precision(env, insn->src_reg);
		if (err)
			return err;
	}
	if (pred == 1) {
		sim_print_insn_state(env); /* before the jump: "N:" is this insn */
		env->insn_idx += insn->off;
		return 0;
	}
	if (pred == 0) {
		sim_print_insn_state(env);
		return 0;
	}

	/* both branches share the linked registers' history entry */
	if (linked.cnt > 1 &&
	    (err = sim_push_jmp_history(env, this_branch, 0, 0, 0, sim_linked_regs_pack(&linked))))
		return err;
	other = sim_push_stack(env, env->insn_idx + insn->off + 1, env->insn_idx);
	if (!other)
		return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
	oregs = sim_cur_frame(other)->regs;
	if (both_scalar) {
		oregs[insn->dst_reg].s = br.true_a;
		dst->s = br.false_a;
		if (BPF_SRC(insn->code) == BPF_X && insn->src_reg != insn->dst_reg) {
			oregs[insn->src_reg].s = br.true_b;
			src->s = br.false_b;
		}
		if (BPF_SRC(insn->code) == BPF_X && src->id) {
			sync_linked_regs(env, this_branch, src);
			sync_linked_regs(env, other, &oregs[insn->src_reg]);
		}
		if (dst->id) {
			sync_linked_regs(env, this_branch, dst);
			sync_linked_regs(env, other, &oregs[insn->dst_reg]);
		}
	}
	/* pointer == pointer: a non-NULL one makes the other non-NULL */
	if (!is_jmp32 && BPF_SRC(insn->code) == BPF_X && sim_reg_is_pointer(src) &&
	    sim_reg_is_pointer(dst) && sim_base_type(src->type) != PTR_TO_BTF_ID &&
	    sim_base_type(dst->type) != PTR_TO_BTF_ID && (op == BPF_JEQ || op == BPF_JNE)) {
		struct sim_reg *eq = op == BPF_JEQ ? oregs : regs;

		if (reg_not_null(env, dst) && (src->type & PTR_MAYBE_NULL))
			eq[insn->src_reg].type &= ~PTR_MAYBE_NULL;
		if (reg_not_null(env, src) && (dst->type & PTR_MAYBE_NULL))
			eq[insn->dst_reg].type &= ~PTR_MAYBE_NULL;
	}
	if (!is_jmp32 && (op == BPF_JEQ || op == BPF_JNE) && (dst->type & PTR_MAYBE_NULL) &&
	    ((BPF_SRC(insn->code) == BPF_K && insn->imm == 0) ||
	     (BPF_SRC(insn->code) == BPF_X && sim_reg_is_null(src)))) {
		uint32_t id = dst->id;

		/* a register's zero is a property of this path: precise */
		if (BPF_SRC(insn->code) == BPF_X && (err = sim_mark_chain_precision(env, insn->src_reg)))
			return err;

		sim_mark_ptr_or_null_regs(this_branch, id, op == BPF_JNE);
		sim_mark_ptr_or_null_regs(other, id, op == BPF_JEQ);
		/* map-in-map: a non-NULL element is the inner map (check_call.c) */
		sim_map_in_map_non_null(env, op == BPF_JEQ ? this_branch : other);
	} else {
		try_match_pkt_pointers(insn, dst, &regs[insn->src_reg], this_branch, other);
	}
	sim_print_insn_state(env);
	return 0;
}
