/* Tracked numbers: mirrors kernel/bpf/tnum.c (and tnum_strn() of
 * kernel/bpf/log.c) of Linux 7.3. See tnum.h for the contract. */
#include "tnum.h"

#include <inttypes.h>
#include <stdio.h>

#define TNUM(v, m) ((struct tnum){ .value = (v), .mask = (m) })

const struct tnum tnum_unknown = { .value = 0, .mask = UINT64_MAX };

/* fls64(): 1-based index of the highest set bit, 0 for 0. */
static unsigned int fls64(uint64_t x)
{
	return x ? 64 - (unsigned int)__builtin_clzll(x) : 0;
}

struct tnum tnum_const(uint64_t value)
{
	return TNUM(value, 0);
}

/* mirrors tnum_range(): every bit at or below the highest bit in which min
 * and max differ becomes unknown. */
struct tnum tnum_range(uint64_t min, uint64_t max)
{
	unsigned int bits = fls64(min ^ max);
	uint64_t delta;

	if (bits > 63)          /* 1ULL << 64 is undefined */
		return tnum_unknown;
	delta = (1ULL << bits) - 1;
	return TNUM(min & ~delta, delta);
}

struct tnum tnum_lshift(struct tnum a, uint8_t shift)
{
	return TNUM(a.value << shift, a.mask << shift);
}

struct tnum tnum_rshift(struct tnum a, uint8_t shift)
{
	return TNUM(a.value >> shift, a.mask >> shift);
}

/* mirrors tnum_arshift(): shifting value and mask arithmetically keeps
 * the sign bit's knowledge in every bit it is copied into. */
struct tnum tnum_arshift(struct tnum a, uint8_t min_shift, uint8_t insn_bitness)
{
	if (insn_bitness == 32)
		return TNUM((uint32_t)((int32_t)a.value >> min_shift),
			    (uint32_t)((int32_t)a.mask >> min_shift));
	return TNUM((uint64_t)((int64_t)a.value >> min_shift),
		    (uint64_t)((int64_t)a.mask >> min_shift));
}

/* mirrors tnum_add(): bits where the sum of the minima and the sum of the
 * maxima differ may be touched by a carry and become unknown. */
struct tnum tnum_add(struct tnum a, struct tnum b)
{
	uint64_t sm = a.mask + b.mask;
	uint64_t sv = a.value + b.value;
	uint64_t sigma = sm + sv;
	uint64_t chi = sigma ^ sv;
	uint64_t mu = chi | a.mask | b.mask;

	return TNUM(sv & ~mu, mu);
}

/* mirrors tnum_sub(): same idea with borrows. */
struct tnum tnum_sub(struct tnum a, struct tnum b)
{
	uint64_t dv = a.value - b.value;
	uint64_t alpha = dv + a.mask;
	uint64_t beta = dv - b.mask;
	uint64_t chi = alpha ^ beta;
	uint64_t mu = chi | a.mask | b.mask;

	return TNUM(dv & ~mu, mu);
}

struct tnum tnum_neg(struct tnum a)
{
	return tnum_sub(TNUM(0, 0), a);
}

struct tnum tnum_and(struct tnum a, struct tnum b)
{
	uint64_t alpha = a.value | a.mask;
	uint64_t beta = b.value | b.mask;
	uint64_t v = a.value & b.value;

	return TNUM(v, alpha & beta & ~v);
}

struct tnum tnum_or(struct tnum a, struct tnum b)
{
	uint64_t v = a.value | b.value;
	uint64_t mu = a.mask | b.mask;

	return TNUM(v, mu & ~v);
}

struct tnum tnum_xor(struct tnum a, struct tnum b)
{
	uint64_t v = a.value ^ b.value;
	uint64_t mu = a.mask | b.mask;

	return TNUM(v & ~mu, mu);
}

/* mirrors tnum_mul(): long multiplication over a's bits; an unknown bit of
 * a contributes the union of "add b" and "add nothing". */
struct tnum tnum_mul(struct tnum a, struct tnum b)
{
	struct tnum acc = TNUM(0, 0);

	while (a.value || a.mask) {
		if (a.value & 1)
			acc = tnum_add(acc, b);
		else if (a.mask & 1)
			acc = tnum_union(acc, tnum_add(acc, b));
		a = tnum_rshift(a, 1);
		b = tnum_lshift(b, 1);
	}
	return acc;
}

bool tnum_overlap(struct tnum a, struct tnum b)
{
	uint64_t mu = ~a.mask & ~b.mask;

	return (a.value & mu) == (b.value & mu);
}

struct tnum tnum_intersect(struct tnum a, struct tnum b)
{
	uint64_t v = a.value | b.value;
	uint64_t mu = a.mask & b.mask;

	return TNUM(v & ~mu, mu);
}

struct tnum tnum_union(struct tnum a, struct tnum b)
{
	uint64_t v = a.value & b.value;
	uint64_t mu = (a.value ^ b.value) | a.mask | b.mask;

	return TNUM(v & ~mu, mu);
}

struct tnum tnum_cast(struct tnum a, uint8_t size)
{
	/* size 8 would shift by 64: the verifier never asks (it casts to
	 * sizes below a register); keep everything then */
	uint64_t keep = size >= 8 ? UINT64_MAX : (1ULL << (size * 8)) - 1;

	a.value &= keep;
	a.mask &= keep;
	return a;
}

bool tnum_is_aligned(struct tnum a, uint64_t size)
{
	if (!size)
		return true;
	return !((a.value | a.mask) & (size - 1));
}

bool tnum_in(struct tnum a, struct tnum b)
{
	if (b.mask & ~a.mask)
		return false;
	b.value &= ~a.mask;
	return a.value == b.value;
}

bool tnum_contains(struct tnum a, uint64_t v)
{
	return (v & ~a.mask) == a.value;
}

/* Log number formats, as kernel/bpf/log.c decides them. */
#define UNUM_MAX_DECIMAL UINT16_MAX
#define SNUM_MAX_DECIMAL INT16_MAX
#define SNUM_MIN_DECIMAL INT16_MIN

/* mirrors tnum_strn() (log.c in 7.3) */
int tnum_strn(char *str, size_t size, struct tnum a)
{
	if (a.mask == 0) {
		int64_t s = (int64_t)a.value;

		if (a.value <= UNUM_MAX_DECIMAL)
			return snprintf(str, size, "%" PRIu64, a.value);
		if (s >= SNUM_MIN_DECIMAL && s <= SNUM_MAX_DECIMAL)
			return snprintf(str, size, "%" PRId64, s);
		return snprintf(str, size, "0x%" PRIx64, a.value);
	}
	/* the kernel's "%#llx" prints 0 as "0x0", unlike C's printf */
	return snprintf(str, size, "(0x%" PRIx64 "; 0x%" PRIx64 ")", a.value, a.mask);
}

int tnum_sbin(char *str, size_t size, struct tnum a)
{
	size_t n;

	if (!size)
		return 64;
	for (n = 64; n; n--) {
		if (n < size)
			str[n - 1] = (a.mask & 1) ? 'x' : (a.value & 1) ? '1' : '0';
		a.mask >>= 1;
		a.value >>= 1;
	}
	str[size - 1 < 64 ? size - 1 : 64] = 0;
	return 64;
}

struct tnum tnum_subreg(struct tnum a)
{
	return tnum_cast(a, 4);
}

struct tnum tnum_clear_subreg(struct tnum a)
{
	return tnum_lshift(tnum_rshift(a, 32), 32);
}

struct tnum tnum_with_subreg(struct tnum reg, struct tnum subreg)
{
	return tnum_or(tnum_clear_subreg(reg), tnum_subreg(subreg));
}

struct tnum tnum_const_subreg(struct tnum a, uint32_t value)
{
	return tnum_with_subreg(a, tnum_const(value));
}

struct tnum tnum_bswap16(struct tnum a)
{
	return TNUM(__builtin_bswap16((uint16_t)a.value),
		    __builtin_bswap16((uint16_t)a.mask));
}

struct tnum tnum_bswap32(struct tnum a)
{
	return TNUM(__builtin_bswap32((uint32_t)a.value),
		    __builtin_bswap32((uint32_t)a.mask));
}

struct tnum tnum_bswap64(struct tnum a)
{
	return TNUM(__builtin_bswap64(a.value), __builtin_bswap64(a.mask));
}

/* mirrors tnum_step(): members of t are t.value + s for submasks s of
 * t.mask; find the smallest submask above z - t.value by incrementing
 * "inside the mask" (non-mask positions filled with ones so the carry
 * ripples through them). */
uint64_t tnum_step(struct tnum t, uint64_t z)
{
	uint64_t tmax = t.value | t.mask;
	uint64_t d, carry_mask, filled, inc;
	unsigned int hi;

	if (z >= tmax)
		return tmax;
	if (z < t.value)
		return t.value;
	d = z - t.value;
	hi = fls64(d & ~t.mask);
	/* (1ULL << 64) - 1 in the kernel relies on x86 shift masking giving
	 * 0 at hi == 64; d < tmax - t.value <= t.mask keeps hi <= 63 here */
	carry_mask = hi >= 64 ? UINT64_MAX : (1ULL << hi) - 1;
	filled = d | carry_mask | ~t.mask;
	inc = (filled + 1) & t.mask;
	return t.value | inc;
}
