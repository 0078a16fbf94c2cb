/* Width-generic circular numbers: mirrors kernel/bpf/cnum_defs.h of Linux
 * 7.3. Include with T defined to the bit width (8, 16, 32, 64). sim/cnum.c
 * instantiates 32 and 64; the tests instantiate 8 and 16 with
 * CNUM_DEFINE_TYPES and CNUM_LINKAGE=static inline so the very same code is
 * checked exhaustively against brute force.
 *
 * The kernel's code relies on u32/u64 arithmetic wrapping; at 8 and 16 bits
 * C promotes to int, so every arithmetic result below is cast back to the
 * width explicitly. The cast is a no-op at 32 and 64 bits.
 */
#ifndef T
#error "define T (the bit width) before including cnum_defs.h"
#endif

#include <stdbool.h>
#include <stdint.h>

#ifndef CNUM_LINKAGE
#define CNUM_LINKAGE
#endif

#define CNUM_PASTE_(a, b) a##b
#define CNUM_PASTE(a, b) CNUM_PASTE_(a, b)

#define cnum_t CNUM_PASTE(cnum, T)
#define ut CNUM_PASTE(CNUM_PASTE(uint, T), _t)
#define st CNUM_PASTE(CNUM_PASTE(int, T), _t)
#define UT_MAX ((ut)-1)
#define ST_MAX ((st)(UT_MAX >> 1))
#define ST_MIN ((st)(-ST_MAX - 1))
#define EMPTY ((struct cnum_t){ .base = UT_MAX, .size = UT_MAX })
#define FN(name) CNUM_PASTE(cnum_t, CNUM_PASTE(_, name))

#ifdef CNUM_DEFINE_TYPES
struct cnum_t {
	ut base;
	ut size;
};
#endif

CNUM_LINKAGE bool FN(is_empty)(struct cnum_t cnum);
CNUM_LINKAGE bool FN(contains)(struct cnum_t cnum, ut v);

CNUM_LINKAGE struct cnum_t FN(from_urange)(ut min, ut max)
{
	return (struct cnum_t){ .base = min, .size = (ut)(max - min) };
}

CNUM_LINKAGE struct cnum_t FN(from_srange)(st min, st max)
{
	ut size = (ut)((ut)max - (ut)min);
	ut base = size == UT_MAX ? 0 : (ut)min;

	return (struct cnum_t){ .base = base, .size = size };
}

/* The arc crosses UT_MAX -> 0: as an unsigned range it is two ranges. */
static inline bool FN(urange_overflow)(struct cnum_t cnum)
{
	ut room = (ut)(UT_MAX - cnum.base);   /* a local: keeps 8/16-bit promotion simple */

	return cnum.size > room;
}

CNUM_LINKAGE ut FN(umin)(struct cnum_t cnum)
{
	return FN(urange_overflow)(cnum) ? 0 : cnum.base;
}

CNUM_LINKAGE ut FN(umax)(struct cnum_t cnum)
{
	return FN(urange_overflow)(cnum) ? UT_MAX : (ut)(cnum.base + cnum.size);
}

/* The arc crosses ST_MAX -> ST_MIN: as a signed range it is two ranges. */
static inline bool FN(srange_overflow)(struct cnum_t cnum)
{
	return FN(contains)(cnum, (ut)ST_MAX) && FN(contains)(cnum, (ut)ST_MIN);
}

CNUM_LINKAGE st FN(smin)(struct cnum_t cnum)
{
	st lo = (st)cnum.base, hi = (st)(ut)(cnum.base + cnum.size);

	return FN(srange_overflow)(cnum) ? ST_MIN : (lo < hi ? lo : hi);
}

CNUM_LINKAGE st FN(smax)(struct cnum_t cnum)
{
	st lo = (st)cnum.base, hi = (st)(ut)(cnum.base + cnum.size);

	return FN(srange_overflow)(cnum) ? ST_MAX : (lo > hi ? lo : hi);
}

/* mirrors cnum_intersect(): rotate so a starts at 0; when the two arcs meet
 * in two pieces the smaller arc is returned (an over-approximation). */
CNUM_LINKAGE struct cnum_t FN(intersect)(struct cnum_t a, struct cnum_t b)
{
	struct cnum_t b1;
	ut dbase;

	if (FN(is_empty)(a) || FN(is_empty)(b))
		return EMPTY;
	if (a.base > b.base) {
		struct cnum_t tmp = a;

		a = b;
		b = tmp;
	}
	dbase = (ut)(b.base - a.base);
	b1 = (struct cnum_t){ dbase, b.size };
	if (FN(urange_overflow)(b1)) {
		ut tail_end = (ut)(b1.base + b1.size);

		if (b1.base <= a.size)
			return a.size <= b.size ? a : b;
		return (struct cnum_t){ .base = a.base,
					.size = a.size < tail_end ? a.size : tail_end };
	}
	if (a.size >= b1.base) {
		ut rest = (ut)(a.size - dbase);

		return (struct cnum_t){ .base = b.base,
					.size = rest < b.size ? rest : b.size };
	}
	return EMPTY;
}

CNUM_LINKAGE void FN(intersect_with)(struct cnum_t *dst, struct cnum_t src)
{
	*dst = FN(intersect)(*dst, src);
}

CNUM_LINKAGE void FN(intersect_with_urange)(struct cnum_t *dst, ut min, ut max)
{
	FN(intersect_with)(dst, FN(from_urange)(min, max));
}

CNUM_LINKAGE void FN(intersect_with_srange)(struct cnum_t *dst, st min, st max)
{
	FN(intersect_with)(dst, FN(from_srange)(min, max));
}

/* A full circle is stored with base 0, or base ST_MAX (kept as it is). */
static inline struct cnum_t FN(normalize)(struct cnum_t cnum)
{
	if (cnum.size == UT_MAX && cnum.base != 0 && cnum.base != (ut)ST_MAX)
		cnum.base = 0;
	return cnum;
}

CNUM_LINKAGE struct cnum_t FN(add)(struct cnum_t a, struct cnum_t b)
{
	ut room = (ut)(UT_MAX - b.size);

	if (FN(is_empty)(a) || FN(is_empty)(b))
		return EMPTY;
	if (a.size > room)
		return (struct cnum_t){ 0, UT_MAX };
	return FN(normalize)((struct cnum_t){ (ut)(a.base + b.base),
					      (ut)(a.size + b.size) });
}

CNUM_LINKAGE struct cnum_t FN(negate)(struct cnum_t a)
{
	if (FN(is_empty)(a))
		return EMPTY;
	return FN(normalize)((struct cnum_t){ (ut)-(ut)(a.base + a.size), a.size });
}

CNUM_LINKAGE bool FN(is_empty)(struct cnum_t cnum)
{
	return cnum.base == UT_MAX && cnum.size == UT_MAX;
}

CNUM_LINKAGE bool FN(contains)(struct cnum_t cnum, ut v)
{
	ut end = (ut)(cnum.base + cnum.size);

	if (FN(is_empty)(cnum))
		return false;
	if (FN(urange_overflow)(cnum))
		return v >= cnum.base || v <= end;
	return v >= cnum.base && v <= end;
}

CNUM_LINKAGE bool FN(is_const)(struct cnum_t cnum)
{
	return cnum.size == 0;
}

CNUM_LINKAGE bool FN(is_subset)(struct cnum_t bigger, struct cnum_t smaller)
{
	if (FN(is_empty)(smaller))
		return true;
	if (FN(is_empty)(bigger))
		return false;
	smaller.base = (ut)(smaller.base - bigger.base);
	bigger.base = 0;
	if (FN(urange_overflow)(smaller) && bigger.size < UT_MAX)
		return false;
	return (ut)(smaller.base + smaller.size) <= bigger.size;
}

#undef cnum_t
#undef ut
#undef st
#undef UT_MAX
#undef ST_MAX
#undef ST_MIN
#undef EMPTY
#undef FN
