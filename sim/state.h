/* The abstract state of a BPF program at one instruction, as Linux 7.3 keeps
 * it (include/linux/bpf_verifier.h).
 *
 * A register is a type (a base type in the low 8 bits plus flag bits, exactly
 * the kernel's enum bpf_reg_type / enum bpf_type_flag) and, for scalars and
 * pointers alike, a struct sim_scalar (tnum + 64- and 32-bit circular
 * ranges): in 7.3 a pointer carries its whole offset, fixed and variable, in
 * var_off/r64 ("imm=" in the log), the way a scalar carries its value.
 *
 * A function frame is the 11 registers plus the stack, 8-byte slots each with
 * eight per-byte slot types (STACK_MISC, STACK_SPILL, ...) and the register
 * spilled there. A verifier state is the frames of the call chain, the
 * reference table (acquired references and held locks: one table, as 7.3
 * keeps it), the lock/RCU/preempt counters, and the links pruning needs
 * (parent, branches). References, locks and RCU depth are part of the state
 * from the start so that reference tracking (issue 4) only adds behaviour.
 *
 * States are plain values: sim_state_copy() gives an independent deep copy,
 * which is what push_stack, the explored-state lists and trace snapshots keep.
 */
#ifndef VERISTEP_SIM_STATE_H
#define VERISTEP_SIM_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scalar.h"

struct sim_map_view;
struct sim_explored;
struct btf;

/* Base register types, in the kernel's order: X(enum, log name, help). */
#define SIM_REG_TYPES(X)                                                        \
	X(NOT_INIT, "?", "nothing written to the register yet")                  \
	X(SCALAR_VALUE, "scalar", "a number, not a pointer")                      \
	X(PTR_TO_CTX, "ctx", "the program's context argument")                    \
	X(CONST_PTR_TO_MAP, "map_ptr", "a map itself")                            \
	X(PTR_TO_MAP_VALUE, "map_value", "a map element's value")                 \
	X(PTR_TO_MAP_KEY, "map_key", "a map element's key")                       \
	X(PTR_TO_STACK, "fp", "the program's stack")                              \
	X(PTR_TO_PACKET_META, "pkt_meta", "packet metadata")                      \
	X(PTR_TO_PACKET, "pkt", "packet data")                                    \
	X(PTR_TO_PACKET_END, "pkt_end", "the end of packet data")                 \
	X(PTR_TO_FLOW_KEYS, "flow_keys", "flow dissector keys")                   \
	X(PTR_TO_SOCKET, "sock", "a struct bpf_sock")                             \
	X(PTR_TO_SOCK_COMMON, "sock_common", "a struct bpf_sock_common")          \
	X(PTR_TO_TCP_SOCK, "tcp_sock", "a struct bpf_tcp_sock")                   \
	X(PTR_TO_TP_BUFFER, "tp_buffer", "a writable raw tracepoint buffer")      \
	X(PTR_TO_XDP_SOCK, "xdp_sock", "an AF_XDP socket")                        \
	X(PTR_TO_BTF_ID, "ptr_", "a kernel object described by BTF")              \
	X(PTR_TO_MEM, "mem", "a region of memory of known size")                  \
	X(PTR_TO_ARENA, "arena", "arena memory")                                  \
	X(PTR_TO_BUF, "buf", "a read/write buffer")                               \
	X(PTR_TO_FUNC, "func", "a BPF subprogram")                                \
	X(PTR_TO_INSN, "insn", "a BPF instruction")                               \
	X(CONST_PTR_TO_DYNPTR, "dynptr_ptr", "a const struct bpf_dynptr")

enum sim_reg_base_type {
#define SIM_REG_ENUM(e, name, help) e,
	SIM_REG_TYPES(SIM_REG_ENUM)
#undef SIM_REG_ENUM
	SIM_REG_BASE_TYPE_MAX,
};

#define SIM_BASE_TYPE_BITS 8
#define SIM_BASE_TYPE_MASK ((1u << SIM_BASE_TYPE_BITS) - 1)

/* Type flags, bit positions as in the kernel's enum bpf_type_flag:
 * X(enum, bit, help). */
#define SIM_TYPE_FLAGS(X)                                                       \
	X(PTR_MAYBE_NULL, 0, "may be NULL until checked")                         \
	X(MEM_RDONLY, 1, "read-only memory")                                      \
	X(MEM_RINGBUF, 2, "ring buffer memory")                                   \
	X(MEM_USER, 3, "user memory")                                             \
	X(MEM_PERCPU, 4, "per-CPU memory")                                        \
	X(OBJ_RELEASE, 5, "argument is released")                                 \
	X(PTR_UNTRUSTED, 6, "untrusted: loads only, through probe reads")         \
	X(MEM_UNINIT, 7, "memory may be uninitialised")                           \
	X(DYNPTR_TYPE_LOCAL, 8, "local dynptr")                                   \
	X(DYNPTR_TYPE_RINGBUF, 9, "ringbuf dynptr")                               \
	X(MEM_FIXED_SIZE, 10, "memory of fixed size")                             \
	X(MEM_ALLOC, 11, "an object the program allocated")                       \
	X(PTR_TRUSTED, 12, "trusted: valid for the whole program")                \
	X(MEM_RCU, 13, "valid inside an RCU read section")                        \
	X(NON_OWN_REF, 14, "a non-owning reference into a collection")            \
	X(DYNPTR_TYPE_SKB, 15, "skb dynptr")                                      \
	X(DYNPTR_TYPE_XDP, 16, "xdp dynptr")                                      \
	X(MEM_ALIGNED, 17, "aligned memory")                                      \
	X(MEM_WRITE, 18, "memory is written")                                     \
	X(DYNPTR_TYPE_SKB_META, 19, "skb metadata dynptr")                        \
	X(DYNPTR_TYPE_FILE, 20, "file dynptr")

enum sim_type_flag {
#define SIM_FLAG_ENUM(e, bit, help) e = 1u << ((bit) + SIM_BASE_TYPE_BITS),
	SIM_TYPE_FLAGS(SIM_FLAG_ENUM)
#undef SIM_FLAG_ENUM
};

static inline uint32_t sim_base_type(uint32_t type) { return type & SIM_BASE_TYPE_MASK; }
static inline uint32_t sim_type_flags(uint32_t type) { return type & ~SIM_BASE_TYPE_MASK; }

/* The register type as the kernel's reg_type_str() spells it. */
const char *sim_reg_type_str(uint32_t type, char *buf, size_t len);
/* The base type's help text (TUI). */
const char *sim_reg_type_help(uint32_t type);

/* Linked scalars (7.3 sync_linked_regs): the SIM_ADD_CONST bits of an id
 * (scalar.h) mark "id + delta". */

/* mirrors struct bpf_reg_state of 7.3 */
struct sim_reg {
	uint32_t type;
	int32_t delta;          /* linked scalars; "off=" for pointers */
	union {
		int32_t range;          /* PTR_TO_PACKET: bytes known readable */
		uint8_t frameno;        /* PTR_TO_STACK: frame it points into */
		const struct sim_map_view *map; /* map pointers, values, keys */
		struct {
			const struct btf *btf;
			uint32_t btf_id;
		};                      /* PTR_TO_BTF_ID */
		uint32_t mem_size;      /* PTR_TO_MEM */
		uint32_t subprogno;     /* PTR_TO_FUNC */
		struct {
			const struct btf *btf;
			uint32_t btf_id;
			uint32_t state : 3;     /* enum sim_iter_state */
			uint32_t depth : 29;
		} iter;                 /* STACK_ITER slots (iter.c) */
		struct {
			uint32_t type;          /* enum sim_dynptr_type */
			bool first_slot;
		} dynptr;               /* STACK_DYNPTR slots, CONST_PTR_TO_DYNPTR (dynptr.c) */
		struct {
			uint64_t raw1, raw2;
		} raw;
	};
	struct sim_scalar s;    /* value (scalars) or offset (pointers) */
	uint32_t id;
	uint32_t parent_id;
	uint32_t map_uid;
	bool precise;
};

/* mirrors enum bpf_stack_slot_type */
enum sim_slot_type {
	STACK_INVALID,
	STACK_SPILL,
	STACK_MISC,
	STACK_ZERO,
	STACK_DYNPTR,
	STACK_ITER,
	STACK_IRQ_FLAG,
	STACK_POISON,
};

/* mirrors enum bpf_iter_state: an open-coded iterator's slot */
enum sim_iter_state {
	SIM_ITER_STATE_INVALID,
	SIM_ITER_STATE_ACTIVE,
	SIM_ITER_STATE_DRAINED,
};

#define SIM_REG_SIZE 8
#define SIM_MAX_STACK 512
#define SIM_MAX_REG 11
#define SIM_MAX_FRAMES 16   /* MAX_CALL_FRAMES of 7.3 (bpf_verifier.h) */
#define SIM_FP 10

struct sim_stack_slot {
	struct sim_reg spilled;
	uint8_t type[SIM_REG_SIZE];
};

/* mirrors enum ref_state_type */
enum sim_ref_type {
	SIM_REF_TYPE_PTR = 1 << 1,
	SIM_REF_TYPE_IRQ = 1 << 2,
	SIM_REF_TYPE_LOCK = 1 << 3,
	SIM_REF_TYPE_RES_LOCK = 1 << 4,
	SIM_REF_TYPE_RES_LOCK_IRQ = 1 << 5,
	SIM_REF_TYPE_LOCK_MASK = SIM_REF_TYPE_LOCK | SIM_REF_TYPE_RES_LOCK | SIM_REF_TYPE_RES_LOCK_IRQ,
};

/* mirrors struct bpf_reference_state */
struct sim_ref {
	uint32_t type;
	int id;
	int insn;               /* acquiring instruction (alloc_insn=) */
	int parent_id;          /* SIM_REF_TYPE_PTR */
	uint64_t lock_ptr;      /* locks: identity of the lock's object */
};

/* mirrors struct bpf_func_state */
struct sim_func {
	struct sim_reg regs[SIM_MAX_REG];
	int callsite;           /* call insn that entered this frame, -1 main */
	uint32_t frameno;
	uint32_t subprogno;
	bool in_callback_fn;
	bool in_async_callback_fn;
	uint32_t callback_depth;
	int32_t callback_ret_min, callback_ret_max; /* callback_ret_range (sync callbacks) */
	int allocated_stack;    /* bytes, multiple of 8 */
	struct sim_stack_slot *stack; /* allocated_stack / 8 slots, fp-8 first */
};

/* mirrors struct bpf_verifier_state */
struct sim_state {
	struct sim_func *frame[SIM_MAX_FRAMES];
	uint32_t curframe;
	struct sim_ref *refs;
	uint32_t acquired_refs;
	uint32_t active_locks;
	uint32_t active_lock_id;
	uint64_t active_lock_ptr;
	uint32_t active_rcu_locks;
	uint32_t active_preempt_locks;
	uint32_t active_irq_id;
	bool speculative;
	bool in_sleepable;
	uint32_t insn_idx;
	uint32_t first_insn_idx;
	uint32_t last_insn_idx;
	/* pruning: the explored-state tree (kernel: parent, branches) */
	struct sim_state *parent;
	uint32_t branches;
	uint32_t dfs_depth;
	uint32_t may_goto_depth;
	uint32_t callback_unroll_depth;
	/* explored checkpoints only: their list node (states.c), NULL in
	 * every other state */
	struct sim_explored *explored_node;
	/* precision backtracking (backtrack.c): this state's jump history,
	 * the newest entry as an index + 1 into the verification's history
	 * pool (0: empty) and the number of entries since first_insn_idx */
	uint32_t jmp_history_top;
	uint32_t jmp_history_cnt;
};

/* Construction and copying. All return NULL / -1 on allocation failure. */
struct sim_state *sim_state_new(void);
void sim_state_free(struct sim_state *st);
/* Deep copy of @src into @dst (frames, stacks, refs); dst is overwritten. */
int sim_state_copy(struct sim_state *dst, const struct sim_state *src);
struct sim_state *sim_state_dup(const struct sim_state *src);
struct sim_func *sim_func_new(uint32_t frameno, int callsite, uint32_t subprogno);
/* Grow a frame's stack to at least @size bytes (mirrors grow_stack_state()). */
int sim_func_grow_stack(struct sim_func *f, int size);
/* Bytes of heap a state holds (trace accounting). */
size_t sim_state_bytes(const struct sim_state *st);

static inline struct sim_func *sim_cur_frame(const struct sim_state *st)
{
	return st->frame[st->curframe];
}

/* Register marking, as the kernel's __mark_reg_*(). */
void sim_reg_mark_not_init(struct sim_reg *r);
void sim_reg_mark_unknown(struct sim_reg *r);        /* unknown scalar */
void sim_reg_mark_known(struct sim_reg *r, uint64_t imm); /* scalar constant */
void sim_reg_mark_known_zero(struct sim_reg *r);     /* keep type: offset 0 */
void sim_reg_mark_ptr(struct sim_reg *r, uint32_t type); /* pointer at offset 0 */
bool sim_reg_is_const(const struct sim_reg *r);
bool sim_reg_is_null(const struct sim_reg *r);       /* scalar 0 */
bool sim_reg_is_pointer(const struct sim_reg *r);
bool sim_reg_is_pkt_pointer(const struct sim_reg *r);
bool sim_reg_type_may_be_null(uint32_t type);

/* Slot helpers: stack slot @spi (0 = fp-8) of @f. */
bool sim_slot_is_spill(const struct sim_stack_slot *s);
bool sim_slot_is_spilled_scalar(const struct sim_stack_slot *s);

/* The walk of bpf_for_each_reg_in_vstate() over one frame: positions 0 to
 * sim_func_walk_len(f) - 1 are R0..R10, then the stack slots from fp-8
 * down; sim_func_walk_reg() gives the register at a position, or NULL for a
 * slot that holds no spilled register. Event lists and every "all registers
 * with this id" rule walk in this order, as the kernel does. */
int sim_func_walk_len(const struct sim_func *f);
struct sim_reg *sim_func_walk_reg(struct sim_func *f, int k);

/* Reference table (mirrors acquire_reference / release_reference_state). */
struct sim_ref *sim_state_add_ref(struct sim_state *st);
int sim_state_find_ref(const struct sim_state *st, int id, uint32_t type_mask);
void sim_state_remove_ref(struct sim_state *st, int idx);

/* Equality of two states as plain values (tests, loop detection). */
bool sim_reg_equal(const struct sim_reg *a, const struct sim_reg *b);
bool sim_state_equal(const struct sim_state *a, const struct sim_state *b);

#endif
