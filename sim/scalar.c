/* Scalar abstract values and the verifier's operations on them: mirrors the
 * scalar parts of kernel/bpf/verifier.c of Linux 7.3 (see scalar.h for the
 * model and for what stays with the caller). */
#include "scalar.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "print.h"

/* ---- getters and setters: reg_smin() ... reg_set_urange32() ---- */

int64_t sim_scalar_smin(const struct sim_scalar *s) { return cnum64_smin(s->r64); }
int64_t sim_scalar_smax(const struct sim_scalar *s) { return cnum64_smax(s->r64); }
uint64_t sim_scalar_umin(const struct sim_scalar *s) { return cnum64_umin(s->r64); }
uint64_t sim_scalar_umax(const struct sim_scalar *s) { return cnum64_umax(s->r64); }
int32_t sim_scalar_s32_min(const struct sim_scalar *s) { return cnum32_smin(s->r32); }
int32_t sim_scalar_s32_max(const struct sim_scalar *s) { return cnum32_smax(s->r32); }
uint32_t sim_scalar_u32_min(const struct sim_scalar *s) { return cnum32_umin(s->r32); }
uint32_t sim_scalar_u32_max(const struct sim_scalar *s) { return cnum32_umax(s->r32); }

void sim_scalar_set_srange64(struct sim_scalar *s, int64_t smin, int64_t smax)
{
	s->r64 = cnum64_from_srange(smin, smax);
}

void sim_scalar_set_urange64(struct sim_scalar *s, uint64_t umin, uint64_t umax)
{
	s->r64 = cnum64_from_urange(umin, umax);
}

void sim_scalar_set_srange32(struct sim_scalar *s, int32_t smin, int32_t smax)
{
	s->r32 = cnum32_from_srange(smin, smax);
}

void sim_scalar_set_urange32(struct sim_scalar *s, uint32_t umin, uint32_t umax)
{
	s->r32 = cnum32_from_urange(umin, umax);
}

/* ---- whole values ---- */

/* mirrors ___mark_reg_known() */
void sim_scalar_mark_known(struct sim_scalar *s, uint64_t v)
{
	s->var_off = tnum_const(v);
	s->r64 = cnum64_from_urange(v, v);
	s->r32 = cnum32_from_urange((uint32_t)v, (uint32_t)v);
}

/* mirrors __mark_reg32_known() */
void sim_scalar_mark32_known(struct sim_scalar *s, uint64_t v)
{
	s->var_off = tnum_const_subreg(s->var_off, (uint32_t)v);
	s->r32 = cnum32_from_urange((uint32_t)v, (uint32_t)v);
}

void sim_scalar_mark_known_zero(struct sim_scalar *s)
{
	sim_scalar_mark_known(s, 0);
}

void sim_scalar_mark32_unbounded(struct sim_scalar *s)
{
	s->r32 = CNUM32_UNBOUNDED;
}

void sim_scalar_mark64_unbounded(struct sim_scalar *s)
{
	s->r64 = CNUM64_UNBOUNDED;
}

void sim_scalar_mark_unbounded(struct sim_scalar *s)
{
	sim_scalar_mark64_unbounded(s);
	sim_scalar_mark32_unbounded(s);
}

/* mirrors bpf_mark_reg_unknown_imprecise() (scalar part) */
void sim_scalar_mark_unknown(struct sim_scalar *s)
{
	s->var_off = tnum_unknown;
	sim_scalar_mark_unbounded(s);
}

/* mirrors reset_reg64_and_tnum() */
void sim_scalar_reset64_and_tnum(struct sim_scalar *s)
{
	sim_scalar_mark64_unbounded(s);
	s->var_off = tnum_unknown;
}

/* mirrors reset_reg32_and_tnum() */
void sim_scalar_reset32_and_tnum(struct sim_scalar *s)
{
	sim_scalar_mark32_unbounded(s);
	s->var_off = tnum_unknown;
}

/* mirrors is_reg_const() for a scalar */
bool sim_scalar_is_const(const struct sim_scalar *s, bool subreg32)
{
	return tnum_is_const(subreg32 ? tnum_subreg(s->var_off) : s->var_off);
}

/* mirrors reg_const_value() */
uint64_t sim_scalar_const_value(const struct sim_scalar *s, bool subreg32)
{
	return subreg32 ? tnum_subreg(s->var_off).value : s->var_off.value;
}

/* mirrors get_reg_width() */
int sim_scalar_width(const struct sim_scalar *s)
{
	uint64_t umax = sim_scalar_umax(s);

	return umax ? 64 - __builtin_clzll(umax) : 0;
}

bool sim_scalar_contains(const struct sim_scalar *s, uint64_t v)
{
	return tnum_contains(s->var_off, v) && cnum64_contains(s->r64, v) &&
	       cnum32_contains(s->r32, (uint32_t)v);
}

/* ---- bounds sync ---- */

/* mirrors cnum32_from_tnum(): if the sign bit may be set, the signed
 * extremes are (sign set, other bits minimal) and (sign clear, others
 * maximal); otherwise the unsigned extremes. */
struct cnum32 sim_cnum32_from_tnum(struct tnum t)
{
	uint32_t v, m;

	t = tnum_subreg(t);
	v = (uint32_t)t.value;
	m = (uint32_t)t.mask;
	if ((m | v) & 0x80000000u)
		return cnum32_from_srange((int32_t)(v | (m & 0x80000000u)),
					  (int32_t)(v | (m & 0x7fffffffu)));
	return cnum32_from_urange(v, v | m);
}

/* mirrors cnum64_from_tnum() */
struct cnum64 sim_cnum64_from_tnum(struct tnum t)
{
	const uint64_t sign = 1ULL << 63;

	if ((t.mask | t.value) & sign)
		return cnum64_from_srange((int64_t)(t.value | (t.mask & sign)),
					  (int64_t)(t.value | (t.mask & ~sign)));
	return cnum64_from_urange(t.value, t.value | t.mask);
}

/* mirrors __update_reg32_bounds() */
void sim_scalar_update_bounds32(struct sim_scalar *s)
{
	cnum32_intersect_with(&s->r32, sim_cnum32_from_tnum(s->var_off));
}

/* mirrors __update_reg64_bounds(): after intersecting with the tnum's
 * range, 7.3 also notices when the u64 range and the tnum share exactly
 * one value (found with tnum_step()) and makes the register that constant. */
void sim_scalar_update_bounds64(struct sim_scalar *s)
{
	uint64_t next, tmax, umin;
	bool umin_in_tnum;

	cnum64_intersect_with(&s->r64, sim_cnum64_from_tnum(s->var_off));

	umin = sim_scalar_umin(s);
	next = tnum_step(s->var_off, umin);
	umin_in_tnum = (umin & ~s->var_off.mask) == s->var_off.value;
	tmax = s->var_off.value | s->var_off.mask;
	if (umin_in_tnum && next > sim_scalar_umax(s))
		sim_scalar_mark_known(s, umin);          /* only umin */
	else if (!umin_in_tnum && next == tmax)
		sim_scalar_mark_known(s, tmax);          /* only tmax */
	else if (!umin_in_tnum && next <= sim_scalar_umax(s) &&
		 tnum_step(s->var_off, next) > sim_scalar_umax(s))
		sim_scalar_mark_known(s, next);          /* one value inside */
}

/* mirrors __update_reg_bounds() */
void sim_scalar_update_bounds(struct sim_scalar *s)
{
	sim_scalar_update_bounds32(s);
	sim_scalar_update_bounds64(s);
}

/* mirrors __reg_deduce_bounds(): deduce_bounds_32_from_64() then
 * deduce_bounds_64_from_32() */
void sim_scalar_deduce_bounds(struct sim_scalar *s)
{
	cnum32_intersect_with(&s->r32, cnum32_from_cnum64(s->r64));
	s->r64 = cnum64_cnum32_intersect(s->r64, s->r32);
}

/* mirrors __reg_bound_offset(): learn bits from the unsigned ranges */
void sim_scalar_bound_offset(struct sim_scalar *s)
{
	struct tnum var64 = tnum_intersect(s->var_off,
					   tnum_range(sim_scalar_umin(s), sim_scalar_umax(s)));
	struct tnum var32 = tnum_intersect(tnum_subreg(var64),
					   tnum_range(sim_scalar_u32_min(s),
						      sim_scalar_u32_max(s)));

	s->var_off = tnum_or(tnum_clear_subreg(var64), var32);
}

/* mirrors range_bounds_violation() */
bool sim_scalar_bounds_violation(const struct sim_scalar *s)
{
	return cnum32_is_empty(s->r32) || cnum64_is_empty(s->r64);
}

/* mirrors reg_bounds_sync() */
void sim_scalar_sync(struct sim_scalar *s)
{
	if (sim_scalar_bounds_violation(s))
		return;
	sim_scalar_update_bounds(s);
	sim_scalar_deduce_bounds(s);
	sim_scalar_deduce_bounds(s);
	sim_scalar_bound_offset(s);
	sim_scalar_update_bounds(s);
}

/* mirrors const_tnum_range_mismatch{,_32}() and range_bounds_violation() */
const char *sim_scalar_invariant_violation(const struct sim_scalar *s)
{
	if (sim_scalar_bounds_violation(s))
		return "range bounds violation";
	if (tnum_is_const(s->var_off) &&
	    (!cnum64_is_const(s->r64) || s->r64.base != s->var_off.value))
		return "const tnum out of sync with range bounds";
	if (tnum_subreg_is_const(s->var_off) &&
	    (!cnum32_is_const(s->r32) || s->r32.base != tnum_subreg(s->var_off).value))
		return "const subreg tnum out of sync with range bounds";
	return NULL;
}

/* mirrors reg_bounds_sanity_check(); the kernel's %#llx prints 0 as 0x0 */
int sim_scalar_sanity_check(struct sim_scalar *s, const char *ctx,
			    bool test_reg_invariants, const struct sim_out *log)
{
	const char *msg = sim_scalar_invariant_violation(s);

	if (!msg)
		return 0;
	if (log)
		sim_printf(log, "verifier bug: REG INVARIANTS VIOLATION (%s): %s "
			   "r64={.base=0x%" PRIx64 ", .size=0x%" PRIx64 "} "
			   "r32={.base=0x%x, .size=0x%x} var_off=(0x%" PRIx64 ", 0x%" PRIx64 ")\n",
			   ctx, msg, s->r64.base, s->r64.size, s->r32.base, s->r32.size,
			   s->var_off.value, s->var_off.mask);
	if (test_reg_invariants)
		return -EFAULT;
	sim_scalar_mark_unbounded(s);
	return 0;
}

/* ---- width changes ---- */

/* mirrors zext_32_to_64() */
void sim_scalar_zext_32_to_64(struct sim_scalar *s)
{
	s->var_off = tnum_subreg(s->var_off);
	sim_scalar_set_urange64(s, sim_scalar_u32_min(s), sim_scalar_u32_max(s));
}

/* mirrors coerce_reg_to_size() */
void sim_scalar_coerce_to_size(struct sim_scalar *s, int size)
{
	uint64_t mask = (1ULL << (size * 8)) - 1;
	uint64_t umin = sim_scalar_umin(s), umax = sim_scalar_umax(s);

	s->var_off = tnum_cast(s->var_off, (uint8_t)size);
	/* the truncation keeps the range only if min and max agree above it */
	if ((umin & ~mask) == (umax & ~mask))
		sim_scalar_set_urange64(s, umin & mask, umax & mask);
	else
		sim_scalar_set_urange64(s, 0, mask);
	if (size < 4)
		sim_scalar_mark32_unbounded(s);
	sim_scalar_sync(s);
}

static int64_t sext(uint64_t v, int size)
{
	switch (size) {
	case 1: return (int8_t)v;
	case 2: return (int16_t)v;
	default: return (int32_t)v;
	}
}

/* mirrors set_sext64_default_val() */
static void set_sext64_default(struct sim_scalar *s, int size)
{
	int64_t lo = size == 1 ? INT8_MIN : size == 2 ? INT16_MIN : INT32_MIN;
	int64_t hi = size == 1 ? INT8_MAX : size == 2 ? INT16_MAX : INT32_MAX;

	sim_scalar_set_srange64(s, lo, hi);
	sim_scalar_set_srange32(s, (int32_t)lo, (int32_t)hi);
	s->var_off = tnum_unknown;
}

/* mirrors coerce_reg_to_size_sx(): the sign-extended range is exact when
 * smin and smax agree above the source width and their sign-extended low
 * parts have the same sign; otherwise the whole signed range of the width. */
void sim_scalar_coerce_to_size_sx(struct sim_scalar *s, int size)
{
	unsigned int bits = (unsigned int)size * 8;
	uint64_t top_max, top_min;
	int64_t a, b, lo, hi;

	if (tnum_is_const(s->var_off)) {
		uint64_t v = (uint64_t)sext(s->var_off.value, size);

		s->var_off = tnum_const(v);
		s->r64 = cnum64_from_urange(v, v);
		s->r32 = cnum32_from_urange((uint32_t)v, (uint32_t)v);
		return;
	}
	top_max = ((uint64_t)sim_scalar_smax(s) >> bits) << bits;
	top_min = ((uint64_t)sim_scalar_smin(s) >> bits) << bits;
	if (top_max != top_min) {
		set_sext64_default(s, size);
		return;
	}
	a = sext((uint64_t)sim_scalar_smax(s), size);
	b = sext((uint64_t)sim_scalar_smin(s), size);
	hi = a > b ? a : b;
	lo = a < b ? a : b;
	if ((hi >= 0) == (lo >= 0)) {
		sim_scalar_set_srange64(s, lo, hi);
		sim_scalar_set_srange32(s, (int32_t)lo, (int32_t)hi);
		s->var_off = tnum_range((uint64_t)lo, (uint64_t)hi);
		return;
	}
	set_sext64_default(s, size);
}

/* mirrors set_sext32_default_val() */
static void set_sext32_default(struct sim_scalar *s, int size)
{
	if (size == 1)
		sim_scalar_set_srange32(s, INT8_MIN, INT8_MAX);
	else
		sim_scalar_set_srange32(s, INT16_MIN, INT16_MAX);
	s->var_off = tnum_subreg(tnum_unknown);
}

/* mirrors coerce_subreg_to_size_sx(); the caller zero-extends and syncs */
void sim_scalar_coerce_subreg_to_size_sx(struct sim_scalar *s, int size)
{
	unsigned int bits = (unsigned int)size * 8;
	uint32_t top_max, top_min;
	int32_t a, b, lo, hi;

	if (tnum_is_const(s->var_off)) {
		/* the kernel sign-extends into all 64 bits of var_off here;
		 * the zext that follows in check_alu_op() trims it */
		int32_t v = (int32_t)sext(s->var_off.value, size);

		s->var_off = tnum_const((uint64_t)(int64_t)v);
		sim_scalar_set_srange32(s, v, v);
		return;
	}
	top_max = ((uint32_t)sim_scalar_s32_max(s) >> bits) << bits;
	top_min = ((uint32_t)sim_scalar_s32_min(s) >> bits) << bits;
	if (top_max != top_min) {
		set_sext32_default(s, size);
		return;
	}
	a = (int32_t)sext((uint32_t)sim_scalar_s32_max(s), size);
	b = (int32_t)sext((uint32_t)sim_scalar_s32_min(s), size);
	hi = a > b ? a : b;
	lo = a < b ? a : b;
	if ((lo >= 0) == (hi >= 0)) {
		sim_scalar_set_srange32(s, lo, hi);
		s->var_off = tnum_subreg(tnum_range((uint64_t)(int64_t)lo,
						    (uint64_t)(int64_t)hi));
		return;
	}
	set_sext32_default(s, size);
}

/* mirrors __mark_reg_s32_range() */
int sim_scalar_mark_s32_range(struct sim_scalar *s, int32_t smin, int32_t smax,
			      bool test_reg_invariants, const struct sim_out *log)
{
	int32_t lo32 = sim_scalar_s32_min(s), hi32 = sim_scalar_s32_max(s);
	int64_t lo64 = sim_scalar_smin(s), hi64 = sim_scalar_smax(s);

	sim_scalar_set_srange32(s, lo32 > smin ? lo32 : smin, hi32 < smax ? hi32 : smax);
	sim_scalar_set_srange64(s, lo64 > smin ? lo64 : smin, hi64 < smax ? hi64 : smax);
	sim_scalar_sync(s);
	return sim_scalar_sanity_check(s, "s32_range", test_reg_invariants, log);
}

void sim_scalar_add_known(struct sim_scalar *s, uint64_t val)
{
	struct sim_scalar k;

	sim_scalar_mark_known(&k, val);
	s->r32 = cnum32_add(s->r32, k.r32);          /* scalar32_min_max_add() */
	s->r64 = cnum64_add(s->r64, k.r64);          /* scalar_min_max_add() */
	s->var_off = tnum_add(s->var_off, k.var_off);
}

/* mirrors add_scalar_to_reg() */
void sim_scalar_add_const(struct sim_scalar *s, int64_t val)
{
	if (!val)
		return;
	sim_scalar_add_known(s, (uint64_t)val);
	sim_scalar_sync(s);
}
