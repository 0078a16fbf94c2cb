/* Circular numbers: the range half of a scalar's abstract value in Linux
 * 7.3. Mirrors include/linux/cnum.h, kernel/bpf/cnum.c and cnum_defs.h.
 *
 * Older kernels kept six bounds (smin/smax/umin/umax/s32_min/...). 7.3
 * keeps one arc per width instead: picture the 2^N values on a circle, 0 at
 * the top, counting clockwise; a cnum is the arc that starts at @base and
 * covers @size further values clockwise (so {base, 0} is a constant and
 * size UT_MAX the whole circle). Signed and unsigned views are both read
 * off the same arc: an arc crossing UT_MAX -> 0 is unbounded as an unsigned
 * range, one crossing ST_MAX -> ST_MIN is unbounded as a signed range. So
 * {U32_MAX, 1} is the signed range [-1, 0] and unsigned [0, U32_MAX].
 *
 * Pitfalls:
 * - the empty set is the otherwise impossible {UT_MAX, UT_MAX}; it is how
 *   branch refinement signals a dead branch.
 * - intersect() of arcs that meet in two pieces returns the smaller input,
 *   not the exact (non-arc) intersection.
 * - the umin/umax/smin/smax getters collapse a crossing arc to the full
 *   range, so setting an arc from a range and reading it back may lose
 *   precision: {U64_MAX, 1} reads back as umin=0, umax=U64_MAX.
 */
#ifndef VERISTEP_SIM_CNUM_H
#define VERISTEP_SIM_CNUM_H

#include <stdbool.h>
#include <stdint.h>

struct cnum32 {
	uint32_t base;
	uint32_t size;   /* values in the arc, minus one */
};

struct cnum64 {
	uint64_t base;
	uint64_t size;
};

#define CNUM32_UNBOUNDED ((struct cnum32){ .base = 0, .size = UINT32_MAX })
#define CNUM32_EMPTY ((struct cnum32){ .base = UINT32_MAX, .size = UINT32_MAX })
#define CNUM64_UNBOUNDED ((struct cnum64){ .base = 0, .size = UINT64_MAX })
#define CNUM64_EMPTY ((struct cnum64){ .base = UINT64_MAX, .size = UINT64_MAX })

struct cnum32 cnum32_from_urange(uint32_t min, uint32_t max);
struct cnum32 cnum32_from_srange(int32_t min, int32_t max);
uint32_t cnum32_umin(struct cnum32 cnum);
uint32_t cnum32_umax(struct cnum32 cnum);
int32_t cnum32_smin(struct cnum32 cnum);
int32_t cnum32_smax(struct cnum32 cnum);
struct cnum32 cnum32_intersect(struct cnum32 a, struct cnum32 b);
void cnum32_intersect_with(struct cnum32 *dst, struct cnum32 src);
void cnum32_intersect_with_urange(struct cnum32 *dst, uint32_t min, uint32_t max);
void cnum32_intersect_with_srange(struct cnum32 *dst, int32_t min, int32_t max);
bool cnum32_contains(struct cnum32 cnum, uint32_t v);
bool cnum32_is_const(struct cnum32 cnum);
bool cnum32_is_empty(struct cnum32 cnum);
struct cnum32 cnum32_add(struct cnum32 a, struct cnum32 b);
struct cnum32 cnum32_negate(struct cnum32 a);
bool cnum32_is_subset(struct cnum32 bigger, struct cnum32 smaller);

struct cnum64 cnum64_from_urange(uint64_t min, uint64_t max);
struct cnum64 cnum64_from_srange(int64_t min, int64_t max);
uint64_t cnum64_umin(struct cnum64 cnum);
uint64_t cnum64_umax(struct cnum64 cnum);
int64_t cnum64_smin(struct cnum64 cnum);
int64_t cnum64_smax(struct cnum64 cnum);
struct cnum64 cnum64_intersect(struct cnum64 a, struct cnum64 b);
void cnum64_intersect_with(struct cnum64 *dst, struct cnum64 src);
void cnum64_intersect_with_urange(struct cnum64 *dst, uint64_t min, uint64_t max);
void cnum64_intersect_with_srange(struct cnum64 *dst, int64_t min, int64_t max);
bool cnum64_contains(struct cnum64 cnum, uint64_t v);
bool cnum64_is_const(struct cnum64 cnum);
bool cnum64_is_empty(struct cnum64 cnum);
struct cnum64 cnum64_add(struct cnum64 a, struct cnum64 b);
struct cnum64 cnum64_negate(struct cnum64 a);
bool cnum64_is_subset(struct cnum64 bigger, struct cnum64 smaller);

/* The subregister's arc of a 64-bit arc. */
struct cnum32 cnum32_from_cnum64(struct cnum64 cnum);
/* The part of a whose low words lie in b, as one arc (over-approximated). */
struct cnum64 cnum64_cnum32_intersect(struct cnum64 a, struct cnum32 b);

#endif
