/* ALU transfer functions on scalars: mirrors adjust_scalar_min_max_vals()
 * and the scalar*_min_max_*() helpers of kernel/bpf/verifier.c (Linux
 * 7.3), plus the scalar BPF_MOV cases of check_alu_op().
 *
 * Each op updates the three facts of a scalar separately: var_off with the
 * matching tnum op, r32 and r64 with range arithmetic (several ops read the
 * already updated var_off, so the order below is the kernel's). 32-bit ops
 * then zero-extend, and reg_bounds_sync() lets the facts tighten each other.
 * Division, modulo and shifts are computed only for a constant right-hand
 * side (and shifts only below the width); otherwise the result is unknown.
 */
#include "scalar.h"

#include <stdio.h>

#define U32_MAX UINT32_MAX
#define U64_MAX UINT64_MAX

static uint32_t min_u32(uint32_t a, uint32_t b) { return a < b ? a : b; }
static uint32_t max_u32(uint32_t a, uint32_t b) { return a > b ? a : b; }
static uint64_t min_u64(uint64_t a, uint64_t b) { return a < b ? a : b; }
static uint64_t max_u64(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* ---- add, sub, mul ---- */

static void add32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	dst->r32 = cnum32_add(dst->r32, src->r32);     /* scalar32_min_max_add() */
}

static void add64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	dst->r64 = cnum64_add(dst->r64, src->r64);     /* scalar_min_max_add() */
}

static void sub32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	dst->r32 = cnum32_add(dst->r32, cnum32_negate(src->r32)); /* scalar32_min_max_sub() */
}

static void sub64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	dst->r64 = cnum64_add(dst->r64, cnum64_negate(src->r64)); /* scalar_min_max_sub() */
}

/* mirrors scalar32_min_max_mul(): unsigned product of the extremes and
 * signed product of the four corners, each dropped on overflow, then
 * intersected as arcs */
static void mul32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	int32_t smin = sim_scalar_s32_min(dst), smax = sim_scalar_s32_max(dst);
	uint32_t umin = sim_scalar_u32_min(dst), umax = sim_scalar_u32_max(dst);
	int32_t p[4];

	if (__builtin_mul_overflow(umax, sim_scalar_u32_max(src), &umax) ||
	    __builtin_mul_overflow(umin, sim_scalar_u32_min(src), &umin)) {
		umin = 0;
		umax = U32_MAX;
	}
	if (__builtin_mul_overflow(smin, sim_scalar_s32_min(src), &p[0]) ||
	    __builtin_mul_overflow(smin, sim_scalar_s32_max(src), &p[1]) ||
	    __builtin_mul_overflow(smax, sim_scalar_s32_min(src), &p[2]) ||
	    __builtin_mul_overflow(smax, sim_scalar_s32_max(src), &p[3])) {
		smin = INT32_MIN;
		smax = INT32_MAX;
	} else {
		smin = smax = p[0];
		for (int i = 1; i < 4; i++) {
			smin = p[i] < smin ? p[i] : smin;
			smax = p[i] > smax ? p[i] : smax;
		}
	}
	dst->r32 = cnum32_intersect(cnum32_from_urange(umin, umax),
				    cnum32_from_srange(smin, smax));
}

/* mirrors scalar_min_max_mul() */
static void mul64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	int64_t smin = sim_scalar_smin(dst), smax = sim_scalar_smax(dst);
	uint64_t umin = sim_scalar_umin(dst), umax = sim_scalar_umax(dst);
	int64_t p[4];

	if (__builtin_mul_overflow(umax, sim_scalar_umax(src), &umax) ||
	    __builtin_mul_overflow(umin, sim_scalar_umin(src), &umin)) {
		umin = 0;
		umax = U64_MAX;
	}
	if (__builtin_mul_overflow(smin, sim_scalar_smin(src), &p[0]) ||
	    __builtin_mul_overflow(smin, sim_scalar_smax(src), &p[1]) ||
	    __builtin_mul_overflow(smax, sim_scalar_smin(src), &p[2]) ||
	    __builtin_mul_overflow(smax, sim_scalar_smax(src), &p[3])) {
		smin = INT64_MIN;
		smax = INT64_MAX;
	} else {
		smin = smax = p[0];
		for (int i = 1; i < 4; i++) {
			smin = p[i] < smin ? p[i] : smin;
			smax = p[i] > smax ? p[i] : smax;
		}
	}
	dst->r64 = cnum64_intersect(cnum64_from_urange(umin, umax),
				    cnum64_from_srange(smin, smax));
}

/* ---- div, mod: src is a non-zero constant here ---- */

/* mirrors scalar32_min_max_udiv() */
static void udiv32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint32_t d = sim_scalar_u32_min(src);

	sim_scalar_set_urange32(dst, sim_scalar_u32_min(dst) / d, sim_scalar_u32_max(dst) / d);
	sim_scalar_reset64_and_tnum(dst);
}

/* mirrors scalar_min_max_udiv() */
static void udiv64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint64_t d = sim_scalar_umin(src);

	sim_scalar_set_urange64(dst, sim_scalar_umin(dst) / d, sim_scalar_umax(dst) / d);
	sim_scalar_reset32_and_tnum(dst);
}

/* mirrors scalar32_min_max_sdiv(): BPF defines S32_MIN / -1 = S32_MIN */
static void sdiv32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	int32_t smin = sim_scalar_s32_min(dst), smax = sim_scalar_s32_max(dst);
	int32_t d = sim_scalar_s32_min(src);

	if (smin == INT32_MIN && d == -1) {
		if (smax != INT32_MIN) {
			smin = INT32_MIN;
			smax = INT32_MAX;
		}
	} else {
		int32_t r1 = smin / d, r2 = smax / d;

		smin = r1 < r2 ? r1 : r2;
		smax = r1 > r2 ? r1 : r2;
	}
	sim_scalar_set_srange32(dst, smin, smax);
	sim_scalar_reset64_and_tnum(dst);
}

/* mirrors scalar_min_max_sdiv() */
static void sdiv64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	int64_t smin = sim_scalar_smin(dst), smax = sim_scalar_smax(dst);
	int64_t d = sim_scalar_smin(src);

	if (smin == INT64_MIN && d == -1) {
		if (smax != INT64_MIN) {
			smin = INT64_MIN;
			smax = INT64_MAX;
		}
	} else {
		int64_t r1 = smin / d, r2 = smax / d;

		smin = r1 < r2 ? r1 : r2;
		smax = r1 > r2 ? r1 : r2;
	}
	sim_scalar_set_srange64(dst, smin, smax);
	sim_scalar_reset32_and_tnum(dst);
}

/* mirrors scalar32_min_max_umod(): a dividend already below the divisor
 * is left untouched (tnum and 64-bit arc included) */
static void umod32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint32_t res_max = sim_scalar_u32_min(src) - 1;

	if (sim_scalar_u32_max(dst) <= res_max)
		return;
	sim_scalar_set_urange32(dst, 0, min_u32(sim_scalar_u32_max(dst), res_max));
	sim_scalar_reset64_and_tnum(dst);
}

/* mirrors scalar_min_max_umod() */
static void umod64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint64_t res_max = sim_scalar_umin(src) - 1;

	if (sim_scalar_umax(dst) <= res_max)
		return;
	sim_scalar_set_urange64(dst, 0, min_u64(sim_scalar_umax(dst), res_max));
	sim_scalar_reset32_and_tnum(dst);
}

/* mirrors scalar32_min_max_smod(): |result| < |divisor|, with the sign of
 * the dividend */
static void smod32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	int32_t d = sim_scalar_s32_min(src);
	uint32_t abs_d = d > 0 ? (uint32_t)d : -(uint32_t)d;
	int32_t res_max = (int32_t)(abs_d - 1);
	int32_t smin = sim_scalar_s32_min(dst), smax = sim_scalar_s32_max(dst);

	if (smin >= -res_max && smax <= res_max)
		return;
	if (smin >= 0)
		sim_scalar_set_srange32(dst, 0, smax < res_max ? smax : res_max);
	else if (smax <= 0)
		sim_scalar_set_srange32(dst, smin > -res_max ? smin : -res_max, 0);
	else
		sim_scalar_set_srange32(dst, -res_max, res_max);
	sim_scalar_reset64_and_tnum(dst);
}

/* mirrors scalar_min_max_smod() */
static void smod64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	int64_t d = sim_scalar_smin(src);
	uint64_t abs_d = d > 0 ? (uint64_t)d : -(uint64_t)d;
	int64_t res_max = (int64_t)(abs_d - 1);
	int64_t smin = sim_scalar_smin(dst), smax = sim_scalar_smax(dst);

	if (smin >= -res_max && smax <= res_max)
		return;
	if (smin >= 0)
		sim_scalar_set_srange64(dst, 0, smax < res_max ? smax : res_max);
	else if (smax <= 0)
		sim_scalar_set_srange64(dst, smin > -res_max ? smin : -res_max, 0);
	else
		sim_scalar_set_srange64(dst, -res_max, res_max);
	sim_scalar_reset32_and_tnum(dst);
}

/* ---- bitwise: var_off already holds the tnum result ---- */

/* mirrors scalar32_min_max_and(): min from the known bits, max the lesser
 * of the maxima */
static void and32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	struct tnum t = tnum_subreg(dst->var_off);

	if (tnum_subreg_is_const(src->var_off) && tnum_subreg_is_const(dst->var_off)) {
		sim_scalar_mark32_known(dst, t.value);
		return;
	}
	sim_scalar_set_urange32(dst, (uint32_t)t.value,
				min_u32(sim_scalar_u32_max(dst), sim_scalar_u32_max(src)));
}

/* mirrors scalar_min_max_and() */
static void and64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	if (tnum_is_const(src->var_off) && tnum_is_const(dst->var_off)) {
		sim_scalar_mark_known(dst, dst->var_off.value);
		return;
	}
	sim_scalar_set_urange64(dst, dst->var_off.value,
				min_u64(sim_scalar_umax(dst), sim_scalar_umax(src)));
	sim_scalar_update_bounds(dst);
}

/* mirrors scalar32_min_max_or(): min the greater of the minima, max from
 * the bits that may be set */
static void or32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	struct tnum t = tnum_subreg(dst->var_off);

	if (tnum_subreg_is_const(src->var_off) && tnum_subreg_is_const(dst->var_off)) {
		sim_scalar_mark32_known(dst, t.value);
		return;
	}
	sim_scalar_set_urange32(dst, max_u32(sim_scalar_u32_min(dst), sim_scalar_u32_min(src)),
				(uint32_t)(t.value | t.mask));
}

/* mirrors scalar_min_max_or() */
static void or64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	if (tnum_is_const(src->var_off) && tnum_is_const(dst->var_off)) {
		sim_scalar_mark_known(dst, dst->var_off.value);
		return;
	}
	sim_scalar_set_urange64(dst, max_u64(sim_scalar_umin(dst), sim_scalar_umin(src)),
				dst->var_off.value | dst->var_off.mask);
	sim_scalar_update_bounds(dst);
}

/* mirrors scalar32_min_max_xor(): both bounds from the tnum */
static void xor32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	struct tnum t = tnum_subreg(dst->var_off);

	if (tnum_subreg_is_const(src->var_off) && tnum_subreg_is_const(dst->var_off)) {
		sim_scalar_mark32_known(dst, t.value);
		return;
	}
	sim_scalar_set_urange32(dst, (uint32_t)t.value, (uint32_t)(t.value | t.mask));
}

/* mirrors scalar_min_max_xor() */
static void xor64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	if (tnum_is_const(src->var_off) && tnum_is_const(dst->var_off)) {
		sim_scalar_mark_known(dst, dst->var_off.value);
		return;
	}
	sim_scalar_set_urange64(dst, dst->var_off.value, dst->var_off.value | dst->var_off.mask);
}

/* ---- shifts: src is a constant below the width here ---- */

/* mirrors __scalar32_min_max_lsh() */
static void lsh32_bounds(struct sim_scalar *dst, uint64_t umin_val, uint64_t umax_val)
{
	if (umax_val > 31 || sim_scalar_u32_max(dst) > 1ULL << (31 - umax_val))
		sim_scalar_set_urange32(dst, 0, U32_MAX);   /* top bit may go */
	else
		sim_scalar_set_urange32(dst, sim_scalar_u32_min(dst) << umin_val,
					sim_scalar_u32_max(dst) << umax_val);
}

/* mirrors scalar32_min_max_lsh() */
static void lsh32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint32_t umin_val = sim_scalar_u32_min(src), umax_val = sim_scalar_u32_max(src);
	struct tnum sub = tnum_subreg(dst->var_off);

	lsh32_bounds(dst, umin_val, umax_val);
	dst->var_off = tnum_subreg(tnum_lshift(sub, (uint8_t)umin_val));
	sim_scalar_mark64_unbounded(dst);
	sim_scalar_update_bounds32(dst);
}

/* mirrors __scalar64_min_max_lsh(): "<< 32" keeps the s32 range as the
 * signed range (the compiler's sign-extension idiom <<32 s>>32) */
static void lsh64_bounds(struct sim_scalar *dst, uint64_t umin_val, uint64_t umax_val)
{
	struct cnum64 u, s;

	if (umin_val == 32 && umax_val == 32)
		s = cnum64_from_srange((int64_t)((uint64_t)(int64_t)sim_scalar_s32_min(dst) << 32),
				       (int64_t)((uint64_t)(int64_t)sim_scalar_s32_max(dst) << 32));
	else
		s = CNUM64_UNBOUNDED;
	if (sim_scalar_umax(dst) > 1ULL << (63 - umax_val))
		u = CNUM64_UNBOUNDED;
	else
		u = cnum64_from_urange(sim_scalar_umin(dst) << umin_val,
				       sim_scalar_umax(dst) << umax_val);
	dst->r64 = cnum64_intersect(u, s);
}

/* mirrors scalar_min_max_lsh() */
static void lsh64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint64_t umin_val = sim_scalar_umin(src), umax_val = sim_scalar_umax(src);

	lsh64_bounds(dst, umin_val, umax_val);  /* reads the unshifted r32 */
	lsh32_bounds(dst, umin_val, umax_val);
	dst->var_off = tnum_lshift(dst->var_off, (uint8_t)umin_val);
	sim_scalar_update_bounds(dst);
}

/* mirrors scalar32_min_max_rsh(): signed bounds are rebuilt from the
 * unsigned ones and the tnum */
static void rsh32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	struct tnum sub = tnum_subreg(dst->var_off);
	uint32_t umin_val = sim_scalar_u32_min(src), umax_val = sim_scalar_u32_max(src);

	dst->var_off = tnum_rshift(sub, (uint8_t)umin_val);
	sim_scalar_set_urange32(dst, sim_scalar_u32_min(dst) >> umax_val,
				sim_scalar_u32_max(dst) >> umin_val);
	sim_scalar_mark64_unbounded(dst);
	sim_scalar_update_bounds32(dst);
}

/* mirrors scalar_min_max_rsh() */
static void rsh64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint64_t umin_val = sim_scalar_umin(src), umax_val = sim_scalar_umax(src);

	dst->var_off = tnum_rshift(dst->var_off, (uint8_t)umin_val);
	sim_scalar_set_urange64(dst, sim_scalar_umin(dst) >> umax_val,
				sim_scalar_umax(dst) >> umin_val);
	sim_scalar_mark32_unbounded(dst);
	sim_scalar_update_bounds(dst);
}

/* mirrors scalar32_min_max_arsh() */
static void arsh32(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint32_t sh = sim_scalar_u32_min(src);

	sim_scalar_set_srange32(dst, sim_scalar_s32_min(dst) >> sh, sim_scalar_s32_max(dst) >> sh);
	dst->var_off = tnum_arshift(tnum_subreg(dst->var_off), (uint8_t)sh, 32);
	sim_scalar_mark64_unbounded(dst);
	sim_scalar_update_bounds32(dst);
}

/* mirrors scalar_min_max_arsh() */
static void arsh64(struct sim_scalar *dst, const struct sim_scalar *src)
{
	uint64_t sh = sim_scalar_umin(src);

	sim_scalar_set_srange64(dst, sim_scalar_smin(dst) >> sh, sim_scalar_smax(dst) >> sh);
	dst->var_off = tnum_arshift(dst->var_off, (uint8_t)sh, 64);
	sim_scalar_mark32_unbounded(dst);
	sim_scalar_update_bounds(dst);
}

/* The simulator models a little-endian machine (x86-64, as the bundled
 * kernel): CONFIG_CPU_BIG_ENDIAN is off. */
static const bool big_endian_target = false;

static bool end_needs_bswap(const struct bpf_insn *insn, bool is64)
{
	bool to_le = BPF_SRC(insn->code) == BPF_TO_LE;

	return is64 || to_le == big_endian_target;
}

/* mirrors scalar_byte_swap() (scalar part; the caller does its
 * clear_scalar_id(), see sim_scalar_neg_end_clears_id()) */
static void byte_swap(struct sim_scalar *dst, const struct bpf_insn *insn, bool is64)
{
	if (end_needs_bswap(insn, is64)) {
		if (insn->imm == 16)
			dst->var_off = tnum_bswap16(dst->var_off);
		else if (insn->imm == 32)
			dst->var_off = tnum_bswap32(dst->var_off);
		else if (insn->imm == 64)
			dst->var_off = tnum_bswap64(dst->var_off);
		sim_scalar_mark_unbounded(dst);
	}
	if (insn->imm == 16 || insn->imm == 32)
		sim_scalar_coerce_to_size(dst, insn->imm / 8);
}

bool sim_scalar_neg_end_clears_id(const struct bpf_insn *insn, bool is64)
{
	if (BPF_OP(insn->code) == BPF_NEG)
		return true;     /* __mark_reg_known(dst, 0) in the BPF_NEG case */
	return end_needs_bswap(insn, is64) || insn->imm == 16 || insn->imm == 32;
}

/* ---- the dispatcher ---- */

const char *sim_scalar_alu_insn_error(const struct bpf_insn *insn, char *buf, size_t len)
{
	uint8_t op = BPF_OP(insn->code);
	int width = BPF_CLASS(insn->code) == BPF_ALU64 ? 64 : 32;

	if (BPF_SRC(insn->code) != BPF_K)
		return NULL;
	if ((op == BPF_MOD || op == BPF_DIV) && insn->imm == 0) {
		snprintf(buf, len, "div by zero");
		return buf;
	}
	if ((op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH) &&
	    (insn->imm < 0 || insn->imm >= width)) {
		snprintf(buf, len, "invalid shift %d", insn->imm);
		return buf;
	}
	return NULL;
}

void sim_scalar_from_imm(struct sim_scalar *s, int32_t imm)
{
	sim_scalar_mark_known(s, (uint64_t)(int64_t)imm);
}

/* mirrors is_safe_to_compute_dst_reg_range() */
bool sim_scalar_alu_computable(const struct bpf_insn *insn, const struct sim_scalar *src,
			       bool is64)
{
	bool src_const;

	if (!is64)
		src_const = tnum_subreg_is_const(src->var_off) &&
			    sim_scalar_s32_min(src) == sim_scalar_s32_max(src) &&
			    sim_scalar_u32_min(src) == sim_scalar_u32_max(src);
	else
		src_const = tnum_is_const(src->var_off) &&
			    sim_scalar_smin(src) == sim_scalar_smax(src) &&
			    sim_scalar_umin(src) == sim_scalar_umax(src);

	switch (BPF_OP(insn->code)) {
	case BPF_ADD: case BPF_SUB: case BPF_NEG: case BPF_AND:
	case BPF_XOR: case BPF_OR: case BPF_MUL: case BPF_END:
		return true;
	case BPF_DIV: case BPF_MOD:
		return src_const;
	case BPF_LSH: case BPF_RSH: case BPF_ARSH:
		/* note: the 64-bit umax of src, even for a 32-bit shift */
		return src_const && sim_scalar_umax(src) < (is64 ? 64u : 32u);
	default:
		return false;
	}
}

/* mirrors maybe_fork_scalars(): a value that is exactly -1 or 0 (the
 * result of "r = -(r != 0)" patterns) ANDed/ORed with a constant is split
 * into its two constants so each is tracked exactly */
static bool maybe_fork(struct sim_scalar *dst, struct sim_scalar *forked)
{
	struct sim_scalar zero_half = *dst;
	bool sub32;

	if (sim_scalar_smin(dst) == -1 && sim_scalar_smax(dst) == 0)
		sub32 = false;
	else if (sim_scalar_s32_min(dst) == -1 && sim_scalar_s32_max(dst) == 0)
		sub32 = true;
	else
		return false;

	if (sub32) {
		sim_scalar_mark32_known(&zero_half, 0);
		sim_scalar_mark32_known(dst, UINT64_MAX);
	} else {
		sim_scalar_mark_known(&zero_half, 0);
		sim_scalar_mark_known(dst, UINT64_MAX);
	}
	if (forked)
		*forked = zero_half;
	return true;
}

/* mirrors adjust_scalar_min_max_vals() */
int sim_scalar_alu_fork(struct sim_scalar *dst, const struct sim_scalar *src_in,
			const struct bpf_insn *insn, bool is64, struct sim_scalar *forked)
{
	uint8_t op = BPF_OP(insn->code);
	bool alu32 = !is64, signed_op = insn->off == 1;
	struct sim_scalar src, negated;
	int ret = 0;

	/* the kernel passes src by value; NEG and END pass dst itself */
	src = (op == BPF_NEG || op == BPF_END || !src_in) ? *dst : *src_in;

	if (!sim_scalar_alu_computable(insn, &src, is64)) {
		sim_scalar_mark_unknown(dst);
		return 0;
	}

	switch (op) {
	case BPF_ADD:
		add32(dst, &src);
		add64(dst, &src);
		dst->var_off = tnum_add(dst->var_off, src.var_off);
		break;
	case BPF_SUB:
		sub32(dst, &src);
		sub64(dst, &src);
		dst->var_off = tnum_sub(dst->var_off, src.var_off);
		break;
	case BPF_NEG:
		negated = *dst;
		sim_scalar_mark_known(dst, 0);
		sub32(dst, &negated);
		sub64(dst, &negated);
		dst->var_off = tnum_neg(negated.var_off);
		break;
	case BPF_MUL:
		dst->var_off = tnum_mul(dst->var_off, src.var_off);
		mul32(dst, &src);
		mul64(dst, &src);
		break;
	case BPF_DIV:
		/* BPF: x / 0 = 0 */
		if (alu32 ? sim_scalar_u32_min(&src) == 0 : sim_scalar_umin(&src) == 0) {
			sim_scalar_mark_known(dst, 0);
			break;
		}
		if (alu32)
			signed_op ? sdiv32(dst, &src) : udiv32(dst, &src);
		else
			signed_op ? sdiv64(dst, &src) : udiv64(dst, &src);
		break;
	case BPF_MOD:
		/* BPF: x % 0 = x */
		if (alu32 ? sim_scalar_u32_min(&src) == 0 : sim_scalar_umin(&src) == 0)
			break;
		if (alu32)
			signed_op ? smod32(dst, &src) : umod32(dst, &src);
		else
			signed_op ? smod64(dst, &src) : umod64(dst, &src);
		break;
	case BPF_AND:
		if (tnum_is_const(src.var_off) && maybe_fork(dst, forked))
			ret = SIM_SCALAR_ALU_FORKED;
		dst->var_off = tnum_and(dst->var_off, src.var_off);
		and32(dst, &src);
		and64(dst, &src);
		break;
	case BPF_OR:
		if (tnum_is_const(src.var_off) && maybe_fork(dst, forked))
			ret = SIM_SCALAR_ALU_FORKED;
		dst->var_off = tnum_or(dst->var_off, src.var_off);
		or32(dst, &src);
		or64(dst, &src);
		break;
	case BPF_XOR:
		dst->var_off = tnum_xor(dst->var_off, src.var_off);
		xor32(dst, &src);
		xor64(dst, &src);
		break;
	case BPF_LSH:
		alu32 ? lsh32(dst, &src) : lsh64(dst, &src);
		break;
	case BPF_RSH:
		alu32 ? rsh32(dst, &src) : rsh64(dst, &src);
		break;
	case BPF_ARSH:
		alu32 ? arsh32(dst, &src) : arsh64(dst, &src);
		break;
	case BPF_END:
		byte_swap(dst, insn, is64);
		break;
	default:
		break;
	}

	/* ALU32 results are zero-extended; BPF_END did its own truncation
	 * (le64 is a 64-bit op in the ALU class) */
	if (alu32 && op != BPF_END)
		sim_scalar_zext_32_to_64(dst);
	sim_scalar_sync(dst);
	return ret;
}

int sim_scalar_alu(struct sim_scalar *dst, const struct sim_scalar *src,
		   const struct bpf_insn *insn, bool is64)
{
	return sim_scalar_alu_fork(dst, src, insn, is64, NULL);
}

/* ---- moves ---- */

/* the scalar BPF_MOV cases of check_alu_op() */
void sim_scalar_mov(struct sim_scalar *dst, const struct sim_scalar *src,
		    const struct bpf_insn *insn)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;

	if (BPF_SRC(insn->code) == BPF_K) {
		sim_scalar_mark_known(dst, is64 ? (uint64_t)(int64_t)insn->imm
						: (uint64_t)(uint32_t)insn->imm);
		return;
	}
	*dst = *src;
	if (is64) {
		if (insn->off != 0)          /* r = (s8/s16/s32) r: no sync */
			sim_scalar_coerce_to_size_sx(dst, insn->off >> 3);
		return;
	}
	if (insn->off != 0)                  /* w = (s8/s16) w */
		sim_scalar_coerce_subreg_to_size_sx(dst, insn->off >> 3);
	sim_scalar_zext_32_to_64(dst);
	sim_scalar_sync(dst);
}

bool sim_scalar_mov_keeps_id(const struct sim_scalar *src, const struct bpf_insn *insn)
{
	bool is64 = BPF_CLASS(insn->code) == BPF_ALU64;

	if (BPF_SRC(insn->code) != BPF_X)
		return false;
	if (insn->off != 0)                  /* no_sext */
		return sim_scalar_umax(src) < (1ULL << (insn->off - 1));
	return is64 || sim_scalar_width(src) <= 32;
}
