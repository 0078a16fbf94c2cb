/* Stack-slot liveness, mirroring the stack half of kernel/bpf/liveness.c
 * of Linux 7.3 (bpf_compute_subprog_arg_access(), bpf_stack_slot_alive()).
 *
 * How it works
 * ------------
 * The unit is a 4-byte half of an 8-byte stack slot ("half spi": 2*spi is
 * slot_type[0..3], the half nearer the frame pointer). For every
 * instruction the analysis knows which halves it may read (may_read) and
 * which it surely overwrites (must_write), in its own frame and in the
 * frames of its callers; a backward fixed point gives live_before: the
 * halves some later instruction may read before they are overwritten.
 *
 * Reads and writes go through pointers, so a forward pass first tracks,
 * per register and per spilled stack slot, which frame's frame pointer a
 * value is derived from and at which offsets (struct arg_track: a precise
 * set of up to 4 offsets, "some offset" of a known frame, or "one of these
 * frames"). Loads, stores and the memory arguments of helpers and kfuncs
 * (their prototypes say how many bytes they read or write) then mark
 * may_read / must_write.
 *
 * A subprogram that receives frame-pointer-derived arguments can touch its
 * callers' stacks, so it is analysed once per call chain: a func_instance
 * keyed by (call depth, call site), recursively from its caller with the
 * caller's argument facts; what the callee reads of the caller's frames
 * at its entry becomes a read at the call site. Subprograms without such
 * arguments are analysed once on their own (depth 0).
 *
 * At each checkpoint (states.c clean_verifier_state()) a half that is dead
 * in its frame's instance at the current instruction, and for outer frames
 * after their call site (at it, for callbacks, which may run again), is
 * turned into STACK_POISON: it cannot make two states differ, and reading
 * it later is an error ("slot poisoned by dead code elimination").
 *
 * The kernel also tracks outgoing stack arguments (R11); the simulator
 * rejects R11 before verification, so they are always "no frame" here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <bpf/btf.h>

#include "check.h"
#include "kfuncs.h"
#include "object.h"
#include "stack_liveness.h"
#include "btf_util.h"
#include "log_preamble.h"

#define MAX_ARG_OFFSETS 4
#define MAX_ARG_SPILL_SLOTS 64 /* callee slots fp-8 .. fp-512 */
#define NREGS SIM_MAX_REG
#define HASH_BUCKETS 256
#define ACCESS_UNKNOWN INT64_MIN /* S64_MIN: unknown amount */
#define DYNPTR_SIZE 16           /* sizeof(struct bpf_dynptr_kern) */
#define MAX_BPF_STACK SIM_MAX_STACK
#define STACK_SLOT_SZ 4
#define SUBPROG_CALLS_LIMIT 10000

/* ---- spis_t -------------------------------------------------------------- */

static const struct sim_spis spis_zero = { { 0, 0 } };
static const struct sim_spis spis_all = { { UINT64_MAX, UINT64_MAX } };

static struct sim_spis spis_or(struct sim_spis a, struct sim_spis b)
{
	return (struct sim_spis){ { a.v[0] | b.v[0], a.v[1] | b.v[1] } };
}

static bool spis_equal(struct sim_spis a, struct sim_spis b)
{
	return a.v[0] == b.v[0] && a.v[1] == b.v[1];
}

static bool spis_is_zero(struct sim_spis a)
{
	return !a.v[0] && !a.v[1];
}

static bool spis_test(struct sim_spis s, uint32_t bit)
{
	return bit < SIM_HALF_SLOTS && (s.v[bit / 64] >> (bit % 64)) & 1;
}

static void spis_or_range(struct sim_spis *m, int32_t lo, int32_t hi)
{
	for (int32_t w = lo; w <= hi && w < SIM_HALF_SLOTS; w++)
		if (w >= 0)
			m->v[w / 64] |= 1ull << (w % 64);
}

/* ---- func instances (mirrors struct func_instance) ----------------------- */

struct per_frame_masks {
	struct sim_spis may_read;    /* may be read by this instruction */
	struct sim_spis must_write;  /* surely written by this instruction */
	struct sim_spis live_before; /* may be read by it or its successors */
};

struct sim_func_instance {
	struct sim_func_instance *next;  /* hash chain */
	uint32_t callsite;               /* call insn, or subprog start at depth 0 */
	uint32_t depth;
	int subprog;
	int subprog_start;
	int insn_cnt;
	struct per_frame_masks *frames[SIM_MAX_FRAMES]; /* lazily, per frame */
	bool must_write_initialized;
};

static uint32_t instance_hash(uint32_t callsite, uint32_t depth)
{
	return (callsite * 2654435761u ^ depth * 40503u) % HASH_BUCKETS;
}

static struct sim_func_instance *find_instance(const struct sim_liveness *lv, uint32_t callsite,
					       uint32_t depth)
{
	for (struct sim_func_instance *f = lv->buckets[instance_hash(callsite, depth)]; f; f = f->next)
		if (f->depth == depth && f->callsite == callsite)
			return f;
	return NULL;
}

static struct sim_func_instance *new_instance(const struct sim_liveness *lv, uint32_t callsite,
					      uint32_t depth, int subprog)
{
	struct sim_func_instance *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->callsite = callsite;
	f->depth = depth;
	f->subprog = subprog;
	f->subprog_start = lv->sub_start[subprog];
	f->insn_cnt = lv->sub_start[subprog + 1] - lv->sub_start[subprog];
	return f;
}

/* mirrors call_instance() */
static struct sim_func_instance *call_instance(struct sim_liveness *lv,
					       const struct sim_func_instance *caller,
					       uint32_t callsite, int subprog)
{
	uint32_t depth = caller ? caller->depth + 1 : 0;
	uint32_t key = depth > 0 ? callsite : (uint32_t)lv->sub_start[subprog];
	struct sim_func_instance *f = find_instance(lv, key, depth);
	uint32_t h;

	if (f)
		return f;
	f = new_instance(lv, key, depth, subprog);
	if (!f)
		return NULL;
	h = instance_hash(key, depth);
	f->next = lv->buckets[h];
	lv->buckets[h] = f;
	return f;
}

static void free_instance(struct sim_func_instance *f)
{
	for (int i = 0; i < SIM_MAX_FRAMES; i++)
		free(f->frames[i]);
	free(f);
}

void sim_stack_liveness_free_instances(struct sim_liveness *lv)
{
	if (!lv->buckets)
		return;
	for (int b = 0; b < HASH_BUCKETS; b++)
		for (struct sim_func_instance *f = lv->buckets[b], *n; f; f = n) {
			n = f->next;
			free_instance(f);
		}
	free(lv->buckets);
	lv->buckets = NULL;
}

static struct per_frame_masks *get_frame_masks(const struct sim_func_instance *f, uint32_t frame,
					       int insn_idx)
{
	int rel = insn_idx - f->subprog_start;

	if (frame >= SIM_MAX_FRAMES || !f->frames[frame] || rel < 0 || rel >= f->insn_cnt)
		return NULL;
	return &f->frames[frame][rel];
}

static struct per_frame_masks *alloc_frame_masks(struct sim_func_instance *f, uint32_t frame,
						 int insn_idx)
{
	if (frame >= SIM_MAX_FRAMES)
		return NULL;
	if (!f->frames[frame]) {
		f->frames[frame] = calloc((size_t)f->insn_cnt, sizeof(struct per_frame_masks));
		if (!f->frames[frame])
			return NULL;
	}
	return get_frame_masks(f, frame, insn_idx);
}

static int mark_stack_read(struct sim_func_instance *f, uint32_t frame, int insn_idx,
			   struct sim_spis mask)
{
	struct per_frame_masks *m = alloc_frame_masks(f, frame, insn_idx);

	if (!m)
		return -ENOMEM;
	m->may_read = spis_or(m->may_read, mask);
	return 0;
}

static int mark_stack_write(struct sim_func_instance *f, uint32_t frame, int insn_idx,
			    struct sim_spis mask)
{
	struct per_frame_masks *m = alloc_frame_masks(f, frame, insn_idx);

	if (!m)
		return -ENOMEM;
	m->must_write = spis_or(m->must_write, mask);
	return 0;
}

/* mirrors update_insn(): live_before = (live after & ~must_write) | may_read */
static bool update_insn(const struct sim_liveness *lv, struct sim_func_instance *f, uint32_t frame,
			int insn_idx)
{
	struct per_frame_masks *m = get_frame_masks(f, frame, insn_idx);
	struct sim_spis after = spis_zero, before;
	int succ[SIM_MAX_SUCC], n = sim_liveness_successors(lv, insn_idx, succ);
	bool changed;

	if (!n || !m)
		return false;
	for (int s = 0; s < n; s++) {
		const struct per_frame_masks *sm = get_frame_masks(f, frame, succ[s]);

		if (sm)
			after = spis_or(after, sm->live_before);
	}
	before.v[0] = (after.v[0] & ~m->must_write.v[0]) | m->may_read.v[0];
	before.v[1] = (after.v[1] & ~m->must_write.v[1]) | m->may_read.v[1];
	changed = !spis_equal(before, m->live_before);
	m->live_before = before;
	return changed;
}

/* mirrors update_instance(): the fixed point over the subprogram's postorder */
static void update_instance(const struct sim_liveness *lv, struct sim_func_instance *f)
{
	int po_start = lv->po_start[f->subprog], po_end = lv->po_start[f->subprog + 1];
	bool changed;

	f->must_write_initialized = true;
	do {
		changed = false;
		for (uint32_t frame = 0; frame <= f->depth; frame++) {
			if (!f->frames[frame])
				continue;
			for (int i = po_start; i < po_end; i++)
				changed |= update_insn(lv, f, frame, lv->postorder[i]);
		}
	} while (changed);
}

/* mirrors is_live_before() */
static bool is_live_before(const struct sim_func_instance *f, int insn_idx, uint32_t frameno,
			   uint32_t half_spi)
{
	const struct per_frame_masks *m = get_frame_masks(f, frameno, insn_idx);

	return m && spis_test(m->live_before, half_spi);
}

/* ---- the query pruning makes --------------------------------------------- */

/* mirrors lookup_instance(): the deepest instance of the frame's call
 * chain that was analysed, down to the subprogram's own (depth 0) */
static struct sim_func_instance *lookup_instance(const struct sim_liveness *lv,
						 const struct sim_state *st, uint32_t frameno)
{
	const struct sim_func *fr = st->frame[frameno];
	uint32_t start, callsite;

	if (fr->subprogno >= (uint32_t)lv->subprog_cnt)
		return NULL;
	start = (uint32_t)lv->sub_start[fr->subprogno];
	callsite = frameno > 0 ? (uint32_t)fr->callsite : start;
	for (uint32_t depth = frameno;; depth--) {
		struct sim_func_instance *f = find_instance(lv, depth > 0 ? callsite : start, depth);

		if (f || depth == 0)
			return f;
	}
}

void sim_live_stack_query_init(struct sim_env *env, const struct sim_state *st)
{
	struct sim_liveness *lv = env->liveness;
	struct sim_live_stack_query *q;

	if (!lv || !lv->stack_ok)
		return;
	q = &lv->q;
	memset(q, 0, sizeof(*q));
	for (uint32_t frame = 0; frame <= st->curframe; frame++) {
		q->instances[frame] = lookup_instance(lv, st, frame);
		if (frame < st->curframe)
			q->callsites[frame] = (uint32_t)st->frame[frame + 1]->callsite;
	}
	q->curframe = st->curframe;
	q->insn_idx = st->insn_idx;
}

bool sim_stack_slot_alive(struct sim_env *env, uint32_t frameno, uint32_t half_spi)
{
	const struct sim_liveness *lv = env->liveness;
	const struct sim_live_stack_query *q;
	const struct sim_func_instance *cur;
	uint32_t rel;

	if (!lv || !lv->stack_ok)
		return true;
	q = &lv->q;
	cur = q->instances[q->curframe];
	if (!cur)
		return true;
	/* frame numbers of the state map onto the instance's depths; an
	 * instance analysed at a smaller depth sees fewer outer frames */
	rel = frameno + (cur->depth - q->curframe);
	if (rel <= cur->depth && is_live_before(cur, (int)q->insn_idx, rel, half_spi))
		return true;
	for (uint32_t i = frameno; i < q->curframe; i++) {
		const struct sim_func_instance *f = q->instances[i];
		uint32_t callsite = q->callsites[i];

		if (!f)
			return true;
		rel = frameno + (f->depth - i);
		if (rel > f->depth)
			return true;
		/* after the call, unless the callee is a callback: the helper
		 * may call it again, so what is live before the call counts */
		if (callsite < (uint32_t)lv->insn_cnt && lv->calls_callback[callsite]
			    ? is_live_before(f, (int)callsite, rel, half_spi)
			    : is_live_before(f, (int)callsite + 1, rel, half_spi))
			return true;
	}
	return false;
}

bool sim_liveness_rewritten(const struct sim_env *env, int idx)
{
	const struct sim_liveness *lv = env->liveness;

	return lv && idx >= 0 && idx < lv->insn_cnt && lv->rewritten[idx];
}

/* ---- arg tracking (mirrors struct arg_track and its lattice) ------------- */

enum { ARG_NONE = -1, ARG_UNVISITED = -2, ARG_IMPRECISE = -3 };

struct arg_track {
	union {   /* as the kernel's: 10 bytes, times 76 per instruction */
		int16_t off[MAX_ARG_OFFSETS]; /* frame >= 0: off_cnt byte offsets, sorted */
		uint16_t mask;                /* ARG_IMPRECISE: the frames it may be */
	};
	int8_t frame;                 /* absolute frame index, or ARG_* */
	int8_t off_cnt;               /* 0: offset unknown */
};

static const struct arg_track at_none = { .frame = ARG_NONE };
static const struct arg_track at_unvisited = { .frame = ARG_UNVISITED };

static bool arg_is_visited(const struct arg_track *a)
{
	return a->frame != ARG_UNVISITED;
}

static bool arg_is_fp(const struct arg_track *a)
{
	return a->frame >= 0 || a->frame == ARG_IMPRECISE;
}

/* mirrors arg_track_eq() */
static bool arg_eq(const struct arg_track *a, const struct arg_track *b)
{
	if (a->frame != b->frame)
		return false;
	if (a->frame == ARG_IMPRECISE)
		return a->mask == b->mask;
	if (a->frame < 0)
		return true;
	if (a->off_cnt != b->off_cnt)
		return false;
	for (int i = 0; i < a->off_cnt; i++)
		if (a->off[i] != b->off[i])
			return false;
	return true;
}

static struct arg_track arg_single(int frame, int16_t off)
{
	struct arg_track a = { .frame = (int8_t)frame, .off_cnt = 1 };

	a.off[0] = off;
	return a;
}

/* mirrors arg_merge_offsets(): sorted union, offset-imprecise past 4 */
static struct arg_track arg_merge_offsets(struct arg_track a, struct arg_track b)
{
	struct arg_track r = { .frame = a.frame }, imp = { .frame = a.frame };
	int i = 0, j = 0, k = 0;

	while (i < a.off_cnt && j < b.off_cnt) {
		int16_t v;

		if (a.off[i] <= b.off[j]) {
			v = a.off[i++];
			if (v == b.off[j])
				j++;
		} else {
			v = b.off[j++];
		}
		if (k > 0 && r.off[k - 1] == v)
			continue;
		if (k >= MAX_ARG_OFFSETS)
			return imp;
		r.off[k++] = v;
	}
	while (i < a.off_cnt) {
		if (k >= MAX_ARG_OFFSETS)
			return imp;
		r.off[k++] = a.off[i++];
	}
	while (j < b.off_cnt) {
		if (k >= MAX_ARG_OFFSETS)
			return imp;
		r.off[k++] = b.off[j++];
	}
	r.off_cnt = (int8_t)k;
	return r;
}

/* mirrors arg_join_imprecise() */
static struct arg_track arg_join_imprecise(struct arg_track a, struct arg_track b)
{
	uint16_t m = 0;

	if (a.frame >= 0)
		m |= (uint16_t)(1u << a.frame);
	else if (a.frame == ARG_IMPRECISE)
		m |= a.mask;
	if (b.frame >= 0)
		m |= (uint16_t)(1u << b.frame);
	else if (b.frame == ARG_IMPRECISE)
		m |= b.mask;
	return (struct arg_track){ .mask = m, .frame = ARG_IMPRECISE };
}

/* mirrors __arg_track_join() */
static struct arg_track arg_join(struct arg_track a, struct arg_track b)
{
	if (!arg_is_visited(&b))
		return a;
	if (!arg_is_visited(&a))
		return b;
	if (a.frame == b.frame && a.frame >= 0) {
		if (a.off_cnt == 0 || b.off_cnt == 0)
			return (struct arg_track){ .frame = a.frame };
		return arg_merge_offsets(a, b);
	}
	if (a.frame == ARG_NONE && b.frame == ARG_NONE)
		return a;
	/* a single fp-N joined with "no pointer" gets a fake fp+0: it keeps
	 * the use and prevents a def */
	if (a.frame >= 0 && b.frame == ARG_NONE)
		return a.off_cnt == 1 ? arg_merge_offsets(a, arg_single(a.frame, 0)) : a;
	if (b.frame >= 0 && a.frame == ARG_NONE)
		return b.off_cnt == 1 ? arg_merge_offsets(b, arg_single(b.frame, 0)) : b;
	return arg_join_imprecise(a, b);
}

/* mirrors arg_track_join(): true when @in changed */
static bool arg_join_into(struct arg_track *in, struct arg_track out)
{
	struct arg_track nv = arg_join(*in, out);

	if (arg_eq(&nv, in))
		return false;
	*in = nv;
	return true;
}

/* mirrors arg_track_alu64(): an ALU op that loses the offset */
static void arg_alu64(struct arg_track *dst, const struct arg_track *src)
{
	if (dst->frame >= 0 && (src->frame == ARG_NONE || src->frame == dst->frame)) {
		dst->off_cnt = 0;
		return;
	}
	if (src->frame >= 0 && dst->frame == ARG_NONE) {
		dst->off_cnt = 0;
		dst->frame = src->frame;
		return;
	}
	if (dst->frame == ARG_NONE && src->frame == ARG_NONE)
		return;
	*dst = arg_join_imprecise(*dst, *src);
}

/* mirrors arg_add(): true on overflow of the 16-bit offset */
static bool arg_add(int16_t off, int64_t delta, int16_t *out)
{
	int64_t r;

	if ((int16_t)delta != delta)
		return true;
	r = (int64_t)off + delta;
	if (r < INT16_MIN || r > INT16_MAX)
		return true;
	*out = (int16_t)r;
	return false;
}

static void arg_padd(struct arg_track *a, int64_t delta)
{
	for (int i = 0; i < a->off_cnt; i++) {
		int16_t n;

		if (arg_add(a->off[i], delta, &n)) {
			a->off_cnt = 0;
			return;
		}
		a->off[i] = n;
	}
}

/* mirrors fp_off_to_slot(): slot 0 is fp-8; -1 out of range or unaligned */
static int fp_off_to_slot(int16_t off)
{
	if (off >= 0 || off < -(int)(MAX_ARG_SPILL_SLOTS * 8) || off % 8)
		return -1;
	return -off / 8 - 1;
}

/* mirrors fill_from_stack(): what an 8-byte load through @reg gets */
static struct arg_track fill_from_stack(const struct bpf_insn *insn, const struct arg_track *at,
					int reg, const struct arg_track *stack, int depth)
{
	struct arg_track imp = { .mask = (uint16_t)((1u << (depth + 1)) - 1), .frame = ARG_IMPRECISE };
	struct arg_track r = at_none;

	if (reg == BPF_REG_10) {
		int slot = fp_off_to_slot(insn->off);

		return slot >= 0 ? stack[slot] : imp;
	}
	if (at[reg].off_cnt == 0)
		return imp;
	for (int i = 0; i < at[reg].off_cnt; i++) {
		int16_t fp_off;
		int slot;

		if (arg_add(at[reg].off[i], insn->off, &fp_off))
			return imp;
		slot = fp_off_to_slot(fp_off);
		if (slot < 0)
			return imp;
		r = arg_join(r, stack[slot]);
	}
	return r;
}

/* mirrors spill_to_stack() */
static void spill_to_stack(const struct bpf_insn *insn, const struct arg_track *at, int reg,
			   struct arg_track *stack, const struct arg_track *val, int sz)
{
	struct arg_track nv = sz == 8 ? *val : at_none;
	int cnt;

	if (reg == BPF_REG_10) {
		int slot = fp_off_to_slot(insn->off);

		if (slot >= 0)
			stack[slot] = nv;
		return;
	}
	cnt = at[reg].off_cnt;
	if (cnt == 0) {
		for (int s = 0; s < MAX_ARG_SPILL_SLOTS; s++)
			stack[s] = arg_join(stack[s], nv);
		return;
	}
	for (int i = 0; i < cnt; i++) {
		int16_t fp_off;
		int slot;

		if (arg_add(at[reg].off[i], insn->off, &fp_off))
			continue;
		slot = fp_off_to_slot(fp_off);
		if (slot < 0)
			continue;
		stack[slot] = cnt == 1 ? nv : arg_join(stack[slot], nv);
	}
}

/* mirrors clear_overlapping_stack_slots() */
static void clear_overlapping(struct arg_track *stack, int16_t off, int sz, int cnt)
{
	for (int i = 0; i < MAX_ARG_SPILL_SLOTS; i++) {
		int start = -((i + 1) * 8), end = start + 8;

		if (cnt == 0)
			stack[i] = arg_join(stack[i], at_none);
		else if (start < off + sz && end > off)
			stack[i] = cnt == 1 ? at_none : arg_join(stack[i], at_none);
	}
}

/* mirrors clear_stack_for_all_offs() */
static void clear_stack_for_all_offs(const struct bpf_insn *insn, const struct arg_track *at,
				     int reg, struct arg_track *stack, int sz)
{
	int cnt;

	if (reg == BPF_REG_10) {
		clear_overlapping(stack, insn->off, sz, 1);
		return;
	}
	cnt = at[reg].off_cnt;
	if (cnt == 0) {
		clear_overlapping(stack, 0, sz, 0);
		return;
	}
	for (int i = 0; i < cnt; i++) {
		int16_t fp_off;

		if (arg_add(at[reg].off[i], insn->off, &fp_off)) {
			clear_overlapping(stack, 0, sz, 0);
			break;
		}
		clear_overlapping(stack, fp_off, sz, cnt);
	}
}

static bool can_be_local_fp(int depth, int regno, const struct arg_track *a)
{
	return regno == BPF_REG_10 || a->frame == depth ||
	       (a->frame == ARG_IMPRECISE && (a->mask & (1u << depth)));
}

static int size_bytes(const struct bpf_insn *insn)
{
	static const int sz[4] = { 4, 2, 1, 8 };

	return sz[BPF_SIZE(insn->code) >> 3];
}

/* the analysis of one bpf_compute_subprog_arg_access() run */
struct arg_ctx {
	struct sim_env *env;
	struct sim_liveness *lv;
	struct {
		struct arg_track (*at_in)[NREGS];
		int len;
	} *info;                          /* per subprog */
	struct arg_track **callsite_at_stack; /* per insn */
	uint32_t callsites[SIM_MAX_FRAMES];
};

/* mirrors arg_track_xfer(): registers and spilled slots after @insn */
static void arg_xfer(struct arg_ctx *c, const struct bpf_insn *insn, struct arg_track *at,
		     struct arg_track *stack, const struct sim_func_instance *inst)
{
	int depth = (int)inst->depth;
	uint8_t class = BPF_CLASS(insn->code), code = BPF_OP(insn->code);
	uint8_t mode = BPF_MODE(insn->code);
	struct arg_track *dst = &at[insn->dst_reg], *src = &at[insn->src_reg];

	if (class == BPF_ALU64 && BPF_SRC(insn->code) == BPF_K) {
		if (code == BPF_MOV)
			*dst = at_none;
		else if (dst->frame >= 0) {
			if (code == BPF_ADD)
				arg_padd(dst, insn->imm);
			else if (code == BPF_SUB)
				arg_padd(dst, -(int64_t)insn->imm);
			else
				dst->off_cnt = 0;
		}
	} else if (class == BPF_ALU64 && BPF_SRC(insn->code) == BPF_X) {
		if (code == BPF_MOV)
			*dst = insn->off == 0 ? *src : at_none; /* addr_space_cast, movsx */
		else
			arg_alu64(dst, src);
	} else if (class == BPF_ALU) {
		*dst = at_none; /* 32-bit ALU destroys a pointer */
	} else if (class == BPF_JMP && code == BPF_CALL) {
		/* helpers and subprograms cannot make a valid frame pointer out
		 * of a slot, so spilled facts survive the call */
		for (int r = BPF_REG_0; r <= BPF_REG_5; r++)
			at[r] = at_none;
	} else if (class == BPF_LDX) {
		int sz = size_bytes(insn);

		if (can_be_local_fp(depth, insn->src_reg, src) && mode == BPF_MEM && sz == 8) {
			*dst = fill_from_stack(insn, at, insn->src_reg, stack, depth);
		} else if (src->frame >= 0 && src->frame < depth && mode == BPF_MEM && sz == 8) {
			const struct arg_track *parent = c->callsite_at_stack[c->callsites[src->frame]];

			*dst = parent ? fill_from_stack(insn, at, insn->src_reg, parent, src->frame)
				      : (struct arg_track){ .mask = (uint16_t)((1u << (src->frame + 1)) - 1),
							    .frame = ARG_IMPRECISE };
		} else if (src->frame == ARG_IMPRECISE && !(src->mask & (1u << depth)) && src->mask &&
			   mode == BPF_MEM && sz == 8) {
			*dst = *src; /* only parent frames: conservative */
		} else {
			*dst = at_none;
		}
	} else if (class == BPF_LD && mode == BPF_IMM) {
		*dst = at_none;
	} else if (class == BPF_STX) {
		int sz = size_bytes(insn);
		bool local = can_be_local_fp(depth, insn->dst_reg, dst);

		if (local && mode == BPF_MEM)
			spill_to_stack(insn, at, insn->dst_reg, stack, src, sz);
		if (mode == BPF_ATOMIC) {
			int r = -1;

			if (local && insn->imm != BPF_LOAD_ACQ)
				clear_stack_for_all_offs(insn, at, insn->dst_reg, stack, sz);
			/* bpf_atomic_load_reg() */
			if (insn->imm == BPF_LOAD_ACQ)
				r = insn->dst_reg;
			else if (insn->imm == BPF_CMPXCHG)
				r = BPF_REG_0;
			else if (insn->imm & BPF_FETCH)
				r = insn->src_reg;
			if (r >= 0)
				at[r] = at_none;
		}
	} else if (class == BPF_ST && mode == BPF_MEM) {
		if (can_be_local_fp(depth, insn->dst_reg, dst))
			clear_stack_for_all_offs(insn, at, insn->dst_reg, stack, size_bytes(insn));
	}
}

/* ---- recording accesses --------------------------------------------------- */

/* mirrors record_stack_access_off(): bytes > 0 read, < 0 write,
 * ACCESS_UNKNOWN read from fp_off up to the frame pointer */
static int record_off(struct sim_func_instance *f, int64_t fp_off, int64_t bytes, uint32_t frame,
		      int insn_idx)
{
	struct sim_spis mask = spis_zero;
	int32_t hi, lo;

	if (fp_off >= 0)
		return 0; /* out of bounds: rejected by do_check() */
	if (bytes == ACCESS_UNKNOWN) {
		spis_or_range(&mask, 0, (int32_t)((-fp_off - 1) / STACK_SLOT_SZ));
		return mark_stack_read(f, frame, insn_idx, mask);
	}
	if (bytes > 0) {
		/* any touched half is used */
		hi = (int32_t)((-fp_off - 1) / STACK_SLOT_SZ);
		lo = (int32_t)((-fp_off - bytes) / STACK_SLOT_SZ);
		spis_or_range(&mask, lo > 0 ? lo : 0, hi);
		return mark_stack_read(f, frame, insn_idx, mask);
	}
	if (bytes < 0) {
		/* only fully covered halves are defined */
		bytes = -bytes;
		hi = (int32_t)(-fp_off / STACK_SLOT_SZ - 1);
		lo = (int32_t)((-fp_off - bytes + STACK_SLOT_SZ - 1) / STACK_SLOT_SZ);
		if (lo < 0)
			lo = 0;
		if (lo <= hi) {
			spis_or_range(&mask, lo, hi);
			return mark_stack_write(f, frame, insn_idx, mask);
		}
	}
	return 0;
}

/* mirrors record_stack_access() */
static int record_access(struct sim_func_instance *f, const struct arg_track *a, int64_t bytes,
			 uint32_t frame, int insn_idx)
{
	if (bytes == 0)
		return 0;
	if (a->off_cnt == 0) {
		if (bytes > 0 || bytes == ACCESS_UNKNOWN)
			return mark_stack_read(f, frame, insn_idx, spis_all);
		return 0;
	}
	if (bytes != ACCESS_UNKNOWN && bytes < 0 && a->off_cnt != 1)
		return 0; /* a write at one of several offsets defines nothing */
	for (int i = 0; i < a->off_cnt; i++) {
		int err = record_off(f, a->off[i], bytes, frame, insn_idx);

		if (err)
			return err;
	}
	return 0;
}

/* mirrors record_imprecise(): every frame it may be is wholly read */
static int record_imprecise(struct sim_func_instance *f, uint32_t mask, int insn_idx)
{
	for (uint32_t fr = 0; mask; fr++, mask >>= 1)
		if ((mask & 1) && fr <= f->depth && mark_stack_read(f, fr, insn_idx, spis_all))
			return -ENOMEM;
	return 0;
}

/* mirrors record_load_store_access() */
static int record_load_store(struct sim_liveness *lv, struct sim_func_instance *f,
			     const struct arg_track *at, int insn_idx)
{
	const struct bpf_insn *insn = &lv->insns[insn_idx];
	int sz = size_bytes(insn);
	const struct arg_track *ptr;
	struct arg_track resolved;

	switch (BPF_CLASS(insn->code)) {
	case BPF_LDX:
		ptr = &at[insn->src_reg];
		break;
	case BPF_STX:
		if (BPF_MODE(insn->code) == BPF_ATOMIC) {
			if (insn->imm == BPF_STORE_REL)
				sz = -sz;
			ptr = insn->imm == BPF_LOAD_ACQ ? &at[insn->src_reg] : &at[insn->dst_reg];
		} else {
			ptr = &at[insn->dst_reg];
			sz = -sz;
		}
		break;
	case BPF_ST:
		ptr = &at[insn->dst_reg];
		sz = -sz;
		break;
	default:
		return 0;
	}
	/* fold insn->off into the offsets */
	if (ptr->off_cnt > 0) {
		resolved = *ptr;
		for (int i = 0; i < ptr->off_cnt; i++)
			if (arg_add(ptr->off[i], insn->off, &resolved.off[i])) {
				resolved.off_cnt = 0;
				break;
			}
		ptr = &resolved;
	}
	if (ptr->frame >= 0 && (uint32_t)ptr->frame <= f->depth)
		return record_access(f, ptr, sz, (uint32_t)ptr->frame, insn_idx);
	if (ptr->frame == ARG_IMPRECISE)
		return record_imprecise(f, ptr->mask, insn_idx);
	return 0;
}

static bool is_mem_size_arg(uint32_t t)
{
	return sim_base_type(t) == ARG_CONST_SIZE || sim_base_type(t) == ARG_CONST_SIZE_OR_ZERO;
}

/* mirrors bpf_helper_stack_access_bytes() */
static int64_t helper_access_bytes(const struct arg_ctx *c, const struct bpf_insn *insn, int arg,
				   int insn_idx)
{
	const struct sim_env *env = c->env;
	const struct sim_const_aux *a = &c->lv->caux[insn_idx];
	const struct sim_helper_proto *fn = sim_helper_proto(insn->imm);
	uint32_t at;
	int64_t size;

	if (!fn || !sim_helper_allowed(insn->imm, env->p->prog_type))
		return ACCESS_UNKNOWN;
	at = fn->arg_type[arg];
	switch (sim_base_type(at)) {
	case ARG_PTR_TO_MAP_KEY:
	case ARG_PTR_TO_MAP_VALUE: {
		bool is_key = sim_base_type(at) == ARG_PTR_TO_MAP_KEY;
		uint32_t val = 0;
		int i;

		for (i = 0; i < arg; i++)
			if (sim_base_type(fn->arg_type[i]) == ARG_CONST_MAP_PTR)
				break;
		if (i < arg && (a->map_mask & (1u << (BPF_REG_1 + i))) &&
		    a->vals[BPF_REG_1 + i] < (uint32_t)env->p->map_cnt) {
			const struct sim_map_view *m = &env->p->maps[a->vals[BPF_REG_1 + i]];

			size = is_key ? m->key_size : m->value_size;
			break;
		}
		/* the map is not known here: the largest key or value of the
		 * maps the program uses (and their inner maps) */
		for (int k = 0; env->p->relocs && k < env->insn_cnt; k++) {
			int mi = env->p->relocs[k].map_idx;
			const struct sim_map_view *m;

			if (mi < 0 || mi >= env->p->map_cnt ||
			    env->insns[k].code != (BPF_LD | BPF_IMM | BPF_DW))
				continue;
			m = &env->p->maps[mi];
			if ((is_key ? m->key_size : m->value_size) > val)
				val = is_key ? m->key_size : m->value_size;
			if (m->map && m->map->inner_map >= 0 && m->map->inner_map < env->p->map_cnt) {
				const struct sim_map_view *in = &env->p->maps[m->map->inner_map];

				if ((is_key ? in->key_size : in->value_size) > val)
					val = is_key ? in->key_size : in->value_size;
			}
		}
		if (!val)
			return ACCESS_UNKNOWN;
		size = val;
		break;
	}
	case ARG_PTR_TO_MEM:
		if (at & MEM_FIXED_SIZE) {
			size = fn->arg_size[arg];
			break;
		}
		if (arg + 1 < 5 && is_mem_size_arg(fn->arg_type[arg + 1])) {
			int size_reg = BPF_REG_1 + arg + 1;

			if (a->mask & (1u << size_reg)) {
				size = a->vals[size_reg];
				break;
			}
			/* constant per path, different across merged paths */
			if (at & MEM_UNINIT)
				return 0;
			return MAX_BPF_STACK;
		}
		return ACCESS_UNKNOWN;
	case ARG_PTR_TO_DYNPTR:
		size = DYNPTR_SIZE;
		break;
	case ARG_PTR_TO_STACK:
		return 0; /* callbacks' stack: analysed with the callback */
	default:
		return ACCESS_UNKNOWN;
	}
	/* MEM_UNINIT arguments are only written */
	return (at & MEM_UNINIT) ? -size : size;
}


static bool name_has_suffix(const struct btf *btf, const struct btf_param *p, const char *suffix)
{
	const char *name = btf__name_by_offset(btf, p->name_off);
	size_t n = name ? strlen(name) : 0, m = strlen(suffix);

	return n > m && !strcmp(name + n - m, suffix);
}

/* mirrors bpf_kfunc_stack_access_bytes() */
static int64_t kfunc_access_bytes(const struct arg_ctx *c, const struct bpf_insn *insn, int arg,
				  int insn_idx)
{
	const struct sim_env *env = c->env;
	const struct btf *btf = env->p->vmlinux_btf;
	const struct btf_type *proto = sim_kfunc_call_proto(env, insn), *t, *ref;
	const struct sim_kfunc_row *row;
	const struct btf_param *params;
	int nargs;
	int64_t size;

	if (!proto)
		return ACCESS_UNKNOWN;
	row = sim_kfunc_lookup(sim_kfunc_call_name(env, insn)); /* known: it has a prototype */
	params = btf_params(proto);
	nargs = btf_vlen(proto);
	if (arg >= nargs)
		return 0;
	t = sim_btf_skip_mods(btf, params[arg].type, NULL);
	if (!t || !btf_is_ptr(t))
		return 0;
	ref = sim_btf_skip_mods(btf, t->type, NULL);
	if (ref && btf_is_struct(ref) &&
	    !strcmp(btf__name_by_offset(btf, ref->name_off), "bpf_dynptr")) {
		size = DYNPTR_SIZE;
	} else if (arg + 1 < nargs && (name_has_suffix(btf, &params[arg + 1], "__sz") ||
				       name_has_suffix(btf, &params[arg + 1], "__szk"))) {
		int size_reg = BPF_REG_1 + arg + 1;
		const struct sim_const_aux *a = &c->lv->caux[insn_idx];

		if (size_reg >= 10 || !(a->mask & (1u << size_reg)))
			return MAX_BPF_STACK;
		size = a->vals[size_reg];
	} else {
		size = sim_btf_resolve_size(btf, ref);
		if (size < 0)
			return ACCESS_UNKNOWN;
	}
	/* KF_ITER_NEW initialises the iterator at arg 0; __uninit args are written */
	if ((arg == 0 && (row->flags & KF_ITER_NEW)) || name_has_suffix(btf, &params[arg], "__uninit"))
		return -size;
	return size;
}

/* mirrors record_arg_access() */
static int record_arg(struct arg_ctx *c, struct sim_func_instance *f, const struct bpf_insn *insn,
		      const struct arg_track *a, int arg, int insn_idx)
{
	int64_t bytes;

	if (!arg_is_fp(a))
		return 0;
	if (insn->src_reg == 0) {
		bytes = helper_access_bytes(c, insn, arg, insn_idx);
	} else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL) {
		bytes = kfunc_access_bytes(c, insn, arg, insn_idx);
	} else {
		for (uint32_t fr = 0; fr <= f->depth; fr++)
			if (mark_stack_read(f, fr, insn_idx, spis_all))
				return -ENOMEM;
		return 0;
	}
	if (bytes == 0)
		return 0;
	if (a->frame >= 0 && (uint32_t)a->frame <= f->depth)
		return record_access(f, a, bytes, (uint32_t)a->frame, insn_idx);
	if (a->frame == ARG_IMPRECISE)
		return record_imprecise(f, a->mask, insn_idx);
	return 0;
}

/* mirrors record_call_access(): the callee's parameters only */
static int record_call(struct arg_ctx *c, struct sim_func_instance *f, const struct arg_track *at,
		       int insn_idx)
{
	const struct bpf_insn *insn = &c->lv->insns[insn_idx];
	int np = 5, n;

	if (insn->src_reg == BPF_PSEUDO_CALL)
		return 0;
	n = sim_call_num_params(c->env, insn);
	if (n >= 0)
		np = n;
	for (int r = BPF_REG_1; r < BPF_REG_1 + (np < 5 ? np : 5); r++) {
		int err = record_arg(c, f, insn, &at[r], r - 1, insn_idx);

		if (err)
			return err;
	}
	return 0;
}

/* mirrors find_callback_subprog(): -1 no callback helper, -2 callback
 * not a known constant */
static int find_callback_subprog(const struct arg_ctx *c, const struct bpf_insn *insn,
				 int insn_idx, int *caller_reg, int *callee_reg)
{
	const struct sim_const_aux *a = &c->lv->caux[insn_idx];
	int cb_reg;

	*caller_reg = *callee_reg = -1;
	if (insn->src_reg != 0)
		return -1;
	switch (insn->imm) {
	case BPF_FUNC_loop:               /* (nr, cb, ctx, flags): R3 -> cb R2 */
	case BPF_FUNC_user_ringbuf_drain: /* (map, cb, ctx, flags): R3 -> cb R2 */
		cb_reg = BPF_REG_2;
		*caller_reg = BPF_REG_3;
		*callee_reg = BPF_REG_2;
		break;
	case BPF_FUNC_for_each_map_elem:  /* (map, cb, ctx, flags): R3 -> cb R4 */
		cb_reg = BPF_REG_2;
		*caller_reg = BPF_REG_3;
		*callee_reg = BPF_REG_4;
		break;
	case BPF_FUNC_find_vma:           /* (task, addr, cb, ctx, flags): R4 -> cb R3 */
		cb_reg = BPF_REG_3;
		*caller_reg = BPF_REG_4;
		*callee_reg = BPF_REG_3;
		break;
	default:
		return -1;
	}
	if (!(a->subprog_mask & (1u << cb_reg)))
		return -2;
	return (int)a->vals[cb_reg];
}

/* ---- level-2 log --------------------------------------------------------- */
/* What the kernel prints while it analyses (log_preamble.h), into
 * env->liveness_log. Printing only: the facts are not touched. */

static struct sim_strbuf *alog(const struct arg_ctx *c)
{
	return sim_preamble_enabled(c->env) ? &c->env->liveness_log : NULL;
}

static void log_at(struct sim_strbuf *sb, const struct arg_track *a)
{
	sim_preamble_arg_track(sb, a->frame, a->mask, a->off_cnt, a->off);
}

static void log_insn_head(struct arg_ctx *c, struct sim_strbuf *sb, int idx, bool *printed)
{
	struct sim_out out = sim_strbuf_out(sb);

	if (*printed)
		return;
	sim_printf(&out, "%3d: ", idx);
	sim_preamble_insn(c->env, sb, idx);
	*printed = true;
}

/* mirrors arg_track_log(): what the transfer function changed at @idx
 * (outgoing stack arguments never change here: R11 is refused) */
static void log_xfer(struct arg_ctx *c, int idx, const struct arg_track *at_in,
		     const struct arg_track *st_in, const struct arg_track *at_out,
		     const struct arg_track *st_out)
{
	struct sim_strbuf *sb = alog(c);
	struct sim_out out;
	bool printed = false;

	if (!sb)
		return;
	out = sim_strbuf_out(sb);
	for (int i = 0; i < NREGS; i++) {
		if (arg_eq(&at_out[i], &at_in[i]))
			continue;
		log_insn_head(c, sb, idx, &printed);
		sim_printf(&out, "\tr%d: ", i);
		log_at(sb, &at_in[i]);
		sim_printf(&out, " -> ");
		log_at(sb, &at_out[i]);
	}
	for (int i = 0; i < MAX_ARG_SPILL_SLOTS; i++) {
		if (arg_eq(&st_out[i], &st_in[i]))
			continue;
		log_insn_head(c, sb, idx, &printed);
		sim_printf(&out, "\tfp%+d: ", -(i + 1) * 8);
		log_at(sb, &st_in[i]);
		sim_printf(&out, " -> ");
		log_at(sb, &st_out[i]);
	}
	if (printed)
		sim_printf(&out, "\n");
}

/* mirrors arg_track_join(): the join, and its log line when a fact that
 * was already known changed (@r < 0: stack slot fp+r*8) */
static bool join_logged(struct arg_ctx *c, int idx, int target, int r, struct arg_track *in,
			struct arg_track val)
{
	struct arg_track old = *in;
	struct sim_strbuf *sb;
	struct sim_out out;

	if (!arg_join_into(in, val))
		return false;
	sb = alog(c);
	if (!sb || !arg_is_visited(&old))
		return true;
	out = sim_strbuf_out(sb);
	sim_printf(&out, "arg JOIN insn %d -> %d ", idx, target);
	if (r >= 0)
		sim_printf(&out, "r%d: ", r);
	else
		sim_printf(&out, "fp%+d: ", r * 8);
	log_at(sb, &old);
	sim_printf(&out, " + ");
	log_at(sb, &val);
	sim_printf(&out, " => ");
	log_at(sb, in);
	sim_printf(&out, "\n");
	return true;
}

/* mirrors print_subprog_arg_access(): the subprogram with, after loads,
 * stores and calls, the frame-pointer-derived registers and slots */
static void log_subprog_facts(struct arg_ctx *c, int sub, struct arg_track (*at_in)[NREGS],
			      struct arg_track *const *st_in, int len)
{
	struct sim_strbuf *sb = alog(c);
	const struct bpf_insn *insns = c->lv->insns;
	int start = c->lv->sub_start[sub];
	struct sim_out out;

	if (!sb)
		return;
	out = sim_strbuf_out(sb);
	sim_preamble_subprog_name(c->env, sb, sub);
	sim_printf(&out, ":\n");
	for (int i = 0; i < len; i++) {
		int idx = start + i;
		uint8_t cls = BPF_CLASS(insns[idx].code);
		bool mem = cls == BPF_LDX || cls == BPF_STX || insns[idx].code == (BPF_JMP | BPF_CALL);
		bool regs = mem && arg_is_visited(&at_in[i][0]), extra = false;

		sim_printf(&out, "%3d: ", idx);
		sim_preamble_insn(c->env, sb, idx);
		sim_printf(&out, "\n");
		for (int r = 0; regs && r < NREGS - 1; r++)
			extra |= arg_is_fp(&at_in[i][r]);
		for (int r = 0; mem && r < MAX_ARG_SPILL_SLOTS; r++)
			extra |= arg_is_fp(&st_in[i][r]);
		if (extra) {
			sim_preamble_reset(sb, sb->len - 1);
			sim_printf(&out, " //");
			for (int r = 0; regs && r < NREGS - 1; r++) {
				if (!arg_is_fp(&at_in[i][r]))
					continue;
				sim_printf(&out, " r%d=", r);
				log_at(sb, &at_in[i][r]);
			}
			for (int r = 0; mem && r < MAX_ARG_SPILL_SLOTS; r++) {
				if (!arg_is_fp(&st_in[i][r]))
					continue;
				sim_printf(&out, " fp%+d=", -(r + 1) * 8);
				log_at(sb, &st_in[i][r]);
			}
			sim_printf(&out, "\n");
		}
		if (insns[idx].code == (BPF_LD | BPF_IMM | BPF_DW))
			i++;
	}
}

static void log_instances(struct arg_ctx *c);

/* ---- per-subprogram analysis ---------------------------------------------- */

/* mirrors compute_subprog_args(): the forward fixed point of arg tracking
 * over the subprogram, then one pass recording the memory accesses */
/* The per-instruction facts of a large subprogram run to tens of MB, all
 * written at once: ask for transparent huge pages so that filling them
 * costs a few page faults, not thousands (memory freed with free()). */
static void *facts_alloc(size_t size)
{
	const size_t huge = 2u << 20;
	void *p;

	if (size < huge)
		return malloc(size);
	p = aligned_alloc(huge, (size + huge - 1) / huge * huge);
	if (p)
		madvise(p, size, MADV_HUGEPAGE);
	return p;
}

/* every stack-fact block one compute_subprog_args() allocated */
struct st_blocks {
	struct arg_track **b;
	size_t n, cap;
};

static struct arg_track *st_block_new(struct st_blocks *bl)
{
	if (bl->n == bl->cap) {
		size_t cap = bl->cap ? bl->cap * 2 : 64;
		struct arg_track **grown = realloc(bl->b, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		bl->b = grown;
		bl->cap = cap;
	}
	bl->b[bl->n] = malloc(MAX_ARG_SPILL_SLOTS * sizeof(struct arg_track));
	return bl->b[bl->n] ? bl->b[bl->n++] : NULL;
}

static int compute_subprog_args(struct arg_ctx *c, const struct arg_track *entry,
				struct sim_func_instance *inst)
{
	struct sim_liveness *lv = c->lv;
	int sub = inst->subprog, depth = (int)inst->depth;
	int start = lv->sub_start[sub], end = lv->sub_start[sub + 1], len = end - start;
	int po_start = lv->po_start[sub], po_end = lv->po_start[sub + 1];
	struct arg_track (*at_in)[NREGS] = facts_alloc((size_t)len * sizeof(*at_in));
	/* the stack facts are copy-on-write: an instruction that changes no
	 * slot hands its block to its successors (most instructions of a
	 * big program), so 64 slots are stored per change, not per insn */
	struct arg_track **st_in = calloc((size_t)(len > 0 ? len : 1), sizeof(*st_in));
	/* st_own[i]: insn i's block is its alone, so a join may change it in
	 * place; a shared block is copied first. blocks[]: every block, for
	 * freeing */
	bool *st_own = calloc((size_t)(len > 0 ? len : 1), sizeof(bool));
	struct st_blocks blocks = { 0 };
	struct arg_track unvisited_block[MAX_ARG_SPILL_SLOTS];
	struct arg_track at_out[NREGS], st_out[MAX_ARG_SPILL_SLOTS];
	bool changed, *seen = calloc((size_t)(len > 0 ? len : 1), sizeof(bool));
	int err = -ENOMEM;

	if (!at_in || !st_in || !st_own || !seen)
		goto out;
	seen[0] = true;   /* the entry's facts are set below */
	for (int r = 0; r < MAX_ARG_SPILL_SLOTS; r++)
		unvisited_block[r] = at_unvisited;
	for (int i = 0; i < len; i++) {
		for (int r = 0; r < NREGS; r++)
			at_in[i][r] = at_unvisited;
		st_in[i] = unvisited_block;
	}
	st_in[0] = st_block_new(&blocks);
	if (!st_in[0])
		goto out;
	st_own[0] = true;
	for (int r = 0; r < NREGS; r++)
		at_in[0][r] = at_none;
	at_in[0][BPF_REG_10] = arg_single(depth, 0); /* R10 is this frame's fp */
	if (entry)
		for (int r = BPF_REG_1; r <= BPF_REG_5; r++)
			at_in[0][r] = entry[r];
	for (int s = 0; s < MAX_ARG_SPILL_SLOTS; s++)
		st_in[0][s] = at_none;
	if (alog(c)) {
		struct sim_out o = sim_strbuf_out(alog(c));

		sim_printf(&o, "subprog#%d: analyzing (depth %d)...\n", sub, depth);
	}
	/* reverse postorder until nothing changes */
	do {
		changed = false;
		for (int p = po_end - 1; p >= po_start; p--) {
			int idx = lv->postorder[p], i = idx - start, succ[SIM_MAX_SUCC], ns;

			if (!arg_is_visited(&at_in[i][0]) && !arg_is_visited(&at_in[i][1]))
				continue;
			bool st_same;

			memcpy(at_out, at_in[i], sizeof(at_out));
			memcpy(st_out, st_in[i], sizeof(st_out));
			arg_xfer(c, &lv->insns[idx], at_out, st_out, inst);
			log_xfer(c, idx, at_in[i], st_in[i], at_out, st_out);
			st_same = !memcmp(st_out, st_in[i], sizeof(st_out));
			ns = sim_liveness_successors(lv, idx, succ);
			for (int s = 0; s < ns; s++) {
				int ti = succ[s] - start;

				if (succ[s] < start || succ[s] >= end)
					continue;
				/* joining a value into itself changes nothing (and
				 * logs nothing): on straight-line code after the
				 * first pass that is nearly every edge */
				if (!memcmp(at_in[ti], at_out, sizeof(at_out)) &&
				    ((st_same && st_in[ti] == st_in[i]) ||
				     !memcmp(st_in[ti], st_out, sizeof(st_out))))
					continue;
				/* the first edge into an instruction: every fact
				 * there is still unvisited, so each join is a copy
				 * (and join_logged() logs none) */
				if (!seen[ti]) {
					seen[ti] = true;
					memcpy(at_in[ti], at_out, sizeof(at_out));
					if (st_same) {
						st_in[ti] = st_in[i];   /* shared */
						st_own[i] = false;
					} else {
						if (!(st_in[ti] = st_block_new(&blocks)))
							goto out;
						st_own[ti] = true;
						memcpy(st_in[ti], st_out, sizeof(st_out));
					}
					changed = true;
					continue;
				}
				for (int r = 0; r < NREGS; r++)
					changed |= join_logged(c, idx, succ[s], r, &at_in[ti][r], at_out[r]);
				if (!st_own[ti] && memcmp(st_in[ti], st_out, sizeof(st_out))) {
					/* a join may change the block: own it first */
					struct arg_track *mine = st_block_new(&blocks);

					if (!mine)
						goto out;
					memcpy(mine, st_in[ti], sizeof(st_out));
					st_in[ti] = mine;
					st_own[ti] = true;
				}
				for (int r = 0; st_own[ti] && r < MAX_ARG_SPILL_SLOTS; r++)
					changed |= join_logged(c, idx, succ[s], -r - 1, &st_in[ti][r], st_out[r]);
			}
		}
	} while (changed);
	/* record the accesses on the converged facts */
	for (int p = po_end - 1; p >= po_start; p--) {
		int idx = lv->postorder[p], i = idx - start;
		const struct bpf_insn *insn = &lv->insns[idx];

		err = record_load_store(lv, inst, at_in[i], idx);
		if (!err && insn->code == (BPF_JMP | BPF_CALL))
			err = record_call(c, inst, at_in[i], idx);
		if (err)
			goto out;
		if ((insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL) ||
		    lv->calls_callback[idx]) {
			free(c->callsite_at_stack[idx]);
			c->callsite_at_stack[idx] = malloc(sizeof(st_out));
			err = -ENOMEM;
			if (!c->callsite_at_stack[idx])
				goto out;
			memcpy(c->callsite_at_stack[idx], st_in[i], sizeof(st_out));
		}
	}
	c->info[sub].at_in = at_in;
	c->info[sub].len = len;
	log_subprog_facts(c, sub, at_in, st_in, len);
	at_in = NULL;
	err = 0;
out:
	free(at_in);
	for (size_t k = 0; k < blocks.n; k++)
		free(blocks.b[k]);
	free(blocks.b);
	free(st_in);
	free(st_own);
	free(seen);
	return err;
}

static bool has_fp_args(const struct arg_track *args)
{
	for (int r = BPF_REG_1; r <= BPF_REG_5; r++)
		if (arg_is_fp(&args[r]))
			return true;
	return false;
}

/* mirrors merge_instances(): may_read unions, must_write intersects */
static void merge_instances(struct sim_func_instance *dst, struct sim_func_instance *src)
{
	for (uint32_t f = 0; f <= dst->depth; f++) {
		if (!src->frames[f]) {
			if (dst->frames[f])
				for (int i = 0; i < dst->insn_cnt; i++)
					dst->frames[f][i].must_write = spis_zero;
			continue;
		}
		if (!dst->frames[f]) {
			dst->frames[f] = src->frames[f];
			src->frames[f] = NULL;
			for (int i = 0; i < dst->insn_cnt; i++)
				dst->frames[f][i].must_write = spis_zero;
			continue;
		}
		for (int i = 0; i < dst->insn_cnt; i++) {
			struct per_frame_masks *d = &dst->frames[f][i];
			const struct per_frame_masks *s = &src->frames[f][i];

			d->may_read = spis_or(d->may_read, s->may_read);
			d->must_write.v[0] &= s->must_write.v[0];
			d->must_write.v[1] &= s->must_write.v[1];
		}
	}
}

/* mirrors analyze_subprog(): this instance, then every callee receiving
 * frame-pointer-derived arguments, recursively with those arguments */
static int analyze_subprog(struct arg_ctx *c, const struct arg_track *entry,
			   struct sim_func_instance *inst)
{
	struct sim_liveness *lv = c->lv;
	int sub = inst->subprog, start = lv->sub_start[sub];
	int po_start = lv->po_start[sub], po_end = lv->po_start[sub + 1];
	struct sim_func_instance *prev = NULL;
	int err;

	if (++lv->subprog_calls > SUBPROG_CALLS_LIMIT)
		return -E2BIG; /* "liveness analysis exceeded complexity limit" */
	/* a reused instance records into a fresh one, merged afterwards, so
	 * that instructions this pass does not reach keep no stale writes */
	if (inst->must_write_initialized) {
		struct sim_func_instance *fresh = new_instance(lv, inst->callsite, inst->depth, sub);

		if (!fresh)
			return -ENOMEM;
		prev = inst;
		inst = fresh;
	}
	free(c->info[sub].at_in);
	c->info[sub].at_in = NULL;
	err = compute_subprog_args(c, entry, inst);
	if (err)
		goto out_free;
	for (int p = po_start; p < po_end; p++) {
		int idx = lv->postorder[p], j = idx - start, callee;
		const struct bpf_insn *insn = &lv->insns[idx];
		struct arg_track args[NREGS];
		struct sim_func_instance *ci;

		for (int r = 0; r < NREGS; r++)
			args[r] = at_none;
		if (insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL) {
			int64_t t64 = (int64_t)idx + insn->imm + 1;   /* not validated yet */

			callee = t64 < 0 || t64 > INT32_MAX ? -1 : sim_liveness_find_subprog(lv, (int)t64);
			if (callee < 0)
				continue;
			for (int r = BPF_REG_1; r <= BPF_REG_5; r++)
				args[r] = c->info[sub].at_in[j][r];
		} else if (lv->calls_callback[idx]) {
			int caller_reg, callee_reg;

			callee = find_callback_subprog(c, insn, idx, &caller_reg, &callee_reg);
			if (callee == -2) {
				/* unknown callback given a stack pointer: every
				 * frame may be read */
				if (c->info[sub].at_in[j][caller_reg].frame == ARG_NONE)
					continue;
				for (uint32_t f = 0; f <= inst->depth; f++)
					if ((err = mark_stack_read(inst, f, idx, spis_all)))
						goto out_free;
				continue;
			}
			if (callee < 0 || callee >= lv->subprog_cnt)
				continue;
			args[callee_reg] = c->info[sub].at_in[j][caller_reg];
		} else {
			continue;
		}
		if (!has_fp_args(args))
			continue;
		if (inst->depth == SIM_MAX_FRAMES - 1) {
			err = -EINVAL;
			goto out_free;
		}
		ci = call_instance(lv, inst, (uint32_t)idx, callee);
		if (!ci) {
			err = -ENOMEM;
			goto out_free;
		}
		c->callsites[inst->depth] = (uint32_t)idx;
		err = analyze_subprog(c, args, ci);
		if (err)
			goto out_free;
		/* what the callee reads of our frames at its entry is read at
		 * the call */
		for (uint32_t f = 0; f < ci->depth; f++) {
			const struct per_frame_masks *e = get_frame_masks(ci, f, ci->subprog_start);

			if (e && (err = mark_stack_read(inst, f, idx, e->live_before)))
				goto out_free;
		}
	}
	if (prev) {
		merge_instances(prev, inst);
		free_instance(inst);
		inst = prev;
	}
	update_instance(lv, inst);
	return 0;
out_free:
	if (prev)
		free_instance(inst);
	return err;
}

int sim_compute_stack_liveness(struct sim_env *env, struct sim_liveness *lv)
{
	struct arg_ctx c = { .env = env, .lv = lv };
	int err = -ENOMEM;

	lv->stack_ok = false;
	/* a register the ISA does not have, or an ld_imm64 cut off by the end
	 * of the program, fails check_and_resolve_insns() before the kernel
	 * runs this analysis: the simulator, which runs it first, must not
	 * index its register arrays with the one or read past the other */
	for (int i = 0; i < lv->insn_cnt; i++)
		if (lv->insns[i].dst_reg >= NREGS || lv->insns[i].src_reg >= NREGS ||
		    (lv->insns[i].code == (BPF_LD | BPF_IMM | BPF_DW) && i + 1 >= lv->insn_cnt))
			return 0;
	lv->buckets = calloc(HASH_BUCKETS, sizeof(*lv->buckets));
	c.info = calloc((size_t)lv->subprog_cnt, sizeof(*c.info));
	c.callsite_at_stack = calloc((size_t)lv->insn_cnt, sizeof(*c.callsite_at_stack));
	if (!lv->buckets || !c.info || !c.callsite_at_stack)
		goto out;
	/* sort_subprogs_topo() (subprog_topo.c) */
	err = sim_sort_subprogs_topo(env, lv, lv->topo_order, NULL);
	if (err)
		goto out;
	/* callers before callees, so that a callee with frame-pointer
	 * arguments is reached through its callers first; the others (and
	 * global functions, verified on their own) at depth 0 */
	for (int k = lv->subprog_cnt - 1; k >= 0; k--) {
		int sub = lv->topo_order[k];
		struct sim_func_instance *inst;

		if (c.info[sub].at_in && !env->p->subprogs[sub].global)
			continue;
		inst = call_instance(lv, NULL, 0, sub);
		err = inst ? analyze_subprog(&c, NULL, inst) : -ENOMEM;
		if (err)
			goto out;
	}
	log_instances(&c);
	lv->stack_ok = true;
out:
	if (c.callsite_at_stack)
		for (int k = 0; k < lv->insn_cnt; k++)
			free(c.callsite_at_stack[k]);
	free(c.callsite_at_stack);
	if (c.info)
		for (int k = 0; k < lv->subprog_cnt; k++)
			free(c.info[k].at_in);
	free(c.info);
	return err;
}

/* ---- debug listing --------------------------------------------------------- */

/* mirrors fmt_spis_mask() */
static int fmt_spis(char *buf, size_t sz, int frame, bool first, struct sim_spis s)
{
	size_t n = 0;

	for (int spi = 0; spi < SIM_HALF_SLOTS / 2 && n < sz; spi++) {
		bool lo = spis_test(s, (uint32_t)spi * 2), hi = spis_test(s, (uint32_t)spi * 2 + 1);
		const char *space = first ? "" : " ";

		if (!lo && !hi)
			continue;
		if (!lo || !hi) {
			n += (size_t)snprintf(buf + n, sz - n, "%sfp%d%dh", space, frame,
					      -(spi + 1) * 8 + (lo ? STACK_SLOT_SZ : 0));
		} else if (spi + 2 < SIM_HALF_SLOTS / 2 && spis_test(s, (uint32_t)spi * 2 + 2) &&
			   spis_test(s, (uint32_t)spi * 2 + 3) && spis_test(s, (uint32_t)spi * 2 + 4) &&
			   spis_test(s, (uint32_t)spi * 2 + 5)) {
			int run = spi;

			while (spi + 1 < SIM_HALF_SLOTS / 2 && spis_test(s, (uint32_t)(spi + 1) * 2) &&
			       spis_test(s, (uint32_t)(spi + 1) * 2 + 1))
				spi++;
			n += (size_t)snprintf(buf + n, sz - n, "%sfp%d%d..%d", space, frame,
					      -(run + 1) * 8, -(spi + 1) * 8);
		} else {
			n += (size_t)snprintf(buf + n, sz - n, "%sfp%d%d", space, frame,
					      -(spi + 1) * 8);
		}
		first = false;
	}
	return (int)(n < sz ? n : sz);
}

static int cmp_instances(const void *pa, const void *pb)
{
	const struct sim_func_instance *a = *(struct sim_func_instance *const *)pa;
	const struct sim_func_instance *b = *(struct sim_func_instance *const *)pb;

	if (a->callsite != b->callsite)
		return a->callsite < b->callsite ? -1 : 1;
	return (int)a->depth - (int)b->depth;
}

/* the instances sorted by call site, then depth (print_instances());
 * NULL when out of memory */
static struct sim_func_instance **sorted_instances(const struct sim_liveness *lv, int *cnt)
{
	struct sim_func_instance **all;
	int n = 0;

	for (int b = 0; b < HASH_BUCKETS; b++)
		for (struct sim_func_instance *f = lv->buckets[b]; f; f = f->next)
			n++;
	all = calloc((size_t)n + 1, sizeof(*all));
	if (!all)
		return NULL;
	n = 0;
	for (int b = 0; b < HASH_BUCKETS; b++)
		for (struct sim_func_instance *f = lv->buckets[b]; f; f = f->next)
			all[n++] = f;
	qsort(all, (size_t)n, sizeof(*all), cmp_instances);
	*cnt = n;
	return all;
}

/* mirrors print_instances() -> print_instance(): per instruction of each
 * instance, what it may read and surely writes, frame by frame from the
 * innermost, after the instruction padded to the log's column */
static void log_instances(struct arg_ctx *c)
{
	struct sim_strbuf *sb = alog(c);
	struct sim_func_instance **all;
	struct sim_out out;
	int cnt = 0;
	char spis[1024];

	if (!sb || !(all = sorted_instances(c->lv, &cnt)))
		return;
	out = sim_strbuf_out(sb);
	for (int k = 0; k < cnt; k++) {
		const struct sim_func_instance *f = all[k];

		sim_printf(&out, "stack use/def ");
		sim_preamble_subprog_name(c->env, sb, f->subprog);
		sim_printf(&out, " (d%u,cs%u):\n", f->depth, f->callsite);
		for (int i = 0; i < f->insn_cnt; i++) {
			int idx = f->subprog_start + i;
			bool has_use = false, has_def = false;
			size_t pos = sb->len, insn_pos;

			sim_printf(&out, "%3d: ", idx);
			sim_preamble_insn(c->env, sb, idx);
			insn_pos = sb->len;
			sim_printf(&out, "%*c;", (int)sim_vlog_alignment(insn_pos - pos), ' ');
			pos = sb->len;
			sim_printf(&out, " use: ");
			for (int fr = (int)f->depth; fr >= 0; fr--) {
				const struct per_frame_masks *m = get_frame_masks(f, (uint32_t)fr, idx);

				if (!m || spis_is_zero(m->may_read))
					continue;
				spis[0] = '\0';
				fmt_spis(spis, sizeof(spis), fr, !has_use, m->may_read);
				sim_printf(&out, "%s", spis);
				has_use = true;
			}
			if (!has_use)
				sim_preamble_reset(sb, pos);
			pos = sb->len;
			sim_printf(&out, " def: ");
			for (int fr = (int)f->depth; fr >= 0; fr--) {
				const struct per_frame_masks *m = get_frame_masks(f, (uint32_t)fr, idx);

				if (!m || spis_is_zero(m->must_write))
					continue;
				spis[0] = '\0';
				fmt_spis(spis, sizeof(spis), fr, !has_def, m->must_write);
				sim_printf(&out, "%s", spis);
				has_def = true;
			}
			if (!has_def)
				sim_preamble_reset(sb, has_use ? pos : insn_pos);
			sim_printf(&out, "\n");
			if (c->lv->insns[idx].code == (BPF_LD | BPF_IMM | BPF_DW))
				i++;
		}
	}
	free(all);
}

char *sim_stack_liveness_dump(const struct sim_env *env)
{
	const struct sim_liveness *lv = env->liveness;
	struct sim_func_instance **all;
	size_t cap = 1 << 16, len = 0;
	char *out;
	int cnt = 0;

	if (!lv || !lv->stack_ok)
		return NULL;
	for (int b = 0; b < HASH_BUCKETS; b++)
		for (struct sim_func_instance *f = lv->buckets[b]; f; f = f->next)
			cnt++;
	all = calloc((size_t)cnt + 1, sizeof(*all));
	out = malloc(cap);
	if (!all || !out) {
		free(all);
		free(out);
		return NULL;
	}
	cnt = 0;
	for (int b = 0; b < HASH_BUCKETS; b++)
		for (struct sim_func_instance *f = lv->buckets[b]; f; f = f->next)
			all[cnt++] = f;
	qsort(all, (size_t)cnt, sizeof(*all), cmp_instances);
	out[0] = '\0';
	for (int k = 0; k < cnt; k++) {
		const struct sim_func_instance *f = all[k];
		const char *name = env->p->subprogs[f->subprog].name;

		len += (size_t)snprintf(out + len, cap - len, "stack use/def subprog#%d%s%s (d%u,cs%u):\n",
					f->subprog, name ? " " : "", name ? name : "", f->depth,
					f->callsite);
		for (int i = 0; i < f->insn_cnt && cap - len > 4096; i++) {
			int idx = f->subprog_start + i;
			bool has_use = false, has_def = false;
			char line[2048];
			size_t n = (size_t)snprintf(line, sizeof(line), "%d:", idx);

			for (int fr = (int)f->depth; fr >= 0; fr--) {
				const struct per_frame_masks *m = get_frame_masks(f, (uint32_t)fr, idx);

				if (!m || spis_is_zero(m->may_read))
					continue;
				if (!has_use)
					n += (size_t)snprintf(line + n, sizeof(line) - n, " use: ");
				n += (size_t)fmt_spis(line + n, sizeof(line) - n, fr, !has_use, m->may_read);
				has_use = true;
			}
			for (int fr = (int)f->depth; fr >= 0; fr--) {
				const struct per_frame_masks *m = get_frame_masks(f, (uint32_t)fr, idx);

				if (!m || spis_is_zero(m->must_write))
					continue;
				if (!has_def)
					n += (size_t)snprintf(line + n, sizeof(line) - n, " def: ");
				n += (size_t)fmt_spis(line + n, sizeof(line) - n, fr, !has_def, m->must_write);
				has_def = true;
			}
			if (has_use || has_def)
				len += (size_t)snprintf(out + len, cap - len, "%s\n", line);
			if (lv->insns[idx].code == (BPF_LD | BPF_IMM | BPF_DW))
				i++;
		}
	}
	free(all);
	return out;
}
