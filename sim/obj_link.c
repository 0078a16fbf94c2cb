/* Linking one program: the final instruction stream the kernel receives.
 *
 * Mirrors bpf_object__relocate() after CO-RE: bpf_object__reloc_code()
 * appends every subprogram a program calls (or takes the address of, for
 * callbacks) after the program, depth first in the order the calls appear,
 * each at most once per program, and rewrites the call offsets; the
 * func_info/line_info records of each appended function follow it
 * (adjust_prog_btf_ext_info()). Then bpf_object__relocate_data() rewrites
 * map, global data and extern references; we encode maps by index (what
 * libbpf's gen_loader mode does) since there are no file descriptors.
 * Every rewritten instruction also gets a sim_insn_ref so the verifier knows
 * what it names without decoding immediates. */
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>

#include "obj_internal.h"

struct placed_relo {
	unsigned insn;          /* in the final stream */
	const struct obj_relo *r;
};

struct link {
	struct obj_build *b;
	struct obj_func *main;
	struct bpf_insn *insns;
	size_t cnt;
	struct placed_relo *relos;
	size_t nrelos;
	struct sim_subprog *subs;
	size_t nsubs;
	struct sim_insn_ref *refs;
	size_t nrefs;
	struct bpf_func_info *finfo;
	size_t nfinfo;
	struct bpf_line_info *linfo;
	size_t nlinfo;
	size_t first_map;       /* the object's maps made for this program start here */
};

static int grow(struct obj_build *b, void **arr, size_t n, size_t add, size_t elem)
{
	void *p = realloc(*arr, (n + add) * elem);

	if (!p)
		return obj_fail(b, "out of memory");
	*arr = p;
	return 0;
}

static struct sim_insn_ref *add_ref(struct link *l, unsigned insn, enum sim_ref_kind kind)
{
	struct sim_insn_ref *r;

	if (grow(l->b, (void **)&l->refs, l->nrefs, 1, sizeof(*l->refs)))
		return NULL;
	r = &l->refs[l->nrefs++];
	memset(r, 0, sizeof(*r));
	r->insn = insn;
	r->kind = kind;
	r->map = r->subprog = -1;
	return r;
}

/* mirrors adjust_prog_btf_ext_info(): the records of @f's instructions,
 * moved to where @f now sits; returns 1 if @f has none */
static int copy_ext_info(struct link *l, const struct obj_func *f, const struct btf_ext_info *seg,
			 void **out, size_t *nout, size_t out_size)
{
	const struct btf_ext_info_sec *sec;
	size_t first = *nout;

	for (sec = seg->info; (const char *)sec < (const char *)seg->info + seg->len;
	     sec = (const void *)((const char *)sec + sizeof(*sec) + seg->rec_size * sec->num_info)) {
		const char *name = btf__name_by_offset(l->b->btf, sec->sec_name_off);

		if (!name || strcmp(name, f->sec_name))
			continue;
		for (__u32 i = 0; i < sec->num_info; i++) {
			const unsigned char *rec = sec->data + (size_t)i * seg->rec_size;
			__u32 insn_off;
			unsigned char *dst;

			memcpy(&insn_off, rec, sizeof(insn_off));
			insn_off /= OBJ_INSN_SZ;
			if (insn_off < f->sec_insn_off)
				continue;
			if (insn_off >= f->sec_insn_off + f->insn_cnt)
				break;
			if (grow(l->b, out, *nout, 1, out_size))
				return -1;
			dst = (unsigned char *)*out + *nout * out_size;
			memset(dst, 0, out_size);
			memcpy(dst, rec, seg->rec_size < out_size ? seg->rec_size : out_size);
			insn_off = insn_off - f->sec_insn_off + f->sub_insn_off;
			memcpy(dst, &insn_off, sizeof(insn_off));
			(*nout)++;
		}
		return *nout == first;
	}
	return 1;
}

/* mirrors reloc_prog_func_and_line_info() */
static int func_and_line_info(struct link *l, const struct obj_func *f)
{
	struct btf_ext *ext = l->b->btf_ext;
	bool is_main = f == l->main;
	int rc;

	if (!ext)
		return 0;
	if (is_main || l->nfinfo) {
		rc = copy_ext_info(l, f, &ext->func_info, (void **)&l->finfo, &l->nfinfo,
				   sizeof(*l->finfo));
		if (rc < 0)
			return rc;
		if (rc && !is_main && l->nfinfo)
			return obj_fail(l->b, "prog '%s': missing .BTF.ext function info", f->name);
	}
	if (is_main || l->nlinfo) {
		rc = copy_ext_info(l, f, &ext->line_info, (void **)&l->linfo, &l->nlinfo,
				   sizeof(*l->linfo));
		if (rc < 0)
			return rc;
		if (rc && !is_main && l->nlinfo)
			return obj_fail(l->b, "prog '%s': missing .BTF.ext line info", f->name);
	}
	return 0;
}

/* mirrors bpf_object__append_subprog_code() */
static int append_code(struct link *l, struct obj_func *f)
{
	struct sim_subprog *s;

	f->sub_insn_off = (unsigned)l->cnt;
	if (grow(l->b, (void **)&l->insns, l->cnt, f->insn_cnt, sizeof(*l->insns)) ||
	    grow(l->b, (void **)&l->relos, l->nrelos, f->nr_relos, sizeof(*l->relos)) ||
	    grow(l->b, (void **)&l->subs, l->nsubs, 1, sizeof(*l->subs)))
		return -1;
	memcpy(l->insns + l->cnt, f->insns, f->insn_cnt * sizeof(*f->insns));
	l->cnt += f->insn_cnt;
	for (size_t i = 0; i < f->nr_relos; i++) {
		l->relos[l->nrelos].insn = f->relos[i].insn + f->sub_insn_off;
		l->relos[l->nrelos++].r = &f->relos[i];
	}
	f->subprog_idx = (int)l->nsubs;
	s = &l->subs[l->nsubs++];
	memset(s, 0, sizeof(*s));
	s->name = f->name;
	s->start = f->sub_insn_off;
	s->len = f->insn_cnt;
	return 0;
}

static const struct obj_relo *find_relo(const struct obj_func *f, unsigned insn)
{
	for (size_t i = 0; i < f->nr_relos; i++)
		if (f->relos[i].insn == insn && f->relos[i].type != OBJ_RELO_CORE)
			return &f->relos[i];
	return NULL;
}

static bool is_subprog_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL) && insn->src_reg == BPF_PSEUDO_CALL &&
	       insn->dst_reg == 0 && insn->off == 0;
}

static bool is_pseudo_func(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW) && insn->src_reg == BPF_PSEUDO_FUNC;
}

/* mirrors bpf_object__reloc_code() */
static int reloc_code(struct link *l, struct obj_func *f)
{
	struct obj_build *b = l->b;

	if (func_and_line_info(l, f))
		return -1;
	for (unsigned i = 0; i < f->insn_cnt; i++) {
		struct bpf_insn *insn = &l->insns[f->sub_insn_off + i];
		const struct obj_relo *r;
		struct sim_insn_ref *ref;
		struct obj_func *sub;
		size_t sub_insn;
		bool call = is_subprog_call(insn);

		if (!call && !is_pseudo_func(insn))
			continue;
		r = find_relo(f, i);
		if (r && r->type == OBJ_RELO_EXTERN_CALL)
			continue;
		if (r && r->type != OBJ_RELO_CALL && r->type != OBJ_RELO_SUBPROG_ADDR)
			return obj_fail(b, "prog '%s': unexpected relocation for insn %u", f->name, i);
		if (r && r->type == OBJ_RELO_CALL)
			sub_insn = r->sym_off / OBJ_INSN_SZ + (size_t)((long)insn->imm + 1);
		else if (r)
			sub_insn = (size_t)((long)r->sym_off + insn->imm) / OBJ_INSN_SZ;
		else if (!call)
			return obj_fail(b, "prog '%s': missing subprogram address relocation for insn %u",
					f->name, i);
		else
			sub_insn = f->sec_insn_off + i + (size_t)((long)insn->imm + 1);
		sub = b->text_shndx ? obj_find_func(b, b->text_shndx, sub_insn) : NULL;
		if (!sub)
			return obj_fail(b, "prog '%s': insn %u calls into .text offset %zu where no function is",
					f->name, i, sub_insn);
		if (sub->sub_insn_off == 0) {
			if (append_code(l, sub) || reloc_code(l, sub))
				return -1;
		}
		insn = &l->insns[f->sub_insn_off + i]; /* may have moved */
		insn->imm = (int)sub->sub_insn_off - (int)(f->sub_insn_off + i) - 1;
		ref = add_ref(l, f->sub_insn_off + i, call ? SIM_REF_CALL : SIM_REF_FUNC_ADDR);
		if (!ref)
			return -1;
		ref->subprog = sub->subprog_idx;
		ref->name = sub->name;
	}
	return 0;
}

/* mirrors bpf_prog_assign_exc_cb(): a main program tagged
 * "exception_callback:<name>" gets that subprogram appended too */
static struct obj_func *exception_callback(struct link *l)
{
	const struct btf *btf = l->b->btf;
	static const char tag[] = "exception_callback:";

	if (!btf)
		return NULL;
	for (unsigned i = 1; i < btf__type_cnt(btf); i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *fn;
		const char *name;

		if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
			continue;
		name = btf__name_by_offset(btf, t->name_off);
		if (strncmp(name, tag, sizeof(tag) - 1))
			continue;
		fn = btf__type_by_id(btf, t->type);
		if (!fn || !btf_is_func(fn) ||
		    strcmp(btf__name_by_offset(btf, fn->name_off), l->main->name))
			continue;
		return obj_find_func_by_name(l->b, name + sizeof(tag) - 1);
	}
	return NULL;
}

/* mirrors bpf_object__relocate_data() */
static int relocate_data(struct link *l)
{
	struct obj_build *b = l->b;

	for (size_t i = 0; i < l->nrelos; i++) {
		const struct obj_relo *r = l->relos[i].r;
		struct bpf_insn *insn = &l->insns[l->relos[i].insn];
		const struct obj_extern *e = r->ext >= 0 ? &b->exts[r->ext] : NULL;
		struct sim_insn_ref *ref = NULL;

		switch (r->type) {
		case OBJ_RELO_LD64:
			insn[0].src_reg = BPF_PSEUDO_MAP_IDX;
			insn[0].imm = r->map;
			ref = add_ref(l, l->relos[i].insn, SIM_REF_MAP);
			if (ref)
				ref->map = r->map;
			break;
		case OBJ_RELO_DATA:
			insn[1].imm = insn[0].imm + (int)r->sym_off;
			if (r->map == obj_arena_map(b))   /* obj_arena.c */
				insn[1].imm += (int)obj_arena_data_off(b, r->map);
			insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
			insn[0].imm = r->map;
			ref = add_ref(l, l->relos[i].insn, SIM_REF_MAP_VALUE);
			if (ref) {
				ref->map = r->map;
				ref->off = (unsigned)insn[1].imm;
			}
			break;
		case OBJ_RELO_EXTERN_LD64:
			if (e->type == OBJ_EXT_KCFG) {
				if (b->kconfig_map < 0)
					return obj_fail(b, "extern (kcfg) '%s': no .kconfig map", e->name);
				insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
				insn[0].imm = b->kconfig_map;
				insn[1].imm = (int)e->kcfg_off;
				ref = add_ref(l, l->relos[i].insn, SIM_REF_KCONFIG);
				if (ref) {
					ref->map = b->kconfig_map;
					ref->off = e->kcfg_off;
				}
			} else if (e->is_set) {
				insn[0].src_reg = BPF_PSEUDO_BTF_ID;
				insn[0].imm = (int)e->kernel_btf_id;
				insn[1].imm = 0; /* vmlinux, not a module */
				ref = add_ref(l, l->relos[i].insn, SIM_REF_KSYM);
				if (ref)
					ref->btf_id = e->kernel_btf_id;
			} else { /* unresolved weak ksym: address 0 */
				insn[0].imm = 0;
				insn[1].imm = 0;
				ref = add_ref(l, l->relos[i].insn, SIM_REF_KSYM_MISSING);
			}
			break;
		case OBJ_RELO_EXTERN_CALL:
			insn[0].src_reg = BPF_PSEUDO_KFUNC_CALL;
			if (e->is_set) {
				insn[0].imm = (int)e->kernel_btf_id;
				insn[0].off = (__s16)e->btf_fd_idx;
				ref = add_ref(l, l->relos[i].insn, SIM_REF_KFUNC);
				if (ref)
					ref->btf_id = e->kernel_btf_id;
			} else { /* mirrors poison_kfunc_call() */
				insn[0].code = BPF_JMP | BPF_CALL;
				insn[0].dst_reg = insn[0].src_reg = 0;
				insn[0].off = 0;
				insn[0].imm = OBJ_POISON_CALL_KFUNC_BASE + r->ext;
				ref = add_ref(l, l->relos[i].insn, SIM_REF_KFUNC_MISSING);
			}
			break;
		case OBJ_RELO_INSN_ARRAY: {
			/* bpf_object__relocate_data(): a PSEUDO_MAP_VALUE load
			 * of the table's map; insn[1].imm (the offset) kept */
			int map = obj_jumptable_map(b, r, l->first_map);

			if (map < 0)
				return -1;
			insn[0].src_reg = BPF_PSEUDO_MAP_IDX_VALUE;
			insn[0].imm = map;
			insn[0].off = 0;
			ref = add_ref(l, l->relos[i].insn, SIM_REF_MAP_VALUE);
			if (ref) {
				ref->map = map;
				ref->off = (unsigned)insn[1].imm;
				ref->name = b->obj->maps[map].name;
			}
			break;
		}
		case OBJ_RELO_SUBPROG_ADDR:
			if (insn[0].src_reg != BPF_PSEUDO_FUNC)
				return obj_fail(b, "prog '%s': bad subprogram address insn %u",
						l->main->name, l->relos[i].insn);
			continue;
		case OBJ_RELO_CALL:
			continue;
		case OBJ_RELO_CORE:
			ref = add_ref(l, l->relos[i].insn, SIM_REF_NONE);
			if (ref) {
				ref->core = true;
				ref->core_poisoned = r->core_poisoned;
				if (r->core_spec && !(ref->core_spec = strdup(r->core_spec)))
					return obj_fail(b, "out of memory");
			}
			break;
		}
		if (!ref)
			return -1;
		if (e)
			ref->name = e->name;
		else if (r->map >= 0)
			ref->name = b->obj->maps[r->map].name;
	}
	return 0;
}

static int cmp_refs(const void *pa, const void *pb)
{
	const struct sim_insn_ref *a = pa, *c = pb;

	if (a->insn != c->insn)
		return a->insn < c->insn ? -1 : 1;
	return (a->kind == SIM_REF_NONE) - (c->kind == SIM_REF_NONE);
}

/* one ref per instruction: a CO-RE mark folds into the other reference */
static void merge_refs(struct link *l)
{
	size_t out = 0;

	if (l->nrefs)
		qsort(l->refs, l->nrefs, sizeof(*l->refs), cmp_refs);
	for (size_t i = 0; i < l->nrefs; i++) {
		if (out && l->refs[out - 1].insn == l->refs[i].insn) {
			l->refs[out - 1].core |= l->refs[i].core;
			l->refs[out - 1].core_poisoned |= l->refs[i].core_poisoned;
			if (!l->refs[out - 1].core_spec)
				l->refs[out - 1].core_spec = l->refs[i].core_spec;
			else
				free(l->refs[i].core_spec);
			continue;
		}
		l->refs[out++] = l->refs[i];
	}
	l->nrefs = out;
}

/* BTF FUNC id and linkage of each subprogram, from its func_info record;
 * hidden global functions count as static, as libbpf marks them
 * (mark_btf_static in bpf_object__add_programs()). */
static void name_subprogs(struct link *l)
{
	for (size_t s = 0; s < l->nsubs; s++) {
		struct sim_subprog *sp = &l->subs[s];
		const struct obj_func *f = obj_find_func_by_name(l->b, sp->name);

		for (size_t i = 0; i < l->nfinfo; i++) {
			const struct btf_type *t;

			if (l->finfo[i].insn_off != sp->start)
				continue;
			sp->btf_id = l->finfo[i].type_id;
			t = l->b->btf ? btf__type_by_id(l->b->btf, sp->btf_id) : NULL;
			sp->global = t && btf_is_func(t) && btf_vlen(t) == BTF_FUNC_GLOBAL &&
				     !(f && f->hidden);
		}
	}
}

static int lines_from_linfo(struct link *l, struct sim_prog *prog)
{
	const struct btf *btf = l->b->btf;

	if (!l->nlinfo)
		return 0;
	prog->lines = calloc(l->nlinfo, sizeof(*prog->lines));
	if (!prog->lines)
		return obj_fail(l->b, "out of memory");
	for (size_t i = 0; i < l->nlinfo; i++) {
		const struct bpf_line_info *li = &l->linfo[i];
		struct sim_line *sl = &prog->lines[i];

		sl->insn = li->insn_off;
		sl->file = btf__name_by_offset(btf, li->file_name_off);
		sl->text = btf__name_by_offset(btf, li->line_off);
		sl->line = BPF_LINE_INFO_LINE_NUM(li->line_col);
		sl->col = BPF_LINE_INFO_LINE_COL(li->line_col);
		if (!sl->file)
			sl->file = "";
		if (!sl->text)
			sl->text = "";
	}
	prog->nr_lines = l->nlinfo;
	return 0;
}

int obj_link_prog(struct obj_build *b, struct sim_prog *prog)
{
	struct link l = { .b = b, .main = &b->funcs[prog->func], .first_map = b->obj->nr_maps };
	struct obj_func *cb;
	int err = -1;

	/* mirrors bpf_object__relocate_calls(): every subprogram unplaced */
	for (size_t i = 0; i < b->nr_funcs; i++)
		b->funcs[i].sub_insn_off = 0;
	if (append_code(&l, l.main) || reloc_code(&l, l.main))
		goto out;
	cb = exception_callback(&l);
	if (cb && cb->is_subprog && cb->sub_insn_off == 0 && (append_code(&l, cb) || reloc_code(&l, cb)))
		goto out;
	if (relocate_data(&l))
		goto out;
	merge_refs(&l);
	name_subprogs(&l);
	if (lines_from_linfo(&l, prog))
		goto out;
	prog->insns = l.insns;
	prog->insn_cnt = l.cnt;
	prog->subprogs = l.subs;
	prog->nr_subprogs = l.nsubs;
	prog->refs = l.refs;
	prog->nr_refs = l.nrefs;
	prog->func_info = l.finfo;
	prog->nr_func_info = l.nfinfo;
	l.insns = NULL;
	l.subs = NULL;
	l.refs = NULL;
	l.finfo = NULL;
	err = 0;
out:
	free(l.insns);
	free(l.relos);
	free(l.subs);
	free(l.refs);
	free(l.finfo);
	free(l.linfo);
	return err;
}

void obj_prog_free(struct sim_prog *prog)
{
	free(prog->insns);
	free(prog->subprogs);
	for (size_t i = 0; i < prog->nr_refs; i++)
		free(prog->refs[i].core_spec);
	free(prog->refs);
	free(prog->lines);
	free(prog->func_info);
	free(prog->attach_target);
	free(prog->load_error);
}
