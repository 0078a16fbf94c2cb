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
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "kfuncs.h"
#include "object.h"

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

static const struct btf_type *skip_mods(const struct btf *btf, uint32_t id, uint32_t *res_id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res_id)
		*res_id = id;
	return t;
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

static int add_field(struct sim_record *rec, const struct sim_field *f)
{
	if (rec->cnt >= SIM_RECORD_MAX_FIELDS)
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
 * btf_parse_graph_root()) */
static void resolve_root(const struct btf *btf, uint32_t owner, int comp, struct sim_field *f)
{
	const char *tname, *fname;
	size_t tlen;
	char buf[128];
	int id;

	if (!find_contains(btf, owner, comp, &tname, &tlen, &fname) || tlen >= sizeof(buf))
		return;
	memcpy(buf, tname, tlen);
	buf[tlen] = 0;
	id = btf__find_by_name_kind(btf, buf, BTF_KIND_STRUCT);
	if (id <= 0)
		return;
	f->root_btf = btf;
	f->value_btf_id = (uint32_t)id;
	{
		const struct btf_type *vt = btf__type_by_id(btf, (uint32_t)id);
		const struct btf_member *m = btf_members(vt);

		for (int i = 0; i < (int)btf_vlen(vt); i++, m++)
			if (!strcmp(btf__name_by_offset(btf, m->name_off), fname))
				f->node_off = btf_member_bit_offset(vt, (uint32_t)i) / 8;
	}
}

static int parse_one(const struct btf *btf, const struct btf *vmlinux, uint32_t type_id,
		     uint32_t off, uint32_t owner, int comp, struct sim_record *rec, int depth);

static int parse_struct(const struct btf *btf, const struct btf *vmlinux, uint32_t id,
			uint32_t off, struct sim_record *rec, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	if (depth > 4)
		return 0;
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
	uint32_t rid;

	/* kptr: PTR -> TYPE_TAG(kptr...) -> struct */
	{
		const struct btf_type *p = t;

		while (p && (btf_is_typedef(p) || btf_is_const(p) || btf_is_volatile(p)))
			p = btf__type_by_id(btf, p->type);
		if (p && btf_is_ptr(p)) {
			const struct btf_type *tag = btf__type_by_id(btf, p->type);

			if (tag && btf_is_type_tag(tag)) {
				const char *tn = btf__name_by_offset(btf, tag->name_off);

				for (size_t k = 0; k < sizeof(kptr_tags) / sizeof(kptr_tags[0]); k++) {
					struct sim_field f = { .type = kptr_tags[k].type, .off = off, .size = 8 };
					const struct btf_type *st;
					const char *sn;
					int vid;

					if (strcmp(tn, kptr_tags[k].tag))
						continue;
					st = skip_mods(btf, tag->type, &rid);
					if (!st || !btf_is_struct(st))
						return 0;
					sn = btf__name_by_offset(btf, st->name_off);
					vid = vmlinux ? btf__find_by_name_kind(vmlinux, sn, BTF_KIND_STRUCT) : -1;
					if (vid > 0) {
						f.kptr_btf = vmlinux;
						f.kptr_btf_id = (uint32_t)vid;
					} else {
						f.kptr_btf = btf;
						f.kptr_btf_id = rid;
					}
					return add_field(rec, &f);
				}
			}
			return 0;
		}
	}
	t = skip_mods(btf, type_id, &rid);
	while (t && btf_is_array(t)) {
		const struct btf_array *a = btf_array(t);
		const struct btf_type *et;

		nelems *= a->nelems;
		et = skip_mods(btf, a->type, &rid);
		t = et;
	}
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

				if (f.type & SIM_FIELD_GRAPH_ROOT)
					resolve_root(btf, owner, comp, &f);
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
