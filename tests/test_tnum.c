/* Unit tests for sim/tnum.c: kernel examples as tables, and soundness of
 * every operation against concrete members of random tnums (each result
 * must contain op(x, y) for all members x, y), plus exhaustive checks of
 * tnum_step/tnum_in/tnum_overlap on tnums confined to the low 8 bits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tnum.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)   /* splitmix64: deterministic runs */
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* masks of varied density and placement: sparse, low bits, high bits, all */
static uint64_t random_mask(void)
{
	switch (rnd() % 6) {
	case 0: return 0;
	case 1: return rnd() & rnd() & rnd();
	case 2: return (1ULL << (rnd() % 64)) - 1;
	case 3: return ~((1ULL << (rnd() % 64)) - 1);
	case 4: return rnd();
	default: return rnd() & 0xffULL;
	}
}

static struct tnum random_tnum(void)
{
	uint64_t m = random_mask();

	return (struct tnum){ .value = rnd() & ~m, .mask = m };
}

static uint64_t member(struct tnum t)
{
	return t.value | (rnd() & t.mask);
}

static void assert_member(struct tnum t, uint64_t v, const char *what, uint64_t x, uint64_t y)
{
	if (!tnum_contains(t, v) || (t.value & t.mask))
		fail_msg("%s: x=%#" PRIx64 " y=%#" PRIx64 " result %#" PRIx64
			 " not in (%#" PRIx64 "; %#" PRIx64 ")",
			 what, x, y, v, t.value, t.mask);
}

enum binop { ADD, SUB, AND, OR, XOR, MUL, UNION, NBINOPS };

static const char *const binop_name[NBINOPS] = {
	[ADD] = "add", [SUB] = "sub", [AND] = "and", [OR] = "or",
	[XOR] = "xor", [MUL] = "mul", [UNION] = "union",
};

static struct tnum abstract_binop(enum binop op, struct tnum a, struct tnum b)
{
	switch (op) {
	case ADD: return tnum_add(a, b);
	case SUB: return tnum_sub(a, b);
	case AND: return tnum_and(a, b);
	case OR: return tnum_or(a, b);
	case XOR: return tnum_xor(a, b);
	case MUL: return tnum_mul(a, b);
	default: return tnum_union(a, b);
	}
}

static uint64_t concrete_binop(enum binop op, uint64_t x, uint64_t y, int pick)
{
	switch (op) {
	case ADD: return x + y;
	case SUB: return x - y;
	case AND: return x & y;
	case OR: return x | y;
	case XOR: return x ^ y;
	case MUL: return x * y;
	default: return pick ? y : x;   /* union: either operand */
	}
}

static void test_tnum_binops_sound(void **state)
{
	(void)state;
	for (int op = 0; op < NBINOPS; op++) {
		for (int i = 0; i < 20000; i++) {
			struct tnum a = random_tnum(), b = random_tnum();
			struct tnum r = abstract_binop(op, a, b);

			for (int k = 0; k < 8; k++) {
				uint64_t x = member(a), y = member(b);

				assert_member(r, concrete_binop(op, x, y, k & 1), binop_name[op], x, y);
			}
		}
	}
}

static void test_tnum_unops_sound(void **state)
{
	(void)state;
	for (int i = 0; i < 50000; i++) {
		struct tnum a = random_tnum();
		uint8_t sh = (uint8_t)(rnd() % 64), sh32 = (uint8_t)(rnd() % 32);
		uint8_t size = (uint8_t)(1 + rnd() % 7);

		for (int k = 0; k < 8; k++) {
			uint64_t x = member(a);

			assert_member(tnum_neg(a), -x, "neg", x, 0);
			assert_member(tnum_lshift(a, sh), x << sh, "lshift", x, sh);
			assert_member(tnum_rshift(a, sh), x >> sh, "rshift", x, sh);
			assert_member(tnum_arshift(a, sh, 64), (uint64_t)((int64_t)x >> sh),
				      "arshift64", x, sh);
			assert_member(tnum_arshift(tnum_subreg(a), sh32, 32),
				      (uint32_t)((int32_t)(uint32_t)x >> sh32), "arshift32", x, sh32);
			assert_member(tnum_bswap16(a), __builtin_bswap16((uint16_t)x), "bswap16", x, 0);
			assert_member(tnum_bswap32(a), __builtin_bswap32((uint32_t)x), "bswap32", x, 0);
			assert_member(tnum_bswap64(a), __builtin_bswap64(x), "bswap64", x, 0);
			assert_member(tnum_cast(a, size), x & ((1ULL << (size * 8)) - 1), "cast", x, size);
			assert_member(tnum_subreg(a), (uint32_t)x, "subreg", x, 0);
			assert_member(tnum_clear_subreg(a), x & ~0xffffffffULL, "clear_subreg", x, 0);
		}
	}
}

static void test_tnum_range_sound(void **state)
{
	(void)state;
	for (int i = 0; i < 50000; i++) {
		uint64_t lo = rnd() >> (rnd() % 64), hi = lo + (rnd() >> (rnd() % 64));
		struct tnum t;

		if (hi < lo)
			hi = UINT64_MAX;
		t = tnum_range(lo, hi);
		assert_member(t, lo, "range lo", lo, hi);
		assert_member(t, hi, "range hi", lo, hi);
		assert_member(t, lo + (rnd() % (hi - lo + 1 ? hi - lo + 1 : 1)), "range mid", lo, hi);
	}
}

/* intersect and with_subreg: a value in both inputs is in the result */
static void test_tnum_intersect_sound(void **state)
{
	(void)state;
	for (int i = 0; i < 50000; i++) {
		struct tnum a = random_tnum(), b = random_tnum();
		/* a common member: agree on bits known in both */
		uint64_t x = member(a);
		uint64_t known_b = ~b.mask;

		if ((x & known_b & ~a.mask) != (b.value & ~a.mask & known_b))
			continue;
		x = (x & ~(known_b & a.mask)) | (b.value & known_b & a.mask);
		assert_true(tnum_contains(a, x) && tnum_contains(b, x));
		assert_member(tnum_intersect(a, b), x, "intersect", x, 0);
		assert_true(tnum_overlap(a, b));
		assert_member(tnum_with_subreg(a, b),
			      (x & ~0xffffffffULL) | (uint32_t)x, "with_subreg", x, 0);
	}
}

/* exhaustive on 8-bit tnums: step, in, overlap, is_aligned against sets */
static void test_tnum_small_exhaustive(void **state)
{
	(void)state;
	for (unsigned int m = 0; m < 256; m++) {
		for (unsigned int v = 0; v < 256; v++) {
			struct tnum t = { v & ~m, m };

			if (v & m)
				continue;
			for (unsigned int z = 0; z < 256; z++) {
				uint64_t want = t.value | t.mask;  /* tmax when none above */

				if (z < t.value)
					want = t.value;
				else
					for (unsigned int c = z + 1; c < 256; c++)
						if (tnum_contains(t, c)) {
							want = c;
							break;
						}
				if (tnum_step(t, z) != want)
					fail_msg("tnum_step((%#x; %#x), %u) = %" PRIu64 ", want %" PRIu64,
						 v, m, z, tnum_step(t, z), want);
			}
			for (unsigned int a = 1; a <= 128; a <<= 1) {
				bool aligned = true;

				for (unsigned int c = 0; c < 256; c++)
					if (tnum_contains(t, c) && c % a)
						aligned = false;
				assert_int_equal(tnum_is_aligned(t, a), aligned);
			}
		}
	}
	for (int i = 0; i < 20000; i++) {
		uint64_t ma = rnd() & 0xff, mb = rnd() & 0xff;
		struct tnum a = { rnd() & 0xff & ~ma, ma }, b = { rnd() & 0xff & ~mb, mb };
		bool subset = true, meet = false;

		for (unsigned int c = 0; c < 256; c++) {
			if (tnum_contains(b, c) && !tnum_contains(a, c))
				subset = false;
			if (tnum_contains(b, c) && tnum_contains(a, c))
				meet = true;
		}
		assert_int_equal(tnum_in(a, b), subset);
		assert_int_equal(tnum_overlap(a, b), meet);
	}
}

struct range_case {
	uint64_t min, max, value, mask;
};

/* tnum_range() rows, incl. the header's own example: (0, 2) also has 3 */
static const struct range_case range_cases[] = {
	{ 0, 2, 0, 3 },
	{ 5, 5, 5, 0 },
	{ 0, UINT64_MAX, 0, UINT64_MAX },
	{ 0x100, 0x1ff, 0x100, 0xff },
	{ 8, 9, 8, 1 },
	{ 7, 8, 0, 0xf },
	{ 1ULL << 63, UINT64_MAX, 1ULL << 63, (1ULL << 63) - 1 },
};

static void test_tnum_range_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(range_cases) / sizeof(range_cases[0]); i++) {
		struct tnum t = tnum_range(range_cases[i].min, range_cases[i].max);

		assert_int_equal(t.value, range_cases[i].value);
		assert_int_equal(t.mask, range_cases[i].mask);
	}
}

struct op_case {
	const char *op;
	struct tnum a, b, want;
};

#define T(v, m) { (v), (m) }
/* hand-checked results (tnum_mul's comment: 11 * x1 = x0x1 over 4 bits) */
static const struct op_case op_cases[] = {
	{ "mul", T(0x1, 0x2), T(0x3, 0), T(0x1, 0xa) },
	{ "add", T(0x1, 0), T(0x1, 0), T(0x2, 0) },
	{ "add", T(0x0, 0x1), T(0x1, 0), T(0x0, 0x3) },
	{ "sub", T(0x0, 0), T(0x1, 0), T(UINT64_MAX, 0) },
	{ "and", T(0xf0, 0x0f), T(0x3c, 0), T(0x30, 0x0c) },
	{ "or", T(0xf0, 0x0f), T(0x3c, 0), T(0xfc, 0x03) },
	{ "xor", T(0xf0, 0x0f), T(0x3c, 0), T(0xc0, 0x0f) },
	{ "union", T(0x2, 0), T(0x3, 0), T(0x2, 0x1) },
	{ "intersect", T(0x0, 0xff), T(0x10, 0x0f), T(0x10, 0x0f) },
};

static void test_tnum_op_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(op_cases) / sizeof(op_cases[0]); i++) {
		const struct op_case *c = &op_cases[i];
		struct tnum r;

		if (!strcmp(c->op, "mul"))
			r = tnum_mul(c->a, c->b);
		else if (!strcmp(c->op, "add"))
			r = tnum_add(c->a, c->b);
		else if (!strcmp(c->op, "sub"))
			r = tnum_sub(c->a, c->b);
		else if (!strcmp(c->op, "and"))
			r = tnum_and(c->a, c->b);
		else if (!strcmp(c->op, "or"))
			r = tnum_or(c->a, c->b);
		else if (!strcmp(c->op, "xor"))
			r = tnum_xor(c->a, c->b);
		else if (!strcmp(c->op, "union"))
			r = tnum_union(c->a, c->b);
		else
			r = tnum_intersect(c->a, c->b);
		if (r.value != c->want.value || r.mask != c->want.mask)
			fail_msg("case %zu (%s): got (%#" PRIx64 "; %#" PRIx64 ")", i, c->op,
				 r.value, r.mask);
	}
}

struct strn_case {
	struct tnum t;
	const char *want;
};

/* the log's number formats (kernel/bpf/log.c tnum_strn) */
static const struct strn_case strn_cases[] = {
	{ T(0, 0), "0" },
	{ T(65535, 0), "65535" },
	{ T(65536, 0), "0x10000" },
	{ T((uint64_t)-1, 0), "-1" },
	{ T((uint64_t)-32768, 0), "-32768" },
	{ T((uint64_t)-32769, 0), "0xffffffffffff7fff" },
	{ T(0, 0xff), "(0x0; 0xff)" },
	{ T(0x1bc16d4000000000ULL, 0x3ffffffeffULL), "(0x1bc16d4000000000; 0x3ffffffeff)" },
};

static void test_tnum_strn_table(void **state)
{
	char buf[64], bin[65];

	(void)state;
	for (size_t i = 0; i < sizeof(strn_cases) / sizeof(strn_cases[0]); i++) {
		tnum_strn(buf, sizeof(buf), strn_cases[i].t);
		assert_string_equal(buf, strn_cases[i].want);
	}
	tnum_sbin(bin, sizeof(bin), (struct tnum){ 0x5, 0x2 });
	assert_string_equal(bin + 60, "01x1");
}

/* tnum_step()'s own example: t = x11100x0, z = 241 -> 242 */
static void test_tnum_step_example(void **state)
{
	(void)state;
	assert_int_equal(tnum_step((struct tnum){ 0x70, 0x82 }, 241), 242);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tnum_range_table),
		cmocka_unit_test(test_tnum_op_table),
		cmocka_unit_test(test_tnum_strn_table),
		cmocka_unit_test(test_tnum_step_example),
		cmocka_unit_test(test_tnum_binops_sound),
		cmocka_unit_test(test_tnum_unops_sound),
		cmocka_unit_test(test_tnum_range_sound),
		cmocka_unit_test(test_tnum_intersect_sound),
		cmocka_unit_test(test_tnum_small_exhaustive),
	};

	return cmocka_run_group_tests_name("tnum", tests, NULL, NULL);
}
