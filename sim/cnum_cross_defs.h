/* Width-generic link between a wide and a narrow circular number (the
 * 64-bit value and its 32-bit subregister): mirrors cnum32_from_cnum64()
 * and cnum64_cnum32_intersect() of kernel/bpf/cnum.c (Linux 7.3).
 * Include with TW (wide) and TN (narrow, TW/2 or less) defined, after both
 * widths of cnum_defs.h. */
#if !defined(TW) || !defined(TN)
#error "define TW and TN before including cnum_cross_defs.h"
#endif

#ifndef CNUM_LINKAGE
#define CNUM_LINKAGE
#endif

#define cw CNUM_PASTE(cnum, TW)
#define cn CNUM_PASTE(cnum, TN)
#define uw CNUM_PASTE(CNUM_PASTE(uint, TW), _t)
#define un CNUM_PASTE(CNUM_PASTE(uint, TN), _t)
#define UW_MAX ((uw)-1)
#define UN_MAX ((un)-1)
#define FNW(name) CNUM_PASTE(cw, CNUM_PASTE(_, name))
#define FNN(name) CNUM_PASTE(cn, CNUM_PASTE(_, name))

/* mirrors cnum32_from_cnum64(): the low word of an arc; any arc at least a
 * narrow circle long covers every low word. */
CNUM_LINKAGE struct cn CNUM_PASTE(cn, CNUM_PASTE(_from_, cw))(struct cw cnum)
{
	if (FNW(is_empty)(cnum))
		return (struct cn){ UN_MAX, UN_MAX };
	if (cnum.size >= UN_MAX)
		return (struct cn){ .base = 0, .size = UN_MAX };
	return (struct cn){ .base = (un)cnum.base, .size = (un)cnum.size };
}

/* mirrors cnum64_cnum32_intersect(): shrink the wide arc a so that it
 * starts at the first value whose low word is in b and ends at the last
 * such value. Rotating by a's low word makes a start on a narrow-circle
 * boundary; (un)a.size is then where a ends within its last narrow circle. */
CNUM_LINKAGE struct cw CNUM_PASTE(CNUM_PASTE(cw, _), CNUM_PASTE(cn, _intersect))(struct cw a,
										   struct cn b)
{
	struct cn b1 = { (un)(b.base - (un)a.base), b.size };
	struct cw t = a;
	un a_end = (un)a.size;
	uw d, b1_max;

	if (FNW(is_empty)(a) || FNN(is_empty)(b))
		return (struct cw){ UW_MAX, UW_MAX };

	if (FNN(urange_overflow)(b1)) {
		/* b1 wraps: it is a head [0, b1_max] and a tail [b1.base, max];
		 * if a ends in the gap between them, cut a back to b1_max */
		b1_max = (un)(b1.base + b1.size);
		if (a_end > b1_max && a_end < b1.base) {
			d = (uw)(a_end - b1_max);
			t.size = (uw)(t.size - d);
		}
		return t;
	}
	if (t.size < b1.base)
		return (struct cw){ UW_MAX, UW_MAX };
	t.base = (uw)(t.base + b1.base);
	t.size = (uw)(t.size - b1.base);
	b1_max = (uw)b1.base + b1.size;
	d = 0;
	if (a_end < b1.base)
		d = (uw)(a_end + (((uw)1 << TN) - b1_max));
	else if (a_end >= b1_max)
		d = (uw)(a_end - b1_max);
	if (t.size < d)
		return (struct cw){ UW_MAX, UW_MAX };
	t.size = (uw)(t.size - d);
	return t;
}

#undef cw
#undef cn
#undef uw
#undef un
#undef UW_MAX
#undef UN_MAX
#undef FNW
#undef FNN
