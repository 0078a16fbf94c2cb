/* Conditional jumps on scalars: mirrors is_scalar_branch_taken(),
 * simulate_both_branches_taken(), regs_refine_cond_op(), rev_opcode() and
 * flip_opcode() of kernel/bpf/verifier.c (Linux 7.3).
 *
 * 7.3 decides a branch in two stages. First cheap comparisons of the
 * ranges (and tnums for ==, !=, &). If those are inconclusive it refines
 * copies of both operands for each outcome, as it would for the two
 * successor states, and calls an outcome impossible when a refined arc
 * comes out empty. The refined copies of an undecided branch are exactly
 * what the two successor states receive.
 */
#include "scalar.h"

#define U32_MAX UINT32_MAX
#define U64_MAX UINT64_MAX

/* "not JSET": the kernel's private opcode for JSET's fall-through */
#define JSET_FALSE (BPF_JSET | BPF_X)

static const uint8_t rev_table[16] = {
	[BPF_JEQ >> 4] = BPF_JNE,   [BPF_JNE >> 4] = BPF_JEQ,
	[BPF_JSET >> 4] = JSET_FALSE,
	[BPF_JGE >> 4] = BPF_JLT,   [BPF_JGT >> 4] = BPF_JLE,
	[BPF_JLE >> 4] = BPF_JGT,   [BPF_JLT >> 4] = BPF_JGE,
	[BPF_JSGE >> 4] = BPF_JSLT, [BPF_JSGT >> 4] = BPF_JSLE,
	[BPF_JSLE >> 4] = BPF_JSGT, [BPF_JSLT >> 4] = BPF_JSGE,
};

/* mirrors rev_opcode() */
uint8_t sim_jmp_rev_opcode(uint8_t op)
{
	if (op == JSET_FALSE)
		return BPF_JSET;
	if (op & 0x0f)
		return 0;
	return rev_table[op >> 4];
}

static const uint8_t flip_table[16] = {
	[BPF_JEQ >> 4] = BPF_JEQ,   [BPF_JNE >> 4] = BPF_JNE,
	[BPF_JSET >> 4] = BPF_JSET,
	[BPF_JGE >> 4] = BPF_JLE,   [BPF_JGT >> 4] = BPF_JLT,
	[BPF_JLE >> 4] = BPF_JGE,   [BPF_JLT >> 4] = BPF_JGT,
	[BPF_JSGE >> 4] = BPF_JSLE, [BPF_JSGT >> 4] = BPF_JSLT,
	[BPF_JSLE >> 4] = BPF_JSGE, [BPF_JSLT >> 4] = BPF_JSGT,
};

/* mirrors flip_opcode() */
uint8_t sim_jmp_flip_opcode(uint8_t op)
{
	return flip_table[(op >> 4) & 0x0f];
}

static void swap_ptrs(struct sim_scalar **a, struct sim_scalar **b)
{
	struct sim_scalar *t = *a;

	*a = *b;
	*b = t;
}

static bool is_power_of_2(uint64_t v)
{
	return v && !(v & (v - 1));
}

/* mirrors regs_refine_cond_op(): narrow r1 and r2 assuming "r1 op r2" */
static void refine_cond_op(struct sim_scalar *r1, struct sim_scalar *r2, uint8_t op,
			   bool jmp32)
{
	struct tnum t;
	uint64_t val;

	switch (op) {   /* >, >= are <, <= with the operands swapped */
	case BPF_JGE: case BPF_JGT: case BPF_JSGE: case BPF_JSGT:
		op = sim_jmp_flip_opcode(op);
		swap_ptrs(&r1, &r2);
		break;
	default:
		break;
	}

	switch (op) {
	case BPF_JEQ:
		if (jmp32) {
			r1->r32 = cnum32_intersect(r1->r32, r2->r32);
			r2->r32 = r1->r32;
			t = tnum_intersect(tnum_subreg(r1->var_off), tnum_subreg(r2->var_off));
			r1->var_off = tnum_with_subreg(r1->var_off, t);
			r2->var_off = tnum_with_subreg(r2->var_off, t);
		} else {
			r1->r64 = cnum64_intersect(r1->r64, r2->r64);
			r2->r64 = r1->r64;
			r1->var_off = tnum_intersect(r1->var_off, r2->var_off);
			r2->var_off = r1->var_off;
		}
		break;
	case BPF_JNE:
		/* only a constant at the very edge of the other's arc helps:
		 * intersect with the complement arc of [val, val] */
		if (!sim_scalar_is_const(r2, jmp32))
			swap_ptrs(&r1, &r2);
		if (!sim_scalar_is_const(r2, jmp32))
			break;
		val = sim_scalar_const_value(r2, jmp32);
		if (jmp32)
			cnum32_intersect_with(&r1->r32, (struct cnum32){ (uint32_t)(val + 1),
									 U32_MAX - 1 });
		else
			cnum64_intersect_with(&r1->r64, (struct cnum64){ val + 1, U64_MAX - 1 });
		break;
	case BPF_JSET:
		/* "r & val" true teaches something only for a single bit */
		if (!sim_scalar_is_const(r2, jmp32))
			swap_ptrs(&r1, &r2);
		if (!sim_scalar_is_const(r2, jmp32))
			break;
		val = sim_scalar_const_value(r2, jmp32);
		if (!is_power_of_2(val))
			break;
		if (jmp32) {
			t = tnum_or(tnum_subreg(r1->var_off), tnum_const(val));
			r1->var_off = tnum_with_subreg(r1->var_off, t);
		} else {
			r1->var_off = tnum_or(r1->var_off, tnum_const(val));
		}
		break;
	case JSET_FALSE:
		if (!sim_scalar_is_const(r2, jmp32))
			swap_ptrs(&r1, &r2);
		if (!sim_scalar_is_const(r2, jmp32))
			break;
		val = sim_scalar_const_value(r2, jmp32);
		/* ranges are dropped first so a dead branch cannot produce an
		 * inconsistent tnum/range pair */
		sim_scalar_mark_unbounded(r1);
		if (jmp32) {
			t = tnum_and(tnum_subreg(r1->var_off), tnum_const(~val));
			r1->var_off = tnum_with_subreg(r1->var_off, t);
		} else {
			r1->var_off = tnum_and(r1->var_off, tnum_const(~val));
		}
		break;
	case BPF_JLE:
		if (jmp32) {
			cnum32_intersect_with_urange(&r1->r32, 0, sim_scalar_u32_max(r2));
			cnum32_intersect_with_urange(&r2->r32, sim_scalar_u32_min(r1), U32_MAX);
		} else {
			cnum64_intersect_with_urange(&r1->r64, 0, sim_scalar_umax(r2));
			cnum64_intersect_with_urange(&r2->r64, sim_scalar_umin(r1), U64_MAX);
		}
		break;
	case BPF_JLT:
		/* max - 1 and min + 1 wrap like the kernel's u32/u64 math */
		if (jmp32) {
			cnum32_intersect_with_urange(&r1->r32, 0, sim_scalar_u32_max(r2) - 1);
			cnum32_intersect_with_urange(&r2->r32, sim_scalar_u32_min(r1) + 1, U32_MAX);
		} else {
			cnum64_intersect_with_urange(&r1->r64, 0, sim_scalar_umax(r2) - 1);
			cnum64_intersect_with_urange(&r2->r64, sim_scalar_umin(r1) + 1, U64_MAX);
		}
		break;
	case BPF_JSLE:
		if (jmp32) {
			cnum32_intersect_with_srange(&r1->r32, INT32_MIN, sim_scalar_s32_max(r2));
			cnum32_intersect_with_srange(&r2->r32, sim_scalar_s32_min(r1), INT32_MAX);
		} else {
			cnum64_intersect_with_srange(&r1->r64, INT64_MIN, sim_scalar_smax(r2));
			cnum64_intersect_with_srange(&r2->r64, sim_scalar_smin(r1), INT64_MAX);
		}
		break;
	case BPF_JSLT:
		/* the kernel builds with -fno-strict-overflow: s - 1 wraps */
		if (jmp32) {
			cnum32_intersect_with_srange(&r1->r32, INT32_MIN,
				(int32_t)((uint32_t)sim_scalar_s32_max(r2) - 1));
			cnum32_intersect_with_srange(&r2->r32,
				(int32_t)((uint32_t)sim_scalar_s32_min(r1) + 1), INT32_MAX);
		} else {
			cnum64_intersect_with_srange(&r1->r64, INT64_MIN,
				(int64_t)((uint64_t)sim_scalar_smax(r2) - 1));
			cnum64_intersect_with_srange(&r2->r64,
				(int64_t)((uint64_t)sim_scalar_smin(r1) + 1), INT64_MAX);
		}
		break;
	default:
		return;
	}
}

/* refine + reg_bounds_sync() of both, as simulate_both_branches_taken()
 * does for each outcome; false if the outcome is impossible */
static bool refine_and_sync(struct sim_scalar *a, struct sim_scalar *b, uint8_t op,
			    bool jmp32)
{
	refine_cond_op(a, b, op, jmp32);
	sim_scalar_sync(a);
	sim_scalar_sync(b);
	return !sim_scalar_bounds_violation(a) && !sim_scalar_bounds_violation(b);
}

/* mirrors simulate_both_branches_taken() on out's copies */
static int simulate_both(struct sim_scalar_branches *out, uint8_t op, bool jmp32)
{
	if (!refine_and_sync(&out->false_a, &out->false_b, sim_jmp_rev_opcode(op), jmp32))
		return 1;
	if (!refine_and_sync(&out->true_a, &out->true_b, op, jmp32))
		return 0;
	return -1;
}

/* The quick range/tnum tests at the top of is_scalar_branch_taken():
 * 1/0 when decided, -2 to go on to simulate_both_branches_taken(), -1
 * when the kernel gives up without simulating (a register with itself). */
static int quick_verdict(const struct sim_scalar *a, const struct sim_scalar *b, uint8_t op,
			 bool jmp32)
{
	struct tnum t1 = jmp32 ? tnum_subreg(a->var_off) : a->var_off;
	struct tnum t2 = jmp32 ? tnum_subreg(b->var_off) : b->var_off;
	uint64_t umin1 = jmp32 ? sim_scalar_u32_min(a) : sim_scalar_umin(a);
	uint64_t umax1 = jmp32 ? sim_scalar_u32_max(a) : sim_scalar_umax(a);
	int64_t smin1 = jmp32 ? sim_scalar_s32_min(a) : sim_scalar_smin(a);
	int64_t smax1 = jmp32 ? sim_scalar_s32_max(a) : sim_scalar_smax(a);
	uint64_t umin2 = jmp32 ? sim_scalar_u32_min(b) : sim_scalar_umin(b);
	uint64_t umax2 = jmp32 ? sim_scalar_u32_max(b) : sim_scalar_umax(b);
	int64_t smin2 = jmp32 ? sim_scalar_s32_min(b) : sim_scalar_smin(b);
	int64_t smax2 = jmp32 ? sim_scalar_s32_max(b) : sim_scalar_smax(b);

	if (a == b) {
		switch (op) {
		case BPF_JGE: case BPF_JLE: case BPF_JSGE: case BPF_JSLE: case BPF_JEQ:
			return 1;
		case BPF_JGT: case BPF_JLT: case BPF_JSGT: case BPF_JSLT: case BPF_JNE:
			return 0;
		case BPF_JSET:
			if (tnum_is_const(t1))
				return t1.value != 0;
			return (smin1 <= 0 && smax1 >= 0) ? -1 : 1;
		default:
			return -1;
		}
	}

	switch (op) {
	case BPF_JEQ:
	case BPF_JNE: {
		/* "differ" is JEQ's 0 and JNE's 1 */
		int differ = op == BPF_JNE;

		if (tnum_is_const(t1) && tnum_is_const(t2))
			return (t1.value == t2.value) != differ;
		if (!tnum_overlap(t1, t2))
			return differ;
		if (umin1 > umax2 || umax1 < umin2)
			return differ;
		if (smin1 > smax2 || smax1 < smin2)
			return differ;
		if (!jmp32) {
			/* the subregisters may rule equality out */
			if (sim_scalar_u32_min(a) > sim_scalar_u32_max(b) ||
			    sim_scalar_u32_max(a) < sim_scalar_u32_min(b))
				return differ;
			if (sim_scalar_s32_min(a) > sim_scalar_s32_max(b) ||
			    sim_scalar_s32_max(a) < sim_scalar_s32_min(b))
				return differ;
		}
		break;
	}
	case BPF_JSET:
		if (!sim_scalar_is_const(b, jmp32)) {
			struct tnum tmp = t1;

			t1 = t2;
			t2 = tmp;
			if (!sim_scalar_is_const(a, jmp32))
				return -1;
		}
		if ((~t1.mask & t1.value) & t2.value)
			return 1;
		if (!((t1.mask | t1.value) & t2.value))
			return 0;
		break;
	case BPF_JGT:
		if (umin1 > umax2) return 1;
		if (umax1 <= umin2) return 0;
		break;
	case BPF_JSGT:
		if (smin1 > smax2) return 1;
		if (smax1 <= smin2) return 0;
		break;
	case BPF_JLT:
		if (umax1 < umin2) return 1;
		if (umin1 >= umax2) return 0;
		break;
	case BPF_JSLT:
		if (smax1 < smin2) return 1;
		if (smin1 >= smax2) return 0;
		break;
	case BPF_JGE:
		if (umin1 >= umax2) return 1;
		if (umax1 < umin2) return 0;
		break;
	case BPF_JSGE:
		if (smin1 >= smax2) return 1;
		if (smax1 < smin2) return 0;
		break;
	case BPF_JLE:
		if (umax1 <= umin2) return 1;
		if (umin1 > umax2) return 0;
		break;
	case BPF_JSLE:
		if (smax1 <= smin2) return 1;
		if (smin1 > smax2) return 0;
		break;
	default:
		break;
	}
	return -2;
}

/* mirrors is_scalar_branch_taken() with check_cond_jmp_op()'s copies */
int sim_scalar_cond(const struct sim_scalar *a, const struct sim_scalar *b, uint8_t jmp_op,
		    bool is_jmp32, struct sim_scalar_branches *out)
{
	int pred = quick_verdict(a, b, jmp_op, is_jmp32);

	out->false_a = out->true_a = *a;
	out->false_b = out->true_b = *b;
	if (pred != -2)
		return pred;
	return simulate_both(out, jmp_op, is_jmp32);
}

int sim_scalar_branch_taken(const struct sim_scalar *a, const struct sim_scalar *b,
			    uint8_t jmp_op, bool is_jmp32)
{
	struct sim_scalar_branches br;

	return sim_scalar_cond(a, b, jmp_op, is_jmp32, &br);
}

int sim_scalar_refine(struct sim_scalar *a, struct sim_scalar *b, uint8_t jmp_op,
		      bool is_jmp32, bool taken)
{
	uint8_t op = taken ? jmp_op : sim_jmp_rev_opcode(jmp_op);

	if (a == b)
		return 0;
	return refine_and_sync(a, b, op, is_jmp32) ? 0 : -1;
}
