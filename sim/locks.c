/* Spin locks: mirrors process_spin_lock(), acquire_lock_state(),
 * release_lock_state() and check_reg_allocation_locked() of 7.3.
 *
 * A lock is an entry of the reference table (REF_TYPE_LOCK) identified by
 * (id, ptr): ptr is the object the lock lives in (the map for a map value
 * or global data, the program BTF for an allocated object: the kernel uses
 * the map / btf pointer) and id the register's id (0 for global data, the
 * lookup's id for a map value, the allocation's id for an object). A graph
 * kfunc needs the lock of the very allocation its root lives in. Unlocking
 * invalidates every non-owning reference and, if no RCU-like section is
 * left, demotes MEM_RCU pointers. */
#include "check.h"
#include "diagnostics.h"
#include "kfuncs.h"

uint64_t sim_lock_ptr_of(const struct sim_reg *reg)
{
	if (sim_base_type(reg->type) == PTR_TO_MAP_VALUE)
		return (uint64_t)(uintptr_t)reg->map;
	return (uint64_t)(uintptr_t)reg->btf;
}

/* mirrors find_lock_state() */
static int find_lock_state(const struct sim_state *st, uint32_t type, uint32_t id, uint64_t ptr)
{
	for (uint32_t i = 0; i < st->acquired_refs; i++) {
		const struct sim_ref *r = &st->refs[i];

		if (!(r->type & type))
			continue;
		if ((uint32_t)r->id == id && r->lock_ptr == ptr)
			return (int)i;
	}
	return -1;
}

/* find_lock_state(cur, REF_TYPE_LOCK_MASK, active_lock_id, active_lock_ptr):
 * the lock the diagnostics name as active, or NULL */
static const struct sim_ref *active_lock(const struct sim_state *st)
{
	int i = find_lock_state(st, SIM_REF_TYPE_LOCK_MASK, st->active_lock_id, st->active_lock_ptr);

	return i < 0 ? NULL : &st->refs[i];
}

/* mirrors acquire_lock_state() */
static int acquire_lock_state(struct sim_env *env, uint32_t type, uint32_t id, uint64_t ptr)
{
	struct sim_state *st = env->cur;
	struct sim_ref *r = sim_state_add_ref(st);

	if (!r)
		return sim_bug(env, "out of memory");
	r->type = type;
	r->id = (int)id;
	r->insn = env->insn_idx;
	r->lock_ptr = ptr;
	st->active_locks++;
	st->active_lock_id = id;
	st->active_lock_ptr = ptr;
	sim_event_lock_acquire(env, (int)id, env->insn_idx);
	sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_LOCK, true, st->active_locks);
	return 0;
}

/* mirrors release_lock_state(): the previous lock becomes the active one */
static int release_lock_state(struct sim_env *env, uint32_t type, uint32_t id, uint64_t ptr)
{
	struct sim_state *st = env->cur;
	uint32_t prev_id = 0;
	uint64_t prev_ptr = 0;

	for (uint32_t i = 0; i < st->acquired_refs; i++) {
		const struct sim_ref *r = &st->refs[i];

		if (r->type == type && (uint32_t)r->id == id && r->lock_ptr == ptr) {
			sim_state_remove_ref(st, (int)i);
			st->active_locks--;
			st->active_lock_id = prev_id;
			st->active_lock_ptr = prev_ptr;
			sim_event_lock_release(env, (int)id, env->insn_idx);
			sim_diag_record_context(env, env->insn_idx, SIM_DIAG_CTX_LOCK, false,
						st->active_locks);
			return 0;
		}
		if (r->type & SIM_REF_TYPE_LOCK_MASK) {
			prev_id = (uint32_t)r->id;
			prev_ptr = r->lock_ptr;
		}
	}
	return -EINVAL;
}

/* mirrors process_spin_lock() */
int sim_process_spin_lock(struct sim_env *env, int regno, int flags, const char *func)
{
	struct sim_reg *reg = &sim_cur_regs(env)[regno];
	bool is_lock = flags & SIM_PROCESS_SPIN_LOCK, is_res = flags & SIM_PROCESS_RES_LOCK;
	const char *lock_str = is_res ? "bpf_res_spin" : "bpf_spin";
	bool is_map = sim_base_type(reg->type) == PTR_TO_MAP_VALUE;
	struct sim_state *cur = env->cur;
	struct sim_record rec;
	uint32_t type;
	uint64_t ptr, val;
	int lock_off;

	if (!sim_scalar_is_const(&reg->s, false))
		return sim_reject(env, -EINVAL,
				  "R%d doesn't have constant offset. %s_lock has to be at the constant offset\n",
				  regno, lock_str);
	val = sim_scalar_const_value(&reg->s, false);
	if (is_map && !sim_map_value_type(reg->map))
		return sim_reject(env, -EINVAL, "map '%s' has to have BTF in order to use %s_lock\n",
				  reg->map ? reg->map->name : "", lock_str);
	if (!sim_reg_btf_record(env, reg, &rec) ||
	    !(rec.field_mask & (is_res ? SIM_FIELD_RES_SPIN_LOCK : SIM_FIELD_SPIN_LOCK)))
		return sim_reject(env, -EINVAL, "%s '%s' has no valid %s_lock\n", is_map ? "map" : "local",
				  is_map ? reg->map->name : "kptr", lock_str);
	lock_off = is_res ? rec.res_spin_lock_off : rec.spin_lock_off;
	if ((uint64_t)(int64_t)lock_off != val)
		return sim_reject(env, -EINVAL, "off %lld doesn't point to 'struct %s_lock' that is at %d\n",
				  (long long)val, lock_str, lock_off);
	ptr = sim_lock_ptr_of(reg);
	type = is_res ? ((flags & SIM_PROCESS_LOCK_IRQ) ? SIM_REF_TYPE_RES_LOCK_IRQ : SIM_REF_TYPE_RES_LOCK)
		      : SIM_REF_TYPE_LOCK;
	if (is_lock) {
		if (!is_res && cur->active_locks) {
			for (uint32_t i = 0; i < cur->acquired_refs; i++)
				if (cur->refs[i].type == SIM_REF_TYPE_LOCK)
					return sim_diag_lock(env, sim_reject(env, -EINVAL,
							  "Locking two bpf_spin_locks are not allowed\n"),
							     "nested spin lock",
							     "This path already holds a bpf_spin_lock. The verifier allows only one regular BPF spin lock at a time.",
							     "Unlock the current bpf_spin_lock before taking another one.",
							     &cur->refs[i]);
		} else if (is_res && cur->active_locks &&
			   find_lock_state(cur, SIM_REF_TYPE_RES_LOCK | SIM_REF_TYPE_RES_LOCK_IRQ, reg->id,
					   ptr) >= 0) {
			return sim_diag_lock(env, sim_reject(env, -EINVAL, "Acquiring the same lock again, AA deadlock detected\n"),
					     "recursive resource spin lock",
					     "This path already holds the same resource spin lock. Taking it again would deadlock.",
					     "Avoid reacquiring the same resource spin lock before it is unlocked.",
					     &cur->refs[find_lock_state(cur, SIM_REF_TYPE_RES_LOCK | SIM_REF_TYPE_RES_LOCK_IRQ, reg->id, ptr)]);
		}
		return acquire_lock_state(env, type, reg->id, ptr);
	}
	if (!cur->active_locks)
		return sim_diag_res_err(env, sim_reject(env, -EINVAL, "%s_unlock without taking a lock\n", lock_str),
					"unlock without lock",
					"This unlock operation has no matching active lock on the current path.",
					"Take the matching lock before this unlock, or remove the unmatched unlock path.");
	if (find_lock_state(cur, type, reg->id, ptr) < 0)
		return sim_diag_lock(env, sim_reject(env, -EINVAL, "%s_unlock of different lock\n", lock_str),
				     "unlock of a different lock",
				     "This unlock does not match any active lock with the same tracked identity on the current path.",
				     "Unlock the same lock object that was most recently acquired.",
				     active_lock(cur));
	if (reg->id != cur->active_lock_id || ptr != cur->active_lock_ptr)
		return sim_diag_lock(env, sim_reject(env, -EINVAL, "%s_unlock cannot be out of order\n", lock_str),
				     "unlock out of order",
				     "Locks must be released in last-in, first-out order, but this unlock does not match the currently active lock.",
				     "Release nested locks in the reverse order they were acquired.",
				     active_lock(cur));
	if (release_lock_state(env, type, reg->id, ptr))
		return sim_reject(env, -EINVAL, "%s_unlock of different lock\n", lock_str);
	/* non-owning refs go before RCU demotion clears their NON_OWN_REF */
	sim_invalidate_non_owning_refs(env, func);
	if (!sim_in_rcu_cs(env))
		sim_invalidate_rcu_protected_refs(env, func);
	return 0;
}

/* mirrors check_reg_allocation_locked() */
int sim_check_reg_allocation_locked(struct sim_env *env, const struct sim_reg *reg)
{
	if (!env->cur->active_locks)
		return -EINVAL;
	if (find_lock_state(env->cur, SIM_REF_TYPE_LOCK_MASK, reg->id, sim_lock_ptr_of(reg)) < 0) {
		sim_verbose(env, "held lock and object are not in the same allocation\n");
		return -EINVAL;
	}
	return 0;
}
