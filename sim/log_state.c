/* The state as the kernel prints it: mirrors kernel/bpf/log.c of 7.3
 * (print_reg_state, print_verifier_state). Numbers, bounds and tnums are
 * printed by scalar_print.c, the one printer of scalars. The text is a
 * fact students diff against the real log, so every separator matters. */
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "dynptr.h"
#include "iter.h"
#include "scalar_print.h"

static const char slot_type_char[] = {
	[STACK_INVALID] = '?', [STACK_SPILL] = 'r', [STACK_MISC] = 'm',
	[STACK_ZERO] = '0',    [STACK_DYNPTR] = 'd', [STACK_ITER] = 'i',
	[STACK_IRQ_FLAG] = 'f', [STACK_POISON] = 'p',
};

static const char *btf_type_name_of(const struct btf *btf, uint32_t id)
{
	const struct btf_type *t = btf ? btf__type_by_id(btf, id) : NULL;

	return t ? btf__name_by_offset(btf, t->name_off) : "";
}

#define APPEND(...) do { sim_printf(out, "%s", sep); sim_printf(out, __VA_ARGS__); sep = ","; } while (0)

/* mirrors print_reg_state() */
void sim_print_reg(const struct sim_out *out, const struct sim_func *f, const struct sim_reg *r)
{
	uint32_t t = r->type;
	const char *sep = "";
	char tbuf[96];

	if (t == SCALAR_VALUE) {
		sim_scalar_print_reg(out, &r->s, r->precise, r->id, r->delta);
		return;
	}
	sim_printf(out, "%s", sim_reg_type_str(t, tbuf, sizeof(tbuf)));
	if (t == PTR_TO_ARENA)
		return;
	if (t == PTR_TO_STACK) {
		if (f->frameno != r->frameno)
			sim_printf(out, "[%d]", r->frameno);
		if (sim_reg_is_const(r)) {
			sim_print_snum(out, (int64_t)(r->s.var_off.value + (uint64_t)(int64_t)r->delta));
			return;
		}
	}
	if (sim_base_type(t) == PTR_TO_BTF_ID)
		sim_printf(out, "%s", btf_type_name_of(r->btf, r->btf_id));
	sim_printf(out, "(");
	if (r->id)
		APPEND("id=%d", (int)(r->id & ~SIM_ADD_CONST));
	if (r->id & SIM_ADD_CONST)
		sim_printf(out, "%+d", r->delta);
	if (r->parent_id)
		APPEND("parent_id=%d", (int)r->parent_id);
	if ((t & NON_OWN_REF) && (t & MEM_ALLOC))
		APPEND("%s", "non_own_ref");
	if ((sim_base_type(t) == CONST_PTR_TO_MAP || sim_base_type(t) == PTR_TO_MAP_VALUE ||
	     sim_base_type(t) == PTR_TO_MAP_KEY) && r->map) {
		const struct sim_map_view *m = r->map;

		/* the kernel's map->name is char[BPF_OBJ_NAME_LEN]: at most
		 * 15 characters of the ELF name survive */
		if (m->name && m->name[0])
			APPEND("map=%.15s", m->name);
		APPEND("ks=%d,vs=%d", (int)m->key_size, (int)m->value_size);
	}
	if (t != SCALAR_VALUE && r->delta) {
		APPEND("off=");
		sim_print_snum(out, r->delta);
	}
	if (sim_base_type(t) == PTR_TO_PACKET || sim_base_type(t) == PTR_TO_PACKET_META) {
		APPEND("r=");
		sim_print_unum(out, (uint64_t)(int64_t)r->range);
	}
	if (sim_base_type(t) == PTR_TO_MEM) {
		APPEND("sz=");
		sim_print_unum(out, r->mem_size);
	}
	if (t == CONST_PTR_TO_DYNPTR)
		APPEND("type=%s", sim_dynptr_type_str(r->dynptr.type));
	if (sim_reg_is_const(r)) {
		if (r->s.var_off.value) {
			APPEND("imm=");
			sim_print_snum(out, (int64_t)r->s.var_off.value);
		}
	} else {
		sim_scalar_print_fields(out, &r->s, &sep);
	}
	sim_printf(out, ")");
}

/* mirrors print_verifier_state() */
void sim_print_state(const struct sim_out *out, const struct sim_state *st, uint32_t frameno,
		     const struct sim_scratch *scr)
{
	const struct sim_func *f = st->frame[frameno];

	if (f->frameno)
		sim_printf(out, " frame%u:", f->frameno);
	for (int i = 0; i < SIM_MAX_REG; i++) {
		if (f->regs[i].type == NOT_INIT)
			continue;
		if (scr && !(scr->regs & (1u << i)))
			continue;
		sim_printf(out, " R%d=", i);
		sim_print_reg(out, f, &f->regs[i]);
	}
	for (int i = 0; i < f->allocated_stack / SIM_REG_SIZE; i++) {
		const struct sim_stack_slot *s = &f->stack[i];
		char types[SIM_REG_SIZE + 1];
		bool valid = false;
		int j;

		if (scr && !(scr->stack & (1ull << i)))
			continue;
		for (j = 0; j < SIM_REG_SIZE; j++) {
			if (s->type[j] != STACK_INVALID && s->type[j] != STACK_POISON)
				valid = true;
			types[j] = slot_type_char[s->type[j] <= STACK_POISON ? s->type[j] : 0];
		}
		types[SIM_REG_SIZE] = '\0';
		if (!valid)
			continue;
		switch (s->type[SIM_REG_SIZE - 1]) {
		case STACK_SPILL:
			for (j = 0; j < SIM_REG_SIZE; j++)
				if (s->type[j] == STACK_SPILL)
					break;
			types[j] = '\0';
			sim_printf(out, " fp%d=%s", (-i - 1) * SIM_REG_SIZE, types);
			sim_print_reg(out, f, &s->spilled);
			break;
		case STACK_DYNPTR: {
			/* skip to the main (first) slot, as the kernel does even
			 * when only the second one was scratched */
			const struct sim_reg *d;
			const char *sep = "";

			i += 1;
			if (i >= f->allocated_stack / SIM_REG_SIZE)
				break;
			d = &f->stack[i].spilled;
			sim_printf(out, " fp%d=dynptr_%s(", (-i - 1) * SIM_REG_SIZE,
				   sim_dynptr_type_str(d->dynptr.type));
			if (d->id)
				APPEND("id=%d", (int)d->id);
			if (d->parent_id)
				APPEND("parent_id=%d", (int)d->parent_id);
			sim_printf(out, ")");
			break;
		}
		case STACK_ITER:
			/* only the main slot has the id; skip the others */
			if (!s->spilled.id)
				continue;
			sim_printf(out, " fp%d=iter_%s(id=%d,state=%s,depth=%u)", (-i - 1) * SIM_REG_SIZE,
				   sim_iter_type_str(s->spilled.iter.btf, s->spilled.iter.btf_id),
				   (int)s->spilled.id, sim_iter_state_str(s->spilled.iter.state),
				   (unsigned)s->spilled.iter.depth);
			break;
		default:
			sim_printf(out, " fp%d=%s", (-i - 1) * SIM_REG_SIZE, types);
			break;
		}
	}
	if (st->acquired_refs && st->refs[0].id) {
		sim_printf(out, " refs=%d", st->refs[0].id);
		for (uint32_t i = 1; i < st->acquired_refs; i++)
			if (st->refs[i].id)
				sim_printf(out, ",%d", st->refs[i].id);
	}
	if (f->in_callback_fn)
		sim_printf(out, " cb");
	if (f->in_async_callback_fn)
		sim_printf(out, " async_cb");
	sim_printf(out, "\n");
}
