/* Constant registers and dead branches, mirroring kernel/bpf/const_fold.c
 * of Linux 7.3, plus the CFG postorder of cfg.c they run on.
 *
 * How it works
 * ------------
 * A forward data-flow pass over the CFG in reverse postorder tracks, per
 * instruction and register R0-R10, whether the register holds a known
 * 64-bit constant, a map pointer, a pointer into a map value or a
 * subprogram's address. Joining two different facts gives "unknown". The
 * facts that fit 32 bits are kept per instruction (struct sim_const_aux):
 * stack liveness reads them at call sites to learn buffer sizes, the map
 * whose key or value a helper reads, and the callback subprogram.
 *
 * A conditional jump whose operands are both constant is then rewritten
 * into a goto (bpf_prune_dead_branches()): the never-taken edge leaves the
 * CFG, so liveness does not flow back through dead code. The rewrite is
 * made on struct sim_liveness's copy of the instructions only.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "object.h"
#include "stack_liveness.h"

/* mirrors bpf_compute_postorder(): per subprogram, an iterative DFS from
 * its first instruction; the postorder of subprogram i is
 * postorder[po_start[i] .. po_start[i + 1]) */
int sim_compute_postorder(struct sim_liveness *lv)
{
	enum { DISCOVERED = 1, EXPLORED = 2 };
	int n = lv->insn_cnt, cur = 0;
	int *stack = calloc((size_t)n, sizeof(int));
	uint8_t *state = calloc((size_t)n, 1);

	if (!lv->postorder)
		lv->postorder = calloc((size_t)n, sizeof(int));
	if (!stack || !state || !lv->postorder) {
		free(stack);
		free(state);
		return -ENOMEM;
	}
	for (int i = 0; i < lv->subprog_cnt; i++) {
		int sz = 1;

		lv->po_start[i] = cur;
		stack[0] = lv->sub_start[i];
		do {
			int top = stack[sz - 1], succ[SIM_MAX_SUCC], ns;

			state[top] |= DISCOVERED;
			if (state[top] & EXPLORED) {
				lv->postorder[cur++] = top;
				sz--;
				continue;
			}
			ns = sim_liveness_successors(lv, top, succ);
			for (int s = 0; s < ns; s++) {
				if (!state[succ[s]]) {
					stack[sz++] = succ[s];
					state[succ[s]] |= DISCOVERED;
				}
			}
			state[top] |= EXPLORED;
		} while (sz);
	}
	lv->po_start[lv->subprog_cnt] = cur;
	lv->po_cnt = cur;
	free(stack);
	free(state);
	return 0;
}

enum const_state {
	CONST_UNVISITED,
	CONST_UNKNOWN,
	CONST_CONST,
	CONST_MAP_PTR,
	CONST_MAP_VALUE,
	CONST_SUBPROG,
};

/* mirrors struct const_arg_info */
struct const_info {
	enum const_state state;
	uint32_t map_index;
	uint64_t val;
};

/* mirrors bpf_map_is_rdonly() + map_direct_value_addr() as check_mem.c's
 * frozen_rdonly_map(): libbpf freezes its .rodata and .kconfig arrays */
static const struct sim_map *rdonly_map(const struct sim_env *env, uint32_t map_index)
{
	const struct sim_map *m;

	if (map_index >= (uint32_t)env->p->map_cnt)
		return NULL;
	m = env->p->maps[map_index].map;
	if (!m || !m->global_data || !(m->map_flags & BPF_F_RDONLY_PROG))
		return NULL;
	if (m->type != BPF_MAP_TYPE_ARRAY || !m->initial_value || m->max_entries != 1)
		return NULL;
	return m;
}

/* mirrors bpf_map_direct_read() on such a map: 0 and the value, or -1 */
static int direct_read(const struct sim_map *m, int off, int size, bool sx, uint64_t *val)
{
	uint8_t buf[8] = { 0 };

	if (off < 0 || size <= 0 || size > 8 || (unsigned)(off + size) > m->value_size)
		return -1;
	if ((size_t)(off + size) <= m->initial_size)
		memcpy(buf, (const uint8_t *)m->initial_value + off, (size_t)size);
	*val = 0;
	memcpy(val, buf, (size_t)size); /* little-endian BPF target */
	if (sx && size < 8) {
		int sh = 64 - 8 * size;

		*val = (uint64_t)((int64_t)(*val << sh) >> sh);
	}
	return 0;
}

static int size_bytes(const struct bpf_insn *insn)
{
	static const int sz[4] = { 4, 2, 1, 8 };

	return sz[BPF_SIZE(insn->code) >> 3];
}

/* mirrors const_reg_xfer() */
static void const_xfer(const struct sim_env *env, const struct sim_liveness *lv,
		       struct const_info *ci, int idx)
{
	const struct bpf_insn *insn = &lv->insns[idx];
	struct const_info unknown = { .state = CONST_UNKNOWN };
	struct const_info *dst = &ci[insn->dst_reg], *src = &ci[insn->src_reg];
	uint8_t class = BPF_CLASS(insn->code), mode = BPF_MODE(insn->code);
	uint8_t opcode = BPF_OP(insn->code) | BPF_SRC(insn->code);

	switch (class) {
	case BPF_ALU:
	case BPF_ALU64:
		switch (opcode) {
		case BPF_MOV | BPF_K:
			dst->state = CONST_CONST;
			dst->val = (uint64_t)(int64_t)insn->imm;
			break;
		case BPF_MOV | BPF_X:
			*dst = *src;
			if (!insn->off)
				break;
			if (dst->state != CONST_CONST) {
				*dst = unknown;
				break;
			}
			switch (insn->off) {
			case 8: dst->val = (uint64_t)(int64_t)(int8_t)dst->val; break;
			case 16: dst->val = (uint64_t)(int64_t)(int16_t)dst->val; break;
			case 32: dst->val = (uint64_t)(int64_t)(int32_t)dst->val; break;
			default: *dst = unknown; break;
			}
			break;
		case BPF_ADD | BPF_K:
		case BPF_SUB | BPF_K:
			if (dst->state != CONST_CONST && dst->state != CONST_MAP_VALUE) {
				*dst = unknown;
				break;
			}
			if (opcode == (BPF_ADD | BPF_K))
				dst->val += (uint64_t)(int64_t)insn->imm;
			else
				dst->val -= (uint64_t)(int64_t)insn->imm;
			break;
		case BPF_AND | BPF_K:
			if (dst->state != CONST_CONST) {
				if (!insn->imm) {
					dst->state = CONST_CONST;
					dst->val = 0;
				} else {
					*dst = unknown;
				}
				break;
			}
			dst->val &= (uint64_t)(int64_t)insn->imm;
			break;
		case BPF_AND | BPF_X:
			if (dst->state == CONST_CONST && dst->val == 0)
				break; /* 0 & x == 0 */
			if (src->state == CONST_CONST && src->val == 0) {
				dst->state = CONST_CONST;
				dst->val = 0;
				break;
			}
			if (dst->state != CONST_CONST || src->state != CONST_CONST) {
				*dst = unknown;
				break;
			}
			dst->val &= src->val;
			break;
		default:
			*dst = unknown;
			break;
		}
		if (class == BPF_ALU) {
			if (dst->state == CONST_CONST)
				dst->val = (uint32_t)dst->val;
			else if (dst->state != CONST_UNKNOWN)
				*dst = unknown;
		}
		break;
	case BPF_LD:
		if (mode == BPF_ABS || mode == BPF_IND)
			goto process_call;
		if (mode != BPF_IMM || BPF_SIZE(insn->code) != BPF_DW)
			break;
		if (insn->src_reg == BPF_PSEUDO_FUNC) {
			/* computed before check_subprogs() validates targets */
			int64_t t64 = (int64_t)idx + insn->imm + 1;
			int sub = t64 < 0 || t64 > INT32_MAX ? -1
							      : sim_liveness_find_subprog(lv, (int)t64);

			if (sub >= 0) {
				dst->state = CONST_SUBPROG;
				dst->val = (uint64_t)sub;
			} else {
				*dst = unknown;
			}
		} else if (insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
			   insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE ||
			   insn->src_reg == BPF_PSEUDO_MAP_FD || insn->src_reg == BPF_PSEUDO_MAP_IDX) {
			const struct sim_insn_reloc *r = env->p->relocs ? &env->p->relocs[idx] : NULL;

			if (!r || r->map_idx < 0) {
				*dst = unknown;
			} else if (insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
				   insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) {
				dst->state = CONST_MAP_VALUE;
				dst->map_index = (uint32_t)r->map_idx;
				dst->val = r->map_off;
			} else {
				dst->state = CONST_MAP_PTR;
				dst->map_index = (uint32_t)r->map_idx;
			}
		} else if (insn->src_reg == 0 && idx + 1 < lv->insn_cnt) {
			dst->state = CONST_CONST;
			dst->val = (uint64_t)(uint32_t)insn->imm |
				   ((uint64_t)(uint32_t)lv->insns[idx + 1].imm << 32);
		} else {
			*dst = unknown;
		}
		break;
	case BPF_LDX: {
		const struct sim_map *m;
		uint64_t val;

		if (src->state != CONST_MAP_VALUE) {
			*dst = unknown;
			break;
		}
		m = rdonly_map(env, src->map_index);
		if (!m || direct_read(m, (int)(int64_t)(src->val + (uint64_t)(int64_t)insn->off),
				      size_bytes(insn), mode == BPF_MEMSX, &val)) {
			*dst = unknown;
			break;
		}
		dst->state = CONST_CONST;
		dst->val = val;
		break;
	}
	case BPF_JMP:
		if (opcode != BPF_CALL)
			break;
process_call:
		for (int r = BPF_REG_0; r <= BPF_REG_5; r++)
			ci[r] = unknown;
		break;
	case BPF_STX:
		/* bpf_atomic_load_reg(): the register an atomic op loads */
		if (BPF_MODE(insn->code) == BPF_ATOMIC) {
			if (insn->imm == BPF_LOAD_ACQ)
				ci[insn->dst_reg] = unknown;
			else if (insn->imm == BPF_CMPXCHG)
				ci[BPF_REG_0] = unknown;
			else if (insn->imm & BPF_FETCH)
				ci[insn->src_reg] = unknown;
		}
		break;
	}
}

/* mirrors const_reg_join() */
static bool const_join(struct const_info *target, const struct const_info *out)
{
	bool changed = false;

	for (int r = 0; r < SIM_MAX_REG; r++) {
		struct const_info *old = &target[r];
		const struct const_info *nw = &out[r];

		if (old->state == CONST_UNVISITED && nw->state != CONST_UNVISITED) {
			*old = *nw;
			changed = true;
		} else if (old->state != CONST_UNKNOWN && old->state != CONST_UNVISITED &&
			   (nw->state != old->state || nw->val != old->val ||
			    nw->map_index != old->map_index)) {
			old->state = CONST_UNKNOWN;
			changed = true;
		}
	}
	return changed;
}

int sim_compute_const_regs(const struct sim_env *env, struct sim_liveness *lv)
{
	struct const_info (*in)[SIM_MAX_REG] = calloc((size_t)lv->insn_cnt, sizeof(*in));
	struct const_info out[SIM_MAX_REG];
	bool changed;

	lv->caux = calloc((size_t)lv->insn_cnt, sizeof(*lv->caux));
	if (!in || !lv->caux) {
		free(in);
		return -ENOMEM;
	}
	for (int i = 0; i < lv->subprog_cnt; i++)
		for (int r = 0; r < SIM_MAX_REG; r++)
			in[lv->sub_start[i]][r].state = CONST_UNKNOWN;
	do {
		changed = false;
		for (int i = lv->po_cnt - 1; i >= 0; i--) {
			int idx = lv->postorder[i], succ[SIM_MAX_SUCC], ns;

			memcpy(out, in[idx], sizeof(out));
			const_xfer(env, lv, out, idx);
			ns = sim_liveness_successors(lv, idx, succ);
			for (int s = 0; s < ns; s++)
				changed |= const_join(in[succ[s]], out);
		}
	} while (changed);
	/* keep the facts that fit in 32 bits */
	for (int i = 0; i < lv->insn_cnt; i++) {
		struct sim_const_aux *a = &lv->caux[i];

		for (int r = 0; r < 10; r++) {
			const struct const_info *c = &in[i][r];

			switch (c->state) {
			case CONST_CONST:
				if (c->val != (uint32_t)c->val)
					break;
				a->mask |= (uint16_t)(1u << r);
				a->vals[r] = (uint32_t)c->val;
				break;
			case CONST_MAP_PTR:
				a->map_mask |= (uint16_t)(1u << r);
				a->vals[r] = c->map_index;
				break;
			case CONST_SUBPROG:
				a->subprog_mask |= (uint16_t)(1u << r);
				a->vals[r] = (uint32_t)c->val;
				break;
			default:
				break;
			}
		}
	}
	free(in);
	return 0;
}

/* mirrors eval_const_branch() */
static int eval_branch(uint8_t code, uint64_t d, uint64_t s)
{
	switch (BPF_OP(code)) {
	case BPF_JEQ: return d == s;
	case BPF_JNE: return d != s;
	case BPF_JGT: return d > s;
	case BPF_JGE: return d >= s;
	case BPF_JLT: return d < s;
	case BPF_JLE: return d <= s;
	case BPF_JSGT: return (int64_t)d > (int64_t)s;
	case BPF_JSGE: return (int64_t)d >= (int64_t)s;
	case BPF_JSLT: return (int64_t)d < (int64_t)s;
	case BPF_JSLE: return (int64_t)d <= (int64_t)s;
	case BPF_JSET: return (d & s) != 0;
	default: return -1;
	}
}

/* mirrors bpf_prune_dead_branches(): the 32-bit constants of
 * sim_compute_const_regs() decide the branch */
int sim_prune_dead_branches(struct sim_liveness *lv)
{
	bool changed = false;

	for (int i = 0; i < lv->insn_cnt; i++) {
		struct bpf_insn *insn = &lv->insns[i];
		const struct sim_const_aux *a = &lv->caux[i];
		uint8_t class = BPF_CLASS(insn->code), op = BPF_OP(insn->code);
		uint64_t d, s;
		int taken;

		/* bpf_insn_is_cond_jump(), may_goto excluded */
		if ((class != BPF_JMP && class != BPF_JMP32) || op == BPF_JA || op == BPF_CALL ||
		    op == BPF_EXIT || op == BPF_JCOND)
			continue;
		if (insn->dst_reg >= 10 || !(a->mask & (1u << insn->dst_reg)))
			continue;
		d = a->vals[insn->dst_reg];
		if (BPF_SRC(insn->code) == BPF_K) {
			s = (uint64_t)(int64_t)insn->imm;
		} else {
			if (insn->src_reg >= 10 || !(a->mask & (1u << insn->src_reg)))
				continue;
			s = a->vals[insn->src_reg];
		}
		if (class == BPF_JMP32) {
			d = (uint64_t)(int64_t)(int32_t)d;
			s = (uint64_t)(int64_t)(int32_t)s;
		}
		taken = eval_branch(insn->code, d, s);
		if (taken < 0)
			continue; /* the kernel fails with -EFAULT; check_cfg rejects such codes first */
		*insn = (struct bpf_insn){ .code = BPF_JMP | BPF_JA, .off = taken ? insn->off : 0 };
		lv->rewritten[i] = true;
		changed = true;
	}
	if (!changed)
		return 0;
	return sim_compute_postorder(lv);
}
