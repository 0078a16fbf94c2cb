/* The opcode table (see opcode.h) and the instruction field check.
 *
 * The rows below are the kernel's list of accepted opcodes,
 * bpf_opcode_in_insntable() in kernel/bpf/core.c: its BPF_INSN_MAP plus the
 * "UAPI exposed, but rewritten" extras (LD_ABS/LD_IND, gotox, may_goto).
 * Every byte not listed stays zero, i.e. invalid, exactly like the
 * kernel's table. Note what is *not* there: BPF_ALU|BPF_END is valid with
 * both TO_LE and TO_BE but BPF_ALU64|BPF_END only with TO_LE (bswap);
 * BPF_MEMSX exists only for B/H/W; the only JMP32 non-comparison is JA
 * (gotol); calls and exit are BPF_JMP only; BPF_ST has no atomic mode.
 */
#include <stdio.h>

#include "opcode.h"

#define ROW(code_, kind_, mnem_, size_) \
	[code_] = { .mnemonic = mnem_, .kind = SIM_INSN_##kind_, .size = size_, .valid = true }

/* One arithmetic operation in both sources, for ALU (name32) and ALU64. */
#define ALU_BOTH(op, name)                                          \
	ROW(BPF_ALU | BPF_##op | BPF_X, ALU, name "32", 0),         \
	ROW(BPF_ALU | BPF_##op | BPF_K, ALU, name "32", 0),         \
	ROW(BPF_ALU64 | BPF_##op | BPF_X, ALU, name, 0),            \
	ROW(BPF_ALU64 | BPF_##op | BPF_K, ALU, name, 0)

/* One comparison in both sources, for JMP and JMP32 (name32). */
#define JCC_BOTH(op, name)                                          \
	ROW(BPF_JMP | BPF_##op | BPF_X, JCC, name, 0),              \
	ROW(BPF_JMP | BPF_##op | BPF_K, JCC, name, 0),              \
	ROW(BPF_JMP32 | BPF_##op | BPF_X, JCC, name "32", 0),       \
	ROW(BPF_JMP32 | BPF_##op | BPF_K, JCC, name "32", 0)

#define MEM_SIZES(cls_mode, kind, name)                             \
	ROW(cls_mode | BPF_B, kind, name "b", 1),                   \
	ROW(cls_mode | BPF_H, kind, name "h", 2),                   \
	ROW(cls_mode | BPF_W, kind, name "w", 4),                   \
	ROW(cls_mode | BPF_DW, kind, name "dw", 8)

/* mirrors bpf_opcode_in_insntable() */
const struct sim_opcode_info sim_opcodes[256] = {
	ALU_BOTH(ADD, "add"),
	ALU_BOTH(SUB, "sub"),
	ALU_BOTH(MUL, "mul"),
	ALU_BOTH(DIV, "div"),   /* off=1: sdiv */
	ALU_BOTH(OR, "or"),
	ALU_BOTH(AND, "and"),
	ALU_BOTH(LSH, "lsh"),
	ALU_BOTH(RSH, "rsh"),
	ALU_BOTH(MOD, "mod"),   /* off=1: smod */
	ALU_BOTH(XOR, "xor"),
	ALU_BOTH(ARSH, "arsh"),
	ROW(BPF_ALU | BPF_MOV | BPF_X, MOV, "mov32", 0),
	ROW(BPF_ALU | BPF_MOV | BPF_K, MOV, "mov32", 0),
	ROW(BPF_ALU64 | BPF_MOV | BPF_X, MOV, "mov", 0),
	ROW(BPF_ALU64 | BPF_MOV | BPF_K, MOV, "mov", 0),
	/* NEG is listed without a source bit: BPF_K; BPF_X is invalid */
	ROW(BPF_ALU | BPF_NEG, NEG, "neg32", 0),
	ROW(BPF_ALU64 | BPF_NEG, NEG, "neg", 0),
	ROW(BPF_ALU | BPF_END | BPF_TO_LE, END, "le", 0),
	ROW(BPF_ALU | BPF_END | BPF_TO_BE, END, "be", 0),
	ROW(BPF_ALU64 | BPF_END | BPF_TO_LE, END, "bswap", 0),

	JCC_BOTH(JEQ, "jeq"),
	JCC_BOTH(JGT, "jgt"),
	JCC_BOTH(JGE, "jge"),
	JCC_BOTH(JSET, "jset"),
	JCC_BOTH(JNE, "jne"),
	JCC_BOTH(JSGT, "jsgt"),
	JCC_BOTH(JSGE, "jsge"),
	JCC_BOTH(JLT, "jlt"),
	JCC_BOTH(JLE, "jle"),
	JCC_BOTH(JSLT, "jslt"),
	JCC_BOTH(JSLE, "jsle"),
	ROW(BPF_JMP | BPF_JA, JA, "ja", 0),
	ROW(BPF_JMP32 | BPF_JA, JA, "gotol", 0),
	ROW(BPF_JMP | BPF_JA | BPF_X, GOTOX, "gotox", 0),
	ROW(BPF_JMP | BPF_JCOND, JCOND, "may_goto", 0),
	ROW(BPF_JMP | BPF_CALL, CALL, "call", 0),
	ROW(BPF_JMP | BPF_EXIT, EXIT, "exit", 0),

	MEM_SIZES(BPF_LDX | BPF_MEM, LDX, "ldx"),
	ROW(BPF_LDX | BPF_MEMSX | BPF_B, LDX, "ldxsb", 1),
	ROW(BPF_LDX | BPF_MEMSX | BPF_H, LDX, "ldxsh", 2),
	ROW(BPF_LDX | BPF_MEMSX | BPF_W, LDX, "ldxsw", 4),
	MEM_SIZES(BPF_ST | BPF_MEM, ST, "st"),
	MEM_SIZES(BPF_STX | BPF_MEM, STX, "stx"),
	/* B/H atomics pass the table; check_atomic() then allows only
	 * load-acquire/store-release on them */
	MEM_SIZES(BPF_STX | BPF_ATOMIC, ATOMIC, "atomic"),

	ROW(BPF_LD | BPF_IMM | BPF_DW, LD_IMM64, "lddw", 8),
	ROW(BPF_LD | BPF_ABS | BPF_B, LD_ABS, "ldabsb", 1),
	ROW(BPF_LD | BPF_ABS | BPF_H, LD_ABS, "ldabsh", 2),
	ROW(BPF_LD | BPF_ABS | BPF_W, LD_ABS, "ldabsw", 4),
	ROW(BPF_LD | BPF_IND | BPF_B, LD_IND, "ldindb", 1),
	ROW(BPF_LD | BPF_IND | BPF_H, LD_IND, "ldindh", 2),
	ROW(BPF_LD | BPF_IND | BPF_W, LD_IND, "ldindw", 4),
};

static const char *const kind_names[SIM_INSN_KIND_COUNT] = {
#define SIM_KIND_NAME(name, help) [SIM_INSN_##name] = #name,
	SIM_INSN_KINDS(SIM_KIND_NAME)
#undef SIM_KIND_NAME
};

static const char *const kind_help[SIM_INSN_KIND_COUNT] = {
#define SIM_KIND_HELP(name, help) [SIM_INSN_##name] = help,
	SIM_INSN_KINDS(SIM_KIND_HELP)
#undef SIM_KIND_HELP
};

const char *sim_insn_kind_name(enum sim_insn_kind kind)
{
	return (unsigned)kind < SIM_INSN_KIND_COUNT ? kind_names[kind] : "?";
}

const char *sim_insn_kind_help(enum sim_insn_kind kind)
{
	return (unsigned)kind < SIM_INSN_KIND_COUNT ? kind_help[kind] : "?";
}

/* ---- check_insn_fields() --------------------------------------------- */

static int fail(char *msg, size_t len, const char *text)
{
	snprintf(msg, len, "%s", text);
	return -1;
}

/* mirrors check_alu_fields() */
static int check_alu_fields(const struct bpf_insn *insn, char *msg, size_t len)
{
	__u8 class = BPF_CLASS(insn->code);
	__u8 op = BPF_OP(insn->code);
	bool src_x = BPF_SRC(insn->code) == BPF_X;

	switch (op) {
	case BPF_NEG:
		if (src_x || insn->src_reg || insn->off || insn->imm)
			return fail(msg, len, "BPF_NEG uses reserved fields");
		return 0;
	case BPF_END:
		if (insn->src_reg || insn->off ||
		    (insn->imm != 16 && insn->imm != 32 && insn->imm != 64) ||
		    (class == BPF_ALU64 && BPF_SRC(insn->code) != BPF_TO_LE))
			return fail(msg, len, "BPF_END uses reserved fields");
		return 0;
	case BPF_MOV:
		if (src_x && class == BPF_ALU) {
			if ((insn->off != 0 && insn->off != 8 && insn->off != 16) ||
			    insn->imm)
				return fail(msg, len, "BPF_MOV uses reserved fields");
		} else if (src_x && insn->off == BPF_ADDR_SPACE_CAST) {
			if (insn->imm != 1 && insn->imm != 1 << 16)
				return fail(msg, len,
					    "addr_space_cast insn can only convert between address space 1 and 0");
		} else if (src_x) {
			if ((insn->off != 0 && insn->off != 8 && insn->off != 16 &&
			     insn->off != 32) || insn->imm)
				return fail(msg, len, "BPF_MOV uses reserved fields");
		} else if (insn->src_reg || insn->off) {
			return fail(msg, len, "BPF_MOV uses reserved fields");
		}
		return 0;
	case BPF_ADD: case BPF_SUB: case BPF_AND: case BPF_OR: case BPF_XOR:
	case BPF_LSH: case BPF_RSH: case BPF_ARSH: case BPF_MUL:
	case BPF_DIV: case BPF_MOD: {
		bool bad_off = (insn->off != 0 && insn->off != 1) ||
			       (insn->off == 1 && op != BPF_MOD && op != BPF_DIV);

		if ((src_x && insn->imm) || (!src_x && insn->src_reg) || bad_off)
			return fail(msg, len, "BPF_ALU uses reserved fields");
		return 0;
	}
	default:
		snprintf(msg, len, "invalid BPF_ALU opcode %x", op);
		return -1;
	}
}

/* mirrors check_jmp_fields() */
static int check_jmp_fields(const struct bpf_insn *insn, char *msg, size_t len)
{
	__u8 class = BPF_CLASS(insn->code);
	bool src_x = BPF_SRC(insn->code) == BPF_X;

	switch (BPF_OP(insn->code)) {
	case BPF_CALL:
		if (src_x ||
		    (insn->src_reg != BPF_PSEUDO_KFUNC_CALL && insn->off) ||
		    (insn->src_reg != 0 && insn->src_reg != BPF_PSEUDO_CALL &&
		     insn->src_reg != BPF_PSEUDO_KFUNC_CALL) ||
		    insn->dst_reg || class == BPF_JMP32)
			return fail(msg, len, "BPF_CALL uses reserved fields");
		return 0;
	case BPF_JA:
		if (src_x) {
			if (insn->src_reg || insn->imm || insn->off)
				return fail(msg, len, "BPF_JA|BPF_X uses reserved fields");
		} else if (insn->src_reg || insn->dst_reg ||
			   (class == BPF_JMP && insn->imm) ||
			   (class == BPF_JMP32 && insn->off)) {
			return fail(msg, len, "BPF_JA uses reserved fields");
		}
		return 0;
	case BPF_EXIT:
		if (src_x || insn->imm || insn->src_reg || insn->dst_reg ||
		    class == BPF_JMP32)
			return fail(msg, len, "BPF_EXIT uses reserved fields");
		return 0;
	case BPF_JCOND:
		if (insn->code != (BPF_JMP | BPF_JCOND) ||
		    insn->src_reg != BPF_MAY_GOTO || insn->dst_reg || insn->imm) {
			snprintf(msg, len, "invalid may_goto imm %d", insn->imm);
			return -1;
		}
		return 0;
	default:
		if ((src_x && insn->imm) || (!src_x && insn->src_reg))
			return fail(msg, len, "BPF_JMP/JMP32 uses reserved fields");
		return 0;
	}
}

/* mirrors check_insn_fields() */
int sim_check_insn_fields(const struct bpf_insn *insn, char *msg, size_t len)
{
	__u8 mode = BPF_MODE(insn->code);

	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		return check_alu_fields(insn, msg, len);
	case BPF_LDX:
		if ((mode != BPF_MEM && mode != BPF_MEMSX) || insn->imm)
			return fail(msg, len, "BPF_LDX uses reserved fields");
		return 0;
	case BPF_STX:
		if (mode == BPF_ATOMIC)
			return 0;
		if (mode != BPF_MEM || insn->imm)
			return fail(msg, len, "BPF_STX uses reserved fields");
		return 0;
	case BPF_ST:
		if (mode != BPF_MEM || insn->src_reg)
			return fail(msg, len, "BPF_ST uses reserved fields");
		return 0;
	case BPF_JMP:
	case BPF_JMP32:
		return check_jmp_fields(insn, msg, len);
	default: /* BPF_LD */
		if (mode == BPF_ABS || mode == BPF_IND) {
			if (insn->dst_reg || insn->off ||
			    BPF_SIZE(insn->code) == BPF_DW ||
			    (mode == BPF_ABS && insn->src_reg))
				return fail(msg, len,
					    "BPF_LD_[ABS|IND] uses reserved fields");
		} else if (mode != BPF_IMM) {
			return fail(msg, len, "invalid BPF_LD mode");
		}
		return 0;
	}
}
