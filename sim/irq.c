/* IRQ flags: bpf_local_irq_save(&flags) / bpf_local_irq_restore(&flags) and
 * the lock family's bpf_res_spin_lock_irqsave / _unlock_irqrestore.
 *
 * A saved flag is an object on the program's stack, like a dynptr or an
 * iterator: the 8-byte slot becomes STACK_IRQ_FLAG and its spilled register
 * carries the id of a REF_TYPE_IRQ entry of the reference table. The table
 * keeps these entries in acquisition order, and state->active_irq_id is the
 * newest one: restores must come in last-in, first-out order, a flag saved
 * by one family must be restored by the same family, and the program may
 * not exit while any is held (check_resource_leak(), check_call.c). While
 * IRQs are off the program is in an RCU critical section (in_rcu_cs()), so
 * the restore that ends the last such section turns MEM_RCU pointers
 * untrusted, as bpf_rcu_read_unlock() does.
 *
 * The family of a flag is stored in its slot's spilled register (the
 * kernel's st->irq.kfunc_class); the register's raw.raw2 word is unused by
 * PTR_TO_STACK, which only needs frameno. */
#include <errno.h>

#include "check.h"
#include "diagnostics.h"
#include "kfuncs.h"

static const char *const irq_class_name[] = {
	[SIM_IRQ_NATIVE_KFUNC] = "native",
	[SIM_IRQ_LOCK_KFUNC] = "lock",
};

/* mirrors stack_slot_obj_get_spi(env, reg, "irq_flag", 1): the slot index,
 * -ERANGE when beyond the allocated stack, -EINVAL after logging why (the
 * caller's "expected ... irq flag" line is the error) */
static int irq_flag_get_spi(struct sim_env *env, const struct sim_reg *reg)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int64_t off;
	int spi;

	if (!sim_scalar_is_const(&reg->s, false)) {
		sim_verbose(env, "%s has to be at a constant offset\n", "irq_flag");
		return -EINVAL;
	}
	off = (int64_t)reg->s.var_off.value;
	if (off >= 0 || off % SIM_REG_SIZE) {
		sim_verbose(env, "cannot pass in %s at an offset=%d\n", "irq_flag", (int)off);
		return -EINVAL;
	}
	spi = (int)((-off - 1) / SIM_REG_SIZE);
	/* is_spi_bounds_valid() */
	if (spi >= f->allocated_stack / SIM_REG_SIZE)
		return -ERANGE;
	return spi;
}

/* mirrors acquire_irq_state() */
static int acquire_irq_state(struct sim_env *env, int insn_idx)
{
	struct sim_ref *r = sim_state_add_ref(env->cur);

	if (!r)
		return sim_bug(env, "out of memory");
	r->type = SIM_REF_TYPE_IRQ;
	r->id = (int)++env->id_gen;
	r->insn = insn_idx;
	env->cur->active_irq_id = (uint32_t)r->id;
	sim_diag_record_context(env, insn_idx, SIM_DIAG_CTX_IRQ, true, sim_diag_irq_depth(env->cur));
	return r->id;
}

/* mirrors release_irq_state(): only the newest flag may go; the previous
 * one becomes active */
static int release_irq_state(struct sim_env *env, int id)
{
	struct sim_state *st = env->cur;
	uint32_t prev_id = 0;

	if ((uint32_t)id != st->active_irq_id)
		return -EACCES;
	for (uint32_t i = 0; i < st->acquired_refs; i++) {
		if (st->refs[i].type != SIM_REF_TYPE_IRQ)
			continue;
		if (st->refs[i].id == id) {
			sim_state_remove_ref(st, (int)i);
			st->active_irq_id = prev_id;
			sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_IRQ, false,
						sim_diag_irq_depth(st));
			return 0;
		}
		prev_id = (uint32_t)st->refs[i].id;
	}
	return -EINVAL;
}

/* mirrors mark_stack_slot_irq_flag() */
static int mark_stack_slot_irq_flag(struct sim_env *env, const struct sim_reg *reg, int kfunc_class)
{
	struct sim_func *f = env->cur->frame[reg->frameno];
	struct sim_stack_slot *slot;
	int spi = irq_flag_get_spi(env, reg), id;

	if (spi < 0)
		return sim_bug(env, "irq flag slot invalid after its check");
	id = acquire_irq_state(env, env->insn_idx);
	if (id < 0)
		return id;
	slot = &f->stack[spi];
	sim_reg_mark_ptr(&slot->spilled, PTR_TO_STACK); /* no dedicated type */
	slot->spilled.id = (uint32_t)id;
	slot->spilled.raw.raw2 = (uint64_t)kfunc_class;
	for (int i = 0; i < SIM_REG_SIZE; i++)
		slot->type[i] = STACK_IRQ_FLAG;
	sim_mark_stack_scratched(env, spi);
	return 0;
}

/* mirrors unmark_stack_slot_irq_flag() */
static int unmark_stack_slot_irq_flag(struct sim_env *env, const struct sim_reg *reg,
				      int kfunc_class)
{
	struct sim_func *f = env->cur->frame[reg->frameno];
	struct sim_stack_slot *slot;
	int spi = irq_flag_get_spi(env, reg), err, flag_class;

	if (spi < 0)
		return sim_bug(env, "irq flag slot invalid after its check");
	slot = &f->stack[spi];
	flag_class = (int)slot->spilled.raw.raw2;
	if (flag_class != kfunc_class)
		return sim_diag_irq(env, sim_reject(env, -EINVAL,
				  "irq flag acquired by %s kfuncs cannot be restored with %s kfuncs\n",
				  irq_class_name[flag_class == SIM_IRQ_LOCK_KFUNC],
				  irq_class_name[kfunc_class == SIM_IRQ_LOCK_KFUNC]),
				    "IRQ flag restore mismatch",
				    "Restore the flag with the matching IRQ restore kfunc for the save operation that created it.",
				    "This IRQ flag was saved by %s IRQ kfuncs, but the restore call belongs to the %s IRQ kfunc family. Save and restore operations must use the same family.",
				    irq_class_name[flag_class == SIM_IRQ_LOCK_KFUNC],
				    irq_class_name[kfunc_class == SIM_IRQ_LOCK_KFUNC]);
	err = release_irq_state(env, (int)slot->spilled.id);
	if (err) {
		const struct sim_state *st = env->cur;
		int insn = 0;

		for (uint32_t i = 0; i < st->acquired_refs; i++)
			if (st->refs[i].id == (int)st->active_irq_id) {
				insn = st->refs[i].insn;
				break;
			}
		return sim_diag_irq(env, sim_reject(env, err,
				  "cannot restore irq state out of order, expected id=%d acquired at insn_idx=%d\n",
				  (int)st->active_irq_id, insn),
				    "IRQ flag restore out of order",
				    "Restore nested IRQ flags in the reverse order they were saved.", "%s",
				    "IRQ-disabled regions must be restored in last-in, first-out order, but this restore does not match the currently active IRQ flag.");
	}
	sim_reg_mark_not_init(&slot->spilled);
	for (int i = 0; i < SIM_REG_SIZE; i++)
		slot->type[i] = STACK_INVALID;
	sim_mark_stack_scratched(env, spi);
	return 0;
}

/* is_irq_flag_reg_valid_uninit(): no byte of the slot holds a flag */
static bool irq_flag_valid_uninit(struct sim_env *env, const struct sim_reg *reg)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int spi = irq_flag_get_spi(env, reg);

	if (spi == -ERANGE)
		return true;    /* check_mem_access() grows the stack next */
	if (spi < 0)
		return false;
	for (int i = 0; i < SIM_REG_SIZE; i++)
		if (f->stack[spi].type[i] == STACK_IRQ_FLAG)
			return false;
	return true;
}

/* is_irq_flag_reg_valid_init(): every byte holds a flag with an id */
static bool irq_flag_valid_init(struct sim_env *env, const struct sim_reg *reg)
{
	const struct sim_func *f = env->cur->frame[reg->frameno];
	int spi = irq_flag_get_spi(env, reg);

	if (spi < 0 || !f->stack[spi].spilled.id)
		return false;
	for (int i = 0; i < SIM_REG_SIZE; i++)
		if (f->stack[spi].type[i] != STACK_IRQ_FLAG)
			return false;
	return true;
}

/* mirrors process_irq_flag() for R@regno (already known to be PTR_TO_STACK) */
int sim_process_irq_flag(struct sim_env *env, int regno, bool save, int kfunc_class,
			 const char *func)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];
	int err;

	if (save) {
		if (!irq_flag_valid_uninit(env, reg))
			return sim_diag_res_err(env, sim_reject(env, -EINVAL, "expected uninitialized irq flag as R%d\n", regno),
						"IRQ flag is already initialized",
						"Saving IRQ state requires an uninitialized stack slot for the IRQ flag, but this slot already contains tracked IRQ flag state.",
						"Use a fresh stack slot for this save operation, or restore the existing IRQ flag before reusing the slot.");
		err = sim_check_mem_access(env, regno, 0, SIM_REG_SIZE, true, -1, false);
		if (err)
			return err < 0 ? err : -EACCES;
		return mark_stack_slot_irq_flag(env, reg, kfunc_class);
	}
	if (!irq_flag_valid_init(env, reg))
		return sim_diag_res_err(env, sim_reject(env, -EINVAL, "expected an initialized irq flag as R%d\n", regno),
					"uninitialized IRQ flag restore",
					"Restoring IRQ state requires a stack slot that was initialized by a matching IRQ save operation on this path.",
					"Pass the same stack slot that was previously initialized by the matching IRQ save kfunc.");
	err = unmark_stack_slot_irq_flag(env, reg, kfunc_class);
	if (err)
		return err;
	if (!sim_in_rcu_cs(env))
		sim_invalidate_rcu_protected_refs(env, func);
	return 0;
}
