/* Global subprograms' arguments (sim/global_args.c): the decl-tag scan,
 * btf_prepare_func_args()'s argument kinds and refusals,
 * btf_check_func_arg_match() at each call and the callee's starting
 * registers, on small programs whose BTF (and kernel BTF) is built here;
 * then do_check_subprogs()'s per-context verification and the packet
 * rules on the kernel's own selftests (build/corpus/, answers recorded
 * from the real 7.3 kernel in tests/faithfulness/kernel/corpus/; a
 * missing corpus object skips its test).
 *
 * The synthetic programs are SCHED_CLS programs:
 *
 *   0..n-1: set up R1            (per case)
 *   n:      call g               (a global function)
 *   n+1:    r0 = 0               (r1 = r0 when the case reads R0)
 *   n+2:    exit
 *   n+3:    g: r2 = r1; r0 = 0; exit
 *
 * with g's one parameter of a type and tags each case picks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <bpf/btf.h>

#include "global_args.h"
#include "object.h"
#include "print.h"
#include "trace.h"
#include "verifier.h"

#define I(c, d, s, o, i) ((struct bpf_insn){ .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_IMM(d, i) I(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define MOV64_REG(d, s) I(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define ADD64_IMM(d, i) I(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define JEQ_IMM(d, i, o) I(BPF_JMP | BPF_JEQ | BPF_K, d, 0, o, i)
#define CALL_PC(off) I(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, off)
#define EXIT() I(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* the kernel BTF of these programs: struct task_struct, two structs
 * "dup" and "dup___v2" (ambiguous for a local "dup"), and the
 * bpf_ctx_convert member naming SCHED_CLS's context struct __sk_buff */
static struct btf *kernel_btf(void)
{
	static struct btf *k;
	int i32, task, skb, conv;

	if (k)
		return k;
	k = btf__new_empty();
	assert_non_null(k);
	i32 = btf__add_int(k, "int", 4, BTF_INT_SIGNED);
	task = btf__add_struct(k, "task_struct", 4);
	btf__add_field(k, "pid", i32, 0, 0);
	btf__add_struct(k, "dup", 4);
	btf__add_field(k, "a", i32, 0, 0);
	btf__add_struct(k, "dup___v2", 4);
	btf__add_field(k, "a", i32, 0, 0);
	skb = btf__add_struct(k, "__sk_buff", 4);
	btf__add_field(k, "len", i32, 0, 0);
	conv = btf__add_struct(k, "bpf_ctx_convert", 4);
	btf__add_field(k, "BPF_PROG_TYPE_SCHED_CLS_prog", skb, 0, 0);
	assert_true(i32 > 0 && task > 0 && skb > 0 && conv > 0);
	return k;
}

/* the parameter types a case may give g */
enum ptype {
	P_INT,         /* int */
	P_INT_PTR,     /* int * */
	P_VOID_PTR,    /* void * */
	P_TASK_PTR,    /* struct task_struct * (matches the kernel's) */
	P_FLAVOR_PTR,  /* struct task_struct___local * */
	P_NOMATCH_PTR, /* struct nomatch * (no kernel struct) */
	P_DUP_PTR,     /* struct dup * (two kernel candidates) */
	P_SKB_PTR,     /* struct __sk_buff * (the context by name) */
	P_XDP_PTR,     /* struct xdp_md * (not this program's context) */
};

struct gcase {
	enum ptype ptype;
	const char *tags[2];        /* "arg:..." decl tags on the parameter */
	bool ret_ptr;               /* g returns int * */
	bool ret_void;              /* g returns void */
	bool read_r0;               /* main reads R0 after the call */
	struct bpf_insn setup[3];   /* R1 before the call */
	int nsetup;
};

/* the program BTF: FUNC main(struct __sk_buff *) and FUNC g(<ptype>) */
static struct btf *prog_btf(const struct gcase *c)
{
	struct btf *b = btf__new_empty();
	int i32, ip, vp, task, flavor, nomatch, dup, skb, xdp, pt, proto, g, mproto, skbp;

	assert_non_null(b);
	i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	ip = btf__add_ptr(b, i32);
	vp = btf__add_ptr(b, 0);
	task = btf__add_struct(b, "task_struct", 4);
	btf__add_field(b, "pid", i32, 0, 0);
	flavor = btf__add_struct(b, "task_struct___local", 0);
	nomatch = btf__add_struct(b, "nomatch", 0);
	dup = btf__add_struct(b, "dup", 0);
	skb = btf__add_struct(b, "__sk_buff", 4);
	btf__add_field(b, "len", i32, 0, 0);
	xdp = btf__add_struct(b, "xdp_md", 4);
	btf__add_field(b, "data", i32, 0, 0);
	skbp = btf__add_ptr(b, skb);
	switch (c->ptype) {
	case P_INT: pt = i32; break;
	case P_INT_PTR: pt = ip; break;
	case P_VOID_PTR: pt = vp; break;
	case P_TASK_PTR: pt = btf__add_ptr(b, task); break;
	case P_FLAVOR_PTR: pt = btf__add_ptr(b, flavor); break;
	case P_NOMATCH_PTR: pt = btf__add_ptr(b, nomatch); break;
	case P_DUP_PTR: pt = btf__add_ptr(b, dup); break;
	case P_SKB_PTR: pt = skbp; break;
	case P_XDP_PTR: pt = btf__add_ptr(b, xdp); break;
	default: pt = -1;
	}
	mproto = btf__add_func_proto(b, i32);
	btf__add_func_param(b, "ctx", skbp);
	btf__add_func(b, "main", BTF_FUNC_GLOBAL, mproto);
	proto = btf__add_func_proto(b, c->ret_ptr ? ip : c->ret_void ? 0 : i32);
	btf__add_func_param(b, "p", pt);
	g = btf__add_func(b, "g", BTF_FUNC_GLOBAL, proto);
	for (int i = 0; i < 2 && c->tags[i]; i++)
		assert_true(btf__add_decl_tag(b, c->tags[i], g, 0) > 0);
	assert_true(pt > 0 && g > 0);
	return b;
}

struct run {
	struct sim_trace *t;
	struct btf *btf;
	struct bpf_insn insns[16];
	struct sim_subprog_view subs[2];
	char *log;
	int call_insn;
};

static void run_case(const struct gcase *c, int level, struct run *r)
{
	struct sim_verify_opts o = { .log_level = level };
	struct sim_strbuf sb = { 0 };
	struct sim_out out = sim_strbuf_out(&sb);
	struct sim_prog_view v;
	int n = 0;

	memset(r, 0, sizeof(*r));
	r->btf = prog_btf(c);
	for (int i = 0; i < c->nsetup; i++)
		r->insns[n++] = c->setup[i];
	r->call_insn = n;
	r->insns[n++] = CALL_PC(2);
	r->insns[n++] = c->read_r0 ? MOV64_REG(1, 0) : MOV64_IMM(0, 0);
	r->insns[n++] = EXIT();
	r->subs[0] = (struct sim_subprog_view){ .start = 0, .name = "main" };
	r->subs[1] = (struct sim_subprog_view){ .start = n, .name = "g", .global = true };
	r->insns[n++] = MOV64_REG(2, 1);   /* reads R1: printed at entry */
	r->insns[n++] = MOV64_IMM(0, 0);
	r->insns[n++] = EXIT();
	v = (struct sim_prog_view){ .name = "main", .insns = r->insns, .insn_cnt = n,
				    .prog_type = BPF_PROG_TYPE_SCHED_CLS, .btf = r->btf,
				    .vmlinux_btf = kernel_btf(), .subprogs = r->subs,
				    .subprog_cnt = 2 };
	r->t = sim_verify_view(&v, &o);
	assert_non_null(r->t);
	sim_trace_print_log(r->t, level, &out);
	r->log = strdup(sb.buf ? sb.buf : "");
	sim_strbuf_free(&sb);
}

static void end_run(struct run *r)
{
	sim_trace_free(r->t);
	btf__free(r->btf);
	free(r->log);
}

static void expect_log(const struct run *r, const char *text)
{
	if (!strstr(r->log, text))
		fail_msg("log lacks \"%s\":\n%s", text, r->log);
}

static void expect_accepted(const struct gcase *c, const char *log_text)
{
	struct run r;

	run_case(c, 2, &r);
	if (sim_trace_verdict(r.t) != SIM_ACCEPTED)
		fail_msg("verdict %d (%s), expected accepted:\n%s", sim_trace_verdict(r.t),
			 sim_trace_error(r.t) ? sim_trace_error(r.t) : "-", r.log);
	expect_log(&r, "Validating g() func#1...");
	if (log_text)
		expect_log(&r, log_text);
	end_run(&r);
}

/* rejected at the call; @error the error line, @log_text a line before it */
static void expect_rejected(const struct gcase *c, const char *error, const char *log_text)
{
	struct run r;

	run_case(c, 2, &r);
	if (sim_trace_verdict(r.t) != SIM_REJECTED)
		fail_msg("verdict %d (%s), expected rejected:\n%s", sim_trace_verdict(r.t),
			 sim_trace_error(r.t) ? sim_trace_error(r.t) : "-", r.log);
	assert_string_equal(sim_trace_error(r.t), error);
	assert_int_equal(sim_trace_error_insn(r.t), r.call_insn);
	if (log_text)
		expect_log(&r, log_text);
	/* a rejected call: the callee is never verified */
	assert_null(strstr(r.log, "Validating g()"));
	end_run(&r);
}

#define R1_IMM(i) .setup = { MOV64_IMM(1, i) }, .nsetup = 1
#define R1_FP .setup = { MOV64_REG(1, 10) }, .nsetup = 1
#define CALLER_PASSES "Caller passes invalid args into func#1 ('g')"

/* btf_scan_decl_tags(): the "arg:" tags of one parameter, as a mask */
static void test_arg_tag_scan(void **state)
{
	struct btf *b = btf__new_empty();
	int i32, proto, f, f2;

	(void)state;
	i32 = btf__add_int(b, "int", 4, BTF_INT_SIGNED);
	proto = btf__add_func_proto(b, i32);
	btf__add_func_param(b, "a", i32);
	btf__add_func_param(b, "b", i32);
	f = btf__add_func(b, "f", BTF_FUNC_GLOBAL, proto);
	f2 = btf__add_func(b, "f2", BTF_FUNC_GLOBAL, proto);
	btf__add_decl_tag(b, "arg:trusted", f, 0);
	btf__add_decl_tag(b, "arg:nullable", f, 0);
	btf__add_decl_tag(b, "other", f, 0);        /* not an arg: tag */
	btf__add_decl_tag(b, "arg:ctx", f, 1);
	btf__add_decl_tag(b, "arg:bogus", f2, 1);
	btf__add_decl_tag(b, "arg:arena", f2, -1);  /* on the function */
	assert_int_equal(sim_btf_arg_tags(b, (uint32_t)f, 0),
			 SIM_ARG_TAG_TRUSTED | SIM_ARG_TAG_NULLABLE);
	assert_int_equal(sim_btf_arg_tags(b, (uint32_t)f, 1), SIM_ARG_TAG_CTX);
	assert_int_equal(sim_btf_arg_tags(b, (uint32_t)f2, 0), 0);
	assert_int_equal(sim_btf_arg_tags(b, (uint32_t)f2, 1), SIM_ARG_TAG_UNKNOWN);
	btf__free(b);
}

/* btf_check_func_arg_match(): ARG_ANYTHING and generic memory */
static void test_scalar_and_memory_args(void **state)
{
	const struct gcase scalar_ok = { .ptype = P_INT, R1_IMM(7) };
	const struct gcase scalar_bad = { .ptype = P_INT, R1_FP };
	const struct gcase mem_null = { .ptype = P_INT_PTR, R1_IMM(0) };
	const struct gcase mem_nonnull_null = { .ptype = P_INT_PTR, .tags = { "arg:nonnull" },
						R1_IMM(0) };
	const struct gcase mem_void = { .ptype = P_VOID_PTR, R1_IMM(0) };

	(void)state;
	expect_accepted(&scalar_ok, "R1=scalar()");
	expect_rejected(&scalar_bad, CALLER_PASSES, "R1 is not a scalar\n");
	/* a NULL register is marked precise (check_mem_reg()) */
	expect_accepted(&mem_null, "R1=mem_or_null(id=1,sz=4)");
	expect_rejected(&mem_nonnull_null, CALLER_PASSES, "R1 is expected to be non-NULL\n");
	expect_rejected(&mem_void, CALLER_PASSES,
			"arg#0 reference type('UNKNOWN ') size cannot be determined: -22\n");
}

/* arg:trusted (btf_get_ptr_to_btf_id(), check_reg_type()) */
static void test_trusted_args(void **state)
{
	const struct gcase nonnull_null = { .ptype = P_TASK_PTR, .tags = { "arg:trusted" },
					    R1_IMM(0) };
	const struct gcase nullable_null = { .ptype = P_TASK_PTR,
					     .tags = { "arg:trusted", "arg:nullable" }, R1_IMM(0) };
	const struct gcase flavor = { .ptype = P_FLAVOR_PTR,
				      .tags = { "arg:trusted", "arg:nullable" }, R1_IMM(0) };
	const struct gcase stack = { .ptype = P_TASK_PTR, .tags = { "arg:trusted" }, R1_FP };
	const struct gcase with_nonnull = { .ptype = P_TASK_PTR,
					    .tags = { "arg:trusted", "arg:nonnull" }, R1_IMM(0) };

	(void)state;
	/* the error line is the type mismatch, which a "Verification
	 * failed:" block follows; the "Caller passes" line comes after */
	expect_rejected(&nonnull_null, "R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_",
			CALLER_PASSES "\n");
	expect_rejected(&stack, "R1 type=fp expected=ptr_, trusted_ptr_, rcu_ptr_", NULL);
	expect_accepted(&nullable_null, "R1=trusted_ptr_or_null_task_struct(id=1)");
	expect_accepted(&nullable_null, "mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 0");
	/* the local flavor task_struct___local names the kernel's task_struct */
	expect_accepted(&flavor, "R1=trusted_ptr_or_null_task_struct(id=1)");
	expect_rejected(&with_nonnull, CALLER_PASSES, "arg#0 has invalid combination of tags\n");
}

/* arg:untrusted and the kernel-type lookup's refusals */
static void test_untrusted_args(void **state)
{
	const struct gcase void_mem = { .ptype = P_VOID_PTR, .tags = { "arg:untrusted" },
					R1_IMM(42) };
	const struct gcase task_any = { .ptype = P_TASK_PTR, .tags = { "arg:untrusted" }, R1_FP };
	const struct gcase no_match = { .ptype = P_NOMATCH_PTR, .tags = { "arg:untrusted" },
					R1_IMM(0) };
	const struct gcase ambiguous = { .ptype = P_DUP_PTR, .tags = { "arg:trusted" }, R1_IMM(0) };
	const struct gcase combined = { .ptype = P_TASK_PTR,
					.tags = { "arg:untrusted", "arg:nullable" }, R1_IMM(0) };

	(void)state;
	expect_accepted(&void_mem, "R1=rdonly_untrusted_mem(sz=0)");
	expect_accepted(&task_any, "R1=untrusted_ptr_task_struct(id=1)");
	expect_rejected(&no_match, CALLER_PASSES,
			"arg#0 reference type('STRUCT nomatch') has no matches\n");
	expect_rejected(&ambiguous, CALLER_PASSES, "arg#0 reference type('STRUCT dup') is ambiguous\n");
	expect_rejected(&combined, CALLER_PASSES,
			"arg#0 untrusted cannot be combined with any other tags\n");
}

/* the context: by name (btf_is_prog_ctx_type() through bpf_ctx_convert)
 * or tagged arg:ctx (btf_validate_prog_ctx_type()) */
static void test_ctx_args(void **state)
{
	const struct gcase ctx_ok = { .ptype = P_SKB_PTR };
	const struct gcase ctx_scalar = { .ptype = P_SKB_PTR, R1_IMM(0) };
	const struct gcase ctx_moved = { .ptype = P_SKB_PTR, .setup = { ADD64_IMM(1, 4) }, .nsetup = 1 };
	const struct gcase tagged_wrong = { .ptype = P_XDP_PTR, .tags = { "arg:ctx" } };
	const struct gcase tagged_void = { .ptype = P_VOID_PTR, .tags = { "arg:ctx" } };
	/* struct xdp_md is no context of tc: user memory of its size */
	const struct gcase other_struct = { .ptype = P_XDP_PTR, R1_IMM(0) };

	(void)state;
	expect_accepted(&ctx_ok, "R1=ctx() R10=fp0");
	expect_rejected(&ctx_scalar, CALLER_PASSES, "R1 expects pointer to ctx\n");
	expect_rejected(&ctx_moved, CALLER_PASSES,
			"dereference of modified ctx ptr R1 off=4 disallowed\n");
	expect_rejected(&tagged_wrong, CALLER_PASSES, "arg#0 should be `struct __sk_buff *`\n");
	expect_accepted(&tagged_void, "R1=ctx() R10=fp0");
	expect_accepted(&other_struct, "R1=mem_or_null(id=1,sz=4)");
}

/* btf_prepare_func_args()'s other refusals */
static void test_prototype_refusals(void **state)
{
	const struct gcase unknown_tag = { .ptype = P_INT_PTR, .tags = { "arg:bogus" }, R1_IMM(0) };
	const struct gcase tag_on_int = { .ptype = P_INT, .tags = { "arg:nonnull" }, R1_IMM(0) };
	const struct gcase arena_plus = { .ptype = P_INT_PTR, .tags = { "arg:arena", "arg:nonnull" },
					  R1_IMM(0) };
	const struct gcase nullable_mem = { .ptype = P_INT_PTR, .tags = { "arg:nullable" },
					    R1_IMM(0) };
	const struct gcase ret_ptr = { .ptype = P_INT, .ret_ptr = true, R1_IMM(0) };

	(void)state;
	expect_rejected(&unknown_tag, CALLER_PASSES, "arg#0 has unsupported set of tags\n");
	expect_rejected(&tag_on_int, CALLER_PASSES,
			"arg#0 has pointer tag, but is not a pointer type\n");
	expect_rejected(&arena_plus, CALLER_PASSES,
			"arg#0 arena cannot be combined with any other tags\n");
	expect_rejected(&nullable_mem, CALLER_PASSES, "arg#0 has invalid combination of tags\n");
	expect_rejected(&ret_ptr, CALLER_PASSES,
			"Global function g() return value not void or scalar. Only those are supported.\n");
}

/* check_func_call(): a non-void global function returns a scalar, a void
 * one leaves R0 unreadable; check_global_subprog_return_code() does not
 * look at a void function's R0 */
static void test_void_return(void **state)
{
	const struct gcase int_ret = { .ptype = P_INT, R1_IMM(0), .read_r0 = true };
	const struct gcase void_ret = { .ptype = P_INT, R1_IMM(0), .ret_void = true };
	const struct gcase void_read = { .ptype = P_INT, R1_IMM(0), .ret_void = true, .read_r0 = true };
	struct run r;

	(void)state;
	expect_accepted(&int_ret, "Func#1 ('g') is global and assumed valid.\n2: R0=scalar()\n");
	expect_accepted(&void_ret, "Func#1 ('g') is global and assumed valid.\n2:\n");
	run_case(&void_read, 1, &r);
	assert_int_equal(sim_trace_verdict(r.t), SIM_REJECTED);
	assert_string_equal(sim_trace_error(r.t), "R0 !read_ok");
	assert_int_equal(sim_trace_error_insn(r.t), r.call_insn + 1);
	end_run(&r);
}

/* do_check_subprogs(): only a global function some call reached is
 * verified; a call the dead-branch pass removed leaves it unverified */
static void test_uncalled_global_not_verified(void **state)
{
	const struct gcase dead = {
		.ptype = P_INT,
		.setup = { MOV64_IMM(1, 0), JEQ_IMM(1, 0, 1) },
		.nsetup = 2,
	};
	struct run r;

	(void)state;
	/* 0: r1 = 0; 1: if r1 == 0 goto 3; 2: call g; 3: r0 = 0; 4: exit */
	run_case(&dead, 2, &r);
	if (sim_trace_verdict(r.t) != SIM_ACCEPTED)
		fail_msg("rejected: %s\n%s", sim_trace_error(r.t), r.log);
	assert_null(strstr(r.log, "Validating g()"));
	end_run(&r);
}

/* ---- the kernel's selftests ---------------------------------------------- */

struct kcase {
	const char *prog;
	enum sim_verdict verdict;
	const char *error; /* the kernel's error line; NULL when accepted */
	int error_insn;
	const char *log_text; /* a line of the kernel's level-2 log, or NULL */
	int validations;      /* "Validating" lines the kernel printed, -1: any */
};

static const char *corpus_path(const char *name)
{
	static char path[512];
	const char *build = getenv("VERISTEP_BUILD");

	snprintf(path, sizeof(path), "%s/corpus/%s.bpf.o", build ? build : "build", name);
	return path;
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void run_corpus(const char *object, const struct kcase *cases, size_t n)
{
	char err[256] = "";
	struct sim_object *obj;

	if (access(corpus_path(object), R_OK)) {
		skip();
		return;
	}
	obj = sim_object_open(corpus_path(object), NULL, err, sizeof(err));
	if (!obj)
		fail_msg("%s: %s", object, err);
	for (size_t i = 0; i < n; i++) {
		const struct kcase *c = &cases[i];
		const struct sim_prog *prog = sim_object_find_prog(obj, c->prog);
		struct sim_verify_opts opts = { .log_level = 2 };
		struct sim_strbuf sb = { 0 };
		struct sim_out out = sim_strbuf_out(&sb);
		struct sim_trace *t;

		if (!prog)
			fail_msg("%s: no such program", c->prog);
		t = sim_verify_object_prog(obj, prog, &opts);
		assert_non_null(t);
		sim_trace_print_log(t, 2, &out);
		if (sim_trace_verdict(t) != c->verdict)
			fail_msg("%s: verdict %d, expected %d (%s)", c->prog, sim_trace_verdict(t),
				 c->verdict, sim_trace_error(t) ? sim_trace_error(t) : "-");
		if (c->error) {
			assert_string_equal(sim_trace_error(t), c->error);
			assert_int_equal(sim_trace_error_insn(t), c->error_insn);
		}
		if (c->log_text && !strstr(sb.buf ? sb.buf : "", c->log_text))
			fail_msg("%s: log lacks \"%s\"", c->prog, c->log_text);
		if (c->validations >= 0)
			assert_int_equal(count(sb.buf ? sb.buf : "", "Validating "), c->validations);
		sim_strbuf_free(&sb);
		sim_trace_free(t);
	}
	sim_object_close(obj);
}

/* verifier_global_ptr_args.c: trusted, untrusted and packet arguments */
static void test_selftest_ptr_args(void **state)
{
	static const struct kcase cases[] = {
		{ "null_btf_id_arg_global_subprog", SIM_REJECTED,
		  "R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_", 4,
		  "mark_precise: frame0: regs=r1 stack= before 3: (b7) r1 = 0", -1 },
		{ "trusted_task_arg_nonnull_fail1", SIM_REJECTED,
		  "R1 type=scalar expected=ptr_, trusted_ptr_, rcu_ptr_", 1,
		  "Caller passes invalid args into func#1 ('subprog_trusted_task_nonnull')", 0 },
		{ "trusted_task_arg_nonnull_fail2", SIM_REJECTED,
		  "R1 type=trusted_ptr_or_null_ expected=ptr_, trusted_ptr_, rcu_ptr_", 5, NULL, 0 },
		{ "untrusted_to_trusted", SIM_REJECTED,
		  "R1 type=untrusted_ptr_ expected=ptr_, trusted_ptr_, rcu_ptr_", 4,
		  "Validating subprog_untrusted2() func#1...", 1 },
		{ "untrusted_bad_type", SIM_REJECTED,
		  "Caller passes invalid args into func#1 ('subprog_untrusted_bad_type')", 4,
		  "arg#0 reference type('STRUCT local_type_wont_be_accepted') has no matches", 0 },
		{ "pkt_ptr_to_global_mem_arg_no_change", SIM_ACCEPTED, NULL, -1, NULL, 1 },
		{ "pkt_ptr_to_global_mem_arg_changes_data", SIM_REJECTED,
		  "Caller passes invalid args into func#1 ('subprog_pkt_ptr_changes_data')", 6,
		  "R2 is a packet pointer, but func#1 may change packet data", 0 },
		{ "trusted_task_arg_nullable", SIM_ACCEPTED, NULL, -1,
		  "mark_precise: frame0: last_idx 44 first_idx 41 subseq_idx -1", 2 },
	};

	(void)state;
	run_corpus("verifier_global_ptr_args", cases, sizeof(cases) / sizeof(cases[0]));
}

/* verifier_async_cb_context.c: a global function is verified once per
 * context it is called in (called[in_sleepable_context()]) */
static void test_selftest_contexts(void **state)
{
	static const struct kcase cases[] = {
		/* non-sleepable main, then unlocked in the sleepable wq
		 * callback: two contexts, two validations */
		{ "wq_global_no_rcu_prog", SIM_ACCEPTED, NULL, -1, NULL, 2 },
		/* the second context has no implicit RCU section */
		{ "wq_global_rcu_prog", SIM_REJECTED, "R1 must be a rcu pointer", 32, NULL, 1 },
		/* under bpf_rcu_read_lock() the callback's call is in the
		 * non-sleepable context the main program verified already */
		{ "wq_global_rcu_lock_prog", SIM_ACCEPTED, NULL, -1, NULL, 1 },
	};

	(void)state;
	run_corpus("verifier_async_cb_context", cases, sizeof(cases) / sizeof(cases[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arg_tag_scan),
		cmocka_unit_test(test_scalar_and_memory_args),
		cmocka_unit_test(test_trusted_args),
		cmocka_unit_test(test_untrusted_args),
		cmocka_unit_test(test_ctx_args),
		cmocka_unit_test(test_prototype_refusals),
		cmocka_unit_test(test_void_return),
		cmocka_unit_test(test_uncalled_global_not_verified),
		cmocka_unit_test(test_selftest_ptr_args),
		cmocka_unit_test(test_selftest_contexts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
