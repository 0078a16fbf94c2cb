/* Register, frame and verifier-state values: construction, deep copy, the
 * kernel's __mark_reg_*() helpers, the reference table and plain equality.
 * Pruning's equivalence (which is weaker than equality) is in verifier.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

static const char *const base_type_names[] = {
#define SIM_REG_NAME(e, name, help) [e] = name,
	SIM_REG_TYPES(SIM_REG_NAME)
#undef SIM_REG_NAME
};

static const char *const base_type_help[] = {
#define SIM_REG_HELP(e, name, help) [e] = help,
	SIM_REG_TYPES(SIM_REG_HELP)
#undef SIM_REG_HELP
};

/* mirrors reg_type_str() */
const char *sim_reg_type_str(uint32_t type, char *buf, size_t len)
{
	uint32_t base = sim_base_type(type);
	const char *name = base < SIM_REG_BASE_TYPE_MAX ? base_type_names[base] : "?";
	const char *postfix = "";

	if (type & PTR_MAYBE_NULL)
		postfix = base == PTR_TO_BTF_ID ? "or_null_" : "_or_null";
	snprintf(buf, len, "%s%s%s%s%s%s%s%s%s",
		 type & MEM_RDONLY ? "rdonly_" : "",
		 type & MEM_RINGBUF ? "ringbuf_" : "",
		 type & MEM_USER ? "user_" : "",
		 type & MEM_PERCPU ? "percpu_" : "",
		 type & MEM_RCU ? "rcu_" : "",
		 type & PTR_UNTRUSTED ? "untrusted_" : "",
		 type & PTR_TRUSTED ? "trusted_" : "",
		 name, postfix);
	return buf;
}

const char *sim_reg_type_help(uint32_t type)
{
	uint32_t base = sim_base_type(type);

	return base < SIM_REG_BASE_TYPE_MAX ? base_type_help[base] : "";
}

struct sim_func *sim_func_new(uint32_t frameno, int callsite, uint32_t subprogno)
{
	struct sim_func *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->frameno = frameno;
	f->callsite = callsite;
	f->subprogno = subprogno;
	for (int i = 0; i < SIM_MAX_REG; i++)
		sim_reg_mark_not_init(&f->regs[i]);
	return f;
}

static void func_free(struct sim_func *f)
{
	if (!f)
		return;
	free(f->stack);
	free(f);
}

/* mirrors grow_stack_state(): slots are added at the deep end, so existing
 * slot indices (spi 0 = fp-8) stay valid. */
int sim_func_grow_stack(struct sim_func *f, int size)
{
	int n = (size + SIM_REG_SIZE - 1) / SIM_REG_SIZE * SIM_REG_SIZE;
	struct sim_stack_slot *ns;

	if (n <= f->allocated_stack)
		return 0;
	ns = realloc(f->stack, (size_t)n / SIM_REG_SIZE * sizeof(*ns));
	if (!ns)
		return -1;
	memset(ns + f->allocated_stack / SIM_REG_SIZE, 0,
	       (size_t)(n - f->allocated_stack) / SIM_REG_SIZE * sizeof(*ns));
	f->stack = ns;
	f->allocated_stack = n;
	return 0;
}

static int func_copy(struct sim_func **dstp, const struct sim_func *src)
{
	struct sim_func *dst = *dstp;
	struct sim_stack_slot *stack;
	size_t bytes = (size_t)src->allocated_stack / SIM_REG_SIZE * sizeof(*stack);

	if (!dst) {
		dst = calloc(1, sizeof(*dst));
		if (!dst)
			return -1;
		*dstp = dst;
	}
	stack = dst->stack;
	if (dst->allocated_stack != src->allocated_stack) {
		stack = realloc(dst->stack, bytes ? bytes : 1);
		if (!stack)
			return -1;
	}
	*dst = *src;
	dst->stack = stack;
	if (bytes)
		memcpy(stack, src->stack, bytes);
	return 0;
}

struct sim_state *sim_state_new(void)
{
	return calloc(1, sizeof(struct sim_state));
}

void sim_state_free(struct sim_state *st)
{
	if (!st)
		return;
	for (int i = 0; i < SIM_MAX_FRAMES; i++)
		func_free(st->frame[i]);
	free(st->refs);
	free(st);
}

/* mirrors copy_verifier_state() */
int sim_state_copy(struct sim_state *dst, const struct sim_state *src)
{
	struct sim_func *frames[SIM_MAX_FRAMES];
	struct sim_ref *refs = dst->refs;

	if (src->acquired_refs) {
		refs = realloc(dst->refs, src->acquired_refs * sizeof(*refs));
		if (!refs)
			return -1;
		memcpy(refs, src->refs, src->acquired_refs * sizeof(*refs));
	}
	memcpy(frames, dst->frame, sizeof(frames));
	for (uint32_t i = src->curframe + 1; i < SIM_MAX_FRAMES; i++) {
		func_free(frames[i]);
		frames[i] = NULL;
	}
	*dst = *src;
	dst->refs = refs;
	memcpy(dst->frame, frames, sizeof(frames));
	for (uint32_t i = 0; i <= src->curframe; i++)
		if (func_copy(&dst->frame[i], src->frame[i]))
			return -1;
	return 0;
}

struct sim_state *sim_state_dup(const struct sim_state *src)
{
	struct sim_state *st = sim_state_new();

	if (st && sim_state_copy(st, src)) {
		sim_state_free(st);
		return NULL;
	}
	return st;
}

size_t sim_state_bytes(const struct sim_state *st)
{
	size_t n = sizeof(*st) + st->acquired_refs * sizeof(struct sim_ref);

	for (uint32_t i = 0; i <= st->curframe; i++)
		n += sizeof(struct sim_func) +
		     (size_t)st->frame[i]->allocated_stack / SIM_REG_SIZE *
			     sizeof(struct sim_stack_slot);
	return n;
}

/* mirrors __mark_reg_not_init() */
void sim_reg_mark_not_init(struct sim_reg *r)
{
	sim_reg_mark_unknown(r);
	r->type = NOT_INIT;
}

/* mirrors __mark_reg_unknown(); precise stays false: loads are privileged */
void sim_reg_mark_unknown(struct sim_reg *r)
{
	memset(r, 0, sizeof(*r));
	r->type = SCALAR_VALUE;
	sim_scalar_mark_unknown(&r->s);
}

/* mirrors __mark_reg_known() + type = SCALAR_VALUE */
void sim_reg_mark_known(struct sim_reg *r, uint64_t imm)
{
	memset(r, 0, sizeof(*r));
	r->type = SCALAR_VALUE;
	sim_scalar_mark_known(&r->s, imm);
}

/* mirrors __mark_reg_known_zero(): type is kept */
void sim_reg_mark_known_zero(struct sim_reg *r)
{
	uint32_t type = r->type;

	memset(r, 0, sizeof(*r));
	r->type = type;
	sim_scalar_mark_known(&r->s, 0);
}

void sim_reg_mark_ptr(struct sim_reg *r, uint32_t type)
{
	memset(r, 0, sizeof(*r));
	r->type = type;
	sim_scalar_mark_known(&r->s, 0);
}

bool sim_reg_is_const(const struct sim_reg *r)
{
	return r->s.var_off.mask == 0;
}

/* mirrors bpf_register_is_null() */
bool sim_reg_is_null(const struct sim_reg *r)
{
	return r->type == SCALAR_VALUE && sim_reg_is_const(r) && r->s.var_off.value == 0;
}

bool sim_reg_is_pointer(const struct sim_reg *r)
{
	return r->type != NOT_INIT && r->type != SCALAR_VALUE;
}

bool sim_reg_is_pkt_pointer(const struct sim_reg *r)
{
	return r->type == PTR_TO_PACKET || r->type == PTR_TO_PACKET_META;
}

/* mirrors type_may_be_null() */
bool sim_reg_type_may_be_null(uint32_t type)
{
	return type & PTR_MAYBE_NULL;
}

bool sim_slot_is_spill(const struct sim_stack_slot *s)
{
	return s->type[SIM_REG_SIZE - 1] == STACK_SPILL;
}

bool sim_slot_is_spilled_scalar(const struct sim_stack_slot *s)
{
	return sim_slot_is_spill(s) && s->spilled.type == SCALAR_VALUE;
}

int sim_func_walk_len(const struct sim_func *f)
{
	return SIM_MAX_REG + f->allocated_stack / SIM_REG_SIZE;
}

struct sim_reg *sim_func_walk_reg(struct sim_func *f, int k)
{
	if (k < SIM_MAX_REG)
		return &f->regs[k];
	if (!sim_slot_is_spill(&f->stack[k - SIM_MAX_REG]))
		return NULL;
	return &f->stack[k - SIM_MAX_REG].spilled;
}

/* mirrors acquire_reference_state() */
struct sim_ref *sim_state_add_ref(struct sim_state *st)
{
	struct sim_ref *refs = realloc(st->refs, (st->acquired_refs + 1) * sizeof(*refs));

	if (!refs)
		return NULL;
	st->refs = refs;
	memset(&refs[st->acquired_refs], 0, sizeof(*refs));
	return &refs[st->acquired_refs++];
}

int sim_state_find_ref(const struct sim_state *st, int id, uint32_t type_mask)
{
	for (uint32_t i = 0; i < st->acquired_refs; i++)
		if ((st->refs[i].type & type_mask) && st->refs[i].id == id)
			return (int)i;
	return -1;
}

/* mirrors release_reference_state(): keeps order (IRQ refs are a stack) */
void sim_state_remove_ref(struct sim_state *st, int idx)
{
	uint32_t rem = st->acquired_refs - (uint32_t)idx - 1;

	memmove(&st->refs[idx], &st->refs[idx + 1], rem * sizeof(*st->refs));
	st->acquired_refs--;
}

bool sim_reg_equal(const struct sim_reg *a, const struct sim_reg *b)
{
	return a->type == b->type && a->delta == b->delta &&
	       a->raw.raw1 == b->raw.raw1 && a->raw.raw2 == b->raw.raw2 &&
	       a->s.var_off.value == b->s.var_off.value &&
	       a->s.var_off.mask == b->s.var_off.mask &&
	       a->s.r64.base == b->s.r64.base && a->s.r64.size == b->s.r64.size &&
	       a->s.r32.base == b->s.r32.base && a->s.r32.size == b->s.r32.size &&
	       a->id == b->id && a->parent_id == b->parent_id &&
	       a->map_uid == b->map_uid;
}

static bool func_equal(const struct sim_func *a, const struct sim_func *b)
{
	if (a->allocated_stack != b->allocated_stack || a->callsite != b->callsite)
		return false;
	for (int i = 0; i < SIM_MAX_REG; i++)
		if (!sim_reg_equal(&a->regs[i], &b->regs[i]))
			return false;
	for (int i = 0; i < a->allocated_stack / SIM_REG_SIZE; i++) {
		if (memcmp(a->stack[i].type, b->stack[i].type, SIM_REG_SIZE))
			return false;
		if (sim_slot_is_spill(&a->stack[i]) &&
		    !sim_reg_equal(&a->stack[i].spilled, &b->stack[i].spilled))
			return false;
	}
	return true;
}

bool sim_state_equal(const struct sim_state *a, const struct sim_state *b)
{
	if (a->curframe != b->curframe || a->acquired_refs != b->acquired_refs ||
	    a->active_locks != b->active_locks ||
	    a->active_rcu_locks != b->active_rcu_locks ||
	    a->active_preempt_locks != b->active_preempt_locks)
		return false;
	for (uint32_t i = 0; i < a->acquired_refs; i++)
		if (a->refs[i].id != b->refs[i].id || a->refs[i].type != b->refs[i].type)
			return false;
	for (uint32_t i = 0; i <= a->curframe; i++)
		if (!func_equal(a->frame[i], b->frame[i]))
			return false;
	return true;
}
