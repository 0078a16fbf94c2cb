/* ALU instructions: mirrors check_alu_op(), adjust_reg_min_max_vals() and
 * adjust_ptr_min_max_vals() of 7.3. The scalar arithmetic itself is
 * sim/scalar.c's; this file decides who may do arithmetic on what, keeps
 * pointer types and ids, and prints the kernel's refusals. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "check.h"
#include "diagnostics.h"

#define MAX_PACKET_OFF 0xffff

static const char *const alu_string[16] = {
	[BPF_ADD >> 4] = "+=",  [BPF_SUB >> 4] = "-=",  [BPF_MUL >> 4] = "*=",
	[BPF_DIV >> 4] = "/=",  [BPF_OR >> 4] = "|=",   [BPF_AND >> 4] = "&=",
	[BPF_LSH >> 4] = "<<=", [BPF_RSH >> 4] = ">>=", [BPF_NEG >> 4] = "neg",
	[BPF_MOD >> 4] = "%=",  [BPF_XOR >> 4] = "^=",  [BPF_MOV >> 4] = "=",
	[BPF_ARSH >> 4] = "s>>=", [BPF_END >> 4] = "endian",
};

/* mirrors mark_reg_unknown() */
void sim_mark_reg_unknown(struct sim_env *env, struct sim_reg *regs, int regno)
{
	(void)env;
	sim_reg_mark_unknown(&regs[regno]);
}

static void clear_scalar_id(struct sim_reg *r)
{
	r->id = 0;
	r->delta = 0;
}

/* mirrors assign_scalar_id_before_mov() */
static void assign_scalar_id_before_mov(struct sim_env *env, struct sim_reg *src)
{
	if (src->type != SCALAR_VALUE)
		return;
	if (src->id & SIM_ADD_CONST)
		clear_scalar_id(src);
	if (!src->id && !sim_reg_is_const(src))
		src->id = ++env->id_gen;
}

static int sanity_check(struct sim_env *env, struct sim_reg *r, const char *ctx)
{
	if (r->type != SCALAR_VALUE)
		return 0;
	if (sim_scalar_invariant_violation(&r->s))
		return sim_bug(env, "register bounds invariant violated after %s", ctx);
	return 0;
}

/* mirrors check_reg_sane_offset_scalar() */
static bool sane_offset_scalar(struct sim_env *env, const struct sim_reg *off, uint32_t type)
{
	bool known = sim_reg_is_const(off);
	int64_t val = (int64_t)off->s.var_off.value, smin = sim_scalar_smin(&off->s);
	char tb[96];

	if (known && (val >= BPF_MAX_VAR_OFF || val <= -BPF_MAX_VAR_OFF)) {
		sim_reject(env, -EACCES, "math between %s pointer and %lld is not allowed\n",
			   sim_reg_type_str(type, tb, sizeof(tb)), (long long)val);
		return false;
	}
	if (smin == INT64_MIN) {
		sim_reject(env, -EACCES,
			   "math between %s pointer and register with unbounded min value is not allowed\n",
			   sim_reg_type_str(type, tb, sizeof(tb)));
		return false;
	}
	if (smin >= BPF_MAX_VAR_OFF || smin <= -BPF_MAX_VAR_OFF) {
		sim_reject(env, -EACCES, "value %lld makes %s pointer be out of bounds\n",
			   (long long)smin, sim_reg_type_str(type, tb, sizeof(tb)));
		return false;
	}
	return true;
}

/* mirrors check_reg_sane_offset_ptr() */
static bool sane_offset_ptr(struct sim_env *env, const struct sim_reg *ptr, uint32_t type)
{
	int64_t val = (int64_t)ptr->s.var_off.value, smin = sim_scalar_smin(&ptr->s);
	char tb[96];

	if (sim_reg_is_const(ptr) && (val >= BPF_MAX_VAR_OFF || val <= -BPF_MAX_VAR_OFF)) {
		sim_reject(env, -EACCES, "%s pointer offset %lld is not allowed\n",
			   sim_reg_type_str(type, tb, sizeof(tb)), (long long)val);
		return false;
	}
	if (smin >= BPF_MAX_VAR_OFF || smin <= -BPF_MAX_VAR_OFF) {
		sim_reject(env, -EACCES, "%s pointer offset %lld is not allowed\n",
			   sim_reg_type_str(type, tb, sizeof(tb)), (long long)smin);
		return false;
	}
	return true;
}

/* mirrors adjust_ptr_min_max_vals() */
static int adjust_ptr(struct sim_env *env, const struct bpf_insn *insn, int ptr_regno,
		      const struct sim_reg *ptr_in, const struct sim_reg *off_in)
{
	struct sim_reg *regs = sim_cur_regs(env), *dst = &regs[insn->dst_reg];
	struct sim_reg ptr = *ptr_in, off = *off_in;
	bool known = sim_reg_is_const(&off);
	int64_t smin = sim_scalar_smin(&off.s), smax = sim_scalar_smax(&off.s);
	uint64_t umin = sim_scalar_umin(&off.s), umax = sim_scalar_umax(&off.s);
	uint8_t op = BPF_OP(insn->code);
	uint32_t base = sim_base_type(ptr.type);
	char tb[96];

	if ((known && (smin != smax || umin != umax)) || smin > smax || umin > umax) {
		sim_reg_mark_unknown(dst);
		return 0;
	}
	if (BPF_CLASS(insn->code) != BPF_ALU64) {
		if (op == BPF_SUB) {    /* allow_ptr_leaks */
			sim_reg_mark_unknown(dst);
			return 0;
		}
		return sim_diag_ptr_arith(env, sim_reject(env, -EACCES, "R%d 32-bit pointer arithmetic prohibited\n",
				  insn->dst_reg), SIM_DIAG_PTR_32BIT, ptr_regno, insn->dst_reg, ptr.type, NULL);
	}
	if (ptr.type & PTR_MAYBE_NULL)
		return sim_diag_ptr_arith(env, sim_reject(env, -EACCES,
				  "R%d pointer arithmetic on %s prohibited, null-check it first\n",
				  insn->dst_reg, sim_reg_type_str(ptr.type, tb, sizeof(tb))), SIM_DIAG_PTR_NULL, ptr_regno, insn->dst_reg, ptr.type, NULL);
	switch (base) {
	case PTR_TO_CTX: case PTR_TO_MAP_VALUE: case PTR_TO_MAP_KEY: case PTR_TO_STACK:
	case PTR_TO_PACKET_META: case PTR_TO_PACKET: case PTR_TO_TP_BUFFER:
	case PTR_TO_BTF_ID: case PTR_TO_MEM: case PTR_TO_BUF: case PTR_TO_FUNC:
	case CONST_PTR_TO_DYNPTR:
		break;
	case PTR_TO_FLOW_KEYS:
		if (known)
			break;
		/* fallthrough */
	case CONST_PTR_TO_MAP:
		if (known && smin == 0 && op == BPF_ADD)
			break;
		/* fallthrough */
	default:
		return sim_diag_ptr_arith(env, sim_reject(env, -EACCES, "R%d pointer arithmetic on %s prohibited\n",
				  insn->dst_reg, sim_reg_type_str(ptr.type, tb, sizeof(tb))), SIM_DIAG_PTR_KIND, ptr_regno, insn->dst_reg, ptr.type, NULL);
	}
	*dst = ptr;
	if (base == PTR_TO_MEM && (ptr.type & PTR_UNTRUSTED))
		return 0;
	if (!sane_offset_scalar(env, &off, ptr.type))
		return sim_diag_ptr_arith(env, -EACCES, SIM_DIAG_PTR_OFF_SCALAR, ptr_regno, insn->dst_reg, ptr.type, NULL);
	if (!sane_offset_ptr(env, &ptr, ptr.type))
		return sim_diag_ptr_arith(env, -EACCES, SIM_DIAG_PTR_OFF_PTR, ptr_regno, insn->dst_reg, ptr.type, NULL);
	switch (op) {
	case BPF_ADD:
	case BPF_SUB:
		if (op == BPF_SUB && ptr_regno != insn->dst_reg)
			return sim_diag_ptr_arith(env, sim_reject(env, -EACCES, "R%d tried to subtract pointer from scalar\n",
					  insn->dst_reg), SIM_DIAG_PTR_SUB_FROM_SCALAR, ptr_regno, insn->dst_reg, ptr.type, NULL);
		if (op == BPF_SUB && ptr.type == PTR_TO_STACK)
			return sim_diag_ptr_arith(env, sim_reject(env, -EACCES,
					  "R%d subtraction from stack pointer prohibited\n",
					  insn->dst_reg), SIM_DIAG_PTR_SUB_STACK, ptr_regno, insn->dst_reg, ptr.type, NULL);
		/* the offset is tracked like a scalar: tnum and 64-bit arc,
		 * added without a bounds sync (that comes below, and not at
		 * all for a packet pointer keeping its range); pointers carry
		 * no 32-bit bounds (__mark_reg32_unbounded) */
		sim_scalar_mark32_unbounded(&dst->s);
		if (op == BPF_ADD) {
			dst->s.r64 = cnum64_add(ptr.s.r64, off.s.r64);
			dst->s.var_off = tnum_add(ptr.s.var_off, off.s.var_off);
		} else {
			dst->s.r64 = cnum64_add(ptr.s.r64, cnum64_negate(off.s.r64));
			dst->s.var_off = tnum_sub(ptr.s.var_off, off.s.var_off);
		}
		if (sim_reg_is_pkt_pointer(&ptr)) {
			if (!known)
				dst->id = ++env->id_gen;
			if ((op == BPF_ADD && !known) || (op == BPF_SUB && !known && smin < 0) ||
			    dst->range < 0)
				memset(&dst->raw, 0, sizeof(dst->raw));
		}
		break;
	case BPF_AND:
	case BPF_OR:
	case BPF_XOR:
		return sim_diag_ptr_arith(env, sim_reject(env, -EACCES, "R%d bitwise operator %s on pointer prohibited\n",
				  insn->dst_reg, alu_string[op >> 4]), SIM_DIAG_PTR_BITWISE, ptr_regno, insn->dst_reg, ptr.type, alu_string[op >> 4]);
	default:
		return sim_diag_ptr_arith(env, sim_reject(env, -EACCES, "R%d pointer arithmetic with %s operator prohibited\n",
				  insn->dst_reg, alu_string[op >> 4]), SIM_DIAG_PTR_OPERATOR, ptr_regno, insn->dst_reg, ptr.type, alu_string[op >> 4]);
	}
	if (!sane_offset_ptr(env, dst, dst->type))
		return sim_diag_ptr_arith(env, -EACCES, SIM_DIAG_PTR_OFF_RESULT, ptr_regno, insn->dst_reg, ptr.type, NULL);
	/* the blanked 32-bit bounds are derived again: reg_bounds_sync(), or
	 * __update_reg32_bounds() alone for a packet pointer keeping its id
	 * or range (its umax must not tighten); the log shows them */
	if (sim_reg_is_pkt_pointer(dst) && (known || dst->range > 0))
		sim_scalar_update_bounds32(&dst->s);
	else
		sim_scalar_sync(&dst->s);
	return 0;
}

/* mirrors adjust_reg_min_max_vals() */
static int adjust_reg(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *regs = sim_cur_regs(env), *dst = &regs[insn->dst_reg], *src;
	struct sim_reg off = { 0 };
	bool alu32 = BPF_CLASS(insn->code) != BPF_ALU64;
	uint8_t op = BPF_OP(insn->code);
	uint64_t dst_umax;
	struct sim_scalar forked;
	int ret;

	/* an arena operand: arena.c */
	ret = sim_arena_adjust_reg(env, insn, dst,
				   BPF_SRC(insn->code) == BPF_X ? &regs[insn->src_reg] : NULL);
	if (ret)
		return ret < 0 ? ret : 0;
	if (BPF_SRC(insn->code) == BPF_X) {
		src = &regs[insn->src_reg];
		if (src->type != SCALAR_VALUE) {
			if (dst->type != SCALAR_VALUE) {
				if (op == BPF_SUB) {    /* allow_ptr_leaks */
					sim_reg_mark_unknown(dst);
					return 0;
				}
				return sim_reject(env, -EACCES, "R%d pointer %s pointer prohibited\n",
						  insn->dst_reg, alu_string[op >> 4]);
			}
			/* scalar += pointer: the offset's value is relied on */
			ret = sim_mark_chain_precision(env, insn->dst_reg);
			if (ret)
				return ret;
			off = *dst;
			return adjust_ptr(env, insn, insn->src_reg, src, &off);
		}
		if (dst->type != SCALAR_VALUE) {
			ret = sim_mark_chain_precision(env, insn->src_reg);
			if (ret)
				return ret;
			return adjust_ptr(env, insn, insn->dst_reg, dst, src);
		}
		if (dst->precise) {
			/* a precise dst needs a precise src */
			ret = sim_mark_chain_precision(env, insn->src_reg);
			if (ret)
				return ret;
		}
	} else {
		off.type = SCALAR_VALUE;
		sim_scalar_from_imm(&off.s, insn->imm);
		src = &off;
		if (dst->type != SCALAR_VALUE)
			return adjust_ptr(env, insn, insn->dst_reg, dst, src);
	}
	dst_umax = sim_scalar_umax(&dst->s);
	ret = sim_scalar_alu_fork(&dst->s, &src->s, insn, !alu32, &forked);
	if (ret == SIM_SCALAR_ALU_FORKED) {
		/* the pushed half re-executes this insn with dst known 0 */
		struct sim_state *branch = sim_push_stack(env, env->insn_idx, env->insn_idx);

		if (!branch)
			return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
		sim_cur_frame(branch)->regs[insn->dst_reg].s = forked;
	}
	/* linked scalars: remember "dst = src + const" (sync_linked_regs) */
	if ((op == BPF_ADD || op == BPF_SUB) && dst->id &&
	    sim_scalar_is_const(&src->s, alu32) &&
	    !(BPF_SRC(insn->code) == BPF_X && insn->src_reg == insn->dst_reg)) {
		uint64_t val = sim_scalar_const_value(&src->s, alu32);
		int32_t o;

		if ((!alu32 && ((int64_t)val < INT32_MIN || (int64_t)val > INT32_MAX)) ||
		    (alu32 && dst_umax > UINT32_MAX))
			goto clear_id;
		o = (int32_t)val;
		if (op == BPF_SUB) {
			if (o == INT32_MIN)
				goto clear_id;
			o = -o;
		}
		if (dst->id & SIM_ADD_CONST)
			goto clear_id;
		dst->id |= alu32 ? SIM_ADD_CONST32 : SIM_ADD_CONST64;
		dst->delta = o;
		return 0;
	}
clear_id:
	clear_scalar_id(dst);
	return 0;
}

/* mirrors check_alu_op() */
int sim_check_alu_op(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *regs = sim_cur_regs(env);
	uint8_t op = BPF_OP(insn->code);
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;
	int err;

	if (op > BPF_END)
		return sim_reject(env, -EINVAL, "invalid BPF_ALU opcode %x\n", op);
	if (op == BPF_END || op == BPF_NEG) {
		err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
		if (err)
			return err;
		if (regs[insn->dst_reg].type == SCALAR_VALUE) {
			err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP_NO_MARK);
			if (err)
				return err;
			sim_scalar_alu(&regs[insn->dst_reg].s, NULL, insn, is64);
			if (op == BPF_END)
				clear_scalar_id(&regs[insn->dst_reg]);
			else
				clear_scalar_id(&regs[insn->dst_reg]);
		} else {
			err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP);
			if (err)
				return err;
		}
	} else if (op == BPF_MOV) {
		if (BPF_SRC(insn->code) == BPF_X) {
			if (insn->off == BPF_ADDR_SPACE_CAST && is64) {
				err = sim_arena_cast_check(env, insn);  /* arena.c */
				if (err)
					return err;
			}
			err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
			if (err)
				return err;
		}
		err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP_NO_MARK);
		if (err)
			return err;
		if (BPF_SRC(insn->code) == BPF_X) {
			struct sim_reg *src = &regs[insn->src_reg], *dst = &regs[insn->dst_reg];

			if (is64 && insn->imm) {
				/* off == BPF_ADDR_SPACE_CAST */
				sim_arena_cast_result(env, insn);
			} else if (src->type == SCALAR_VALUE) {
				bool keep = sim_scalar_mov_keeps_id(&src->s, insn);

				if (keep)
					assign_scalar_id_before_mov(env, src);
				if (is64 && insn->off == 0) {
					*dst = *src;
				} else {
					struct sim_scalar s = dst->s;

					sim_scalar_mov(&s, &src->s, insn);
					if (keep) {
						*dst = *src;
					} else {
						sim_reg_mark_unknown(dst);
					}
					dst->s = s;
				}
				if (!keep)
					clear_scalar_id(dst);
			} else if (is64 && insn->off == 0) {
				*dst = *src;
			} else {
				/* partial copy or sign-extension of a pointer:
				 * allow_ptr_leaks gives an unknown scalar, a
				 * 32-bit one zero-extended (zext_32_to_64()) */
				sim_mark_reg_unknown(env, regs, insn->dst_reg);
				if (!is64) {
					sim_scalar_zext_32_to_64(&regs[insn->dst_reg].s);
					sim_scalar_sync(&regs[insn->dst_reg].s);
				}
			}
		} else {
			struct sim_reg *dst = &regs[insn->dst_reg];

			sim_reg_mark_unknown(dst);
			sim_scalar_mov(&dst->s, NULL, insn);
		}
	} else {
		char buf[64];
		const char *msg;

		if (BPF_SRC(insn->code) == BPF_X) {
			err = sim_check_reg_arg(env, insn->src_reg, SIM_SRC_OP);
			if (err)
				return err;
		}
		err = sim_check_reg_arg(env, insn->dst_reg, SIM_SRC_OP);
		if (err)
			return err;
		msg = sim_scalar_alu_insn_error(insn, buf, sizeof(buf));
		if (msg)
			return sim_reject(env, -EINVAL, "%s\n", msg);
		err = sim_check_reg_arg(env, insn->dst_reg, SIM_DST_OP_NO_MARK);
		if (err)
			return err;
		err = adjust_reg(env, insn);
		if (err)
			return err;
	}
	return sanity_check(env, &regs[insn->dst_reg], "alu");
}
