/* The scalar part of a register and the verifier's arithmetic on it,
 * mirroring Linux 7.3 (kernel/bpf/verifier.c).
 *
 * How 7.3 models a scalar
 * -----------------------
 * A scalar's abstract value is three facts that must all hold of the
 * concrete value x:
 *   var_off  a tnum: which bits of x are known (sim/tnum.h);
 *   r64      an arc on the 2^64 circle containing x (sim/cnum.h);
 *   r32      an arc on the 2^32 circle containing (u32)x.
 * The familiar smin/smax/umin/umax/s32_min/... of older kernels are no
 * longer stored: they are read off the arcs (reg_smin() and friends), and
 * ranges are written back as arcs (reg_set_srange64() ...). An arc can say
 * things six bounds cannot ("x in [-1, 0]" is one arc even though its
 * unsigned view is everything), and it cannot say some things they could
 * (two disjoint pieces); the getters then report the full range.
 *
 * Each ALU op computes the three facts independently (scalar*_min_max_*()
 * and tnum_*()), then reg_bounds_sync() lets them tighten each other:
 * tnum -> arcs (__update_reg_bounds), 64 <-> 32 bit arcs
 * (__reg_deduce_bounds), arcs -> tnum (__reg_bound_offset), and once more
 * tnum -> arcs. An empty arc means "no concrete value": branch refinement
 * uses that to prove a branch dead (simulate_both_branches_taken()).
 *
 * The split with the register state
 * ---------------------------------
 * struct sim_scalar holds exactly var_off, r64 and r32 and is embedded in
 * the simulator's register. What the kernel keeps beside them stays with
 * the caller: the register type, id/delta of linked scalars
 * (assign_scalar_id_before_mov(), clear_scalar_id(), sync_linked_regs()),
 * precision (mark_chain_precision()), and pushing states. Where a kernel
 * function mixes both, the function here does the scalar part and the
 * comment on it says what the caller still has to do.
 */
#ifndef VERISTEP_SIM_SCALAR_H
#define VERISTEP_SIM_SCALAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/bpf.h>

#include "cnum.h"
#include "tnum.h"

struct sim_scalar {
	struct tnum var_off;
	struct cnum64 r64;
	struct cnum32 r32;
};

/* ---- bounds as the kernel reads and writes them (reg_smin() ...) ---- */
int64_t sim_scalar_smin(const struct sim_scalar *s);
int64_t sim_scalar_smax(const struct sim_scalar *s);
uint64_t sim_scalar_umin(const struct sim_scalar *s);
uint64_t sim_scalar_umax(const struct sim_scalar *s);
int32_t sim_scalar_s32_min(const struct sim_scalar *s);
int32_t sim_scalar_s32_max(const struct sim_scalar *s);
uint32_t sim_scalar_u32_min(const struct sim_scalar *s);
uint32_t sim_scalar_u32_max(const struct sim_scalar *s);
void sim_scalar_set_srange64(struct sim_scalar *s, int64_t smin, int64_t smax);
void sim_scalar_set_urange64(struct sim_scalar *s, uint64_t umin, uint64_t umax);
void sim_scalar_set_srange32(struct sim_scalar *s, int32_t smin, int32_t smax);
void sim_scalar_set_urange32(struct sim_scalar *s, uint32_t umin, uint32_t umax);

/* ---- whole values ---- */
/* ___mark_reg_known(): the constant v. The kernel's __mark_reg_known()
 * also clears id, parent_id, map_uid and the pointer fields: caller's. */
void sim_scalar_mark_known(struct sim_scalar *s, uint64_t v);
/* __mark_reg32_known(): the low word becomes the constant (u32)v; the
 * high word of var_off and r64 are left alone. */
void sim_scalar_mark32_known(struct sim_scalar *s, uint64_t v);
void sim_scalar_mark_known_zero(struct sim_scalar *s);
/* The scalar part of bpf_mark_reg_unknown_imprecise(): var_off unknown,
 * both arcs full. (The kernel also zeroes the whole register: id, precise
 * (set from !bpf_capable by __mark_reg_unknown()) ... are caller's.) */
void sim_scalar_mark_unknown(struct sim_scalar *s);
void sim_scalar_mark_unbounded(struct sim_scalar *s);    /* __mark_reg_unbounded() */
void sim_scalar_mark64_unbounded(struct sim_scalar *s);  /* __mark_reg64_unbounded() */
void sim_scalar_mark32_unbounded(struct sim_scalar *s);  /* __mark_reg32_unbounded() */
/* reset_reg64_and_tnum() / reset_reg32_and_tnum(): one arc full, tnum unknown */
void sim_scalar_reset64_and_tnum(struct sim_scalar *s);
void sim_scalar_reset32_and_tnum(struct sim_scalar *s);

/* is_reg_const() / reg_const_value() for a scalar register. */
bool sim_scalar_is_const(const struct sim_scalar *s, bool subreg32);
uint64_t sim_scalar_const_value(const struct sim_scalar *s, bool subreg32);
/* get_reg_width(): bits needed for umax. */
int sim_scalar_width(const struct sim_scalar *s);
/* True if the concrete value v is a member (all three facts hold). */
bool sim_scalar_contains(const struct sim_scalar *s, uint64_t v);

/* ---- bounds sync ---- */
/* reg_bounds_sync(): make tnum and arcs agree as far as 7.3 does. */
void sim_scalar_sync(struct sim_scalar *s);
void sim_scalar_update_bounds(struct sim_scalar *s);      /* __update_reg_bounds() */
void sim_scalar_update_bounds32(struct sim_scalar *s);    /* __update_reg32_bounds() */
void sim_scalar_update_bounds64(struct sim_scalar *s);    /* __update_reg64_bounds() */
void sim_scalar_deduce_bounds(struct sim_scalar *s);      /* __reg_deduce_bounds() */
void sim_scalar_bound_offset(struct sim_scalar *s);       /* __reg_bound_offset() */
struct cnum32 sim_cnum32_from_tnum(struct tnum t);        /* cnum32_from_tnum() */
struct cnum64 sim_cnum64_from_tnum(struct tnum t);        /* cnum64_from_tnum() */
/* range_bounds_violation(): an arc is empty (the value cannot exist). */
bool sim_scalar_bounds_violation(const struct sim_scalar *s);
/* The message reg_bounds_sanity_check() would report, NULL if none:
 * "range bounds violation", "const tnum out of sync with range bounds",
 * "const subreg tnum out of sync with range bounds". */
const char *sim_scalar_invariant_violation(const struct sim_scalar *s);
/* reg_bounds_sanity_check(): if violated, print the kernel's
 * "verifier bug: REG INVARIANTS VIOLATION (ctx): ..." line to @log (may be
 * NULL) and either return -EFAULT (test_reg_invariants, as with
 * BPF_F_TEST_REG_INVARIANTS) or mark the arcs unbounded and return 0. */
struct sim_out;
int sim_scalar_sanity_check(struct sim_scalar *s, const char *ctx,
			    bool test_reg_invariants, const struct sim_out *log);

/* ---- width changes ---- */
void sim_scalar_zext_32_to_64(struct sim_scalar *s);                 /* zext_32_to_64() */
void sim_scalar_coerce_to_size(struct sim_scalar *s, int size);      /* coerce_reg_to_size(), size < 8 */
void sim_scalar_coerce_to_size_sx(struct sim_scalar *s, int size);   /* coerce_reg_to_size_sx(), 1/2/4 */
void sim_scalar_coerce_subreg_to_size_sx(struct sim_scalar *s, int size); /* coerce_subreg_to_size_sx(), 1/2 */

/* __mark_reg_s32_range(): clamp both signed ranges to [smin, smax], sync,
 * then reg_bounds_sanity_check(ctx "s32_range") as above. */
int sim_scalar_mark_s32_range(struct sim_scalar *s, int32_t smin, int32_t smax,
			      bool test_reg_invariants, const struct sim_out *log);
/* add_scalar_to_reg(): s += val (no-op for 0), then sync. */
void sim_scalar_add_const(struct sim_scalar *s, int64_t val);
/* The three adds of sync_linked_regs() without the sync: s += known val.
 * The caller zero-extends for BPF_ADD_CONST32 links and syncs. */
void sim_scalar_add_known(struct sim_scalar *s, uint64_t val);

/* ---- ALU ---- */
/* check_alu_op()'s operand checks that depend only on the instruction:
 * returns the kernel's error line without "\n" ("div by zero",
 * "invalid shift 64") formatted into buf, or NULL if the insn passes. */
const char *sim_scalar_alu_insn_error(const struct bpf_insn *insn, char *buf, size_t len);
/* The fake source register of a BPF_K ALU op or jump: __mark_reg_known()
 * of the sign-extended imm. */
void sim_scalar_from_imm(struct sim_scalar *s, int32_t imm);
/* is_safe_to_compute_dst_reg_range(): false means dst just becomes
 * unknown (div/mod by a non-constant, shift by a non-constant or by an
 * amount >= the operand width). */
bool sim_scalar_alu_computable(const struct bpf_insn *insn, const struct sim_scalar *src,
			       bool is64);

#define SIM_SCALAR_ALU_FORKED 1
/* dst = dst OP src for BPF_ALU (is64 false) or BPF_ALU64 (is64 true, must
 * match BPF_CLASS(insn->code)); mirrors adjust_scalar_min_max_vals() for
 * two scalars. For BPF_NEG and BPF_END @src is ignored (may be NULL): the
 * kernel passes a copy of dst. For BPF_K ops pass sim_scalar_from_imm().
 * Returns 0, or SIM_SCALAR_ALU_FORKED when maybe_fork_scalars() split the
 * value (AND/OR with a constant while dst is exactly {-1, 0} in 64 or 32
 * bits): dst then continues as -1, and the caller must push a state that
 * re-executes this insn with dst replaced by *forked (if forked is not
 * NULL) — the 0 half.
 * Caller's part: precision marking, sanitation, id handling (the linked
 * scalar BPF_ADD_CONST bookkeeping of adjust_reg_min_max_vals(),
 * clear_scalar_id() for bswap), then reg_bounds_sanity_check "alu". */
int sim_scalar_alu_fork(struct sim_scalar *dst, const struct sim_scalar *src,
			const struct bpf_insn *insn, bool is64, struct sim_scalar *forked);
int sim_scalar_alu(struct sim_scalar *dst, const struct sim_scalar *src,
		   const struct bpf_insn *insn, bool is64);

/* True if the kernel clears dst's id (and delta) for this BPF_NEG or
 * BPF_END: NEG through __mark_reg_known(), END in scalar_byte_swap() when
 * the value changes. */
bool sim_scalar_neg_end_clears_id(const struct bpf_insn *insn, bool is64);

/* BPF_MOV/MOVSX of check_alu_op() for a scalar source (BPF_X) or an
 * immediate (BPF_K, @src ignored): copy, sign-extend (off 8/16/32), or
 * copy the low word and zero-extend; then sync where the kernel does.
 * Not for addr_space_cast or pointer sources. */
void sim_scalar_mov(struct sim_scalar *dst, const struct sim_scalar *src,
		    const struct bpf_insn *insn);
/* Whether the kernel links dst to src for a BPF_X mov of a scalar
 * (calls assign_scalar_id_before_mov() and keeps the id): true for a plain
 * 64-bit copy, for movsx whose source cannot be negative at the source
 * width (no_sext), and for a 32-bit copy of a value that fits in 32 bits.
 * When false the kernel clears dst's id. */
bool sim_scalar_mov_keeps_id(const struct sim_scalar *src, const struct bpf_insn *insn);

/* ---- conditional jumps ---- */
/* rev_opcode(): the opcode of the fall-through condition (BPF_JSET maps
 * to BPF_JSET | BPF_X, the kernel's private "not JSET"). */
uint8_t sim_jmp_rev_opcode(uint8_t op);
/* flip_opcode(): "a op b" as "b op' a". */
uint8_t sim_jmp_flip_opcode(uint8_t op);

/* 1 taken, 0 not taken, -1 unknown; mirrors is_scalar_branch_taken()
 * including simulate_both_branches_taken(). @op is BPF_OP(code). Pass the
 * same pointer for a and b when the insn compares a register with itself
 * (the kernel tests reg1 == reg2). For BPF_K, b is sim_scalar_from_imm(). */
int sim_scalar_branch_taken(const struct sim_scalar *a, const struct sim_scalar *b,
			    uint8_t jmp_op, bool is_jmp32);
/* Refine both operands for one outcome: regs_refine_cond_op() with @op
 * (taken) or rev_opcode(@op) (not taken), then reg_bounds_sync() of both.
 * Returns -1 if an arc became empty (the outcome is impossible), else 0.
 * a == b (same register) is left alone, as the kernel never refines it.
 * Note: 7.3 refines only when the direction is unknown; when
 * branch_taken() decides, the registers are kept as they were
 * (check_cond_jmp_op()). sim_scalar_cond() does all of that. */
int sim_scalar_refine(struct sim_scalar *a, struct sim_scalar *b, uint8_t jmp_op,
		      bool is_jmp32, bool taken);

/* Exactly what check_cond_jmp_op() gets from is_scalar_branch_taken() for
 * two scalars: the prediction, and the four register copies it writes back
 * when pred is -1 (fall-through a/b, target a/b). When pred is 0 or 1 the
 * kernel does not use them (the registers stay as they were); their
 * contents are then whatever the kernel's env->{true,false}_reg were. Callers still run
 * reg_bounds_sanity_check() on the four ("true_reg1" ...). */
struct sim_scalar_branches {
	struct sim_scalar false_a, false_b, true_a, true_b;
};
int sim_scalar_cond(const struct sim_scalar *a, const struct sim_scalar *b, uint8_t jmp_op,
		    bool is_jmp32, struct sim_scalar_branches *out);

/* BPF_ADD_CONST64 / BPF_ADD_CONST32: the upper bits of a scalar's id saying
 * it is another scalar plus a constant delta (bpf_verifier.h) */
#define SIM_ADD_CONST64 (1U << 31)
#define SIM_ADD_CONST32 (1U << 30)
#define SIM_ADD_CONST (SIM_ADD_CONST64 | SIM_ADD_CONST32)

#endif
