/* Indirect jumps: gotox and the instruction-array maps behind them.
 *
 * `gotox rX` (BPF_JMP|BPF_JA|BPF_X) jumps to the instruction rX points to.
 * rX must be a PTR_TO_INSN, which only a DW load from a
 * BPF_MAP_TYPE_INSN_ARRAY map value gives (check_map_mem_read()); the map
 * is a jump table libbpf made (obj_jumptables.c), its entries instruction
 * indices. The kernel handles it in three places, mirrored here:
 *
 *   - check_and_resolve_insns(): each insn array an LD_IMM64 names is
 *     validated (bpf_insn_array_init()) and joins env->insn_array_maps;
 *   - check_cfg(): a gotox's successors are the targets of every table
 *     whose first target lies in its subprogram (cfg.c create_jt()); they
 *     are jump points (not prune points), the gotox a prune point;
 *     bpf_insn_successors() (the
 *     liveness and constant passes) reads the same table;
 *   - do_check(): check_indirect_jump() follows every target the pointer's
 *     range allows, the last one at once and the others pushed.
 *
 * The tables depend only on the program, so they are computed once before
 * the static passes (which run before check_cfg() here), and check_cfg()'s
 * errors are reported when the kernel would report them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "diagnostics.h"
#include "helper_args.h"
#include "object.h"
#include "opcode.h"
#include "stack_liveness.h"

struct sim_gotox {
	int *maps;                /* env->insn_array_maps: view map indices */
	int nmaps;
	struct sim_gotox_jt *jt;  /* per instruction; cnt 0 for all but gotox */
};

static const struct sim_map_view *view_map(const struct sim_env *env, int idx)
{
	const struct sim_insn_reloc *rel = env->p->relocs ? &env->p->relocs[idx] : NULL;

	if (!rel || rel->map_idx < 0 || rel->map_idx >= env->p->map_cnt)
		return NULL;
	return &env->p->maps[rel->map_idx];
}

static bool is_insn_array(const struct sim_map_view *m)
{
	return m && m->type == BPF_MAP_TYPE_INSN_ARRAY && m->map && m->map->initial_value &&
	       m->map->initial_size >= (size_t)m->max_entries * sizeof(uint32_t);
}

static const uint32_t *map_offs(const struct sim_map_view *m)
{
	return m->map->initial_value;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* mirrors sort_insn_array_uniq() */
static int sort_uniq(uint32_t *items, int cnt)
{
	int unique = 1;

	if (!cnt)
		return 0;
	qsort(items, (size_t)cnt, sizeof(*items), cmp_u32);
	for (int i = 1; i < cnt; i++)
		if (items[i] != items[unique - 1])
			items[unique++] = items[i];
	return unique;
}

/* the subprogram [start, end) holding @t (bpf_find_containing_subprog()) */
static void containing_subprog(const struct sim_env *env, int t, int *start, int *end)
{
	*start = 0;
	*end = env->insn_cnt;
	for (int i = 0; i < env->p->subprog_cnt; i++) {
		int s = env->p->subprogs[i].start;

		if (s <= t && s >= *start)
			*start = s;
		else if (s > t && s < *end)
			*end = s;
	}
}

/* mirrors jt_from_subprog() + create_jt() for the gotox at @t */
static int make_jt(const struct sim_gotox *gx, const struct sim_env *env, int t,
		   struct sim_gotox_jt *jt)
{
	int start, end, cnt = 0;

	containing_subprog(env, t, &start, &end);
	jt->sub_start = start;
	jt->sub_end = end;
	for (int i = 0; i < gx->nmaps; i++) {
		const struct sim_map_view *m = &env->p->maps[gx->maps[i]];
		uint32_t *cur = malloc(m->max_entries * sizeof(*cur));
		int n;

		if (!cur)
			return -ENOMEM;
		memcpy(cur, map_offs(m), m->max_entries * sizeof(*cur));
		n = sort_uniq(cur, (int)m->max_entries); /* jt_from_map() */
		/* one element tells; create_jt() checks the rest below */
		if (n && cur[0] >= (uint32_t)start && cur[0] < (uint32_t)end) {
			uint32_t *grown = realloc(jt->items, (size_t)(cnt + n) * sizeof(*grown));

			if (!grown) {
				free(cur);
				return -ENOMEM;
			}
			jt->items = grown;
			memcpy(jt->items + cnt, cur, (size_t)n * sizeof(*cur));
			cnt += n;
		}
		free(cur);
	}
	if (!cnt) {
		jt->err = SIM_GOTOX_NO_JT;
		return 0;
	}
	jt->cnt = sort_uniq(jt->items, cnt);
	for (int i = 0; i < jt->cnt; i++)
		if (jt->items[i] < (uint32_t)start || jt->items[i] >= (uint32_t)end)
			jt->err = SIM_GOTOX_OUTSIDE;
	if (!jt->err && jt->cnt > SIM_MAX_SUCC)
		jt->err = SIM_GOTOX_TOO_BIG;
	return 0;
}

/* valid_offsets() of bpf_insn_array_init() */
static bool valid_offsets(const struct sim_env *env, const struct sim_map_view *m)
{
	for (uint32_t i = 0; i < m->max_entries; i++) {
		uint32_t off = map_offs(m)[i];

		if (off >= (uint32_t)env->insn_cnt)
			return false;
		if (off > 0 && env->insns[off - 1].code == (BPF_LD | BPF_IMM | BPF_DW))
			return false;
	}
	return true;
}

int sim_gotox_prepare(struct sim_env *env)
{
	struct sim_gotox *gx;
	bool any = false;

	for (int i = 0; i < env->insn_cnt; i++)
		any |= sim_is_gotox(&env->insns[i]);
	if (!any)
		return 0;
	gx = calloc(1, sizeof(*gx));
	if (!gx)
		return -ENOMEM;
	env->gotox = gx;
	gx->jt = calloc((size_t)env->insn_cnt, sizeof(*gx->jt));
	gx->maps = calloc((size_t)env->p->map_cnt + 1, sizeof(*gx->maps));
	if (!gx->jt || !gx->maps)
		return -ENOMEM;
	/* add_used_map() order: first LD_IMM64 naming each map; a table
	 * whose offsets the kernel refuses is left out (the load fails at
	 * that LD_IMM64 anyway) */
	for (int i = 0; i < env->insn_cnt; i++) {
		const struct bpf_insn *insn = &env->insns[i];
		const struct sim_map_view *m;
		int idx, k;

		if (insn->code != (BPF_LD | BPF_IMM | BPF_DW))
			continue;
		m = view_map(env, i++);
		if (!is_insn_array(m) || !valid_offsets(env, m))
			continue;
		idx = (int)(m - env->p->maps);
		for (k = 0; k < gx->nmaps && gx->maps[k] != idx; k++)
			;
		if (k == gx->nmaps)
			gx->maps[gx->nmaps++] = idx;
	}
	for (int t = 0; t < env->insn_cnt; t++)
		if (sim_is_gotox(&env->insns[t]) && make_jt(gx, env, t, &gx->jt[t]))
			return -ENOMEM;
	return 0;
}

void sim_gotox_free(struct sim_env *env)
{
	struct sim_gotox *gx = env->gotox;

	if (!gx)
		return;
	if (gx->jt)
		for (int i = 0; i < env->insn_cnt; i++)
			free(gx->jt[i].items);
	free(gx->jt);
	free(gx->maps);
	free(gx);
	env->gotox = NULL;
}

const struct sim_gotox_jt *sim_gotox_jt(const struct sim_gotox *gx, int t)
{
	return gx && gx->jt[t].cnt && !gx->jt[t].err ? &gx->jt[t] : NULL;
}

/* check_and_resolve_insns() for the LD_IMM64 at @i: bpf_insn_array_init()
 * of add_used_map(), then insn_array_map_direct_value_addr() */
int sim_gotox_check_ldimm64(struct sim_env *env, int i)
{
	const struct bpf_insn *insn = &env->insns[i];
	const struct sim_map_view *m = view_map(env, i);
	uint32_t off = (uint32_t)insn[1].imm;
	int err = 0;

	if (!m || m->type != BPF_MAP_TYPE_INSN_ARRAY)
		return 0;
	if (!is_insn_array(m))
		return sim_bug(env, "insn array map without its entries");
	if (!valid_offsets(env, m))
		err = sim_reject(env, -EINVAL, "Failed to properly initialize insn array\n");
	else if ((insn->src_reg == BPF_PSEUDO_MAP_VALUE ||
		  insn->src_reg == BPF_PSEUDO_MAP_IDX_VALUE) && (off % 8 || off / 8 >= m->max_entries))
		err = sim_reject(env, -EACCES,
				 "invalid access to map value pointer, value_size=%u off=%u\n",
				 m->value_size, off);
	if (err)
		env->err_insn = -1; /* before do_check(): no insn in the log */
	return err;
}

/* check_cfg()'s visit_gotox_insn() for every gotox: the table's errors,
 * then prune and jump points */
int sim_gotox_check_cfg(struct sim_env *env)
{
	struct sim_gotox *gx = env->gotox;
	char reason[256];

	if (!gx)
		return 0;
	for (int t = 0; t < env->insn_cnt; t++) {
		const struct sim_gotox_jt *jt = &gx->jt[t];
		int err;

		if (!sim_is_gotox(&env->insns[t]))
			continue;
		env->insn_idx = t;
		switch (jt->err) {
		case SIM_GOTOX_NO_JT:
			err = sim_reject(env, -EINVAL, "no jump tables found for subprog starting at %u\n",
					 jt->sub_start);
			snprintf(reason, sizeof(reason),
				 "No jump table was found for the subprogram that starts at instruction %u.",
				 jt->sub_start);
			sim_diag_program_structure(env, jt->sub_start, "missing jump table",
						   "Make sure subprograms containing gotox instructions are accompanied by jump tables referencing these subprograms.",
						   reason);
			env->err_insn = -1; /* before do_check(): no insn in the log */
			return err;
		case SIM_GOTOX_OUTSIDE:
			err = sim_reject(env, -EINVAL,
					 "jump table for insn %d points outside of the subprog [%u,%u]\n",
					 t, jt->sub_start, jt->sub_end);
			snprintf(reason, sizeof(reason),
				 "The jump table for instruction %d points outside subprogram range [%u,%u).",
				 t, jt->sub_start, jt->sub_end);
			sim_diag_program_structure(env, t, "jump table target out of range",
						   "Keep every jump-table target inside the same subprogram.",
						   reason);
			env->err_insn = -1;
			return err;
		case SIM_GOTOX_TOO_BIG:
			return sim_unsupported(env, "gotox at insn %d with %d targets (at most %d)", t,
					       jt->cnt, SIM_MAX_SUCC);
		}
		/* mark_prune_point(t); each target only mark_jmp_point(w):
		 * unlike push_insn()'s BRANCH edges, not a prune point */
		env->prune_point[t] = 1;
		for (int i = 0; i < jt->cnt; i++)
			env->jmp_point[jt->items[i]] = 1;
	}
	env->insn_idx = 0;
	return 0;
}

/* mirrors map_mem_size(), check_ptr_alignment() (strict for insn arrays),
 * check_map_access_type() and check_map_mem_read() for a load from or
 * store to an insn array's value; 1 when @reg is not one */
int sim_insn_array_access(struct sim_env *env, int regno, int off, int size, bool write,
			  int value_regno)
{
	struct sim_reg *regs = sim_cur_regs(env), *reg = &regs[regno];
	const struct sim_map_view *m = reg->map;
	int err;

	if (!m || m->type != BPF_MAP_TYPE_INSN_ARRAY)
		return 1;
	err = sim_helper_arg_aligned(env, reg, off, size);
	if (!err)
		err = sim_check_map_access_type(env, reg, off, size, write);
	if (!err)
		err = sim_check_map_region(env, reg, regno, off, size, m->max_entries * 8u);
	if (err || write || value_regno < 0)
		return err;
	if (size != 8)
		return sim_reject(env, -EACCES, "Invalid read of %d bytes from insn_array\n", size);
	/* the loaded register is the map pointer, moved by @off, typed
	 * PTR_TO_INSN (add_scalar_to_reg()) */
	regs[value_regno] = *reg;
	sim_scalar_add_const(&regs[value_regno].s, off);
	regs[value_regno].type = PTR_TO_INSN;
	return 0;
}

/* mirrors indirect_jump_min_max_index() and check_indirect_jump(); needs
 * no table of check_cfg() (a replay of one step has none) */
int sim_check_indirect_jump(struct sim_env *env, const struct bpf_insn *insn)
{
	struct sim_reg *reg = &sim_cur_regs(env)[insn->dst_reg];
	const struct sim_map_view *m;
	uint64_t min_index, max_index;
	const uint32_t *offs;
	uint32_t *buf;            /* gotox_tmp_buf */
	char tb[96];
	int n;

	if (reg->type != PTR_TO_INSN)
		return sim_reject(env, -EINVAL, "R%d has type %s, expected PTR_TO_INSN\n",
				  insn->dst_reg, sim_reg_type_str(reg->type, tb, sizeof(tb)));
	m = reg->map;
	if (!m)
		return sim_bug(env, "R%d has an empty map pointer", insn->dst_reg);
	if (m->type != BPF_MAP_TYPE_INSN_ARRAY || !is_insn_array(m))
		return sim_bug(env, "R%d has incorrect map type %d", insn->dst_reg, m->type);
	min_index = sim_scalar_umin(&reg->s);
	max_index = sim_scalar_umax(&reg->s);
	if (min_index > (uint64_t)UINT32_MAX * 8)
		return sim_reject(env, -ERANGE, "the sum of R%u umin_value %llu is too big\n",
				  insn->dst_reg, (unsigned long long)min_index);
	if (max_index > (uint64_t)UINT32_MAX * 8)
		return sim_reject(env, -ERANGE, "the sum of R%u umax_value %llu is too big\n",
				  insn->dst_reg, (unsigned long long)max_index);
	min_index /= 8;
	max_index /= 8;
	if (max_index >= m->max_entries)
		return sim_reject(env, -EINVAL,
				  "R%u points to outside of jump table: [%llu,%llu] max_entries %u\n",
				  insn->dst_reg, (unsigned long long)min_index,
				  (unsigned long long)max_index, m->max_entries);
	buf = malloc((size_t)(max_index - min_index + 1) * sizeof(*buf));
	if (!buf)
		return sim_bug(env, "out of memory");
	offs = map_offs(m);
	for (uint64_t i = min_index; i <= max_index; i++)
		buf[i - min_index] = offs[i];
	n = sort_uniq(buf, (int)(max_index - min_index + 1));
	for (int i = 0; i < n - 1; i++) {
		struct sim_state *other = sim_push_stack(env, (int)buf[i], env->insn_idx);

		if (!other) {
			free(buf);
			return env->verdict == SIM_REJECTED ? -E2BIG : sim_bug(env, "out of memory");
		}
	}
	env->insn_idx = (int)buf[n - 1];
	free(buf);
	return SIM_IDX_UPDATED;
}
