/* The diagnostics event log: what Linux 7.3 records while it walks a path
 * (bpf_diag_record_branch(), bpf_diag_mod_begin()/_end(),
 * bpf_diag_record_scrub(), bpf_diag_record_ref_*()) and prints as the
 * "Causal path:" section of the "Verification failed:" block
 * (diag_print_history() in kernel/bpf/diagnostics.c).
 *
 * The kernel records at the sites that write a register or a stack slot.
 * The simulator records per instruction instead, from what the instruction
 * is (its class, its destination) and the state before and after it:
 * - ALU, LD_IMM64, LDX: a write of the destination register (check_alu_op(),
 *   check_ld_imm(), check_load_mem()); a MOV from a register, or a load
 *   from a fixed stack slot, names where the value came from;
 * - STX/ST into a fixed stack slot: a spill (save_register_state()), or
 *   the overwrite of a spilled value (check_stack_write_fixed_off());
 * - helper and kfunc calls: the caller-saved scrubs of R1-R5, the write of
 *   R0, acquired and released references, packet pointers invalidated
 *   (clear_all_pkt_pointers());
 * - subprogram calls and returns: R0 of the caller;
 * - conditional jumps: the edge a path took (do_check());
 * - entering and leaving an RCU, preemption, IRQ or lock region: recorded
 *   by the sites that change the depth (sim_diag_record_context(), the
 *   kernel's bpf_diag_record_context() calls), for the execution-context
 *   blocks' causal path;
 * - writes the per-instruction view cannot see are recorded where they
 *   happen: invalidate_rcu_protected_refs()'s demotions
 *   (sim_diag_mod_begin()/_end()), raw-mode helper writes over a spilled
 *   slot, variable-offset stack writes (a byte range), clear_all_pkt_pointers()
 *   for global functions and tail calls, a struct_ops program's __ref
 *   arguments at entry;
 * - a call that forks its path mid-instruction (a pointer cast's NULL
 *   branch, iterator next) leaves the fork the events the kernel had
 *   recorded before its push_stack().
 * The log follows the path: push_stack() saves its end, pop_stack()
 * restores it. The kernel's log rotates only past 64 MiB of events; the
 * simulator's never does. Frames are told apart by their depth and call
 * site (the kernel numbers every frame it creates).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diag_internal.h"
#include "diagnostics.h"
#include "opcode.h"

#define HISTORY_RENDER_MAX 64

static uint32_t frame_id(const struct sim_func *f)
{
	return (uint32_t)(f->callsite + 2) << 8 | f->subprogno;
}

static bool enabled(const struct sim_env *env)
{
	return !env->replay && sim_logging(env);
}

static struct sim_diag *diag_of(struct sim_env *env)
{
	if (!env->diag && enabled(env))
		env->diag = calloc(1, sizeof(*env->diag));
	return env->diag;
}

void sim_diag_free(struct sim_env *env)
{
	if (!env->diag)
		return;
	free(env->diag->events);
	free(env->diag);
	env->diag = NULL;
}

/* mirrors bpf_diag_event_log_save() */
uint64_t sim_diag_log_save(struct sim_env *env)
{
	return env->diag ? env->diag->cnt : 0;
}

/* mirrors bpf_diag_event_log_restore() */
void sim_diag_log_restore(struct sim_env *env, uint64_t pos)
{
	if (env->diag && pos <= env->diag->cnt)
		env->diag->cnt = (uint32_t)pos;
}

/* mirrors diag_append_history() */
static void append(struct sim_env *env, const struct sim_diag_event *ev)
{
	struct sim_diag *d = diag_of(env);

	if (!d)
		return;
	if (d->cnt == d->cap) {
		uint32_t cap = d->cap ? d->cap * 2 : 64;
		struct sim_diag_event *n = realloc(d->events, cap * sizeof(*n));

		if (!n)
			return;
		d->events = n;
		d->cap = cap;
	}
	d->events[d->cnt++] = *ev;
}

static bool is_map_ptr(uint32_t type)
{
	uint32_t t = sim_base_type(type);

	return t == CONST_PTR_TO_MAP || t == PTR_TO_MAP_VALUE || t == PTR_TO_MAP_KEY;
}

/* mirrors diag_snapshot_reg() */
static void snapshot(struct sim_diag_snap *s, const struct sim_reg *reg)
{
	memset(s, 0, sizeof(*s));
	s->type = reg->type;
	if (is_map_ptr(reg->type))
		s->map = reg->map;
	if (sim_base_type(reg->type) == PTR_TO_BTF_ID && reg->btf && reg->btf_id) {
		s->btf = reg->btf;
		s->btf_id = reg->btf_id;
	}
	s->var_off = reg->s.var_off;
	s->r64 = reg->s.r64;
}

static bool snap_equal(const struct sim_diag_snap *a, const struct sim_diag_snap *b)
{
	return a->type == b->type && a->map == b->map && a->btf == b->btf &&
	       a->btf_id == b->btf_id && a->var_off.value == b->var_off.value &&
	       a->var_off.mask == b->var_off.mask && !memcmp(&a->r64, &b->r64, sizeof(a->r64));
}

static struct sim_diag_target reg_target(const struct sim_func *f, int regno)
{
	return (struct sim_diag_target){ .frame_id = frame_id(f), .frameno = (uint8_t)f->frameno,
					 .kind = SIM_DIAG_T_REG, .regno = (uint8_t)regno };
}

static struct sim_diag_target slot_target(const struct sim_func *f, int spi)
{
	return (struct sim_diag_target){ .frame_id = frame_id(f), .frameno = (uint8_t)f->frameno,
					 .kind = SIM_DIAG_T_SLOT, .spi = (uint16_t)spi };
}

/* mirrors diag_mod_keeps_lineage() */
static bool keeps_lineage(const struct sim_env *env, const struct sim_diag_event *ev)
{
	const struct bpf_insn *insn = &env->insns[ev->insn_idx];
	uint8_t class = BPF_CLASS(insn->code);

	if (ev->reason != SIM_DIAG_MOD_WRITE || ev->target.kind != SIM_DIAG_T_REG)
		return false;
	if (class != BPF_ALU && class != BPF_ALU64)
		return false;
	switch (BPF_OP(insn->code)) {
	case BPF_ADD: case BPF_SUB: case BPF_MUL: case BPF_OR: case BPF_AND: case BPF_LSH:
	case BPF_RSH: case BPF_ARSH: case BPF_XOR: case BPF_NEG: case BPF_END:
		return true;
	default:
		return false;
	}
}

/* mirrors diag_record_mod(), with diag_mod_insn_origin() */
static void record_mod(struct sim_env *env, int insn_idx, struct sim_diag_target target,
		       int reason, const struct sim_reg *old, const struct sim_reg *new,
		       const struct sim_diag_target *origin)
{
	const struct bpf_insn *insn = &env->insns[insn_idx];
	uint8_t class = BPF_CLASS(insn->code);
	struct sim_diag_event ev = { .insn_idx = (uint32_t)insn_idx, .kind = SIM_DIAG_H_MOD,
				     .target = target, .reason = (uint8_t)reason };

	if (old)
		snapshot(&ev.old, old);
	if (new)
		snapshot(&ev.new, new);
	if (origin) {
		ev.origin = *origin;
		ev.origin_valid = true;
	} else if (target.kind == SIM_DIAG_T_REG && (class == BPF_ALU || class == BPF_ALU64) &&
		   BPF_OP(insn->code) == BPF_MOV && BPF_SRC(insn->code) == BPF_X) {
		ev.origin = target;
		ev.origin.regno = insn->src_reg;
		ev.origin_valid = true;
	} else if ((target.kind == SIM_DIAG_T_SLOT || target.kind == SIM_DIAG_T_STACK_ARG) &&
		   class == BPF_STX) {
		ev.origin = reg_target(env->cur->frame[env->cur->curframe], insn->src_reg);
		ev.origin_valid = true;
	}
	if (old && new && (reason == SIM_DIAG_MOD_WRITE || reason == SIM_DIAG_MOD_SPILL) &&
	    snap_equal(&ev.old, &ev.new) && !ev.origin_valid && keeps_lineage(env, &ev))
		return;
	append(env, &ev);
}

/* mirrors bpf_diag_record_scrub(): a value invalidated, unless never set */
static void record_scrub(struct sim_env *env, struct sim_diag_target target,
			 const struct sim_reg *old, int reason)
{
	if (old->type == NOT_INIT)
		return;
	record_mod(env, env->insn_idx, target, reason, old, NULL, NULL);
}

/* mirrors reg_to_target(): which register or stack slot @reg is */
static bool reg_to_target(const struct sim_env *env, const struct sim_reg *reg,
			  struct sim_diag_target *t)
{
	const struct sim_state *st = env->cur;

	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		const struct sim_func *f = st->frame[fi];
		int nslots = f->allocated_stack / 8;

		if (reg >= f->regs && reg < f->regs + SIM_MAX_REG) {
			*t = reg_target(f, (int)(reg - f->regs));
			return true;
		}
		for (int spi = 0; spi < nslots; spi++) {
			if (reg == &f->stack[spi].spilled) {
				*t = slot_target(f, spi);
				return true;
			}
		}
	}
	return false;
}

/* mirrors target_to_reg() */
static const struct sim_reg *target_to_reg(const struct sim_env *env,
					   const struct sim_diag_target *t)
{
	const struct sim_state *st = env->cur;
	const struct sim_func *f = t->frameno <= st->curframe ? st->frame[t->frameno] : NULL;

	if (!f || frame_id(f) != t->frame_id)
		return NULL;
	if (t->kind == SIM_DIAG_T_REG)
		return t->regno < SIM_MAX_REG ? &f->regs[t->regno] : NULL;
	if (t->kind == SIM_DIAG_T_SLOT)
		return t->spi < f->allocated_stack / 8 ? &f->stack[t->spi].spilled : NULL;
	return NULL;
}

void sim_diag_mod_begin(struct sim_env *env, const struct sim_reg *reg)
{
	struct sim_diag *d = enabled(env) ? diag_of(env) : NULL;

	if (!d)
		return;
	d->mod.active = reg_to_target(env, reg, &d->mod.target);
	if (!d->mod.active)
		return;
	d->mod.old = *reg;
	d->mod.insn_idx = env->insn_idx;
}

void sim_diag_record_scrub_write(struct sim_env *env, const struct sim_reg *reg)
{
	struct sim_diag_target t;

	if (!enabled(env) || !reg_to_target(env, reg, &t))
		return;
	record_scrub(env, t, reg, SIM_DIAG_MOD_WRITE);
}

void sim_diag_record_stack_range(struct sim_env *env, const struct sim_func *f, int min_off,
				 int max_off)
{
	struct sim_diag_target t = { .frame_id = frame_id(f), .frameno = (uint8_t)f->frameno,
				     .kind = SIM_DIAG_T_RANGE, .min_off = (int16_t)min_off,
				     .max_off = (int16_t)max_off };

	if (!enabled(env))
		return;
	record_mod(env, env->insn_idx, t, SIM_DIAG_MOD_VAR_WRITE, NULL, NULL, NULL);
}

void sim_diag_record_pkt_change(struct sim_env *env)
{
	struct sim_state *st = env->cur;

	if (!enabled(env))
		return;
	for (uint32_t fi = 0; fi <= st->curframe; fi++) {
		struct sim_func *f = st->frame[fi];

		for (int k = 0; k < sim_func_walk_len(f); k++) {
			const struct sim_reg *r = sim_func_walk_reg(f, k);
			struct sim_diag_target t;

			/* reg_is_pkt_pointer_any(), reg_is_dynptr_slice_pkt() */
			if (!r || !(sim_reg_is_pkt_pointer(r) || r->type == PTR_TO_PACKET_END ||
				    (sim_base_type(r->type) == PTR_TO_MEM &&
				     (r->type & (DYNPTR_TYPE_SKB | DYNPTR_TYPE_XDP | DYNPTR_TYPE_SKB_META)))))
				continue;
			t = k < SIM_MAX_REG ? reg_target(f, k) : slot_target(f, k - SIM_MAX_REG);
			record_scrub(env, t, r, SIM_DIAG_MOD_PKT_DATA_CHANGE);
		}
	}
}

void sim_diag_mod_end(struct sim_env *env)
{
	struct sim_diag *d = env->diag;
	const struct sim_reg *now;

	if (!d || !d->mod.active || !enabled(env))
		return;
	d->mod.active = false;
	now = target_to_reg(env, &d->mod.target);
	if (now)
		record_mod(env, d->mod.insn_idx, d->mod.target, SIM_DIAG_MOD_WRITE, &d->mod.old,
			   now, NULL);
}

/* mirrors the edge recording at the top of do_check()'s loop */
void sim_diag_record_edge(struct sim_env *env)
{
	const struct bpf_insn *prev;
	int prev_idx = env->prev_insn_idx, branch_idx;
	uint8_t class, op;
	struct sim_diag_event ev = { .kind = SIM_DIAG_H_BRANCH };

	if (!enabled(env) || env->cur->speculative || prev_idx < 0 || prev_idx >= env->insn_cnt)
		return;
	prev = &env->insns[prev_idx];
	class = BPF_CLASS(prev->code);
	op = BPF_OP(prev->code);
	branch_idx = prev_idx + prev->off + 1;
	if ((class != BPF_JMP && class != BPF_JMP32) || op == BPF_JA || op == BPF_CALL ||
	    op == BPF_EXIT || op > BPF_JCOND || branch_idx == prev_idx + 1)
		return;
	ev.insn_idx = (uint32_t)prev_idx;
	if (env->insn_idx == branch_idx)
		ev.cond_true = true;
	else if (env->insn_idx != prev_idx + 1)
		return;
	append(env, &ev);
}

/* the stack slot a fixed-offset access through @reg at @off touches, -1
 * when it is not one (check_stack_{read,write}_fixed_off()) */
static int fixed_slot(const struct sim_env *env, const struct sim_reg *reg, int off,
		      const struct sim_func **f)
{
	int64_t o;

	if (sim_base_type(reg->type) != PTR_TO_STACK || !tnum_is_const(reg->s.var_off) ||
	    reg->frameno > env->cur->curframe)
		return -1;
	o = (int64_t)reg->s.var_off.value + off;
	if (o >= 0 || o < -512)
		return -1;
	*f = env->cur->frame[reg->frameno];
	return (int)((-o - 1) / 8);
}

static const struct sim_reg *slot_reg(const struct sim_func *f, int spi)
{
	return spi >= 0 && spi < f->allocated_stack / 8 ? &f->stack[spi].spilled : NULL;
}

static bool slot_spilled(const struct sim_func *f, int spi)
{
	return spi >= 0 && spi < f->allocated_stack / 8 && f->stack[spi].type[7] == STACK_SPILL;
}

void sim_diag_insn_begin(struct sim_env *env)
{
	struct sim_diag *d;
	const struct bpf_insn *insn;
	const struct sim_func *f;

	if (!enabled(env) || !(d = diag_of(env)))
		return;
	insn = &env->insns[env->insn_idx];
	f = env->cur->frame[env->cur->curframe];
	d->insn_idx = env->insn_idx;
	d->stack_size = env->stack_size;
	d->call_recorded = false;
	if (BPF_CLASS(insn->code) == BPF_JMP && BPF_OP(insn->code) == BPF_CALL)
		for (uint32_t fi = 0; fi < env->cur->curframe && fi < SIM_MAX_FRAMES; fi++)
			memcpy(d->caller_regs[fi], env->cur->frame[fi]->regs, sizeof(d->caller_regs[fi]));
	d->curframe = env->cur->curframe;
	d->frame_id = frame_id(f);
	memcpy(d->regs, f->regs, sizeof(d->regs));
	d->slot_spi = -1;
	d->nrefs = 0;
	if (BPF_CLASS(insn->code) == BPF_STX || BPF_CLASS(insn->code) == BPF_ST) {
		const struct sim_func *sf;
		int spi = fixed_slot(env, &f->regs[insn->dst_reg], insn->off, &sf);

		if (spi >= 0) {
			const struct sim_reg *r = slot_reg(sf, spi);

			d->slot_spi = spi;
			d->slot_frameno = (int)sf->frameno;
			d->slot_was_spill = slot_spilled(sf, spi);
			memset(&d->slot_old, 0, sizeof(d->slot_old));
			if (r)
				d->slot_old = *r;
		}
	}
	if (BPF_CLASS(insn->code) == BPF_JMP && BPF_OP(insn->code) == BPF_CALL) {
		uint32_t n = env->cur->acquired_refs;

		if (n > SIM_DIAG_MAX_REFS)
			n = SIM_DIAG_MAX_REFS;
		for (uint32_t i = 0; i < n; i++) {
			d->refs[i] = env->cur->refs[i].id;
			d->ref_types[i] = env->cur->refs[i].type;
		}
		d->nrefs = n;
		d->active_locks = env->cur->active_locks;
		d->pkt_mask = 0;
		for (int i = 0; i < SIM_MAX_REG; i++)
			if (sim_base_type(f->regs[i].type) == PTR_TO_PACKET ||
			    sim_base_type(f->regs[i].type) == PTR_TO_PACKET_META)
				d->pkt_mask |= 1u << i;
	}
}

static bool had_ref(const struct sim_diag *d, int id)
{
	for (uint32_t i = 0; i < d->nrefs; i++)
		if (d->refs[i] == id)
			return true;
	return false;
}

static bool has_ref(const struct sim_state *st, int id)
{
	for (uint32_t i = 0; i < st->acquired_refs; i++)
		if (st->refs[i].id == id)
			return true;
	return false;
}

/* mirrors bpf_diag_record_context(): leave events are kept too, so the
 * rendering can stop at a depth-zero exit */
void sim_diag_record_context(struct sim_env *env, int insn_idx, enum sim_diag_ctx kind, bool enter,
			     uint32_t depth)
{
	struct sim_diag_event ev = { .insn_idx = (uint32_t)insn_idx, .kind = SIM_DIAG_H_CONTEXT,
				     .ctx_kind = (uint8_t)kind, .ctx_enter = enter,
				     .ctx_depth = depth };

	if (!enabled(env))
		return;
	append(env, &ev);
}

/* mirrors bpf_diag_irq_depth() */
uint32_t sim_diag_irq_depth(const struct sim_state *st)
{
	uint32_t depth = 0;

	for (uint32_t i = 0; i < st->acquired_refs; i++)
		depth += st->refs[i].type == SIM_REF_TYPE_IRQ;
	return depth;
}

static void record_ref(struct sim_env *env, int kind, int id)
{
	struct sim_diag_event ev = { .insn_idx = (uint32_t)env->insn_idx, .kind = (uint8_t)kind,
				     .ref_id = (uint32_t)id };

	append(env, &ev);
}

void sim_diag_record_ref_acquire(struct sim_env *env, int insn_idx, int ref_id)
{
	struct sim_diag_event ev = { .insn_idx = (uint32_t)insn_idx,
				     .kind = SIM_DIAG_H_REF_ACQUIRE, .ref_id = (uint32_t)ref_id };

	if (enabled(env))
		append(env, &ev);
}

static void end_call(struct sim_env *env, const struct bpf_insn *insn, struct sim_diag *d)
{
	const struct sim_func *f = env->cur->frame[env->cur->curframe];

	struct sim_reg before[SIM_MAX_REG], unknown = { 0 };
	bool unlocked = env->cur->active_locks < d->active_locks;

	memcpy(before, d->regs, sizeof(before));
	sim_reg_mark_unknown(&unknown);
	/* released references (release_reference_nomark()), then the
	 * registers holding them (release_reference()); leaving a lock
	 * region drops the borrowed pointers (invalidate_non_owning_refs());
	 * mark_reg_invalid() leaves an unknown scalar (allow_ptr_leaks) */
	for (uint32_t i = 0; i < d->nrefs; i++) {
		const struct sim_reg *kept = NULL;

		if (has_ref(env->cur, d->refs[i]))
			continue;
		record_ref(env, SIM_DIAG_H_REF_RELEASE, d->refs[i]);
		if (d->ref_types[i] != SIM_REF_TYPE_PTR)
			continue;
		/* the caller frames' registers holding it, frame 0 first */
		for (uint32_t fi = 0; fi < d->curframe && fi <= env->cur->curframe; fi++) {
			const struct sim_func *cf = env->cur->frame[fi];

			for (int r = 0; r < SIM_MAX_REG - 1; r++) {
				const struct sim_reg *was = &d->caller_regs[fi][r];

				if (was->type == NOT_INIT || was->type == SCALAR_VALUE ||
				    was->id != (uint32_t)d->refs[i] || cf->regs[r].type == was->type)
					continue;
				record_scrub(env, reg_target(cf, r), was, SIM_DIAG_MOD_REF_RELEASE);
			}
		}
		/* ref_convert_owning_non_owning(): a pointer that outlives
		 * its reference was converted, not invalidated */
		for (int r = 6; r < SIM_MAX_REG - 1; r++)
			if (before[r].id == (uint32_t)d->refs[i] && before[r].type != NOT_INIT &&
			    before[r].type != SCALAR_VALUE && f->regs[r].type != NOT_INIT &&
			    f->regs[r].type != SCALAR_VALUE)
				kept = &f->regs[r];
		for (int r = 0; r < SIM_MAX_REG - 1; r++) {
			if (kept && before[r].id == (uint32_t)d->refs[i] &&
			    before[r].type != NOT_INIT && before[r].type != SCALAR_VALUE) {
				before[r] = *kept;
				continue;
			}
			if (before[r].type == NOT_INIT || before[r].type == SCALAR_VALUE ||
			    before[r].id != (uint32_t)d->refs[i])
				continue;
			record_scrub(env, reg_target(f, r), &before[r], SIM_DIAG_MOD_REF_RELEASE);
			before[r] = unknown;
		}
	}
	for (int r = 0; unlocked && r < SIM_MAX_REG - 1; r++) {
		if (before[r].type == NOT_INIT || !(before[r].type & NON_OWN_REF))
			continue;
		record_scrub(env, reg_target(f, r), &before[r], SIM_DIAG_MOD_NON_OWN_REF);
		before[r] = unknown;
	}
	if (insn->src_reg == BPF_PSEUDO_CALL && env->cur->curframe == d->curframe) {
		/* check_func_call() of a global function, not entered: its
		 * packet pointers went first (sim_diag_record_pkt_change());
		 * then R0 scrubbed (void) or rewritten, R1-R5 scrubbed */
		struct sim_reg old[6];
		bool void_ret = f->regs[0].type == NOT_INIT;

		for (int r = 0; r <= 5; r++) {
			old[r] = d->regs[r];
			if (sim_reg_is_pkt_pointer(&old[r]) || old[r].type == PTR_TO_PACKET_END)
				old[r] = unknown;   /* mark_reg_invalid() */
		}
		if (void_ret)
			record_scrub(env, reg_target(f, 0), &old[0], SIM_DIAG_MOD_CALLER_SAVED);
		for (int r = 1; r <= 5; r++)
			record_scrub(env, reg_target(f, r), &old[r], SIM_DIAG_MOD_CALLER_SAVED);
		if (!void_ret)
			record_mod(env, env->insn_idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &old[0],
				   &f->regs[0], NULL);
		return;
	}
	if (insn->src_reg == BPF_PSEUDO_CALL) {
		/* check_func_call(): the caller's R0 is scrubbed; the callee
		 * frame starts without history */
		const struct sim_func *caller = env->cur->frame[d->curframe];

		record_scrub(env, reg_target(caller, 0), &d->regs[0], SIM_DIAG_MOD_CALLER_SAVED);
		return;
	}
	if (env->cur->curframe < d->curframe) {
		/* bpf_tail_call in a subprogram: the callee's caller-saved
		 * registers and R0 (check_helper_call()), its packet
		 * pointers (recorded before the exit), then the caller's R0
		 * from the callee's (prepare_func_exit()) */
		struct sim_diag_target callee = { .frame_id = d->frame_id,
						  .frameno = (uint8_t)d->curframe,
						  .kind = SIM_DIAG_T_REG };
		struct sim_reg not_init = { .type = NOT_INIT };

		for (int r = 1; r <= 5; r++) {
			callee.regno = (uint8_t)r;
			record_scrub(env, callee, &d->regs[r], SIM_DIAG_MOD_CALLER_SAVED);
		}
		callee.regno = 0;
		record_mod(env, env->insn_idx, callee, SIM_DIAG_MOD_WRITE, &d->regs[0], &unknown,
			   NULL);
		record_mod(env, env->insn_idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &not_init,
			   &f->regs[0], &callee);
		return;
	}
	/* bpf_diag_record_caller_saved() */
	for (int r = 1; r <= 5; r++)
		record_scrub(env, reg_target(f, r), &before[r], SIM_DIAG_MOD_CALLER_SAVED);
	/* acquire_reference() runs while R0 is being set */
	for (uint32_t i = 0; i < env->cur->acquired_refs; i++)
		if (!had_ref(d, env->cur->refs[i].id))
			record_ref(env, SIM_DIAG_H_REF_ACQUIRE, env->cur->refs[i].id);
	if (insn->src_reg == 0 && sim_is_ptr_cast_function(insn->imm) &&
	    f->regs[0].type != SCALAR_VALUE && f->regs[0].type != NOT_INIT &&
	    !(f->regs[0].type & PTR_MAYBE_NULL) && has_ref(env->cur, (int)f->regs[0].id)) {
		/* check_helper_call(): a cast of a referenced pointer is
		 * written as nullable first (bpf_diag_mod_end()), then made
		 * non-NULL with the reference's id under a second record */
		struct sim_reg nullable = f->regs[0];

		nullable.type |= PTR_MAYBE_NULL;
		record_mod(env, env->insn_idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &before[0],
			   &nullable, NULL);
		/* the NULL branch was pushed between the two: its log ends
		 * here (push_stack() -> bpf_diag_event_log_save()) */
		if (env->stack_size == d->stack_size + 1 &&
		    env->stack[env->stack_size - 1].insn_idx == env->insn_idx + 1)
			env->stack[env->stack_size - 1].diag_pos = d->cnt;
		record_mod(env, env->insn_idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &nullable,
			   &f->regs[0], NULL);
	} else {
		record_mod(env, env->insn_idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &before[0],
			   &f->regs[0], NULL);
	}
	/* clear_all_pkt_pointers(): the callee-saved registers still pointing
	 * into the packet before the call */
	for (int r = 6; r < SIM_MAX_REG; r++)
		if ((d->pkt_mask & (1u << r)) && f->regs[r].type != d->regs[r].type)
			record_scrub(env, reg_target(f, r), &d->regs[r],
				     SIM_DIAG_MOD_PKT_DATA_CHANGE);
}

void sim_diag_call_recorded(struct sim_env *env)
{
	struct sim_diag *d = env->diag;

	if (!d || !enabled(env) || d->insn_idx != env->insn_idx)
		return;
	end_call(env, &env->insns[d->insn_idx], d);
	d->call_recorded = true;
}

void sim_diag_insn_end(struct sim_env *env)
{
	struct sim_diag *d = env->diag;
	const struct bpf_insn *insn;
	const struct sim_func *f;
	int idx;
	uint8_t class;

	if (!d || !enabled(env))
		return;
	/* the instruction is the one insn_begin() saw: do_check_insn() may
	 * have moved env->insn_idx (jumps, calls, exits) */
	idx = d->insn_idx;
	insn = &env->insns[idx];
	class = BPF_CLASS(insn->code);
	f = env->cur->frame[env->cur->curframe];
	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
	case BPF_LD:
		if (class == BPF_LD && BPF_MODE(insn->code) != BPF_IMM) {
			/* check_ld_abs(): caller-saved scrubs, then R0 */
			for (int r = 1; r <= 5; r++)
				record_scrub(env, reg_target(f, r), &d->regs[r],
					     SIM_DIAG_MOD_CALLER_SAVED);
			record_mod(env, idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &d->regs[0],
				   &f->regs[0], NULL);
			break;
		}
		if (class == BPF_LD) {
			/* check_ld_imm(): check_reg_arg(DST_OP) made it an
			 * unknown scalar before the record begins */
			struct sim_reg unknown = { 0 };

			sim_reg_mark_unknown(&unknown);
			record_mod(env, idx, reg_target(f, insn->dst_reg), SIM_DIAG_MOD_WRITE,
				   &unknown, &f->regs[insn->dst_reg], NULL);
			break;
		}
		record_mod(env, idx, reg_target(f, insn->dst_reg), SIM_DIAG_MOD_WRITE,
			   &d->regs[insn->dst_reg], &f->regs[insn->dst_reg], NULL);
		break;
	case BPF_LDX: {
		const struct sim_func *sf;
		struct sim_diag_target origin;
		int spi = fixed_slot(env, &d->regs[insn->src_reg], insn->off, &sf);

		if (spi >= 0)
			origin = slot_target(sf, spi);
		record_mod(env, idx, reg_target(f, insn->dst_reg), SIM_DIAG_MOD_WRITE,
			   &d->regs[insn->dst_reg], &f->regs[insn->dst_reg],
			   spi >= 0 ? &origin : NULL);
		break;
	}
	case BPF_ST:
	case BPF_STX: {
		const struct sim_func *sf;
		const struct sim_reg *now;

		if (d->slot_spi < 0 || d->slot_frameno > (int)env->cur->curframe)
			break;
		sf = env->cur->frame[d->slot_frameno];
		now = slot_reg(sf, d->slot_spi);
		if (!now)
			break;
		if (BPF_MODE(insn->code) == BPF_ATOMIC) {
			/* check_atomic_rmw(): the write has no value register
			 * (check_stack_write_fixed_off()'s scrub) */
			if (d->slot_was_spill && !slot_spilled(sf, d->slot_spi))
				record_scrub(env, slot_target(sf, d->slot_spi), &d->slot_old,
					     SIM_DIAG_MOD_WRITE);
			break;
		}
		if (slot_spilled(sf, d->slot_spi)) {
			/* save_register_state(): the ST form spills a
			 * constant that is no register */
			record_mod(env, idx, slot_target(sf, d->slot_spi), SIM_DIAG_MOD_SPILL,
				   &d->slot_old, now, NULL);
		} else if (d->slot_was_spill) {
			/* check_stack_write_fixed_off(): a spilled value
			 * overwritten by other data */
			record_scrub(env, slot_target(sf, d->slot_spi), &d->slot_old,
				     SIM_DIAG_MOD_WRITE);
		}
		break;
	}
	case BPF_JMP:
	case BPF_JMP32:
		if (BPF_OP(insn->code) == BPF_CALL && class == BPF_JMP) {
			if (!d->call_recorded)
				end_call(env, insn, d);
		} else if (BPF_OP(insn->code) == BPF_EXIT && env->cur->curframe < d->curframe) {
			/* prepare_func_exit(): the caller's R0 takes the
			 * callee's, from the frame that just returned */
			struct sim_diag_target origin = {
				.frame_id = d->frame_id, .frameno = (uint8_t)d->curframe,
				.kind = SIM_DIAG_T_REG, .regno = 0 };
			struct sim_reg old = { .type = NOT_INIT };

			record_mod(env, idx, reg_target(f, 0), SIM_DIAG_MOD_WRITE, &old,
				   &f->regs[0], &origin);
		}
		break;
	default:
		break;
	}
}

/* ---- printing ----------------------------------------------------------- */

/* mirrors diag_target_matches() */
static bool target_matches(const struct sim_diag_target *ev, const struct sim_diag_target *t)
{
	if (ev->frame_id != t->frame_id || ev->frameno != t->frameno)
		return false;
	if (ev->kind == SIM_DIAG_T_RANGE && t->kind == SIM_DIAG_T_SLOT) {
		int slot_off = -(t->spi + 1) * 8;

		return ev->min_off < slot_off + 8 && ev->max_off > slot_off;
	}
	if (ev->kind != t->kind)
		return false;
	switch (t->kind) {
	case SIM_DIAG_T_REG:
		return ev->regno == t->regno;
	case SIM_DIAG_T_STACK_ARG:
	case SIM_DIAG_T_SLOT:
		return ev->spi == t->spi;
	default:
		return false;
	}
}

struct filter {
	int scope;
	struct sim_diag_target target;
	uint32_t ref_id;
	uint8_t ctx_kind;
	uint32_t ctx_depth;
	uint32_t lineage_start;
	bool lineage_valid;
};

/* mirrors diag_build_lineage() */
static void build_lineage(struct sim_env *env, struct sim_diag *d, struct filter *flt)
{
	struct sim_diag_target t = flt->target;

	for (uint32_t i = 0; i < d->cnt; i++)
		d->events[i].in_lineage = false;
	if (flt->scope != SIM_DIAG_SCOPE_REG)
		return;
	for (uint32_t i = d->cnt; i > 0; i--) {
		struct sim_diag_event *ev = &d->events[i - 1];

		if (ev->kind != SIM_DIAG_H_MOD || !target_matches(&ev->target, &t))
			continue;
		ev->in_lineage = true;
		flt->lineage_start = i - 1;
		flt->lineage_valid = true;
		if (ev->origin_valid) {
			t = ev->origin;
			continue;
		}
		if (ev->reason != SIM_DIAG_MOD_WRITE && ev->reason != SIM_DIAG_MOD_SPILL)
			continue;
		if (keeps_lineage(env, ev))
			continue;
		break;
	}
}

/* mirrors diag_history_context_start_idx(): the most recent outermost
 * entry, or the start after a depth-zero exit */
static uint32_t ctx_start_idx(const struct sim_diag *d, const struct filter *flt)
{
	if (!flt->ctx_depth)
		return 0;
	for (uint32_t i = d->cnt; i > 0; i--) {
		const struct sim_diag_event *ev = &d->events[i - 1];

		if (ev->kind != SIM_DIAG_H_CONTEXT || ev->ctx_kind != flt->ctx_kind)
			continue;
		if (ev->ctx_enter && ev->ctx_depth == 1)
			return i - 1;
		if (!ev->ctx_enter && ev->ctx_depth == 0)
			return 0;
	}
	return 0;
}

/* mirrors diag_history_start_idx() */
static uint32_t start_idx(const struct sim_diag *d, const struct filter *flt)
{
	if (flt->scope == SIM_DIAG_SCOPE_CONTEXT)
		return ctx_start_idx(d, flt);
	if (flt->lineage_valid)
		return flt->lineage_start;
	if (flt->scope != SIM_DIAG_SCOPE_REF)
		return 0;
	for (uint32_t i = d->cnt; i > 0; i--)
		if (d->events[i - 1].kind == SIM_DIAG_H_REF_ACQUIRE &&
		    d->events[i - 1].ref_id == flt->ref_id)
			return i - 1;
	return 0;
}

/* mirrors diag_history_event_visible() */
static bool visible(const struct sim_diag_event *ev, const struct filter *flt)
{
	switch (ev->kind) {
	case SIM_DIAG_H_BRANCH:
		return true;
	case SIM_DIAG_H_MOD:
		return flt->lineage_valid && ev->in_lineage;
	case SIM_DIAG_H_REF_ACQUIRE:
	case SIM_DIAG_H_REF_RELEASE:
		return flt->scope == SIM_DIAG_SCOPE_REF && ev->ref_id == flt->ref_id;
	case SIM_DIAG_H_CONTEXT:
		return flt->scope == SIM_DIAG_SCOPE_CONTEXT && ev->ctx_kind == flt->ctx_kind;
	default:
		return false;
	}
}

static const char *s64_str(char *buf, size_t n, int64_t v)
{
	if (v == INT64_MIN)
		return "S64_MIN";
	if (v == INT64_MAX)
		return "S64_MAX";
	snprintf(buf, n, "%lld", (long long)v);
	return buf;
}

static const char *u64_str(char *buf, size_t n, uint64_t v)
{
	if (v == UINT64_MAX)
		return "U64_MAX";
	snprintf(buf, n, "%llu", (unsigned long long)v);
	return buf;
}

/* mirrors diag_scalar_range() */
void sim_diag_scalar_range(char *buf, size_t n, struct cnum64 r)
{
	char a[24], b[24], c[24], e[24];

	snprintf(buf, n, "signed range [%s, %s], unsigned range [%s, %s]",
		 s64_str(a, sizeof(a), cnum64_smin(r)), s64_str(b, sizeof(b), cnum64_smax(r)),
		 u64_str(c, sizeof(c), cnum64_umin(r)), u64_str(e, sizeof(e), cnum64_umax(r)));
}

static bool snap_unknown(const struct sim_diag_snap *s)
{
	return tnum_is_unknown(s->var_off) && cnum64_smin(s->r64) == INT64_MIN &&
	       cnum64_smax(s->r64) == INT64_MAX && cnum64_umin(s->r64) == 0 &&
	       cnum64_umax(s->r64) == UINT64_MAX;
}

/* mirrors diag_var_offset() */
static void var_offset(char *buf, size_t n, const struct sim_diag_snap *s)
{
	char range[160];

	if (tnum_is_const(s->var_off)) {
		snprintf(buf, n, "at offset %lld", (long long)s->var_off.value);
		return;
	}
	if (snap_unknown(s)) {
		snprintf(buf, n, "with unknown offset");
		return;
	}
	sim_diag_scalar_range(range, sizeof(range), s->r64);
	snprintf(buf, n, "with variable offset: known bits 0x%llx, unknown mask 0x%llx, %s",
		 (unsigned long long)s->var_off.value, (unsigned long long)s->var_off.mask, range);
}

/* kernel map->name: BPF_OBJ_NAME_LEN - 1 characters */
static const char *map_name(const struct sim_diag_snap *s, char *buf, size_t n)
{
	const struct sim_map_view *m = s->map;

	if (!m || !m->name || !m->name[0])
		return NULL;
	snprintf(buf, n < 16 ? n : 16, "%s", m->name);
	return buf;
}

/* mirrors diag_reg_snapshot() */
static void reg_snapshot(char *buf, size_t n, const struct sim_diag_snap *s)
{
	char tbuf[64], off[256], btf[256], mname[16], range[160];
	const char *tname = sim_reg_type_str(s->type, tbuf, sizeof(tbuf));
	uint32_t base = sim_base_type(s->type);
	bool has_btf = s->btf && s->btf_id;

	var_offset(off, sizeof(off), s);
	if (has_btf)
		sim_diag_fmt_btf_type(s->btf, s->btf_id, btf, sizeof(btf));
	if (s->type == SCALAR_VALUE) {
		if (tnum_is_const(s->var_off))
			snprintf(buf, n, "integer scalar value %lld", (long long)s->var_off.value);
		else if (snap_unknown(s))
			snprintf(buf, n, "integer scalar with unknown value");
		else if (cnum64_is_const(s->r64))
			snprintf(buf, n, "integer scalar value %lld", (long long)cnum64_smin(s->r64));
		else {
			sim_diag_scalar_range(range, sizeof(range), s->r64);
			snprintf(buf, n, "integer scalar with %s", range);
		}
	} else if (s->type == NOT_INIT) {
		snprintf(buf, n, "uninitialized value");
	} else if (base == PTR_TO_CTX) {
		snprintf(buf, n, "context pointer %s", off);
	} else if (base == PTR_TO_STACK) {
		snprintf(buf, n, "stack pointer %s", off);
	} else if (base == PTR_TO_MAP_VALUE) {
		const char *kind = s->type & PTR_MAYBE_NULL ? "nullable map value" : "map value";

		if (map_name(s, mname, sizeof(mname)))
			snprintf(buf, n, "%s from %s %s", kind, mname, off);
		else
			snprintf(buf, n, "%s %s", kind, off);
	} else if (base == CONST_PTR_TO_MAP) {
		if (map_name(s, mname, sizeof(mname)))
			snprintf(buf, n, "map pointer for map %s", mname);
		else
			snprintf(buf, n, "map pointer");
	} else if (base == PTR_TO_BTF_ID && (s->type & MEM_ALLOC) && !(s->type & PTR_UNTRUSTED) &&
		   (s->type & NON_OWN_REF)) {
		/* type_is_non_owning_ref() */
		if (has_btf)
			snprintf(buf, n, "borrowed allocated object pointer type=%s", btf);
		else
			snprintf(buf, n, "borrowed allocated object pointer");
	} else if (base == PTR_TO_BTF_ID && (s->type & MEM_ALLOC) && !(s->type & PTR_UNTRUSTED)) {
		/* type_is_ptr_alloc_obj() */
		if (has_btf)
			snprintf(buf, n, "owned allocated object pointer type=%s", btf);
		else
			snprintf(buf, n, "owned allocated object pointer");
	} else if (base == PTR_TO_BTF_ID && has_btf) {
		snprintf(buf, n, "%s type=%s %s", tname, btf, off);
	} else {
		snprintf(buf, n, "%s %s", tname, off);
	}
}

/* mirrors diag_mod_target_desc() */
static void target_desc(char *buf, size_t n, const struct sim_diag_target *t)
{
	switch (t->kind) {
	case SIM_DIAG_T_REG:
		snprintf(buf, n, "R%u", t->regno);
		break;
	case SIM_DIAG_T_STACK_ARG:
		snprintf(buf, n, "*(R11-%u)", (t->spi + 1) * 8);
		break;
	case SIM_DIAG_T_SLOT:
		snprintf(buf, n, "stack slot fp%d", -(t->spi + 1) * 8);
		break;
	default:
		snprintf(buf, n, "value");
	}
}

/* mirrors diag_print_mod() */
static void print_mod(struct sim_env *env, const struct sim_diag_event *ev)
{
	const struct sim_diag_target *t = &ev->target;
	const char *reason = NULL, *label = "update";
	char old[1024], new[1024], desc[48], msg[2200];

	if (t->kind == SIM_DIAG_T_RANGE) {
		snprintf(msg, sizeof(msg),
			 "variable-offset stack write may affect bytes fp%d through fp%d",
			 t->min_off, t->max_off - 1);
		sim_diag_source(env, (int)ev->insn_idx, "invalidated", msg);
		return;
	}
	reg_snapshot(old, sizeof(old), &ev->old);
	reg_snapshot(new, sizeof(new), &ev->new);
	target_desc(desc, sizeof(desc), t);
	switch (ev->reason) {
	case SIM_DIAG_MOD_REF_RELEASE:
		reason = t->kind == SIM_DIAG_T_REG ? "resource release invalidated this pointer"
						   : "resource release invalidated this value";
		break;
	case SIM_DIAG_MOD_PKT_DATA_CHANGE:
		reason = "packet data may have moved";
		break;
	case SIM_DIAG_MOD_NON_OWN_REF:
		reason = "leaving the protected region invalidated this borrowed pointer";
		break;
	case SIM_DIAG_MOD_CALLER_SAVED:
		reason = t->kind == SIM_DIAG_T_STACK_ARG
				 ? "call invalidated this outgoing stack argument"
				 : "call invalidated this caller-saved register";
		break;
	case SIM_DIAG_MOD_WRITE:
		if (t->kind == SIM_DIAG_T_SLOT)
			reason = "a later stack write overwrote this spilled value";
		break;
	case SIM_DIAG_MOD_SPILL:
		label = "spilled";
		break;
	default:
		break;
	}
	if (reason) {
		snprintf(msg, sizeof(msg), "%s: %s; previous value was %s", desc, reason, old);
		sim_diag_source(env, (int)ev->insn_idx, "invalidated", msg);
		return;
	}
	snprintf(msg, sizeof(msg), "%s changed from %s to %s", desc, old, new);
	sim_diag_source(env, (int)ev->insn_idx, label, msg);
}

/* mirrors diag_print_history() */
static void print_history(struct sim_env *env, struct filter *flt)
{
	struct sim_diag *d = env->diag;
	struct sim_diag empty = { 0 };
	uint32_t start, cnt = 0, shown = 0;
	bool first = true;
	char msg[160];

	if (!sim_logging(env))
		return;
	if (!d)
		d = &empty;
	build_lineage(env, d, flt);
	start = start_idx(d, flt);
	for (uint32_t i = start; i < d->cnt; i++)
		cnt += visible(&d->events[i], flt);
	sim_verbose(env, "\nCausal path:\n");
	for (uint32_t i = start; i < d->cnt; i++) {
		const struct sim_diag_event *ev = &d->events[i];

		if (!visible(ev, flt))
			continue;
		if (cnt > HISTORY_RENDER_MAX && shown >= HISTORY_RENDER_MAX / 2 &&
		    shown < cnt - HISTORY_RENDER_MAX / 2) {
			if (shown++ != HISTORY_RENDER_MAX / 2)
				continue;
			if (!first)
				sim_verbose(env, "\n");
			first = false;
			sim_verbose(env, "  %u intermediate causal-history events omitted\n",
				    cnt - HISTORY_RENDER_MAX);
			continue;
		}
		shown++;
		if (!first)
			sim_verbose(env, "\n");
		first = false;
		switch (ev->kind) {
		case SIM_DIAG_H_BRANCH:
			snprintf(msg, sizeof(msg), "took the %s branch of this conditional, goto %s",
				 ev->cond_true ? "true" : "false",
				 ev->cond_true ? "followed" : "not followed");
			sim_diag_source(env, (int)ev->insn_idx, "branch", msg);
			break;
		case SIM_DIAG_H_MOD:
			print_mod(env, ev);
			break;
		case SIM_DIAG_H_REF_ACQUIRE:
		case SIM_DIAG_H_REF_RELEASE:
			snprintf(msg, sizeof(msg), "owned resource (id=%u)", ev->ref_id);
			sim_diag_source(env, (int)ev->insn_idx,
					ev->kind == SIM_DIAG_H_REF_ACQUIRE ? "acquired" : "released",
					msg);
			break;
		case SIM_DIAG_H_CONTEXT:
			/* diag_print_context_event() */
			snprintf(msg, sizeof(msg), "%s %s; depth is now %u",
				 ev->ctx_enter ? "entered" : "left",
				 sim_diag_ctx_name((enum sim_diag_ctx)ev->ctx_kind), ev->ctx_depth);
			sim_diag_source(env, (int)ev->insn_idx, "context", msg);
			break;
		default:
			break;
		}
	}
	if (!cnt)
		sim_verbose(env, "  no retained diagnostic events on this path\n");
}

void sim_diag_print_reg_history(struct sim_env *env, int regno)
{
	struct filter flt = { .scope = SIM_DIAG_SCOPE_REG };

	if (regno < 0)
		return;
	flt.target = reg_target(env->cur->frame[env->cur->curframe], regno);
	print_history(env, &flt);
}

void sim_diag_print_ref_history(struct sim_env *env, uint32_t ref_id)
{
	struct filter flt = { .scope = SIM_DIAG_SCOPE_REF, .ref_id = ref_id };

	print_history(env, &flt);
}

void sim_diag_print_ctx_history(struct sim_env *env, enum sim_diag_ctx kind, uint32_t depth)
{
	struct filter flt = { .scope = SIM_DIAG_SCOPE_CONTEXT, .ctx_kind = (uint8_t)kind,
			      .ctx_depth = depth };

	print_history(env, &flt);
}

/* bpf_diag_unreadable_reg(): was the register's last change an
 * invalidation (its new value NOT_INIT)? */
bool sim_diag_reg_invalidated(struct sim_env *env, int regno)
{
	struct sim_diag *d = env->diag;
	struct sim_diag_target t;

	if (!d)
		return false;
	t = reg_target(env->cur->frame[env->cur->curframe], regno);
	for (uint32_t i = d->cnt; i > 0; i--) {
		const struct sim_diag_event *ev = &d->events[i - 1];

		if (ev->kind != SIM_DIAG_H_MOD || !target_matches(&ev->target, &t))
			continue;
		return ev->new.type == NOT_INIT;
	}
	return false;
}
