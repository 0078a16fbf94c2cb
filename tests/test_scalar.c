/* Unit tests for sim/scalar*.c.
 *
 * (a) Soundness against concrete values: random abstract values are built
 *     around a few random concrete values (so those are known members),
 *     then every ALU op, mov, width change, bounds sync, branch prediction
 *     and branch refinement is checked: the concrete result must be a
 *     member of the abstract result, a predicted direction must agree with
 *     every concrete pair, and refinement must keep every pair that takes
 *     the branch.
 * (b) Exact match with the real kernel: short instruction sequences
 *     transcribed from tools/testing/selftests/bpf/progs/verifier_*.c are
 *     run on a tiny register file and the printed register is compared with
 *     the selftest's __msg() string (what Linux 7.3 printed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "print.h"
#include "scalar.h"
#include "scalar_print.h"

static uint64_t rng_state = 0x13198a2e03707344ULL;

static uint64_t rnd(void)   /* splitmix64 */
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* ---- random abstract values with known members ---- */

#define MAXM 6

struct sample {
	struct sim_scalar abs;
	uint64_t m[MAXM];   /* concrete members */
	int n;
};

static uint64_t interesting(uint64_t center)
{
	switch (rnd() % 10) {
	case 0: return rnd() % 17;
	case 1: return (uint64_t)-(int64_t)(rnd() % 17);
	case 2: return 0x7fffffffULL + rnd() % 5 - 2;
	case 3: return 0xffffffffULL + rnd() % 5 - 2;
	case 4: return (1ULL << 63) + rnd() % 5 - 2;
	case 5: return (uint64_t)(int64_t)(int32_t)rnd();
	case 6: return (uint32_t)rnd();
	case 7: return rnd();
	default: return center + (rnd() % 64) - 32;
	}
}

/* the smallest arc (at width bits) holding the values: the complement of
 * the largest gap between neighbours on the circle */
static void smallest_arc(const uint64_t *v, int n, bool w32, uint64_t *base, uint64_t *size)
{
	uint64_t s[MAXM];
	uint64_t best_gap = 0, mask = w32 ? 0xffffffffULL : UINT64_MAX;
	int best = 0;

	for (int i = 0; i < n; i++)
		s[i] = v[i] & mask;
	for (int i = 1; i < n; i++)                 /* insertion sort */
		for (int j = i; j > 0 && s[j - 1] > s[j]; j--) {
			uint64_t t = s[j];

			s[j] = s[j - 1];
			s[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		uint64_t next = s[(i + 1) % n];
		uint64_t gap = (next - s[i]) & mask;

		if (n == 1 || gap > best_gap) {
			best_gap = gap;
			best = i;
		}
	}
	*base = s[(best + 1) % n];
	*size = (s[best] - *base) & mask;
}

static struct sample random_sample(void)
{
	struct sample sm;
	uint64_t center = interesting(rnd());
	uint64_t umin = UINT64_MAX, umax = 0, base, size;
	int64_t smin = INT64_MAX, smax = INT64_MIN;
	uint32_t u32min = UINT32_MAX, u32max = 0;
	int32_t s32min = INT32_MAX, s32max = INT32_MIN;
	struct tnum t;

	sm.n = 1 + (int)(rnd() % MAXM);
	for (int i = 0; i < sm.n; i++) {
		sm.m[i] = interesting(center);
		if (rnd() % 4 == 0 && i)
			sm.m[i] = sm.m[i - 1];
	}
	t = tnum_const(sm.m[0]);
	for (int i = 0; i < sm.n; i++) {
		uint64_t x = sm.m[i];

		t = tnum_union(t, tnum_const(x));
		umin = x < umin ? x : umin;
		umax = x > umax ? x : umax;
		smin = (int64_t)x < smin ? (int64_t)x : smin;
		smax = (int64_t)x > smax ? (int64_t)x : smax;
		u32min = (uint32_t)x < u32min ? (uint32_t)x : u32min;
		u32max = (uint32_t)x > u32max ? (uint32_t)x : u32max;
		s32min = (int32_t)x < s32min ? (int32_t)x : s32min;
		s32max = (int32_t)x > s32max ? (int32_t)x : s32max;
	}
	if (rnd() % 3 == 0) {       /* forget some known bits */
		uint64_t extra = rnd() & rnd();

		t.mask |= extra;
		t.value &= ~t.mask;
	}
	sm.abs.var_off = t;
	switch (rnd() % 4) {
	case 0: smallest_arc(sm.m, sm.n, false, &base, &size);
		sm.abs.r64 = (struct cnum64){ base, size }; break;
	case 1: sm.abs.r64 = cnum64_from_urange(umin, umax); break;
	case 2: sm.abs.r64 = cnum64_from_srange(smin, smax); break;
	default: sm.abs.r64 = CNUM64_UNBOUNDED; break;
	}
	switch (rnd() % 4) {
	case 0: smallest_arc(sm.m, sm.n, true, &base, &size);
		sm.abs.r32 = (struct cnum32){ (uint32_t)base, (uint32_t)size }; break;
	case 1: sm.abs.r32 = cnum32_from_urange(u32min, u32max); break;
	case 2: sm.abs.r32 = cnum32_from_srange(s32min, s32max); break;
	default: sm.abs.r32 = CNUM32_UNBOUNDED; break;
	}
	for (int i = 0; i < sm.n; i++)
		assert_true(sim_scalar_contains(&sm.abs, sm.m[i]));
	if (rnd() % 8)              /* mostly synced, as the verifier keeps them */
		sim_scalar_sync(&sm.abs);
	return sm;
}

static void fail_member(const char *what, const struct sim_scalar *s, uint64_t x, uint64_t y,
			uint64_t r)
{
	fail_msg("%s: x=%#" PRIx64 " y=%#" PRIx64 " -> %#" PRIx64 " not in var_off=(%#" PRIx64
		 "; %#" PRIx64 ") r64={%#" PRIx64 ",%#" PRIx64 "} r32={%#x,%#x}",
		 what, x, y, r, s->var_off.value, s->var_off.mask, s->r64.base, s->r64.size,
		 s->r32.base, s->r32.size);
}

static void test_scalar_sync_sound(void **state)
{
	(void)state;
	for (int i = 0; i < 200000; i++) {
		struct sample a = random_sample();
		struct sim_scalar s = a.abs;

		sim_scalar_sync(&s);
		for (int k = 0; k < a.n; k++)
			if (!sim_scalar_contains(&s, a.m[k]))
				fail_member("sync", &s, a.m[k], 0, a.m[k]);
		assert_false(sim_scalar_bounds_violation(&s));
		/* a synced value with a constant tnum has constant arcs */
		assert_null(sim_scalar_invariant_violation(&s));
	}
}

/* ---- concrete BPF ALU semantics ---- */

static uint64_t conc_alu(const struct bpf_insn *insn, uint64_t x, uint64_t y, bool is64)
{
	uint8_t op = BPF_OP(insn->code);
	bool sgn = insn->off == 1;

	if (!is64) {
		uint32_t a = (uint32_t)x, b = (uint32_t)y, r;

		switch (op) {
		case BPF_ADD: r = a + b; break;
		case BPF_SUB: r = a - b; break;
		case BPF_MUL: r = a * b; break;
		case BPF_DIV:
			if (!b) r = 0;
			else if (sgn) r = ((int32_t)a == INT32_MIN && (int32_t)b == -1) ? a
				: (uint32_t)((int32_t)a / (int32_t)b);
			else r = a / b;
			break;
		case BPF_MOD:
			if (!b) r = a;
			else if (sgn) r = (int32_t)b == -1 ? 0 : (uint32_t)((int32_t)a % (int32_t)b);
			else r = a % b;
			break;
		case BPF_OR: r = a | b; break;
		case BPF_AND: r = a & b; break;
		case BPF_XOR: r = a ^ b; break;
		case BPF_LSH: r = a << (b & 31); break;
		case BPF_RSH: r = a >> (b & 31); break;
		case BPF_ARSH: r = (uint32_t)((int32_t)a >> (b & 31)); break;
		case BPF_NEG: r = -a; break;
		default: r = 0; break;
		}
		return r;
	}
	switch (op) {
	case BPF_ADD: return x + y;
	case BPF_SUB: return x - y;
	case BPF_MUL: return x * y;
	case BPF_DIV:
		if (!y) return 0;
		if (sgn) return ((int64_t)x == INT64_MIN && (int64_t)y == -1) ? x
			: (uint64_t)((int64_t)x / (int64_t)y);
		return x / y;
	case BPF_MOD:
		if (!y) return x;
		if (sgn) return (int64_t)y == -1 ? 0 : (uint64_t)((int64_t)x % (int64_t)y);
		return x % y;
	case BPF_OR: return x | y;
	case BPF_AND: return x & y;
	case BPF_XOR: return x ^ y;
	case BPF_LSH: return x << (y & 63);
	case BPF_RSH: return x >> (y & 63);
	case BPF_ARSH: return (uint64_t)((int64_t)x >> (y & 63));
	case BPF_NEG: return -x;
	default: return 0;
	}
}

static const uint8_t alu_ops[] = {
	BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_MOD, BPF_OR, BPF_AND, BPF_XOR,
	BPF_LSH, BPF_RSH, BPF_ARSH, BPF_NEG,
};

/* src operands: random samples, and constants (the only case in which
 * div/mod/shift compute a range) */
static struct sample random_src(uint8_t op, bool is64)
{
	struct sample s;

	if (rnd() % 2)
		return random_sample();
	s.n = 1;
	if (op == BPF_LSH || op == BPF_RSH || op == BPF_ARSH)
		s.m[0] = rnd() % (is64 ? 64 : 32);
	else
		s.m[0] = interesting(rnd() % 32);
	sim_scalar_mark_known(&s.abs, s.m[0]);
	return s;
}

static void test_scalar_alu_sound(void **state)
{
	(void)state;
	for (size_t o = 0; o < sizeof(alu_ops); o++) {
		for (int w = 0; w < 2; w++) {
			bool is64 = w;

			for (int sgn = 0; sgn < 2; sgn++) {
				struct bpf_insn insn = {
					.code = (uint8_t)((is64 ? BPF_ALU64 : BPF_ALU) | alu_ops[o] | BPF_X),
					.off = (int16_t)sgn,
				};

				if (sgn && alu_ops[o] != BPF_DIV && alu_ops[o] != BPF_MOD)
					continue;
				for (int i = 0; i < 20000; i++) {
					struct sample a = random_sample();
					struct sample b = random_src(alu_ops[o], is64);
					struct sim_scalar r = a.abs, forked;
					int ret = sim_scalar_alu_fork(&r, &b.abs, &insn, is64, &forked);

					for (int x = 0; x < a.n; x++) {
						for (int y = 0; y < b.n; y++) {
							uint64_t c = conc_alu(&insn, a.m[x], b.m[y], is64);
							const struct sim_scalar *where = &r;
							struct sim_scalar redo;

							/* after a fork the 0 half re-executes */
							if (ret == SIM_SCALAR_ALU_FORKED &&
							    !sim_scalar_contains(&r, c)) {
								redo = forked;
								sim_scalar_alu(&redo, &b.abs, &insn, is64);
								where = &redo;
							}
							if (!sim_scalar_contains(where, c)) {
								char what[32];

								snprintf(what, sizeof(what), "alu%s op %#x off %d",
									 is64 ? "64" : "32", alu_ops[o], sgn);
								fail_member(what, where, a.m[x], b.m[y], c);
							}
						}
					}
					assert_false(sim_scalar_bounds_violation(&r));
				}
			}
		}
	}
}

/* BPF_END: to_le/to_be (ALU class) and bswap (ALU64) of 16/32/64 bits on a
 * little-endian machine */
static uint64_t conc_end(const struct bpf_insn *insn, uint64_t x, bool is64)
{
	bool swap = is64 || BPF_SRC(insn->code) == BPF_TO_BE;

	switch (insn->imm) {
	case 16: return swap ? __builtin_bswap16((uint16_t)x) : (uint16_t)x;
	case 32: return swap ? __builtin_bswap32((uint32_t)x) : (uint32_t)x;
	default: return swap ? __builtin_bswap64(x) : x;
	}
}

static void test_scalar_end_mov_sound(void **state)
{
	static const int sizes[] = { 16, 32, 64 };

	(void)state;
	for (int i = 0; i < 60000; i++) {
		struct sample a = random_sample();
		bool is64 = rnd() % 2;
		struct bpf_insn end = {
			.code = (uint8_t)((is64 ? BPF_ALU64 : BPF_ALU) | BPF_END |
					  (is64 ? BPF_TO_LE : (rnd() % 2 ? BPF_TO_BE : BPF_TO_LE))),
			.imm = sizes[rnd() % 3],
		};
		static const int16_t sx_off[] = { 0, 8, 16, 32 };
		int16_t off = sx_off[rnd() % (is64 ? 4 : 3)];
		struct bpf_insn mov = {
			.code = (uint8_t)((is64 ? BPF_ALU64 : BPF_ALU) | BPF_MOV | BPF_X), .off = off,
		};
		struct sim_scalar r = a.abs, m;

		sim_scalar_alu(&r, NULL, &end, is64);
		sim_scalar_mov(&m, &a.abs, &mov);
		for (int x = 0; x < a.n; x++) {
			uint64_t c = conc_end(&end, a.m[x], is64), v = a.m[x];

			if (!sim_scalar_contains(&r, c))
				fail_member("end", &r, a.m[x], (uint64_t)end.imm, c);
			if (off == 8) v = is64 ? (uint64_t)(int64_t)(int8_t)v : (uint32_t)(int32_t)(int8_t)v;
			else if (off == 16) v = is64 ? (uint64_t)(int64_t)(int16_t)v
						     : (uint32_t)(int32_t)(int16_t)v;
			else if (off == 32) v = (uint64_t)(int64_t)(int32_t)v;
			else if (!is64) v = (uint32_t)v;
			if (!sim_scalar_contains(&m, v))
				fail_member("mov", &m, a.m[x], (uint64_t)off, v);
		}
	}
}

static void test_scalar_coerce_sound(void **state)
{
	(void)state;
	for (int i = 0; i < 100000; i++) {
		struct sample a = random_sample();
		int size = 1 << (rnd() % 3);   /* 1, 2, 4 */
		struct sim_scalar z = a.abs, sx = a.abs;

		sim_scalar_coerce_to_size(&z, size);
		sim_scalar_coerce_to_size_sx(&sx, size);
		for (int x = 0; x < a.n; x++) {
			uint64_t v = a.m[x], mask = (1ULL << (size * 8)) - 1;
			uint64_t s = size == 1 ? (uint64_t)(int64_t)(int8_t)v
				   : size == 2 ? (uint64_t)(int64_t)(int16_t)v
					       : (uint64_t)(int64_t)(int32_t)v;

			if (!sim_scalar_contains(&z, v & mask))
				fail_member("coerce", &z, v, (uint64_t)size, v & mask);
			if (!sim_scalar_contains(&sx, s))
				fail_member("coerce_sx", &sx, v, (uint64_t)size, s);
		}
	}
}

/* ---- branches ---- */

static const uint8_t jmp_ops[] = {
	BPF_JEQ, BPF_JNE, BPF_JSET, BPF_JGT, BPF_JGE, BPF_JLT, BPF_JLE,
	BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE,
};

static bool conc_jmp(uint8_t op, uint64_t x, uint64_t y, bool jmp32)
{
	if (jmp32) {
		x = (uint32_t)x;
		y = (uint32_t)y;
	}
	int64_t sx = jmp32 ? (int32_t)x : (int64_t)x, sy = jmp32 ? (int32_t)y : (int64_t)y;

	switch (op) {
	case BPF_JEQ: return x == y;
	case BPF_JNE: return x != y;
	case BPF_JSET: return x & y;
	case BPF_JGT: return x > y;
	case BPF_JGE: return x >= y;
	case BPF_JLT: return x < y;
	case BPF_JLE: return x <= y;
	case BPF_JSGT: return sx > sy;
	case BPF_JSGE: return sx >= sy;
	case BPF_JSLT: return sx < sy;
	default: return sx <= sy;
	}
}

static void test_scalar_branch_sound(void **state)
{
	(void)state;
	for (size_t o = 0; o < sizeof(jmp_ops); o++) {
		for (int i = 0; i < 40000; i++) {
			bool jmp32 = rnd() % 2;
			struct sample a = random_sample();
			struct sample b = rnd() % 3 ? random_sample() : random_src(BPF_ADD, true);
			struct sim_scalar_branches br;
			struct sim_scalar ta, tb, fa, fb;
			bool any_taken = false, any_not = false;
			int pred, rt, rf;

			/* registers reaching a jump are always synced in the kernel;
			 * sim_scalar_refine() syncs its inputs even when the op
			 * teaches nothing, so compare like with like */
			sim_scalar_sync(&a.abs);
			sim_scalar_sync(&b.abs);
			pred = sim_scalar_cond(&a.abs, &b.abs, jmp_ops[o], jmp32, &br);
			ta = fa = a.abs;
			tb = fb = b.abs;
			rt = sim_scalar_refine(&ta, &tb, jmp_ops[o], jmp32, true);
			rf = sim_scalar_refine(&fa, &fb, jmp_ops[o], jmp32, false);

			assert_int_equal(pred, sim_scalar_branch_taken(&a.abs, &b.abs, jmp_ops[o], jmp32));
			for (int x = 0; x < a.n; x++) {
				for (int y = 0; y < b.n; y++) {
					bool t = conc_jmp(jmp_ops[o], a.m[x], b.m[y], jmp32);
					const struct sim_scalar *ra = t ? &ta : &fa, *rb = t ? &tb : &fb;

					any_taken |= t;
					any_not |= !t;
					if ((pred == 1 && !t) || (pred == 0 && t))
						fail_msg("op %#x%s: pred %d but %#" PRIx64 " vs %#" PRIx64
							 " goes the other way", jmp_ops[o],
							 jmp32 ? " (32)" : "", pred, a.m[x], b.m[y]);
					if (!sim_scalar_contains(ra, a.m[x]) ||
					    !sim_scalar_contains(rb, b.m[y]))
						fail_msg("op %#x%s %s: refine dropped %#" PRIx64 " vs %#" PRIx64,
							 jmp_ops[o], jmp32 ? " (32)" : "",
							 t ? "taken" : "not taken", a.m[x], b.m[y]);
				}
			}
			/* an impossible outcome is only claimed when no pair takes it */
			if (rt < 0)
				assert_false(any_taken);
			if (rf < 0)
				assert_false(any_not);
			/* the undecided branch's successors are the refined copies */
			if (pred == -1) {
				assert_memory_equal(&br.true_a, &ta, sizeof(ta));
				assert_memory_equal(&br.true_b, &tb, sizeof(tb));
				assert_memory_equal(&br.false_a, &fa, sizeof(fa));
				assert_memory_equal(&br.false_b, &fb, sizeof(fb));
			}
		}
	}
}

/* a register compared with itself is decided without refinement */
static void test_scalar_branch_same_reg(void **state)
{
	struct sim_scalar r;

	(void)state;
	sim_scalar_mark_unknown(&r);
	assert_int_equal(sim_scalar_branch_taken(&r, &r, BPF_JEQ, false), 1);
	assert_int_equal(sim_scalar_branch_taken(&r, &r, BPF_JSGT, true), 0);
	assert_int_equal(sim_scalar_branch_taken(&r, &r, BPF_JSET, false), -1);
	sim_scalar_set_urange64(&r, 1, 5);
	sim_scalar_sync(&r);
	assert_int_equal(sim_scalar_branch_taken(&r, &r, BPF_JSET, false), 1);
	assert_int_equal(sim_scalar_refine(&r, &r, BPF_JLT, false, true), 0);
	assert_int_equal(sim_scalar_umin(&r), 1);
}

/* ---- exact match with the kernel's log (selftest __msg strings) ---- */

enum step_kind { ALU, MOV, CALL, JMP, LDIMM };

struct step {
	enum step_kind kind;
	struct bpf_insn insn;
	uint64_t imm64;          /* LDIMM */
};

#define A64I(op, d, k) { ALU, { .code = BPF_ALU64 | (op) | BPF_K, .dst_reg = (d), .imm = (k) }, 0 }
#define A32I(op, d, k) { ALU, { .code = BPF_ALU | (op) | BPF_K, .dst_reg = (d), .imm = (k) }, 0 }
#define A64R(op, d, s) { ALU, { .code = BPF_ALU64 | (op) | BPF_X, .dst_reg = (d), .src_reg = (s) }, 0 }
#define A32R(op, d, s) { ALU, { .code = BPF_ALU | (op) | BPF_X, .dst_reg = (d), .src_reg = (s) }, 0 }
#define SDIV64I(d, k) { ALU, { .code = BPF_ALU64 | BPF_DIV | BPF_K, .dst_reg = (d), .off = 1, .imm = (k) }, 0 }
#define SDIV32I(d, k) { ALU, { .code = BPF_ALU | BPF_DIV | BPF_K, .dst_reg = (d), .off = 1, .imm = (k) }, 0 }
#define SMOD64I(d, k) { ALU, { .code = BPF_ALU64 | BPF_MOD | BPF_K, .dst_reg = (d), .off = 1, .imm = (k) }, 0 }
#define SMOD32I(d, k) { ALU, { .code = BPF_ALU | BPF_MOD | BPF_K, .dst_reg = (d), .off = 1, .imm = (k) }, 0 }
#define END(cls, src, d, bits) { ALU, { .code = (cls) | BPF_END | (src), .dst_reg = (d), .imm = (bits) }, 0 }
#define MOV64I(d, k) { MOV, { .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = (d), .imm = (k) }, 0 }
#define MOV32I(d, k) { MOV, { .code = BPF_ALU | BPF_MOV | BPF_K, .dst_reg = (d), .imm = (k) }, 0 }
#define MOV64R(d, s) { MOV, { .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = (d), .src_reg = (s) }, 0 }
#define MOV32R(d, s) { MOV, { .code = BPF_ALU | BPF_MOV | BPF_X, .dst_reg = (d), .src_reg = (s) }, 0 }
#define MOVSX64(d, s, bits) { MOV, { .code = BPF_ALU64 | BPF_MOV | BPF_X, .dst_reg = (d), .src_reg = (s), .off = (bits) }, 0 }
#define LDIMM(d, v) { LDIMM, { .dst_reg = (d) }, (v) }
#define CALL_RAND { CALL, { .code = 0 }, 0 }
/* conditional jumps: the fall-through path is followed, as the log line
 * "N: (..) if ... ; R..." shows the state continuing there */
#define J64I(op, d, k) { JMP, { .code = BPF_JMP | (op) | BPF_K, .dst_reg = (d), .imm = (k) }, 0 }
#define J32I(op, d, k) { JMP, { .code = BPF_JMP32 | (op) | BPF_K, .dst_reg = (d), .imm = (k) }, 0 }
#define J64R(op, d, s) { JMP, { .code = BPF_JMP | (op) | BPF_X, .dst_reg = (d), .src_reg = (s) }, 0 }

#define MAXSTEPS 12

struct kcase {
	const char *name;        /* selftest description */
	struct step steps[MAXSTEPS];
	int nsteps;              /* the __msg is printed after this many steps */
	int reg;
	const char *want;        /* the register as the kernel printed it */
	bool suffix;             /* __msg had "{{.*}}" before this text */
};

static const struct kcase kcases[] = {
	{ "bounds check for non const xor src dst",
	  { CALL_RAND, MOV64R(6, 0), CALL_RAND, A64I(BPF_AND, 6, 0xaf), A64I(BPF_AND, 0, 0x1a0),
	    A64R(BPF_XOR, 0, 6) }, 6, 0,
	  "scalar(smin=smin32=0,smax=umax=smax32=umax32=431,var_off=(0x0; 0x1af))", false },
	{ "bounds check for non const or src dst",
	  { CALL_RAND, MOV64R(6, 0), CALL_RAND, A64I(BPF_AND, 6, 0xaf), A64I(BPF_AND, 0, 0x1a0),
	    A64R(BPF_OR, 0, 6) }, 6, 0,
	  "scalar(smin=smin32=0,smax=umax=smax32=umax32=431,var_off=(0x0; 0x1af))", false },
	{ "bounds check for non const mul regs",
	  { CALL_RAND, MOV64R(6, 0), CALL_RAND, A64I(BPF_AND, 6, 0xff), A64I(BPF_AND, 0, 0x0f),
	    A64R(BPF_MUL, 0, 6) }, 6, 0,
	  "scalar(smin=smin32=0,smax=umax=smax32=umax32=3825,var_off=(0x0; 0xfff))", false },
	{ "multiply mixed sign bounds. test 1",
	  { CALL_RAND, MOV64R(6, 0), CALL_RAND, MOV64R(7, 0), A64I(BPF_AND, 6, 0xf),
	    A64I(BPF_SUB, 6, 1000000000), A64I(BPF_AND, 7, 0xf), A64I(BPF_SUB, 7, 2000000000),
	    A64R(BPF_MUL, 6, 7) }, 9, 6,
	  "scalar(smin=umin=0x1bc16d5cd4927ee1,smax=umax=0x1bc16d674ec80000,smax32=0x7ffffeff,"
	  "var_off=(0x1bc16d4000000000; 0x3ffffffeff))", false },
	{ "multiply mixed sign bounds. test 2",
	  { CALL_RAND, MOV64R(6, 0), CALL_RAND, MOV64R(7, 0), A64I(BPF_AND, 6, 0xf),
	    A64I(BPF_SUB, 6, 0xa), A64I(BPF_AND, 7, 0xf), A64I(BPF_SUB, 7, 0x14),
	    A64R(BPF_MUL, 6, 7) }, 9, 6, "scalar(smin=smin32=-100,smax=smax32=200)", false },
	{ "multiply bounds that don't cross signed boundary",
	  { MOV64I(6, 0xb), LDIMM(8, 0xb3c3f8c99262687ULL), CALL_RAND, MOV64R(7, 0),
	    A64R(BPF_AND, 6, 7), A64R(BPF_MUL, 8, 6) }, 6, 8,
	  "scalar(smin=0,smax=umax=0x7b96bb0a94a3a7cd,var_off=(0x0; 0x7fffffffffffffff))", false },
	{ "multiplication overflow, result in unbounded reg. test 1",
	  { LDIMM(8, 0x7ffffffffffULL), CALL_RAND, MOV64R(6, 0), CALL_RAND, MOV64R(7, 0),
	    A64I(BPF_AND, 6, 0x7fffffff), A64R(BPF_AND, 7, 8), A64R(BPF_MUL, 6, 7) }, 8, 6,
	  "scalar()", false },
	{ "64-bit addition, all outcomes overflow",
	  { CALL_RAND, MOV64R(4, 0), LDIMM(3, 0xa000000000000000ULL), A64R(BPF_OR, 3, 4),
	    A64R(BPF_ADD, 3, 3) }, 5, 3,
	  "scalar(umin=0x4000000000000000,umax=0xfffffffffffffffe)", false },
	{ "64-bit addition, partial overflow, result in unbounded reg",
	  { CALL_RAND, MOV64R(4, 0), MOV64I(3, 2), A64R(BPF_OR, 3, 4), A64R(BPF_ADD, 3, 3) }, 5, 3,
	  "scalar()", false },
	{ "32-bit addition overflow, all outcomes overflow",
	  { CALL_RAND, MOV32R(4, 0), MOV32I(3, (int32_t)0xa0000000), A32R(BPF_OR, 3, 4),
	    A32R(BPF_ADD, 3, 3) }, 5, 3,
	  "scalar(smin=umin=umin32=0x40000000,smax=umax=umax32=0xfffffffe,var_off=(0x0; 0xffffffff))",
	  false },
	{ "32-bit addition, partial overflow, result in unbounded u32 bounds",
	  { CALL_RAND, MOV32R(4, 0), MOV32I(3, 2), A32R(BPF_OR, 3, 4), A32R(BPF_ADD, 3, 3) }, 5, 3,
	  "scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))", false },
	{ "64-bit subtraction, all outcomes underflow",
	  { CALL_RAND, MOV64R(1, 0), LDIMM(2, 0x8000000000000000ULL), A64R(BPF_OR, 1, 2),
	    MOV64I(3, 0), A64R(BPF_SUB, 3, 1) }, 6, 3,
	  "scalar(umin=1,umax=0x8000000000000000)", false },
	{ "32-bit subtraction overflow, all outcomes underflow",
	  { CALL_RAND, MOV32R(1, 0), MOV32I(2, (int32_t)0x80000000), A32R(BPF_OR, 1, 2),
	    MOV32I(3, 0), A32R(BPF_SUB, 3, 1) }, 6, 3,
	  "scalar(smin=umin=umin32=1,smax=umax=umax32=0x80000000,var_off=(0x0; 0xffffffff))", false },
	{ "32-bit subtraction, partial overflow, result in unbounded u32 bounds",
	  { CALL_RAND, MOV32R(3, 0), MOV32I(2, 1), A32R(BPF_SUB, 3, 2) }, 4, 3,
	  "scalar(smin=0,smax=umax=0xffffffff,var_off=(0x0; 0xffffffff))", false },
	{ "arsh32 imm sign positive extend check (r6 <<= 32)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_LSH, 6, 32) }, 4, 6,
	  "scalar(smin=smin32=0,smax=umax=0xfff00000000,smax32=umax32=0,var_off=(0x0; 0xfff00000000))",
	  false },
	{ "arsh32 imm sign positive extend check (r6 s>>= 32)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_LSH, 6, 32),
	    A64I(BPF_ARSH, 6, 32) }, 5, 6,
	  "scalar(smin=smin32=0,smax=umax=smax32=umax32=4095,var_off=(0x0; 0xfff))", false },
	{ "arsh32 imm sign negative extend check (r6 -= 4095)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_SUB, 6, 4095) }, 4, 6,
	  "scalar(smin=smin32=-4095,smax=smax32=0)", false },
	{ "arsh32 imm sign negative extend check (r6 <<= 32)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_SUB, 6, 4095),
	    A64I(BPF_LSH, 6, 32) }, 5, 6,
	  "scalar(smin=0xfffff00100000000,smax=smax32=umax32=0,smin32=0,"
	  "var_off=(0x0; 0xffffffff00000000))", false },
	{ "arsh32 imm sign negative extend check (r6 s>>= 32)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_SUB, 6, 4095),
	    A64I(BPF_LSH, 6, 32), A64I(BPF_ARSH, 6, 32) }, 6, 6,
	  "scalar(smin=smin32=-4095,smax=smax32=0)", false },
	{ "arsh32 imm sign extend check (r6 <<= 32)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_SUB, 6, 2047),
	    A64I(BPF_LSH, 6, 32) }, 5, 6,
	  "scalar(smin=0xfffff80100000000,smax=0x80000000000,smin32=0,smax32=umax32=0,"
	  "var_off=(0x0; 0xffffffff00000000))", false },
	{ "arsh32 imm sign extend check (r6 s>>= 32)",
	  { CALL_RAND, MOV64R(6, 0), A64I(BPF_AND, 6, 4095), A64I(BPF_SUB, 6, 2047),
	    A64I(BPF_LSH, 6, 32), A64I(BPF_ARSH, 6, 32) }, 6, 6,
	  "scalar(smin=smin32=-2047,smax=smax32=2048)", false },
	{ "bounds deduction cross sign boundary, positive overlap",
	  { CALL_RAND, MOVSX64(0, 0, 8), LDIMM(1, 0xffffffffffffff00ULL), J64R(BPF_JGT, 0, 1) }, 4, 0,
	  "scalar(smin=smin32=0,smax=umax=smax32=umax32=127,var_off=(0x0; 0x7f))", false },
	{ "bounds deduction cross sign boundary, two overlaps",
	  { CALL_RAND, MOVSX64(0, 0, 8), LDIMM(1, 0xffffffffffffff80ULL), J64R(BPF_JGT, 0, 1) }, 4, 0,
	  "scalar(smin=smin32=-128,smax=smax32=127)", false },
	{ "bounds refinement: several overlaps between tnum and u64",
	  { CALL_RAND, J64I(BPF_JLT, 0, 0), J64I(BPF_JGT, 0, 1) }, 3, 0,
	  "scalar(smin=smin32=0,smax=umax=smax32=umax32=1,var_off=(0x0; 0x1))", false },
	{ "bounds refinement: multiple overlaps between tnum and u64",
	  { CALL_RAND, J64I(BPF_JLT, 0, 0xf), J64I(BPF_JGT, 0, 0x10) }, 3, 0,
	  "scalar(smin=umin=smin32=umin32=15,smax=umax=smax32=umax32=16,var_off=(0x0; 0x1f))", false },
	{ "bounds refinement: 64bits ranges not overwritten by 32bits ranges (s> 2)",
	  { CALL_RAND, J32I(BPF_JLT, 0, 2), J32I(BPF_JGT, 0, 3), J64I(BPF_JSGT, 0, 2) }, 4, 0,
	  "scalar(smin=0x8000000000000002,smax=2,smin32=umin32=2,smax32=umax32=3,var_off=", true },
	{ "bounds refinement: 64bits ranges not overwritten by 32bits ranges (> 19)",
	  { CALL_RAND, J32I(BPF_JLT, 0, 2), J32I(BPF_JGT, 0, 3), J64I(BPF_JSGT, 0, 2),
	    J64I(BPF_JGT, 0, 19) }, 5, 0, "2", false },
	{ "UDIV32, positive divisor",
	  { CALL_RAND, MOV32R(1, 0), A32I(BPF_AND, 1, 8), A32I(BPF_OR, 1, 1), A32I(BPF_DIV, 1, 3) },
	  5, 1, "scalar(smin=smin32=0,smax=umax=smax32=umax32=3,var_off=(0x0; 0x3))", false },
	{ "UDIV32, zero divisor",
	  { CALL_RAND, MOV32R(1, 0), A32I(BPF_AND, 1, 8), A32I(BPF_OR, 1, 1), MOV32I(2, 0),
	    A32R(BPF_DIV, 1, 2) }, 6, 1, "0", false },
	{ "UDIV64, positive divisor",
	  { CALL_RAND, MOV64R(1, 0), A64I(BPF_AND, 1, 8), A64I(BPF_OR, 1, 1), A64I(BPF_DIV, 1, 3) },
	  5, 1, "scalar(smin=smin32=0,smax=umax=smax32=umax32=3,var_off=(0x0; 0x3))", false },
	{ "SDIV32, positive divisor, positive dividend",
	  { CALL_RAND, MOV32R(1, 0), J32I(BPF_JSLT, 1, 8), J32I(BPF_JSGT, 1, 10), SDIV32I(1, 3) },
	  5, 1, "scalar(smin=umin=smin32=umin32=2,smax=umax=smax32=umax32=3,var_off=(0x2; 0x1))",
	  false },
	{ "SDIV32, positive divisor, negative dividend",
	  { CALL_RAND, MOV32R(1, 0), J32I(BPF_JSGT, 1, -8), J32I(BPF_JSLT, 1, -10), SDIV32I(1, 3) },
	  5, 1, "scalar(smin=umin=umin32=0xfffffffd,smax=umax=umax32=0xfffffffe,smin32=-3,"
		"smax32=-2,var_off=(0xfffffffc; 0x3))", false },
	{ "SDIV32, positive divisor, mixed sign dividend",
	  { CALL_RAND, MOV32R(1, 0), J32I(BPF_JSLT, 1, -8), J32I(BPF_JSGT, 1, 10), SDIV32I(1, 3) },
	  5, 1, "scalar(smin=0,smax=umax=0xffffffff,smin32=-2,smax32=3,var_off=(0x0; 0xffffffff))",
	  false },
	{ "SDIV32, negative divisor, mixed sign dividend",
	  { CALL_RAND, MOV32R(1, 0), J32I(BPF_JSLT, 1, -8), J32I(BPF_JSGT, 1, 10), SDIV32I(1, -3) },
	  5, 1, "scalar(smin=0,smax=umax=0xffffffff,smin32=-3,smax32=2,var_off=(0x0; 0xffffffff))",
	  false },
	{ "SDIV32, overflow (S32_MIN/-1), constant dividend",
	  { MOV32I(1, INT32_MIN), SDIV32I(1, -1) }, 2, 1, "0x80000000", false },
	{ "SDIV64, positive divisor, positive dividend",
	  { CALL_RAND, MOV64R(1, 0), J64I(BPF_JSLT, 1, 8), J64I(BPF_JSGT, 1, 10), SDIV64I(1, 3) },
	  5, 1, "scalar(smin=umin=smin32=umin32=2,smax=umax=smax32=umax32=3,var_off=(0x2; 0x1))",
	  false },
	{ "SDIV64, positive divisor, negative dividend",
	  { CALL_RAND, MOV64R(1, 0), J64I(BPF_JSGT, 1, -8), J64I(BPF_JSLT, 1, -10), SDIV64I(1, 3) },
	  5, 1, "scalar(smin=smin32=-3,smax=smax32=-2,umin=0xfffffffffffffffd,umax=0xfffffffffffffffe,"
		"umin32=0xfffffffd,umax32=0xfffffffe,var_off=(0xfffffffffffffffc; 0x3))", false },
	{ "SDIV64, overflow (S64_MIN/-1), constant dividend",
	  { LDIMM(1, 0x8000000000000000ULL), SDIV64I(1, -1) }, 2, 1, "0x8000000000000000", false },
	{ "UMOD32, positive divisor",
	  { CALL_RAND, MOV32R(1, 0), A32I(BPF_AND, 1, 8), A32I(BPF_OR, 1, 1), A32I(BPF_MOD, 1, 3) },
	  5, 1, "scalar(smin=smin32=0,smax=umax=smax32=umax32=2,var_off=(0x0; 0x3))", false },
	{ "UMOD32, positive divisor, small dividend",
	  { CALL_RAND, MOV32R(1, 0), A32I(BPF_AND, 1, 8), A32I(BPF_OR, 1, 1), A32I(BPF_MOD, 1, 10) },
	  5, 1, "scalar(smin=umin=smin32=umin32=1,smax=umax=smax32=umax32=9,var_off=(0x1; 0x8))",
	  false },
	{ "UMOD64, zero divisor",
	  { CALL_RAND, MOV64R(1, 0), A64I(BPF_AND, 1, 8), A64I(BPF_OR, 1, 1), MOV64I(2, 0),
	    A64R(BPF_MOD, 1, 2) }, 6, 1,
	  "scalar(smin=umin=smin32=umin32=1,smax=umax=smax32=umax32=9,var_off=(0x1; 0x8))", false },
	{ "SMOD32, positive divisor, negative dividend",
	  { CALL_RAND, MOV32R(1, 0), J32I(BPF_JSGT, 1, -8), J32I(BPF_JSLT, 1, -10), SMOD32I(1, 3) },
	  5, 1, "scalar(smin=0,smax=umax=0xffffffff,smin32=-2,smax32=0,var_off=(0x0; 0xffffffff))",
	  false },
	{ "SMOD32, positive divisor, small dividend",
	  { CALL_RAND, MOV32R(1, 0), J32I(BPF_JSLT, 1, -8), J32I(BPF_JSGT, 1, 10), SMOD32I(1, 11) },
	  5, 1, "scalar(smin=0,smax=umax=0xffffffff,smin32=-8,smax32=10,var_off=(0x0; 0xffffffff))",
	  false },
	{ "SMOD64, positive divisor, mixed sign dividend",
	  { CALL_RAND, MOV64R(1, 0), J64I(BPF_JSLT, 1, -8), J64I(BPF_JSGT, 1, 10), SMOD64I(1, 3) },
	  5, 1, "scalar(smin=smin32=-2,smax=smax32=2)", false },
	{ "SMOD64, negative divisor, small dividend",
	  { CALL_RAND, MOV64R(1, 0), J64I(BPF_JSLT, 1, -8), J64I(BPF_JSGT, 1, 10), SMOD64I(1, -11) },
	  5, 1, "scalar(smin=smin32=-8,smax=smax32=10)", false },
	{ "SMOD32, overflow (S32_MIN%-1), constant dividend",
	  { MOV32I(1, INT32_MIN), SMOD32I(1, -1) }, 2, 1, "0", false },
	{ "bswap16_range", { CALL_RAND, A64I(BPF_AND, 0, 0x3f00), END(BPF_ALU64, BPF_TO_LE, 0, 16) },
	  3, 0, "var_off=(0x0; 0x3f))", true },
	{ "bswap32_range", { CALL_RAND, A64I(BPF_AND, 0, 0x3f00), END(BPF_ALU64, BPF_TO_LE, 0, 32) },
	  3, 0, "var_off=(0x0; 0x3f0000))", true },
	{ "bswap64_range", { CALL_RAND, A64I(BPF_AND, 0, 0x3f00), END(BPF_ALU64, BPF_TO_LE, 0, 64) },
	  3, 0, "var_off=(0x0; 0x3f000000000000))", true },
	{ "be16_range", { CALL_RAND, A64I(BPF_AND, 0, 0x3f00), END(BPF_ALU, BPF_TO_BE, 0, 16) },
	  3, 0, "var_off=(0x0; 0x3f))", true },
	{ "be32_range", { CALL_RAND, A64I(BPF_AND, 0, 0x3f00), END(BPF_ALU, BPF_TO_BE, 0, 32) },
	  3, 0, "var_off=(0x0; 0x3f0000))", true },
};

static void run_steps(const struct kcase *c, struct sim_scalar *regs)
{
	for (int r = 0; r < 11; r++)
		sim_scalar_mark_unknown(&regs[r]);
	for (int i = 0; i < c->nsteps; i++) {
		const struct step *st = &c->steps[i];
		const struct bpf_insn *in = &st->insn;
		struct sim_scalar *dst = &regs[in->dst_reg], imm;
		const struct sim_scalar *src = &regs[in->src_reg];
		struct sim_scalar_branches br;
		int pred;

		if (BPF_SRC(in->code) == BPF_K && st->kind != CALL && st->kind != LDIMM) {
			sim_scalar_from_imm(&imm, in->imm);
			src = &imm;
		}
		switch (st->kind) {
		case CALL:
			sim_scalar_mark_unknown(&regs[0]);
			break;
		case LDIMM:
			sim_scalar_mark_known(dst, st->imm64);
			break;
		case MOV:
			sim_scalar_mov(dst, src, in);
			break;
		case ALU:
			assert_null(sim_scalar_alu_insn_error(in, (char[32]){ 0 }, 32));
			sim_scalar_alu(dst, src, in, BPF_CLASS(in->code) == BPF_ALU64);
			break;
		case JMP:
			pred = sim_scalar_cond(dst, src, BPF_OP(in->code),
					       BPF_CLASS(in->code) == BPF_JMP32, &br);
			if (pred == 1)
				fail_msg("%s: step %d always jumps", c->name, i);
			if (pred == -1) {
				*dst = br.false_a;
				if (BPF_SRC(in->code) == BPF_X)
					regs[in->src_reg] = br.false_b;
			}
			break;
		}
	}
}

static void test_scalar_kernel_logs(void **state)
{
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);

	(void)state;
	for (size_t i = 0; i < sizeof(kcases) / sizeof(kcases[0]); i++) {
		const struct kcase *c = &kcases[i];
		struct sim_scalar regs[11];
		bool ok;

		run_steps(c, regs);
		sim_strbuf_reset(&sb);
		sim_scalar_print(&out, &regs[c->reg]);
		assert_non_null(sb.buf);
		if (c->suffix)
			ok = strstr(sb.buf, c->want) != NULL;
		else
			ok = !strcmp(sb.buf, c->want);
		if (!ok)
			fail_msg("%s: R%d=%s, kernel printed %s%s", c->name, c->reg, sb.buf,
				 c->suffix ? "...": "", c->want);
	}
	sim_strbuf_free(&sb);
}

struct print_case {
	struct sim_scalar s;
	bool precise;
	uint32_t id;
	int32_t delta;
	const char *want;
};

/* print_reg_state() rules: constants bare (decimal when small), P for
 * precise, id with the BPF_ADD_CONST delta ("id=1-1" from the selftest
 * "64-bit subtraction, partial overflow") */
static void test_scalar_print_table(void **state)
{
	struct print_case cases[] = {
		{ .want = "P-1" }, { .want = "0x10000" }, { .want = "scalar(id=1-1)" },
		{ .want = "scalar(id=3)" },
	};
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);

	(void)state;
	sim_scalar_mark_known(&cases[0].s, UINT64_MAX);
	cases[0].precise = true;
	sim_scalar_mark_known(&cases[1].s, 0x10000);
	sim_scalar_mark_unknown(&cases[2].s);
	cases[2].id = 1 | SIM_ADD_CONST64;
	cases[2].delta = -1;
	sim_scalar_mark_unknown(&cases[3].s);
	cases[3].id = 3;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sim_strbuf_reset(&sb);
		sim_scalar_print_reg(&out, &cases[i].s, cases[i].precise, cases[i].id, cases[i].delta);
		assert_string_equal(sb.buf, cases[i].want);
	}
	sim_strbuf_free(&sb);
}

struct insn_err_case {
	struct bpf_insn insn;
	const char *want;   /* NULL: accepted */
};

static void test_scalar_alu_insn_errors(void **state)
{
	static const struct insn_err_case cases[] = {
		{ { .code = BPF_ALU64 | BPF_DIV | BPF_K, .imm = 0 }, "div by zero" },
		{ { .code = BPF_ALU | BPF_MOD | BPF_K, .imm = 0 }, "div by zero" },
		{ { .code = BPF_ALU64 | BPF_DIV | BPF_X }, NULL },
		{ { .code = BPF_ALU | BPF_LSH | BPF_K, .imm = 32 }, "invalid shift 32" },
		{ { .code = BPF_ALU64 | BPF_ARSH | BPF_K, .imm = -1 }, "invalid shift -1" },
		{ { .code = BPF_ALU64 | BPF_RSH | BPF_K, .imm = 63 }, NULL },
	};
	char buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = sim_scalar_alu_insn_error(&cases[i].insn, buf, sizeof(buf));

		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
}

/* a shift by a non-constant or by >= width makes dst fully unknown, and
 * division by a known zero gives 0 (BPF semantics, not an error) */
static void test_scalar_alu_unknown_rules(void **state)
{
	struct bpf_insn lsh32 = { .code = BPF_ALU | BPF_LSH | BPF_X };
	struct bpf_insn div = { .code = BPF_ALU64 | BPF_DIV | BPF_X };
	struct sim_scalar d, s;

	(void)state;
	sim_scalar_mark_known(&d, 5);
	sim_scalar_mark_known(&s, 40);          /* 40 >= 32 */
	sim_scalar_alu(&d, &s, &lsh32, false);
	assert_true(tnum_is_unknown(d.var_off));
	assert_int_equal(sim_scalar_umax(&d), UINT64_MAX);   /* not even zero-extended */
	sim_scalar_mark_unknown(&d);
	sim_scalar_mark_known(&s, 0);
	sim_scalar_alu(&d, &s, &div, true);
	assert_true(tnum_equals_const(d.var_off, 0));
}

/* maybe_fork_scalars(): {-1, 0} & const splits into the two constants */
static void test_scalar_alu_fork(void **state)
{
	struct bpf_insn and = { .code = BPF_ALU64 | BPF_AND | BPF_K, .imm = 0x10 };
	struct sim_scalar d, k, forked;

	(void)state;
	sim_scalar_mark_unknown(&d);
	sim_scalar_set_srange64(&d, -1, 0);
	sim_scalar_sync(&d);
	sim_scalar_from_imm(&k, 0x10);
	assert_int_equal(sim_scalar_alu_fork(&d, &k, &and, true, &forked), SIM_SCALAR_ALU_FORKED);
	assert_true(tnum_equals_const(d.var_off, 0x10));
	assert_true(tnum_equals_const(forked.var_off, 0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalar_kernel_logs),
		cmocka_unit_test(test_scalar_print_table),
		cmocka_unit_test(test_scalar_alu_insn_errors),
		cmocka_unit_test(test_scalar_alu_unknown_rules),
		cmocka_unit_test(test_scalar_alu_fork),
		cmocka_unit_test(test_scalar_branch_same_reg),
		cmocka_unit_test(test_scalar_sync_sound),
		cmocka_unit_test(test_scalar_alu_sound),
		cmocka_unit_test(test_scalar_end_mov_sound),
		cmocka_unit_test(test_scalar_coerce_sound),
		cmocka_unit_test(test_scalar_branch_sound),
	};

	return cmocka_run_group_tests_name("scalar", tests, NULL, NULL);
}
