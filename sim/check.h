/* Internals shared by the verifier's check_*.c files: the environment of one
 * verification (the kernel's struct bpf_verifier_env, reduced to what the
 * simulator models) and the per-concern check functions. Not a public API:
 * the tracer and tests use verifier.h and trace.h. */
#ifndef VERISTEP_SIM_CHECK_H
#define VERISTEP_SIM_CHECK_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <linux/bpf.h>

#include "print.h"
#include "state.h"
#include "verifier.h"

struct sim_trace;
struct sim_liveness;
struct sim_subprog_info;

/* Return codes of a check, as do_check_insn()'s. Errors are negative. */
enum {
	SIM_OK = 0,
	SIM_PROCESS_EXIT = 1,  /* PROCESS_BPF_EXIT: path ended */
	SIM_IDX_UPDATED = 2,   /* INSN_IDX_UPDATED */
	SIM_E_UNSUPPORTED = -1000, /* not a kernel error: the simulator stops */
	SIM_E_BUG = -1001,
};

struct sim_pending {
	struct sim_state *st;
	int insn_idx;
	int prev_insn_idx;
	size_t log_pos;
	uint32_t path;         /* path id the popped state will get */
	uint32_t id_gen;       /* not restored on pop (kernel keeps counting) */
	uint64_t diag_pos;     /* diag_log_pos: the diagnostics event log's end */
};

/* mirrors struct bpf_verifier_state_list (states.c) */
struct sim_explored {
	struct sim_state *st;
	struct sim_explored *next, **pprev;
	uint32_t miss_cnt, hit_cnt;
	bool in_free_list;       /* evicted, freed when its branches end */
};

/* reg/stack scratch marks: what print_verifier_state() shows at level 1/2 */
struct sim_scratch {
	uint32_t regs;
	uint64_t stack;
};

/* mirrors struct bpf_jmp_history_entry; INSN_F_* flags as the kernel's */
enum {
	SIM_INSN_F_STACK_ACCESS = 1 << 0,
	SIM_INSN_F_DST_REG_STACK = 1 << 1,
	SIM_INSN_F_SRC_REG_STACK = 1 << 2,
};

struct sim_hist_entry {
	int32_t idx, prev_idx;
	uint32_t prev;          /* the entry before it (index + 1), 0: none */
	uint32_t flags;
	uint32_t spi, frame;
	uint64_t linked_regs;   /* packed as the kernel's linked_regs_pack() */
};

/* mirrors struct backtrack_state */
struct sim_bt {
	uint32_t frame;
	uint32_t reg_masks[SIM_MAX_FRAMES];
	uint64_t stack_masks[SIM_MAX_FRAMES];
};

struct sim_env {
	const struct sim_prog_view *p;
	const struct bpf_insn *insns;
	int insn_cnt;
	struct sim_state *cur;

	struct sim_pending *stack;
	int stack_size, stack_cap;
	struct sim_explored **explored; /* per insn */
	struct sim_explored *free_list; /* evicted checkpoints still referenced */
	uint32_t free_list_size;
	uint8_t *prune_point;
	uint8_t *jmp_point;
	uint32_t *states_per_insn;

	uint32_t id_gen;
	uint32_t insn_processed;
	uint32_t limit;
	int insn_idx;
	int prev_insn_idx;
	uint32_t subprog;          /* subprog being verified (globals: separately) */
	/* per subprogram (subprog_cnt entries, NULL until first needed): the
	 * bpf_subprog_info fields check_max_stack_depth() reads (stack_depth.c) */
	struct sim_subprog_info *subprog_info;

	/* statistics (the "processed ..." line) */
	uint32_t total_states, peak_states, cur_states, max_states_per_insn;
	uint32_t jmps_processed, prev_jmps_processed;
	uint32_t prev_insn_processed;
	bool test_state_freq;      /* prog_flags & BPF_F_TEST_STATE_FREQ */
	uint32_t nr_cpu_ids;          /* bounds get_smp_processor_id() */
	/* bpf_compute_live_registers() gave up: analyze_subprog() calls made */
	uint32_t liveness_calls_exceeded;
	/* what bpf_compute_live_registers() logs at level 2 while the
	 * simulator computes it up front (the arg tracking of
	 * stack_liveness.c), printed in bpf_check()'s order (log_preamble.c) */
	struct sim_strbuf liveness_log;
	/* per insn, insn_aux_data[].zext_dst of bpf_compute_live_registers():
	 * it defines a 32-bit subregister whose upper half is read later */
	uint8_t *zext_dst;

	/* log */
	int log_level;
	struct sim_strbuf log;
	size_t prev_log_pos;
	size_t prev_insn_print_pos;
	const struct sim_line_view *prev_linfo;
	struct sim_scratch scratch;
	bool all_scratched;

	/* result */
	enum sim_verdict verdict;
	char err[512];
	char last_line[512];
	int err_insn;

	/* trace */
	struct sim_trace *trace;
	uint32_t path;
	uint32_t next_path;
	bool replay;               /* materialising: no log, no trace, no pruning */
	int replay_next_insn;      /* replay: where the step after this one is */

	struct sim_reg fake_reg[2];

	/* precision tracking (backtrack.c): the jump-history pool every
	 * state's history lives in (entries are shared by copies of a state,
	 * like a persistent stack), the entry of the instruction being
	 * checked (kernel: cur_hist_ent) and the backtracking masks */
	struct sim_hist_entry *hist;
	uint32_t hist_len, hist_cap;
	uint32_t cur_hist_ent;       /* index + 1, 0: none yet at this insn */
	struct sim_bt bt;
	/* liveness (liveness.c): registers live before each instruction */
	uint16_t *live_regs_before;
	/* static passes before do_check(): CFG, constants, stack-slot
	 * liveness (stack_liveness.h) */
	struct sim_liveness *liveness;
	uint8_t *force_checkpoint;
	/* SCCs and SCC visits, for the log's "SCC ..." lines (scc.c) */
	struct sim_scc *scc;
	/* jump tables of gotox instructions (check_gotox.c), NULL if none */
	struct sim_gotox *gotox;
	/* the program's arena map (prog->aux->arena) and, per insn, the
	 * kernel's insn_aux needs_zext/prevent_zext bits (arena.c) */
	const struct sim_map_view *arena;
	uint8_t *arena_zext;
	/* per insn, the pointer type a load/store first went through
	 * (insn_aux_data[].ptr_type, save_aux_ptr_type(), check_mem.c);
	 * allocated on first use, 0 (NOT_INIT): none yet */
	uint32_t *aux_ptr_type;
	/* insn_aux_data[].loop_inline_state of bpf_loop calls (check_call.c),
	 * allocated at the first one */
	struct sim_loop_inline {
		bool initialized, fit_for_inline;
		int callback_subprog;
	} *loop_inline;
	/* per subprog, the kernel's func_info_aux called[2] / verified[2]
	 * of global functions (index: in a sleepable context) */
	uint8_t *global_ctx;
	/* the diagnostics event log of the path being walked (diag_history.c) */
	struct sim_diag *diag;
};
#define SIM_GLOBAL_CALLED(sleepable) (1u << (sleepable))
#define SIM_GLOBAL_VERIFIED(sleepable) (4u << (sleepable))

/* verifier.c */
void sim_verbose(struct sim_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* verbose() the kernel's error line and remember it as the error. */
int sim_reject(struct sim_env *env, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int sim_unsupported(struct sim_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
int sim_bug(struct sim_env *env, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool sim_logging(const struct sim_env *env);
/* mirrors verbose_linfo(): "; source @ file:line" when the line changes */
void sim_verbose_linfo(struct sim_env *env, int insn_idx, const char *prefix);
struct sim_state *sim_push_stack(struct sim_env *env, int insn_idx, int prev_insn_idx);
/* mirrors bpf_verbose_insn() followed by "\n" */
void sim_verbose_insn(struct sim_env *env, const struct bpf_insn *insn, const struct sim_out *out);
/* mirrors bpf_verbose_insn(): the instruction text, no newline */
void sim_verbose_insn_text(struct sim_env *env, const struct bpf_insn *insn, const struct sim_out *out);
/* mirrors bpf_vlog_alignment(): the padding after @pos characters */
unsigned sim_vlog_alignment(size_t pos);
void sim_print_insn_state(struct sim_env *env);
static inline struct sim_reg *sim_cur_regs(struct sim_env *env)
{
	return sim_cur_frame(env->cur)->regs;
}
static inline void sim_mark_reg_scratched(struct sim_env *env, int regno)
{
	env->scratch.regs |= 1u << regno;
}
static inline void sim_mark_stack_scratched(struct sim_env *env, int spi)
{
	env->scratch.stack |= 1ull << spi;
}

enum sim_reg_arg { SIM_SRC_OP, SIM_DST_OP, SIM_DST_OP_NO_MARK };
/* mirrors check_reg_arg() */
int sim_check_reg_arg(struct sim_env *env, int regno, enum sim_reg_arg t);
/* mirrors is_pointer_value() for a privileged loader: never "leaks" */
bool sim_is_pointer_value(struct sim_env *env, int regno);

/* check_alu.c */
int sim_check_alu_op(struct sim_env *env, const struct bpf_insn *insn);
void sim_mark_reg_unknown(struct sim_env *env, struct sim_reg *regs, int regno);

/* check_mem.c */
int sim_check_load(struct sim_env *env, const struct bpf_insn *insn);
int sim_check_store_reg(struct sim_env *env, const struct bpf_insn *insn);
int sim_check_store_imm(struct sim_env *env, const struct bpf_insn *insn);
int sim_check_atomic(struct sim_env *env, const struct bpf_insn *insn);
int sim_check_ld_imm(struct sim_env *env, const struct bpf_insn *insn);
/* check_ld_abs.c: mirrors check_ld_abs() (legacy packet access) */
int sim_check_ld_abs(struct sim_env *env, const struct bpf_insn *insn);
/* the has_ld_abs rule of check_btf_func()'s return type (before the field
 * checks); check_max_stack_depth()'s "within callback" is stack_depth.c */
int sim_check_ld_abs_subprogs(struct sim_env *env);
/* cfg_reach.c: bpf_check_cfg()'s unreachable / mid-ldimm64 scan */
int sim_check_cfg_reachable(struct sim_env *env);
/* check_call.c: clear_all_pkt_pointers() and the kfunc that needs it */
bool sim_kfunc_changes_pkt_data(const char *name);
/* is_ptr_cast_function(): helpers returning a cast of their socket argument */
bool sim_is_ptr_cast_function(int func_id);
void sim_clear_all_pkt_pointers(struct sim_state *st);
/* the verifier's limits on pointer offsets and memory sizes
 * (include/linux/bpf_verifier.h: BPF_MAX_VAR_OFF, BPF_MAX_VAR_SIZ) */
#define BPF_MAX_VAR_OFF (1 << 29)
#define BPF_MAX_VAR_SIZ (1 << 29)

/* check_attach.c: check_attach_btf_id()'s LSM hook policy */
int sim_check_attach_btf_id(struct sim_env *env);
/* liveness.c: the complexity limit of bpf_compute_live_registers() */
int sim_check_liveness_limit(struct sim_env *env);
/* subprog_topo.c: sort_subprogs_topo()'s recursion check (and its
 * level-2 "topo_order" lines) */
int sim_check_call_graph(struct sim_env *env);
/* exceptions.c: bpf_throw() */
int sim_throw_call(struct sim_env *env);
int sim_throw_exit(struct sim_env *env);
bool sim_is_throw_kfunc(const struct sim_env *env, const struct bpf_insn *insn);
/* stack_depth.c: mirrors grow_stack_state(): grows frame @f to @size bytes
 * and records the subprogram's stack_depth; -1 out of memory */
int sim_grow_stack(struct sim_env *env, struct sim_func *f, int size);
/* stack_depth.c: push_callback_call()'s is_cb / is_async_cb marks, taken
 * from the frame the walk is in (called once per processed insn) */
void sim_note_callback_frame(struct sim_env *env);
/* stack_depth.c: mirrors check_max_stack_depth(), after the walk */
int sim_check_max_stack_depth(struct sim_env *env);
void sim_stack_depth_free(struct sim_env *env);
/* subprog_topo.c: mirrors sort_subprogs_topo(): @order (subprog_cnt
 * entries, may be NULL) gets the subprograms callees first. Scans @lv's
 * postorder (NULL: each subprogram backwards). -EINVAL for a recursive
 * call (@cycle: caller and callee subprog), -EFAULT for a call to no
 * subprogram start (@cycle->from: the target), -ENOMEM. */
struct sim_topo_cycle {
	int from, to;
	int insn;               /* the call closing the cycle */
};
int sim_sort_subprogs_topo(const struct sim_env *env, const struct sim_liveness *lv, int *order,
			   struct sim_topo_cycle *cycle);
/* mirrors check_helper_mem_access(): @size bytes at @reg, read or written */
int sim_check_helper_mem_access(struct sim_env *env, int regno, int access_size,
				bool write, bool zero_size_allowed);
/* mirrors check_mem_access() */
int sim_check_mem_access(struct sim_env *env, int regno, int off, int size,
			 bool write, int value_regno, bool is_ldsx);
void sim_init_ctx_reg(struct sim_env *env, struct sim_reg *r);

/* check_jmp.c */
int sim_check_cond_jmp_op(struct sim_env *env, const struct bpf_insn *insn);
void sim_mark_ptr_or_null_regs(struct sim_state *st, uint32_t id, bool is_null);

/* check_call.c */
int sim_check_helper_call(struct sim_env *env, const struct bpf_insn *insn);
int sim_check_func_call(struct sim_env *env, const struct bpf_insn *insn);
int sim_check_kfunc_call(struct sim_env *env, const struct bpf_insn *insn);
int sim_prepare_func_exit(struct sim_env *env);
int sim_check_return_code(struct sim_env *env);
/* the same for R@regno (bpf_throw()'s R1) */
int sim_check_return_code_reg(struct sim_env *env, int regno);
int sim_check_resource_leak(struct sim_env *env, bool exception_exit, bool check_lock,
			    const char *prefix);
int sim_find_subprog(const struct sim_env *env, int insn_idx);

/* helpers.c: helper prototypes as the kernel's bpf_func_proto rows */
enum sim_arg_type {
	ARG_DONTCARE = 0,
	ARG_CONST_MAP_PTR,
	ARG_PTR_TO_MAP_KEY,
	ARG_PTR_TO_MAP_VALUE,
	ARG_PTR_TO_MEM,
	ARG_PTR_TO_ARENA,
	ARG_CONST_SIZE,
	ARG_CONST_SIZE_OR_ZERO,
	ARG_PTR_TO_CTX,
	ARG_ANYTHING,
	ARG_SCALAR,
	ARG_PTR_TO_SPIN_LOCK,
	ARG_PTR_TO_SOCK_COMMON,
	ARG_PTR_TO_SOCKET,
	ARG_PTR_TO_BTF_ID,
	ARG_PTR_TO_RINGBUF_MEM,
	ARG_CONST_ALLOC_SIZE_OR_ZERO,
	ARG_PTR_TO_BTF_ID_SOCK_COMMON,
	ARG_PTR_TO_PERCPU_BTF_ID,
	ARG_PTR_TO_FUNC,
	ARG_PTR_TO_STACK,
	ARG_PTR_TO_CONST_STR,
	ARG_PTR_TO_TIMER,
	ARG_KPTR_XCHG_DEST,
	ARG_PTR_TO_DYNPTR,
};

enum sim_ret_type {
	RET_INTEGER,
	RET_VOID,
	RET_PTR_TO_MAP_VALUE,
	RET_PTR_TO_SOCKET,
	RET_PTR_TO_TCP_SOCK,
	RET_PTR_TO_SOCK_COMMON,
	RET_PTR_TO_MEM,
	RET_PTR_TO_MEM_OR_BTF_ID,
	RET_PTR_TO_BTF_ID,
};

/* A prototype row. arg/ret types carry the kernel's flag bits
 * (PTR_MAYBE_NULL, MEM_RDONLY, MEM_UNINIT, MEM_WRITE, MEM_FIXED_SIZE,
 * OBJ_RELEASE, MEM_ALLOC, MEM_RINGBUF ...). */
struct sim_helper_proto {
	const char *name;
	uint32_t ret_type;
	uint32_t arg_type[5];
	int arg_size[5];         /* MEM_FIXED_SIZE sizes */
	bool pkt_access;
	bool might_sleep;
	bool changes_pkt_data;
	bool acquires;           /* is_acquire_function() */
	bool releases;           /* a release arg (OBJ_RELEASE) */
	bool ret_btf_id_task;    /* RET_PTR_TO_BTF_ID of struct task_struct */
	int ret_size;            /* RET_PTR_TO_MEM fixed size (per-cpu etc.) */
};

const struct sim_helper_proto *sim_helper_proto(int func_id);
const char *sim_helper_proto_name(int func_id);
/* Whether prog type @prog_type may call @func_id (mirrors get_func_proto). */
bool sim_helper_allowed(int func_id, uint32_t prog_type);

/* events.c: lab event lines, printed into the level-2 log and the trace */
void sim_event_acquire(struct sim_env *env, int ref_id, int insn);
void sim_event_release(struct sim_env *env, int ref_id, int insn);
void sim_event_non_owning(struct sim_env *env, int ref_id, const char *regs, int insn,
			  const char *kfunc);
void sim_event_invalidate(struct sim_env *env, const char *regs, int insn, const char *cause);
void sim_event_rcu_untrusted(struct sim_env *env, const char *regs, int insn,
			     const char *cause);
void sim_event_lock_acquire(struct sim_env *env, int id, int insn);
void sim_event_lock_release(struct sim_env *env, int id, int insn);
/* mirrors acquire_reference(): a new ref id, with its event */
int sim_acquire_reference(struct sim_env *env, int insn_idx, int parent_id);
/* mirrors release_reference(): drop ref @id, scrub registers holding it */
int sim_release_reference(struct sim_env *env, int id);

/* backtrack.c: precision tracking (kernel/bpf/backtrack.c) */
/* mirrors bpf_push_jmp_history() */
int sim_push_jmp_history(struct sim_env *env, struct sim_state *cur, uint32_t flags, uint32_t spi,
			 uint32_t frame, uint64_t linked_regs);
/* mirrors mark_chain_precision(): @regno of the current frame (-1: only
 * what env->bt already holds) must be precise in every parent state */
int sim_mark_chain_precision(struct sim_env *env, int regno);
int sim_mark_chain_precision_batch(struct sim_env *env, struct sim_state *starting_state);
/* mirrors bpf_mark_all_scalars_precise(): every scalar of @st's parents */
void sim_mark_all_scalars_precise(struct sim_env *env, struct sim_state *st);
/* the same, setting *changed when a parent checkpoint gained a mark */
int sim_mark_chain_precision_changed(struct sim_env *env, struct sim_state *starting_state,
				     bool *changed);
static inline void sim_bt_set_frame_reg(struct sim_bt *bt, uint32_t frame, uint32_t reg)
{
	bt->reg_masks[frame] |= 1u << reg;
}
static inline void sim_bt_set_frame_slot(struct sim_bt *bt, uint32_t frame, uint32_t slot)
{
	bt->stack_masks[frame] |= 1ull << slot;
}
/* linked registers of a conditional jump (kernel: struct linked_regs) */
#define SIM_LINKED_REGS_MAX 5
struct sim_linked_reg {
	uint8_t frameno;
	uint8_t regno;          /* register or stack slot */
	bool is_reg;
};
struct sim_linked_regs {
	int cnt;
	struct sim_linked_reg entries[SIM_LINKED_REGS_MAX];
};
uint64_t sim_linked_regs_pack(const struct sim_linked_regs *s);
void sim_linked_regs_unpack(uint64_t val, struct sim_linked_regs *s);

/* liveness.c: mirrors bpf_compute_live_registers() */
int sim_compute_live_regs(struct sim_env *env);
void sim_liveness_free(struct sim_liveness *lv);
/* the program as do_check() sees it: after bpf_prune_dead_branches() */
const struct bpf_insn *sim_liveness_insns(const struct sim_env *env);

/* check_gotox.c: indirect jumps (gotox) and BPF_MAP_TYPE_INSN_ARRAY */
enum { SIM_GOTOX_NO_JT = 1, SIM_GOTOX_OUTSIDE, SIM_GOTOX_TOO_BIG };
struct sim_gotox_jt {
	uint32_t *items;          /* sorted unique targets (create_jt()) */
	int cnt;
	int err;                  /* SIM_GOTOX_*: check_cfg() refuses it */
	int sub_start, sub_end;   /* the gotox's subprogram */
};
/* the tables of every gotox, before the static passes; -ENOMEM */
int sim_gotox_prepare(struct sim_env *env);
void sim_gotox_free(struct sim_env *env);
/* @t's table if it is a gotox check_cfg() accepts, else NULL */
const struct sim_gotox_jt *sim_gotox_jt(const struct sim_gotox *gx, int t);
/* check_and_resolve_insns() of the LD_IMM64 at @i (insn arrays only) */
int sim_gotox_check_ldimm64(struct sim_env *env, int i);
/* check_cfg()'s visit_gotox_insn(): errors, prune and jump points */
int sim_gotox_check_cfg(struct sim_env *env);
/* a memory access through a pointer to an insn array's value; 1 if
 * @regno points to another map */
int sim_insn_array_access(struct sim_env *env, int regno, int off, int size, bool write,
			  int value_regno);
/* mirrors check_indirect_jump() */
int sim_check_indirect_jump(struct sim_env *env, const struct bpf_insn *insn);
/* check_mem.c: check_mem_region_access() of a map value of @mem_size */
int sim_check_map_region(struct sim_env *env, const struct sim_reg *reg, int regno, int off,
			 int size, uint32_t mem_size);

/* log_state.c */
void sim_print_reg(const struct sim_out *out, const struct sim_func *f, const struct sim_reg *r);
/* mirrors print_verifier_state(): scr NULL prints everything */
void sim_print_state(const struct sim_out *out, const struct sim_state *st, uint32_t frameno,
		     const struct sim_scratch *scr);

#endif
