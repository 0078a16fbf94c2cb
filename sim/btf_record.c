/* Special fields of a BTF type: mirrors btf_parse_fields() / struct
 * btf_record of kernel/bpf/btf.c in 7.3.
 *
 * A map value, a global-data section or a program-allocated object may
 * embed fields the verifier guards: a bpf_spin_lock, graph roots
 * (bpf_list_head, bpf_rb_root) whose element type comes from a
 * "contains:TYPE:FIELD" decl tag, graph nodes, a bpf_refcount, kptrs
 * (pointer members tagged "kptr", "kptr_untrusted", "percpu_kptr"). The
 * record lists them with their offsets; nested structs and arrays are
 * flattened as the kernel does. Records are computed on demand: types are
 * small and the kernel's caching is an implementation detail. */
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "arena.h"
#include "check.h"
#include "kfuncs.h"
#include "object.h"
#include "btf_util.h"

static const struct {
	const char *name;
	enum sim_field_type type;
} special_structs[] = {
	{ "bpf_spin_lock", SIM_FIELD_SPIN_LOCK },
	{ "bpf_res_spin_lock", SIM_FIELD_RES_SPIN_LOCK },
	{ "bpf_timer", SIM_FIELD_TIMER },
	{ "bpf_wq", SIM_FIELD_WORKQUEUE },
	{ "bpf_task_work", SIM_FIELD_TASK_WORK },
	{ "bpf_list_head", SIM_FIELD_LIST_HEAD },
	{ "bpf_list_node", SIM_FIELD_LIST_NODE },
	{ "bpf_rb_root", SIM_FIELD_RB_ROOT },
	{ "bpf_rb_node", SIM_FIELD_RB_NODE },
	{ "bpf_refcount", SIM_FIELD_REFCOUNT },
};

static const struct {
	const char *tag;
	enum sim_field_type type;
} kptr_tags[] = {
	{ "kptr", SIM_FIELD_KPTR_REF },
	{ "kptr_untrusted", SIM_FIELD_KPTR_UNREF },
	{ "percpu_kptr", SIM_FIELD_KPTR_PERCPU },
};

/* mirrors btf_field_type_name() */
const char *sim_field_type_name(enum sim_field_type t)
{
	switch (t) {
	case SIM_FIELD_SPIN_LOCK: return "bpf_spin_lock";
	case SIM_FIELD_RES_SPIN_LOCK: return "bpf_res_spin_lock";
	case SIM_FIELD_TIMER: return "bpf_timer";
	case SIM_FIELD_WORKQUEUE: return "bpf_wq";
	case SIM_FIELD_TASK_WORK: return "bpf_task_work";
	case SIM_FIELD_KPTR_UNREF:
	case SIM_FIELD_KPTR_REF: return "kptr";
	case SIM_FIELD_KPTR_PERCPU: return "percpu_kptr";
	case SIM_FIELD_LIST_HEAD: return "bpf_list_head";
	case SIM_FIELD_LIST_NODE: return "bpf_list_node";
	case SIM_FIELD_RB_ROOT: return "bpf_rb_root";
	case SIM_FIELD_RB_NODE: return "bpf_rb_node";
	case SIM_FIELD_REFCOUNT: return "bpf_refcount";
	default: return "unknown";
	}
}

/* "contains:TYPE:FIELD" on (@owner, @comp) */
static bool find_contains(const struct btf *btf, uint32_t owner, int comp, const char **type,
			  size_t *type_len, const char **field)
{
	uint32_t n = btf__type_cnt(btf);

	for (uint32_t i = 1; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *s;

		if (!btf_is_decl_tag(t) || t->type != owner || btf_decl_tag(t)->component_idx != comp)
			continue;
		s = btf__name_by_offset(btf, t->name_off);
		if (strncmp(s, "contains:", 9))
			continue;
		s += 9;
		*type = s;
		*field = strchr(s, ':');
		if (!*field)
			return false;
		*type_len = (size_t)(*field - s);
		(*field)++;
		return true;
	}
	return false;
}

/* mirrors BTF_FIELDS_MAX: more special fields (arrays of kptrs count one
 * per element) and the whole record is invalid (-E2BIG) */
#define BTF_FIELDS_MAX 11
/* mirrors MAX_RESOLVE_DEPTH: nesting of structs and arrays */
#define MAX_RESOLVE_DEPTH 32

static int add_field(struct sim_record *rec, const struct sim_field *f)
{
	if (rec->cnt >= BTF_FIELDS_MAX || rec->cnt >= SIM_RECORD_MAX_FIELDS)
		return -1;
	rec->fields[rec->cnt++] = *f;
	rec->field_mask |= f->type;
	if (f->type == SIM_FIELD_SPIN_LOCK)
		rec->spin_lock_off = (int)f->off;
	if (f->type == SIM_FIELD_RES_SPIN_LOCK)
		rec->res_spin_lock_off = (int)f->off;
	if (f->type == SIM_FIELD_REFCOUNT)
		rec->refcount_off = (int)f->off;
	return 0;
}

/* the graph root's element type and node offset (mirrors
 * btf_find_graph_root() + btf_parse_graph_root()): -1, and the whole record
 * is invalid, when the "contains:" tag is missing or names a struct the
 * program's BTF lacks (a type the program never uses is not emitted) or a
 * member that is not the right node */
static int resolve_root(const struct btf *btf, uint32_t owner, int comp, struct sim_field *f)
{
	const char *tname, *fname;
	size_t tlen;
	char buf[128];
	int id;
	bool found = false;

	if (!find_contains(btf, owner, comp, &tname, &tlen, &fname) || tlen >= sizeof(buf))
		return -1;
	memcpy(buf, tname, tlen);
	buf[tlen] = 0;
	id = btf__find_by_name_kind(btf, buf, BTF_KIND_STRUCT);
	if (id <= 0)
		return -1;
	f->root_btf = btf;
	f->value_btf_id = (uint32_t)id;
	{
		const struct btf_type *vt = btf__type_by_id(btf, (uint32_t)id);
		const struct btf_member *m = btf_members(vt);

		const char *want = f->type == SIM_FIELD_LIST_HEAD ? "bpf_list_node" : "bpf_rb_node";

		for (int i = 0; i < (int)btf_vlen(vt); i++, m++) {
			const struct btf_type *nt;

			if (strcmp(btf__name_by_offset(btf, m->name_off), fname))
				continue;
			nt = btf__type_by_id(btf, m->type);
			if (found || !nt || !btf_is_struct(nt) ||
			    strcmp(btf__name_by_offset(btf, nt->name_off), want))
				return -1;
			found = true;
			f->node_off = btf_member_bit_offset(vt, (uint32_t)i) / 8;
		}
	}
	return found ? 0 : -1;
}

static int parse_one(const struct btf *btf, const struct btf *vmlinux, uint32_t type_id,
		     uint32_t off, uint32_t owner, int comp, struct sim_record *rec, int depth);

static int parse_struct(const struct btf *btf, const struct btf *vmlinux, uint32_t id,
			uint32_t off, struct sim_record *rec, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	if (!t)
		return 0;
	if (depth >= MAX_RESOLVE_DEPTH)
		return -1;
	if (btf_is_datasec(t)) {
		const struct btf_var_secinfo *v = btf_var_secinfos(t);

		for (int i = 0; i < (int)btf_vlen(t); i++, v++) {
			const struct btf_type *var = btf__type_by_id(btf, v->type);

			if (!var || !btf_is_var(var))
				continue;
			if (parse_one(btf, vmlinux, var->type, off + v->offset, v->type, -1, rec,
				      depth + 1))
				return -1;
		}
		return 0;
	}
	if (!btf_is_struct(t))
		return 0;
	{
		const struct btf_member *m = btf_members(t);

		for (int i = 0; i < (int)btf_vlen(t); i++, m++)
			if (parse_one(btf, vmlinux, m->type, off + btf_member_bit_offset(t, (uint32_t)i) / 8,
				      id, i, rec, depth + 1))
				return -1;
	}
	return 0;
}

static int parse_one(const struct btf *btf, const struct btf *vmlinux, uint32_t type_id,
		     uint32_t off, uint32_t owner, int comp, struct sim_record *rec, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, type_id);
	uint32_t nelems = 1, elem_size = 0;
	uint32_t rid = type_id;
	int i;

	/* btf_find_field_one(): arrays flatten to their element type; an
	 * array of kptrs is one kptr field per element */
	for (i = 0; i < MAX_RESOLVE_DEPTH && t && btf_is_array(t); i++) {
		const struct btf_array *a = btf_array(t);

		nelems *= a->nelems;
		rid = a->type;
		t = btf__type_by_id(btf, rid);
	}
	if (i == MAX_RESOLVE_DEPTH)
		return -1;
	if (!nelems || !t)
		return 0;
	/* kptr: PTR -> TYPE_TAG(kptr...) -> struct (btf_find_kptr()) */
	{
		const struct btf_type *p = t;

		while (p && (btf_is_typedef(p) || btf_is_const(p) || btf_is_volatile(p)))
			p = btf__type_by_id(btf, p->type);
		if (p && btf_is_ptr(p)) {
			const struct btf_type *tag = btf__type_by_id(btf, p->type);

			if (tag && btf_is_type_tag(tag)) {
				const char *tn = btf__name_by_offset(btf, tag->name_off);

				for (size_t k = 0; k < sizeof(kptr_tags) / sizeof(kptr_tags[0]); k++) {
					struct sim_field f = { .type = kptr_tags[k].type, .size = 8 };
					const struct btf_type *st;
					const char *sn;
					int vid;

					if (strcmp(tn, kptr_tags[k].tag))
						continue;
					/* only a pointer to a struct: a FWD (a type
					 * the program never completes) makes the
					 * record invalid (-EINVAL) */
					st = sim_btf_skip_mods(btf, tag->type, &rid);
					if (!st || !btf_is_struct(st))
						return -1;
					sn = btf__name_by_offset(btf, st->name_off);
					vid = vmlinux ? btf__find_by_name_kind(vmlinux, sn, BTF_KIND_STRUCT) : -1;
					if (vid > 0) {
						f.kptr_btf = vmlinux;
						f.kptr_btf_id = (uint32_t)vid;
					} else {
						f.kptr_btf = btf;
						f.kptr_btf_id = rid;
					}
					for (uint32_t e = 0; e < nelems; e++) {
						f.off = off + e * 8;
						if (add_field(rec, &f))
							return -1;
					}
					return 0;
				}
			}
			return 0;
		}
	}
	t = sim_btf_skip_mods(btf, rid, &rid);
	if (!t || !btf_is_struct(t) || !nelems)
		return 0;
	elem_size = t->size;
	{
		const char *name = btf__name_by_offset(btf, t->name_off);

		for (size_t k = 0; k < sizeof(special_structs) / sizeof(special_structs[0]); k++) {
			if (strcmp(name, special_structs[k].name))
				continue;
			for (uint32_t e = 0; e < nelems; e++) {
				struct sim_field f = { .type = special_structs[k].type,
						       .off = off + e * elem_size, .size = elem_size };

				if ((f.type & SIM_FIELD_GRAPH_ROOT) && resolve_root(btf, owner, comp, &f))
					return -1;
				if (add_field(rec, &f))
					return -1;
			}
			return 0;
		}
	}
	for (uint32_t e = 0; e < nelems; e++)
		if (parse_struct(btf, vmlinux, rid, off + e * elem_size, rec, depth))
			return -1;
	return 0;
}

/* mirrors btf_parse_fields() */
int sim_btf_record(const struct btf *btf, const struct btf *vmlinux, uint32_t type_id,
		   struct sim_record *rec, const char **why)
{
	memset(rec, 0, sizeof(*rec));
	rec->spin_lock_off = rec->res_spin_lock_off = rec->refcount_off = -1;
	if (!btf || !type_id)
		return 0;
	if (parse_struct(btf, vmlinux, type_id, 0, rec, 0)) {
		if (why)
			*why = "too many special fields";
		return -1;
	}
	return 0;
}

/* mirrors btf_record_has_nmi_unsafe_fields() (btf_field_is_nmi_safe()) */
bool sim_record_has_nmi_unsafe_fields(const struct sim_record *rec)
{
	const uint32_t nmi_safe = SIM_FIELD_SPIN_LOCK | SIM_FIELD_RES_SPIN_LOCK | SIM_FIELD_TIMER |
				  SIM_FIELD_WORKQUEUE | SIM_FIELD_TASK_WORK | SIM_FIELD_KPTR_UNREF |
				  SIM_FIELD_REFCOUNT;

	for (int i = 0; i < rec->cnt; i++)
		if (!(rec->fields[i].type & nmi_safe))
			return true;
	return false;
}

/* mirrors btf_record_find() */
const struct sim_field *sim_record_find(const struct sim_record *rec, uint32_t off,
					uint32_t type_mask)
{
	for (int i = 0; i < rec->cnt; i++)
		if (rec->fields[i].off == off && (rec->fields[i].type & type_mask))
			return &rec->fields[i];
	return NULL;
}

uint32_t sim_map_value_type(const struct sim_map_view *m)
{
	if (!m || !m->map)
		return 0;
	return m->map->btf_value_type_id;
}

/* mirrors reg_btf_record() */
bool sim_reg_btf_record(const struct sim_env *env, const struct sim_reg *reg,
			struct sim_record *rec)
{
	if (reg->type == PTR_TO_MAP_VALUE || (sim_base_type(reg->type) == PTR_TO_MAP_VALUE)) {
		uint32_t vt = sim_map_value_type(reg->map);

		if (!vt || !env->p->btf)
			return false;
		return !sim_btf_record(env->p->btf, env->p->vmlinux_btf, vt, rec, NULL);
	}
	if (sim_base_type(reg->type) == PTR_TO_BTF_ID && reg->btf && reg->btf != env->p->vmlinux_btf)
		return !sim_btf_record(reg->btf, env->p->vmlinux_btf, reg->btf_id, rec, NULL);
	return false;
}

/* mirrors is_tracing_prog_type() */
bool sim_is_tracing_prog_type(uint32_t type)
{
	switch (type) {
	case BPF_PROG_TYPE_KPROBE:
	case BPF_PROG_TYPE_TRACEPOINT:
	case BPF_PROG_TYPE_PERF_EVENT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT:
	case BPF_PROG_TYPE_RAW_TRACEPOINT_WRITABLE:
		return true;
	default:
		return false;
	}
}

/* the map types a sleepable program may use (check_map_prog_compatibility) */
static const bool sleepable_map_ok[] = {
	[BPF_MAP_TYPE_HASH] = true, [BPF_MAP_TYPE_LRU_HASH] = true,
	[BPF_MAP_TYPE_ARRAY] = true, [BPF_MAP_TYPE_PERCPU_HASH] = true,
	[BPF_MAP_TYPE_PERCPU_ARRAY] = true, [BPF_MAP_TYPE_LRU_PERCPU_HASH] = true,
	[BPF_MAP_TYPE_LPM_TRIE] = true, [BPF_MAP_TYPE_ARRAY_OF_MAPS] = true,
	[BPF_MAP_TYPE_HASH_OF_MAPS] = true, [BPF_MAP_TYPE_RINGBUF] = true,
	[BPF_MAP_TYPE_USER_RINGBUF] = true, [BPF_MAP_TYPE_INODE_STORAGE] = true,
	[BPF_MAP_TYPE_SK_STORAGE] = true, [BPF_MAP_TYPE_TASK_STORAGE] = true,
	[BPF_MAP_TYPE_CGRP_STORAGE] = true, [BPF_MAP_TYPE_QUEUE] = true,
	[BPF_MAP_TYPE_STACK] = true, [BPF_MAP_TYPE_ARENA] = true,
	[BPF_MAP_TYPE_PROG_ARRAY] = true, [BPF_MAP_TYPE_INSN_ARRAY] = true,
	[BPF_MAP_TYPE_RHASH] = true,
};

/* mirrors check_map_prog_compatibility() for one map */
static int map_prog_compat(struct sim_env *env, const struct sim_map_view *m)
{
	uint32_t vt = sim_map_value_type(m);
	uint32_t ptype = env->p->prog_type;
	struct sim_record rec = { 0 };

	if (vt && env->p->btf && sim_btf_record(env->p->btf, env->p->vmlinux_btf, vt, &rec, NULL))
		rec.field_mask = 0;
	if ((rec.field_mask & SIM_FIELD_GRAPH_ROOT) && sim_is_tracing_prog_type(ptype))
		return sim_reject(env, -EINVAL, "tracing progs cannot use bpf_{list_head,rb_root} yet\n");
	if ((rec.field_mask & (SIM_FIELD_SPIN_LOCK | SIM_FIELD_RES_SPIN_LOCK)) &&
	    ptype == BPF_PROG_TYPE_SOCKET_FILTER)
		return sim_reject(env, -EINVAL, "socket filter progs cannot use bpf_spin_lock yet\n");
	if ((rec.field_mask & SIM_FIELD_SPIN_LOCK) && sim_is_tracing_prog_type(ptype))
		return sim_reject(env, -EINVAL, "tracing progs cannot use bpf_spin_lock yet\n");
	if (m->type == BPF_MAP_TYPE_STRUCT_OPS)
		return sim_reject(env, -EINVAL, "bpf_struct_ops map cannot be used in prog\n");
	if (env->p->sleepable &&
	    (m->type >= sizeof(sleepable_map_ok) / sizeof(sleepable_map_ok[0]) ||
	     !sleepable_map_ok[m->type]))
		return sim_reject(env, -EINVAL,
				  "Sleepable programs can only use array, hash, ringbuf and local storage maps\n");
	return sim_arena_check_used_map(env, m);   /* arena.c */
}

/* mirrors the __add_used_map() calls of check_and_resolve_insns(): every
 * map the program loads, checked once, in instruction order, before the
 * program is walked */
int sim_check_used_maps(struct sim_env *env)
{
	bool *seen;
	int err = 0;

	if (!env->p->relocs || env->p->map_cnt <= 0)
		return 0;
	seen = calloc((size_t)env->p->map_cnt, sizeof(*seen));
	if (!seen)
		return sim_bug(env, "out of memory");
	for (int i = 0; i < env->insn_cnt && !err; i++) {
		int m = env->p->relocs[i].map_idx;

		if (m < 0 || m >= env->p->map_cnt || seen[m])
			continue;
		seen[m] = true;
		env->insn_idx = i;
		err = map_prog_compat(env, &env->p->maps[m]);
		/* before the walk: the kernel names no instruction */
		if (err)
			env->err_insn = -1;
	}
	free(seen);
	if (!err)
		env->insn_idx = 0;
	return err;
}
