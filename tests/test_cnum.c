/* Unit tests for sim/cnum.c. The width-generic sim/cnum_defs.h is also
 * instantiated here at 8 and 16 bits, so the very code compiled into the
 * simulator is checked against brute force over whole circles: every
 * 8-bit arc for the getters and membership, random pairs for intersect /
 * add / subset, and 16x8-bit arcs for the wide/narrow functions. The 32/64
 * bit instantiations are checked by tables (the kernel's own examples) and
 * by sampled soundness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>

#include "cnum.h"

#define CNUM_DEFINE_TYPES
#define CNUM_LINKAGE static inline __attribute__((unused))
#define T 8
#include "cnum_defs.h"
#undef T
#define T 16
#include "cnum_defs.h"
#undef T
#define TW 16
#define TN 8
#include "cnum_cross_defs.h"
#undef TW
#undef TN

static uint64_t rng_state = 0x243f6a8885a308d3ULL;

static uint64_t rnd(void)   /* splitmix64 */
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- brute-force sets of 8-bit values ---- */

struct set8 {
	bool in[256];
};

static struct set8 set_of(struct cnum8 c)
{
	struct set8 s = { { false } };

	if (c.base == 0xff && c.size == 0xff)
		return s;  /* empty */
	for (unsigned int k = 0; k <= c.size; k++)
		s.in[(uint8_t)(c.base + k)] = true;
	return s;
}

static struct cnum8 random_cnum8(void)
{
	struct cnum8 c = { (uint8_t)rnd(), (uint8_t)rnd() };

	switch (rnd() % 5) {
	case 0: c.size = (uint8_t)(rnd() % 8); break;
	case 1: c.size = (uint8_t)(255 - rnd() % 8); break;
	case 2: c = (struct cnum8){ 0xff, 0xff }; break;   /* empty */
	default: break;
	}
	return c;
}

static void test_cnum_8bit_members_and_bounds(void **state)
{
	(void)state;
	for (unsigned int base = 0; base < 256; base++) {
		for (unsigned int size = 0; size < 256; size++) {
			struct cnum8 c = { (uint8_t)base, (uint8_t)size };
			struct set8 s = set_of(c);
			bool empty = base == 255 && size == 255;
			bool wraps_u = base + size > 255;
			int lo_u = 256, hi_u = -1, lo_s = 128, hi_s = -129;
			bool has_smax = s.in[127], has_smin = s.in[128];

			for (unsigned int v = 0; v < 256; v++) {
				if (cnum8_contains(c, (uint8_t)v) != s.in[v])
					fail_msg("contains {%u,%u} %u", base, size, v);
				if (!s.in[v])
					continue;
				lo_u = (int)v < lo_u ? (int)v : lo_u;
				hi_u = (int)v > hi_u ? (int)v : hi_u;
				lo_s = (int8_t)v < lo_s ? (int8_t)v : lo_s;
				hi_s = (int8_t)v > hi_s ? (int8_t)v : hi_s;
			}
			assert_int_equal(cnum8_is_empty(c), empty);
			if (empty)
				continue;
			/* unsigned view: exact unless the arc crosses 255 -> 0 */
			assert_int_equal(cnum8_umin(c), wraps_u ? 0 : lo_u);
			assert_int_equal(cnum8_umax(c), wraps_u ? 255 : hi_u);
			/* signed view: exact unless it crosses 127 -> -128 */
			if (has_smax && has_smin) {
				assert_int_equal(cnum8_smin(c), -128);
				assert_int_equal(cnum8_smax(c), 127);
			} else {
				assert_int_equal(cnum8_smin(c), lo_s);
				assert_int_equal(cnum8_smax(c), hi_s);
			}
			assert_int_equal(cnum8_is_const(c), size == 0);
		}
	}
}

static void test_cnum_8bit_from_ranges(void **state)
{
	(void)state;
	for (int lo = 0; lo < 256; lo++) {
		for (int hi = lo; hi < 256; hi++) {
			struct set8 u = set_of(cnum8_from_urange((uint8_t)lo, (uint8_t)hi));
			struct set8 s = set_of(cnum8_from_srange((int8_t)(lo - 128),
								 (int8_t)(hi - 128)));

			for (int v = 0; v < 256; v++) {
				assert_int_equal(u.in[v], v >= lo && v <= hi);
				assert_int_equal(s.in[(uint8_t)(v - 128)], v >= lo && v <= hi);
			}
		}
	}
}

static bool subset8(const struct set8 *a, const struct set8 *b)
{
	for (int v = 0; v < 256; v++)
		if (a->in[v] && !b->in[v])
			return false;
	return true;
}

/* intersect: sound, within a or b, exact when the intersection is one arc
 * no bigger than... at least: empty only if truly disjoint */
static void test_cnum_8bit_intersect(void **state)
{
	(void)state;
	for (int i = 0; i < 300000; i++) {
		struct cnum8 a = random_cnum8(), b = random_cnum8();
		struct cnum8 r = cnum8_intersect(a, b);
		struct set8 sa = set_of(a), sb = set_of(b), sr = set_of(r);

		for (int v = 0; v < 256; v++)
			if (sa.in[v] && sb.in[v] && !sr.in[v])
				fail_msg("intersect {%u,%u} {%u,%u} = {%u,%u} lost %d",
					 a.base, a.size, b.base, b.size, r.base, r.size, v);
		if (!subset8(&sr, &sa) && !subset8(&sr, &sb))
			fail_msg("intersect {%u,%u} {%u,%u} = {%u,%u} outside both",
				 a.base, a.size, b.base, b.size, r.base, r.size);
	}
}

static void test_cnum_8bit_add_negate(void **state)
{
	(void)state;
	for (int i = 0; i < 100000; i++) {
		struct cnum8 a = random_cnum8(), b = random_cnum8();
		struct cnum8 sum = cnum8_add(a, b), neg = cnum8_negate(a);
		struct set8 sa = set_of(a), sb = set_of(b), ss = set_of(sum), sn = set_of(neg);

		for (int x = 0; x < 256; x++) {
			if (!sa.in[x])
				continue;
			if (!sn.in[(uint8_t)-x])
				fail_msg("negate {%u,%u} lost -%d", a.base, a.size, x);
			for (int k = 0; k < 4; k++) {
				int y = (int)(rnd() % 256);

				if (sb.in[y] && !ss.in[(uint8_t)(x + y)])
					fail_msg("add {%u,%u}+{%u,%u} lost %d+%d", a.base, a.size,
						 b.base, b.size, x, y);
			}
		}
		/* negation is exact: same number of values */
		if (!cnum8_is_empty(a))
			assert_int_equal(neg.size, a.size);
	}
}

static void test_cnum_8bit_subset(void **state)
{
	(void)state;
	for (int i = 0; i < 300000; i++) {
		struct cnum8 a = random_cnum8(), b = random_cnum8();
		struct set8 sa = set_of(a), sb = set_of(b);

		if (cnum8_is_subset(a, b) != subset8(&sb, &sa))
			fail_msg("is_subset({%u,%u}, {%u,%u})", a.base, a.size, b.base, b.size);
	}
}

static struct cnum16 random_cnum16(void)
{
	struct cnum16 c = { (uint16_t)rnd(), (uint16_t)rnd() };

	switch (rnd() % 6) {
	case 0: c.size = (uint16_t)(rnd() % 300); break;
	case 1: c.size = (uint16_t)(rnd() % 1200); break;
	case 2: c.size = (uint16_t)(0xffff - rnd() % 600); break;
	case 3: c.base = (uint16_t)(c.base & ~0xff); break;
	default: break;
	}
	return c;
}

/* the wide/narrow pair at 16/8 bits, every member of the wide arc */
static void test_cnum_16x8_cross(void **state)
{
	(void)state;
	for (int i = 0; i < 6000; i++) {
		struct cnum16 a = random_cnum16();
		struct cnum8 b = random_cnum8();
		struct cnum8 low = cnum8_from_cnum16(a);
		struct cnum16 r = cnum16_cnum8_intersect(a, b);

		for (uint32_t k = 0; k <= a.size; k++) {
			uint16_t x = (uint16_t)(a.base + k);

			if (!cnum8_contains(low, (uint8_t)x))
				fail_msg("from_cnum16 {%u,%u} lost %u", a.base, a.size, x);
			if (cnum8_contains(b, (uint8_t)x) && !cnum16_contains(r, x))
				fail_msg("cnum16_cnum8_intersect({%u,%u}, {%u,%u}) = {%u,%u} lost %u",
					 a.base, a.size, b.base, b.size, r.base, r.size, x);
		}
		/* never grows: the result stays inside a */
		if (!cnum16_is_subset(a, r))
			fail_msg("cnum16_cnum8_intersect({%u,%u}, {%u,%u}) = {%u,%u} grew",
				 a.base, a.size, b.base, b.size, r.base, r.size);
	}
}

/* ---- 32/64-bit tables: the kernel's own examples ---- */

struct view32_case {
	struct cnum32 c;
	uint32_t umin, umax;
	int32_t smin, smax;
};

static const struct view32_case view32_cases[] = {
	/* include/linux/cnum.h: {U32_MAX, 1} is signed [-1, 0] */
	{ { UINT32_MAX, 1 }, 0, UINT32_MAX, -1, 0 },
	/* {S32_MAX, 1} is unsigned [S32_MAX, S32_MIN] */
	{ { INT32_MAX, 1 }, INT32_MAX, 0x80000000u, INT32_MIN, INT32_MAX },
	{ { 0, UINT32_MAX }, 0, UINT32_MAX, INT32_MIN, INT32_MAX },
	{ { 5, 0 }, 5, 5, 5, 5 },
	{ { 0xfffffff0u, 0x20 }, 0, UINT32_MAX, -16, 16 },
};

static void test_cnum_32_views(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(view32_cases) / sizeof(view32_cases[0]); i++) {
		const struct view32_case *v = &view32_cases[i];

		assert_int_equal(cnum32_umin(v->c), v->umin);
		assert_int_equal(cnum32_umax(v->c), v->umax);
		assert_int_equal(cnum32_smin(v->c), v->smin);
		assert_int_equal(cnum32_smax(v->c), v->smax);
	}
	assert_true(cnum32_is_empty(CNUM32_EMPTY));
	assert_false(cnum32_contains(CNUM32_EMPTY, UINT32_MAX));
	/* from_srange(-1, 0) is the arc {U32_MAX, 1} */
	assert_int_equal(cnum32_from_srange(-1, 0).base, UINT32_MAX);
	assert_int_equal(cnum32_from_srange(-1, 0).size, 1);
	/* a full signed range is stored with base 0 */
	assert_int_equal(cnum64_from_srange(INT64_MIN, INT64_MAX).base, 0);
}

struct isect64_case {
	struct cnum64 a, b, want;
};

static const struct isect64_case isect64_cases[] = {
	/* one piece: [10, 20] & [15, 30] = [15, 20] */
	{ { 10, 10 }, { 15, 15 }, { 15, 5 } },
	/* disjoint */
	{ { 10, 10 }, { 30, 5 }, CNUM64_EMPTY },
	/* two pieces: [-10, 10] & [5, -5] keeps the smaller input */
	{ { (uint64_t)-10, 20 }, { 5, (uint64_t)-10 }, { (uint64_t)-10, 20 } },
	/* unsigned [0, 100] & signed [-1, 50] = [0, 50] */
	{ { 0, 100 }, { UINT64_MAX, 51 }, { 0, 50 } },
};

static void test_cnum_64_intersect_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(isect64_cases) / sizeof(isect64_cases[0]); i++) {
		struct cnum64 r = cnum64_intersect(isect64_cases[i].a, isect64_cases[i].b);

		if (r.base != isect64_cases[i].want.base || r.size != isect64_cases[i].want.size)
			fail_msg("case %zu: {%#" PRIx64 ", %#" PRIx64 "}", i, r.base, r.size);
	}
}

/* the diagram of cnum64_cnum32_intersect(): a spans several 2^32 blocks,
 * b sits inside each; t is cut to the first and last block's b */
static void test_cnum_64_32_intersect_table(void **state)
{
	struct cnum64 a = { 0x100000010ULL, 0x300000000ULL };   /* ends 0x400000010 */
	struct cnum32 b = { 0x100, 0xff };                       /* [0x100, 0x1ff] */
	struct cnum64 t = cnum64_cnum32_intersect(a, b);

	(void)state;
	assert_int_equal(t.base, 0x100000100ULL);
	assert_int_equal(t.base + t.size, 0x3000001ffULL);
	/* a inside one block, b elsewhere in it: empty */
	assert_true(cnum64_is_empty(cnum64_cnum32_intersect((struct cnum64){ 0x10, 0x10 },
							    (struct cnum32){ 0x100, 1 })));
	/* the low word of a long arc is everything */
	assert_int_equal(cnum32_from_cnum64((struct cnum64){ 5, 1ULL << 32 }).size, UINT32_MAX);
	assert_int_equal(cnum32_from_cnum64((struct cnum64){ 0x100000005ULL, 3 }).base, 5);
}

/* sampled soundness of the real 32/64-bit code */
static void test_cnum_64_sampled_sound(void **state)
{
	(void)state;
	for (int i = 0; i < 200000; i++) {
		struct cnum64 a = { rnd(), rnd() >> (rnd() % 64) };
		struct cnum64 b = { rnd() % 2 ? rnd() : a.base + (rnd() >> (rnd() % 64)),
				    rnd() >> (rnd() % 64) };
		uint64_t x = a.base + (a.size ? rnd() % a.size : 0);
		uint64_t y = b.base + (b.size ? rnd() % b.size : 0);
		struct cnum32 lo = { (uint32_t)rnd(), (uint32_t)(rnd() >> (rnd() % 32)) };

		assert_true(cnum64_contains(a, x));
		assert_true(cnum64_contains(cnum64_add(a, b), x + y));
		assert_true(cnum64_contains(cnum64_negate(a), -x));
		if (cnum64_contains(b, x))
			assert_true(cnum64_contains(cnum64_intersect(a, b), x));
		assert_true(cnum32_contains(cnum32_from_cnum64(a), (uint32_t)x));
		if (cnum32_contains(lo, (uint32_t)x))
			assert_true(cnum64_contains(cnum64_cnum32_intersect(a, lo), x));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cnum_32_views),
		cmocka_unit_test(test_cnum_64_intersect_table),
		cmocka_unit_test(test_cnum_64_32_intersect_table),
		cmocka_unit_test(test_cnum_8bit_members_and_bounds),
		cmocka_unit_test(test_cnum_8bit_from_ranges),
		cmocka_unit_test(test_cnum_8bit_intersect),
		cmocka_unit_test(test_cnum_8bit_add_negate),
		cmocka_unit_test(test_cnum_8bit_subset),
		cmocka_unit_test(test_cnum_16x8_cross),
		cmocka_unit_test(test_cnum_64_sampled_sound),
	};

	return cmocka_run_group_tests_name("cnum", tests, NULL, NULL);
}
