/* tnum: tracked ("tristate") numbers, the bit-level half of a scalar's
 * abstract value. Mirrors include/linux/tnum.h and kernel/bpf/tnum.c of
 * Linux 7.3; the functions keep the kernel's names so a reader can put the
 * two side by side.
 *
 * A tnum is a pair (value, mask): bits set in mask are unknown, the other
 * bits are known and equal to the same bit of value. Invariant:
 * value & mask == 0. The set it stands for is { value | s : s ⊆ mask }.
 * Every operation over-approximates: the result contains op(x, y) for every
 * x in a and y in b.
 *
 * Pitfalls (as in the kernel):
 * - tnum_range(min, max) may contain values outside [min, max]
 *   (tnum_range(0, 2) also contains 3).
 * - tnum_intersect() of two tnums that disagree on a known bit does not
 *   detect the contradiction: the known 1 wins.
 * - shift amounts must be < 64 (the verifier only shifts by checked
 *   constants).
 */
#ifndef VERISTEP_SIM_TNUM_H
#define VERISTEP_SIM_TNUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct tnum {
	uint64_t value;
	uint64_t mask;
};

/* A completely unknown value: (0; 0xffffffffffffffff). */
extern const struct tnum tnum_unknown;

struct tnum tnum_const(uint64_t value);
/* Smallest tnum containing every value in [min, max] (and maybe more). */
struct tnum tnum_range(uint64_t min, uint64_t max);

struct tnum tnum_lshift(struct tnum a, uint8_t shift);
struct tnum tnum_rshift(struct tnum a, uint8_t shift);
/* Arithmetic shift; insn_bitness 32 shifts the low word as s32. */
struct tnum tnum_arshift(struct tnum a, uint8_t min_shift, uint8_t insn_bitness);
struct tnum tnum_add(struct tnum a, struct tnum b);
struct tnum tnum_sub(struct tnum a, struct tnum b);
struct tnum tnum_neg(struct tnum a);
struct tnum tnum_and(struct tnum a, struct tnum b);
struct tnum tnum_or(struct tnum a, struct tnum b);
struct tnum tnum_xor(struct tnum a, struct tnum b);
struct tnum tnum_mul(struct tnum a, struct tnum b);

/* True if the bits known in both agree (the sets may intersect). */
bool tnum_overlap(struct tnum a, struct tnum b);
/* Values satisfying both a and b (no contradiction check, see above). */
struct tnum tnum_intersect(struct tnum a, struct tnum b);
/* Smallest tnum containing both a and b. */
struct tnum tnum_union(struct tnum a, struct tnum b);
/* Keep the low @size bytes, clear the rest. */
struct tnum tnum_cast(struct tnum a, uint8_t size);

struct tnum tnum_bswap16(struct tnum a);
struct tnum tnum_bswap32(struct tnum a);
struct tnum tnum_bswap64(struct tnum a);

static inline bool tnum_is_const(struct tnum a)
{
	return !a.mask;
}

static inline bool tnum_equals_const(struct tnum a, uint64_t b)
{
	return tnum_is_const(a) && a.value == b;
}

static inline bool tnum_is_unknown(struct tnum a)
{
	return !~a.mask;
}

/* True if every member is a multiple of @size (a power of two, or 0). */
bool tnum_is_aligned(struct tnum a, uint64_t size);
/* True if b's set is a subset of a's. */
bool tnum_in(struct tnum a, struct tnum b);
/* True if @v is a member of @a (not a kernel function; used by tests and
 * explanations). */
bool tnum_contains(struct tnum a, uint64_t v);

/* snprintf-like formatting. tnum_strn mirrors the 7.3 version in
 * kernel/bpf/log.c: constants print as decimal when small, else
 * "(%#llx; %#llx)". tnum_sbin prints 64 tristate digits (0, 1, x). */
int tnum_strn(char *str, size_t size, struct tnum a);
int tnum_sbin(char *str, size_t size, struct tnum a);

/* The 32-bit subregister: low word kept, high word cleared. */
struct tnum tnum_subreg(struct tnum a);
/* The low word cleared. */
struct tnum tnum_clear_subreg(struct tnum a);
/* reg's high word with subreg's low word. */
struct tnum tnum_with_subreg(struct tnum reg, struct tnum subreg);
/* a's high word with the known low word @value. */
struct tnum tnum_const_subreg(struct tnum a, uint32_t value);

static inline bool tnum_subreg_is_const(struct tnum a)
{
	return !tnum_subreg(a).mask;
}

/* Smallest member of t greater than z (t's maximum if none is, t's minimum
 * if z is below it). */
uint64_t tnum_step(struct tnum t, uint64_t z);

#endif
