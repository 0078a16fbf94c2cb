/* BPF arenas: the verifier's rules for them (see arena.h). Each function
 * names the part of kernel/bpf/verifier.c (Linux 7.3) it mirrors. */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "arena.h"
#include "check.h"

/* env->arena once looked up and there is none */
static const struct sim_map_view no_arena;

/* insn_aux_data bits of adjust_reg_min_max_vals() */
#define ARENA_NEEDS_ZEXT   1u
#define ARENA_PREVENT_ZEXT 2u

const struct sim_map_view *sim_prog_arena(struct sim_env *env)
{
	/* check_map_prog_compatibility() sets prog->aux->arena from the first
	 * arena map check_and_resolve_insns() meets: the first in
	 * instruction order. Looked up once, for every entry (main, global
	 * subprograms, replay) alike. */
	if (!env->arena) {
		env->arena = &no_arena;
		for (int i = 0; env->p->relocs && i < env->insn_cnt; i++) {
			int m = env->p->relocs[i].map_idx;

			if (m >= 0 && m < env->p->map_cnt &&
			    env->p->maps[m].type == BPF_MAP_TYPE_ARENA) {
				env->arena = &env->p->maps[m];
				break;
			}
		}
	}
	return env->arena == &no_arena ? NULL : env->arena;
}

int sim_arena_check_used_map(struct sim_env *env, const struct sim_map_view *m)
{
	/* mirrors check_map_prog_compatibility(): the loader is root with a
	 * JIT (CAP_BPF, CAP_PERFMON, jit_requested, bpf_jit_supports_arena())
	 * and libbpf mmap()s every arena before loading, so of its arena
	 * checks only "one arena" can fail */
	if (m->type != BPF_MAP_TYPE_ARENA)
		return 0;
	if (sim_prog_arena(env) != m)
		return sim_reject(env, -EBUSY, "Only one arena per program\n");
	return 0;
}

int sim_arena_cast_check(struct sim_env *env, const struct bpf_insn *insn)
{
	(void)insn;
	/* mirrors check_alu_op(), BPF_MOV with off == BPF_ADDR_SPACE_CAST */
	if (!sim_prog_arena(env))
		return sim_reject(env, -EINVAL,
				  "addr_space_cast insn can only be used in a program that has an associated arena\n");
	return 0;
}

void sim_arena_cast_result(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *regs = sim_cur_regs(env);

	/* mirrors check_alu_op(): the result is unknown; a cast from the
	 * arena's address space 1 (user addresses) to 0 (imm 1) makes an
	 * arena pointer, the other way (imm 1 << 16) a scalar */
	sim_mark_reg_unknown(env, regs, insn->dst_reg);
	if (insn->imm == 1)
		regs[insn->dst_reg].type = PTR_TO_ARENA;
}

static uint8_t *zext_bits(struct sim_env *env)
{
	if (!env->arena_zext && env->insn_cnt > 0)
		env->arena_zext = calloc((size_t)env->insn_cnt, 1);
	if (!env->arena_zext || env->insn_idx < 0 || env->insn_idx >= env->insn_cnt)
		return NULL;
	return &env->arena_zext[env->insn_idx];
}

int sim_arena_adjust_reg(struct sim_env *env, const struct bpf_insn *insn, struct sim_reg *dst,
			 const struct sim_reg *src)
{
	bool alu64 = BPF_CLASS(insn->code) == BPF_ALU64;
	uint8_t *bits;

	/* mirrors adjust_reg_min_max_vals(): any arithmetic on an arena
	 * pointer gives an arena pointer (the JIT keeps it 32-bit, so a
	 * 64-bit op is narrowed: needs_zext); one instruction cannot serve
	 * both arena pointers and 64-bit scalars (prevent_zext) */
	if (dst->type == PTR_TO_ARENA || (src && src->type == PTR_TO_ARENA)) {
		if (dst->type != PTR_TO_ARENA)
			*dst = *src;
		if (alu64) {
			bits = zext_bits(env);
			if (!bits)
				return sim_bug(env, "out of memory");
			if (*bits & ARENA_PREVENT_ZEXT)
				return sim_reject(env, -EINVAL,
						  "same insn cannot be used with and without arena pointer\n");
			*bits |= ARENA_NEEDS_ZEXT;
		}
		return 1;
	}
	if (alu64 && sim_prog_arena(env)) {
		bits = zext_bits(env);
		if (!bits)
			return sim_bug(env, "out of memory");
		if (*bits & ARENA_NEEDS_ZEXT)
			return sim_reject(env, -EINVAL,
					  "same insn cannot be used with and without arena pointer\n");
		*bits |= ARENA_PREVENT_ZEXT;
	}
	return 0;
}

static bool is_modifier(const struct btf_type *t)
{
	/* btf_type_is_modifier() */
	return btf_is_mod(t) || btf_is_typedef(t) || btf_is_type_tag(t);
}

bool sim_btf_type_tag_arena(const struct btf *btf, uint32_t type_id)
{
	const struct btf_type *t = btf ? btf__type_by_id(btf, type_id) : NULL;
	bool arena = false;

	/* btf_type_skip_modifiers(), then btf_type_tag_walk() over the
	 * modifiers after the pointer: a type tag without kflag named
	 * "arena" */
	while (t && is_modifier(t))
		t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_ptr(t))
		return false;
	for (t = btf__type_by_id(btf, t->type); t && is_modifier(t); t = btf__type_by_id(btf, t->type))
		if (btf_is_type_tag(t) && !btf_kflag(t) &&
		    !strcmp(btf__name_by_offset(btf, t->name_off), "arena"))
			arena = true;
	return arena;
}
