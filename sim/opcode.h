/* The instruction layer: what each of the 256 opcode bytes means.
 *
 * An eBPF instruction is classified by its opcode byte alone (class in the
 * low three bits, then operation/mode, source or size), and the kernel
 * accepts an opcode only if it appears in one fixed list:
 * bpf_opcode_in_insntable() in kernel/bpf/core.c, checked by
 * check_and_resolve_insns() before anything else ("unknown opcode %02x").
 * sim_opcodes[] is that list turned into a table, in the style of ubpf: for
 * every opcode byte, whether the kernel accepts it, what kind of
 * instruction it is, a short mnemonic and, for memory accesses, the access
 * size. Opcode bytes the kernel rejects have a zero entry (valid == false).
 *
 * The remaining fields of an instruction (src_reg, off, imm) refine the
 * meaning: off=1 turns div/mod into sdiv/smod, off=8/16/32 turns mov into
 * movsx, imm selects the atomic operation, src_reg the LD_IMM64 flavour and
 * the call target kind. The small inline predicates below decode those
 * refinements; each names the kernel helper it mirrors. Whether the fields
 * are legal for the opcode (the "uses reserved fields" errors) is a
 * verifier check, mirrored by sim_check_insn_fields().
 */
#ifndef VERISTEP_SIM_OPCODE_H
#define VERISTEP_SIM_OPCODE_H

#include <linux/bpf.h>
#include <stdbool.h>
#include <stddef.h>

/* Internal-only values the kernel keeps out of the UAPI header (they reach
 * the verifier log only in rewritten programs, never at do_check time). */
#define SIM_BPF_PROBE_ATOMIC 0xe0 /* include/linux/filter.h, STX mode */
#define SIM_BPF_NOSPEC       0xc0 /* include/linux/filter.h, ST mode */
#define SIM_BPF_ADDR_PERCPU  (-1) /* mov off: per-CPU address, internal */
#define SIM_BPF_REG_PARAMS   11   /* r11: stack-argument area (filter.h) */

#define SIM_INSN_KINDS(X)                                                   \
	X(INVALID,  "not an instruction the kernel accepts")                \
	X(ALU,      "binary arithmetic: add sub mul div sdiv mod smod ...") \
	X(MOV,      "register move: mov, movsx, addr_space_cast")           \
	X(NEG,      "negation")                                              \
	X(END,      "byte swap: le/be (BPF_ALU), bswap (BPF_ALU64)")         \
	X(LDX,      "load from memory, zero- or sign-extending")             \
	X(ST,       "store of an immediate")                                 \
	X(STX,      "store of a register")                                   \
	X(ATOMIC,   "atomic rmw, load-acquire or store-release")             \
	X(LD_IMM64, "64-bit immediate load (two slots)")                     \
	X(LD_ABS,   "legacy packet load at a constant offset")               \
	X(LD_IND,   "legacy packet load at a register offset")               \
	X(JA,       "unconditional jump: goto (off) / gotol (imm)")          \
	X(GOTOX,    "indirect jump through a register")                      \
	X(JCOND,    "may_goto")                                              \
	X(JCC,      "conditional jump")                                      \
	X(CALL,     "call: helper, bpf-to-bpf or kfunc")                     \
	X(EXIT,     "return from the (sub)program")

enum sim_insn_kind {
#define SIM_KIND_ENUM(name, help) SIM_INSN_##name,
	SIM_INSN_KINDS(SIM_KIND_ENUM)
#undef SIM_KIND_ENUM
	SIM_INSN_KIND_COUNT
};

struct sim_opcode_info {
	const char *mnemonic; /* "add32", "ldxsw", "gotol"...; NULL if invalid */
	unsigned char kind;   /* enum sim_insn_kind */
	unsigned char size;   /* bytes accessed by memory insns, else 0 */
	bool valid;           /* mirrors bpf_opcode_in_insntable() */
};

/* Indexed by the opcode byte (insn->code). */
extern const struct sim_opcode_info sim_opcodes[256];

const char *sim_insn_kind_name(enum sim_insn_kind kind);
const char *sim_insn_kind_help(enum sim_insn_kind kind);

static inline const struct sim_opcode_info *sim_opcode(__u8 code)
{
	return &sim_opcodes[code];
}

/* mirrors bpf_opcode_in_insntable() */
static inline bool sim_opcode_valid(__u8 code)
{
	return sim_opcodes[code].valid;
}

/* Defined for every byte, valid or not: the low three bits. */
static inline unsigned sim_opcode_class(__u8 code)
{
	return BPF_CLASS(code);
}

/* ---- decoding refinements ------------------------------------------- */

/* mirrors bpf_is_ldimm64() */
static inline bool sim_is_ld_imm64(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LD | BPF_IMM | BPF_DW);
}

/* Slots an instruction occupies: LD_IMM64 takes two. */
static inline int sim_insn_slots(const struct bpf_insn *insn)
{
	return sim_is_ld_imm64(insn) ? 2 : 1;
}

/* The 64-bit constant of an LD_IMM64 pair, as print_bpf_insn() builds it. */
static inline __u64 sim_ld_imm64_value(const struct bpf_insn *insn)
{
	return ((__u64)(__u32)insn[1].imm << 32) | (__u32)insn[0].imm;
}

/* mirrors bpf_pseudo_func(): a callback address, LD_IMM64 src_reg=4 */
static inline bool sim_is_pseudo_func(const struct bpf_insn *insn)
{
	return sim_is_ld_imm64(insn) && insn->src_reg == BPF_PSEUDO_FUNC;
}

/* The LD_IMM64 forms whose constant is a kernel address once
 * resolve_pseudo_ldimm64()/check_pseudo_btf_id() rewrote it: the log hides
 * it from unprivileged users (print_bpf_insn()'s is_ptr). */
static inline bool sim_ld_imm64_is_ptr(const struct bpf_insn *insn)
{
	switch (insn->src_reg) {
	case BPF_PSEUDO_MAP_FD:
	case BPF_PSEUDO_MAP_VALUE:
	case BPF_PSEUDO_MAP_IDX:
	case BPF_PSEUDO_MAP_IDX_VALUE:
	case BPF_PSEUDO_BTF_ID:
		return true;
	default:
		return false;
	}
}

/* Any call, whatever the target; only BPF_JMP|BPF_CALL is valid. */
static inline bool sim_is_call(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_CALL);
}

/* mirrors bpf_helper_call() */
static inline bool sim_is_helper_call(const struct bpf_insn *insn)
{
	return sim_is_call(insn) && insn->src_reg == 0;
}

/* mirrors bpf_pseudo_call(): bpf-to-bpf call, target pc+imm+1 */
static inline bool sim_is_pseudo_call(const struct bpf_insn *insn)
{
	return sim_is_call(insn) && insn->src_reg == BPF_PSEUDO_CALL;
}

/* mirrors bpf_pseudo_kfunc_call(): imm is a BTF id, off a BTF fd index */
static inline bool sim_is_kfunc_call(const struct bpf_insn *insn)
{
	return sim_is_call(insn) && insn->src_reg == BPF_PSEUDO_KFUNC_CALL;
}

static inline bool sim_is_exit(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_EXIT);
}

/* goto (BPF_JMP, target in off) or gotol (BPF_JMP32, target in imm) */
static inline bool sim_is_ja(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_JA) ||
	       insn->code == (BPF_JMP32 | BPF_JA);
}

/* mirrors insn_is_gotox() */
static inline bool sim_is_gotox(const struct bpf_insn *insn)
{
	return BPF_CLASS(insn->code) == BPF_JMP &&
	       BPF_OP(insn->code) == BPF_JA && BPF_SRC(insn->code) == BPF_X;
}

/* mirrors bpf_is_may_goto_insn() */
static inline bool sim_is_may_goto(const struct bpf_insn *insn)
{
	return insn->code == (BPF_JMP | BPF_JCOND) &&
	       insn->src_reg == BPF_MAY_GOTO;
}

/* A two-edge jump, as visit_insn() sees it: every valid BPF_JMP/BPF_JMP32
 * opcode except ja, gotox, call and exit (may_goto included). */
static inline bool sim_is_cond_jmp(const struct bpf_insn *insn)
{
	return sim_opcodes[insn->code].valid &&
	       (sim_opcodes[insn->code].kind == SIM_INSN_JCC ||
		sim_opcodes[insn->code].kind == SIM_INSN_JCOND);
}

/* Relative displacement of a direct jump or call: off for goto, cond
 * jumps and may_goto; imm for gotol (BPF_JMP32|BPF_JA) and pseudo calls;
 * imm for an LD_IMM64 of a callback (BPF_PSEUDO_FUNC). */
static inline bool sim_insn_has_target(const struct bpf_insn *insn)
{
	return sim_is_ja(insn) || sim_is_cond_jmp(insn) ||
	       sim_is_pseudo_call(insn) || sim_is_pseudo_func(insn);
}

/* Target index of the jump/call at @idx (meaningful only if
 * sim_insn_has_target()); mirrors visit_insn() and
 * add_subprog_and_kfunc(): idx + displacement + 1. */
static inline long sim_insn_target(const struct bpf_insn *insn, long idx)
{
	if (insn->code == (BPF_JMP32 | BPF_JA) || sim_is_pseudo_call(insn) ||
	    sim_is_pseudo_func(insn))
		return idx + (long)insn->imm + 1;
	return idx + (long)insn->off + 1;
}

/* mirrors disasm.c is_sdiv_smod(): div/mod with off=1 are signed */
static inline bool sim_is_sdiv_smod(const struct bpf_insn *insn)
{
	return (BPF_OP(insn->code) == BPF_DIV ||
		BPF_OP(insn->code) == BPF_MOD) && insn->off == 1;
}

/* mirrors disasm.c is_movsx(): mov with off=8/16/32 sign-extends */
static inline bool sim_is_movsx(const struct bpf_insn *insn)
{
	return BPF_OP(insn->code) == BPF_MOV &&
	       (insn->off == 8 || insn->off == 16 || insn->off == 32);
}

/* mirrors disasm.c is_addr_space_cast() */
static inline bool sim_is_addr_space_cast(const struct bpf_insn *insn)
{
	return insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
	       insn->off == BPF_ADDR_SPACE_CAST;
}

/* mirrors disasm.c is_mov_percpu_addr() (kernel-internal rewrite) */
static inline bool sim_is_mov_percpu_addr(const struct bpf_insn *insn)
{
	return insn->code == (BPF_ALU64 | BPF_MOV | BPF_X) &&
	       insn->off == SIM_BPF_ADDR_PERCPU;
}

/* BPF_END in BPF_ALU64 is the unconditional bswap (cpu v4) */
static inline bool sim_is_bswap(const struct bpf_insn *insn)
{
	return insn->code == (BPF_ALU64 | BPF_END | BPF_TO_LE);
}

/* sign-extending load (cpu v4) */
static inline bool sim_is_ldsx(const struct bpf_insn *insn)
{
	return BPF_CLASS(insn->code) == BPF_LDX &&
	       BPF_MODE(insn->code) == BPF_MEMSX;
}

static inline bool sim_is_atomic(const struct bpf_insn *insn)
{
	return BPF_CLASS(insn->code) == BPF_STX &&
	       BPF_MODE(insn->code) == BPF_ATOMIC;
}

/* mirrors backtrack.c is_atomic_load_insn() */
static inline bool sim_is_load_acquire(const struct bpf_insn *insn)
{
	return sim_is_atomic(insn) && insn->imm == BPF_LOAD_ACQ;
}

static inline bool sim_is_store_release(const struct bpf_insn *insn)
{
	return sim_is_atomic(insn) && insn->imm == BPF_STORE_REL;
}

/* mirrors backtrack.c is_atomic_fetch_insn(): writes the old value back
 * into a register (fetch ops, xchg, cmpxchg) */
static inline bool sim_is_atomic_fetch(const struct bpf_insn *insn)
{
	return sim_is_atomic(insn) && (insn->imm & BPF_FETCH);
}

/* mirrors is_stack_arg_ldx/st/stx() of include/linux/filter.h: 7.3's r11
 * stack-argument accesses, the only legal uses of register 11 */
static inline bool sim_is_stack_arg_ldx(const struct bpf_insn *insn)
{
	return insn->code == (BPF_LDX | BPF_MEM | BPF_DW) &&
	       insn->src_reg == SIM_BPF_REG_PARAMS && insn->off > 0 &&
	       insn->off % 8 == 0;
}

static inline bool sim_is_stack_arg_st(const struct bpf_insn *insn)
{
	return insn->code == (BPF_ST | BPF_MEM | BPF_DW) &&
	       insn->dst_reg == SIM_BPF_REG_PARAMS && insn->off < 0 &&
	       insn->off % 8 == 0;
}

static inline bool sim_is_stack_arg_stx(const struct bpf_insn *insn)
{
	return insn->code == (BPF_STX | BPF_MEM | BPF_DW) &&
	       insn->dst_reg == SIM_BPF_REG_PARAMS && insn->off < 0 &&
	       insn->off % 8 == 0;
}

/* mirrors check_insn_fields() (run by check_and_resolve_insns() for every
 * non-LD_IMM64 insn whose opcode passed bpf_opcode_in_insntable()): 0 if
 * the fields are legal for the opcode, else -1 with the kernel's error line
 * (no trailing newline) in @msg. */
int sim_check_insn_fields(const struct bpf_insn *insn, char *msg, size_t len);

#endif
