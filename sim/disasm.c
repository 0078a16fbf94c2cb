/* The disassembler, mirroring print_bpf_insn() of kernel/bpf/disasm.c as
 * the verifier calls it (see disasm.h for what is printed where).
 *
 * The structure follows the kernel function branch for branch so that a
 * reader can put the two side by side: class first, then operation or
 * mode, then the refinements carried by off/imm/src_reg. The name tables
 * have the kernel's holes; the kernel's vsnprintf() prints a NULL string
 * as "(null)", and so does name_or_null() here, so even encodings the
 * verifier rejects later print the same text.
 */
#include <stdio.h>

#include "disasm.h"
#include "opcode.h"

static const char *name_or_null(const char *s)
{
	return s ? s : "(null)";
}

/* mirrors bpf_alu_string[] */
static const char *const alu_op_string[16] = {
	[BPF_ADD >> 4]  = "+=",
	[BPF_SUB >> 4]  = "-=",
	[BPF_MUL >> 4]  = "*=",
	[BPF_DIV >> 4]  = "/=",
	[BPF_OR >> 4]   = "|=",
	[BPF_AND >> 4]  = "&=",
	[BPF_LSH >> 4]  = "<<=",
	[BPF_RSH >> 4]  = ">>=",
	[BPF_NEG >> 4]  = "neg",
	[BPF_MOD >> 4]  = "%=",
	[BPF_XOR >> 4]  = "^=",
	[BPF_MOV >> 4]  = "=",
	[BPF_ARSH >> 4] = "s>>=",
	[BPF_END >> 4]  = "endian",
};

/* mirrors bpf_alu_sign_string[] */
static const char *const alu_signed_op_string[16] = {
	[BPF_DIV >> 4] = "s/=",
	[BPF_MOD >> 4] = "s%=",
};

/* mirrors bpf_movsx_string[], indexed by off / 8 - 1 */
static const char *const movsx_string[4] = {
	[0] = "(s8)",
	[1] = "(s16)",
	[3] = "(s32)",
};

/* mirrors bpf_atomic_alu_string[] */
static const char *const atomic_op_string[16] = {
	[BPF_ADD >> 4] = "add",
	[BPF_AND >> 4] = "and",
	[BPF_OR >> 4]  = "or",
	[BPF_XOR >> 4] = "xor",
};

/* mirrors bpf_ldst_string[] */
static const char *const size_string[4] = {
	[BPF_W >> 3]  = "u32",
	[BPF_H >> 3]  = "u16",
	[BPF_B >> 3]  = "u8",
	[BPF_DW >> 3] = "u64",
};

/* mirrors bpf_ldsx_string[] */
static const char *const signed_size_string[4] = {
	[BPF_W >> 3] = "s32",
	[BPF_H >> 3] = "s16",
	[BPF_B >> 3] = "s8",
};

/* mirrors bpf_jmp_string[] */
static const char *const jmp_op_string[16] = {
	[BPF_JA >> 4]   = "jmp",
	[BPF_JEQ >> 4]  = "==",
	[BPF_JGT >> 4]  = ">",
	[BPF_JLT >> 4]  = "<",
	[BPF_JGE >> 4]  = ">=",
	[BPF_JLE >> 4]  = "<=",
	[BPF_JSET >> 4] = "&",
	[BPF_JNE >> 4]  = "!=",
	[BPF_JSGT >> 4] = "s>",
	[BPF_JSLT >> 4] = "s<",
	[BPF_JSGE >> 4] = "s>=",
	[BPF_JSLE >> 4] = "s<=",
	[BPF_CALL >> 4] = "call",
	[BPF_EXIT >> 4] = "exit",
};

static const char *mem_size(const struct bpf_insn *insn)
{
	return size_string[BPF_SIZE(insn->code) >> 3];
}

/* 'w' for 32-bit classes, 'r' for 64-bit ones */
static char reg_prefix(bool is32)
{
	return is32 ? 'w' : 'r';
}

static void print_alu(const struct sim_out *out, const struct bpf_insn *insn)
{
	bool is32 = BPF_CLASS(insn->code) == BPF_ALU;
	char r = reg_prefix(is32);
	unsigned op = BPF_OP(insn->code) >> 4;
	const char *op_str = sim_is_sdiv_smod(insn) ? alu_signed_op_string[op]
						     : alu_op_string[op];

	if (BPF_OP(insn->code) == BPF_END) {
		/* print_bpf_bswap_insn() / print_bpf_end_insn(): always 'r' */
		if (!is32)
			sim_printf(out, "(%02x) r%d = bswap%d r%d", insn->code,
				   insn->dst_reg, insn->imm, insn->dst_reg);
		else
			sim_printf(out, "(%02x) r%d = %s%d r%d", insn->code,
				   insn->dst_reg,
				   BPF_SRC(insn->code) == BPF_TO_BE ? "be" : "le",
				   insn->imm, insn->dst_reg);
	} else if (BPF_OP(insn->code) == BPF_NEG) {
		sim_printf(out, "(%02x) %c%d = -%c%d", insn->code, r,
			   insn->dst_reg, r, insn->dst_reg);
	} else if (sim_is_addr_space_cast(insn)) {
		sim_printf(out, "(%02x) r%d = addr_space_cast(r%d, %u, %u)",
			   insn->code, insn->dst_reg, insn->src_reg,
			   ((__u32)insn->imm) >> 16, (unsigned)(__u16)insn->imm);
	} else if (sim_is_mov_percpu_addr(insn)) {
		sim_printf(out, "(%02x) r%d = &(void __percpu *)(r%d)",
			   insn->code, insn->dst_reg, insn->src_reg);
	} else if (BPF_SRC(insn->code) == BPF_X) {
		sim_printf(out, "(%02x) %c%d %s %s%c%d", insn->code, r,
			   insn->dst_reg, name_or_null(op_str),
			   sim_is_movsx(insn)
				   ? name_or_null(movsx_string[(insn->off >> 3) - 1])
				   : "",
			   r, insn->src_reg);
	} else {
		sim_printf(out, "(%02x) %c%d %s %d", insn->code, r,
			   insn->dst_reg, name_or_null(op_str), insn->imm);
	}
}

/* Atomic forms, keyed by imm; the kernel tests them in this order. */
static void print_atomic(const struct sim_out *out, const struct bpf_insn *insn)
{
	const char *probe = BPF_MODE(insn->code) == SIM_BPF_PROBE_ATOMIC ? "probe " : "";
	const char *width = BPF_SIZE(insn->code) == BPF_DW ? "64" : "";
	const char *size = name_or_null(mem_size(insn));

	switch (insn->imm) {
	case BPF_ADD: case BPF_AND: case BPF_OR: case BPF_XOR:
		sim_printf(out, "(%02x) %slock *(%s *)(r%d %+d) %s r%d",
			   insn->code, probe, size, insn->dst_reg, insn->off,
			   name_or_null(alu_op_string[BPF_OP(insn->imm) >> 4]),
			   insn->src_reg);
		break;
	case BPF_ADD | BPF_FETCH: case BPF_AND | BPF_FETCH:
	case BPF_OR | BPF_FETCH: case BPF_XOR | BPF_FETCH:
		sim_printf(out, "(%02x) %sr%d = atomic%s_fetch_%s((%s *)(r%d %+d), r%d)",
			   insn->code, probe, insn->src_reg, width,
			   name_or_null(atomic_op_string[BPF_OP(insn->imm) >> 4]),
			   size, insn->dst_reg, insn->off, insn->src_reg);
		break;
	case BPF_CMPXCHG:
		sim_printf(out, "(%02x) %sr0 = atomic%s_cmpxchg((%s *)(r%d %+d), r0, r%d)",
			   insn->code, probe, width, size, insn->dst_reg,
			   insn->off, insn->src_reg);
		break;
	case BPF_XCHG:
		sim_printf(out, "(%02x) %sr%d = atomic%s_xchg((%s *)(r%d %+d), r%d)",
			   insn->code, probe, insn->src_reg, width, size,
			   insn->dst_reg, insn->off, insn->src_reg);
		break;
	case BPF_LOAD_ACQ:
		sim_printf(out, "(%02x) %sr%d = load_acquire((%s *)(r%d %+d))",
			   insn->code, probe, insn->dst_reg, size, insn->src_reg,
			   insn->off);
		break;
	case BPF_STORE_REL:
		sim_printf(out, "(%02x) %sstore_release((%s *)(r%d %+d), r%d)",
			   insn->code, probe, size, insn->dst_reg, insn->off,
			   insn->src_reg);
		break;
	default:
		sim_printf(out, "BUG_%02x", insn->code);
		break;
	}
}

static void print_stx(const struct sim_out *out, const struct bpf_insn *insn)
{
	__u8 mode = BPF_MODE(insn->code);

	if (mode == BPF_MEM)
		sim_printf(out, "(%02x) *(%s *)(r%d %+d) = r%d", insn->code,
			   name_or_null(mem_size(insn)), insn->dst_reg,
			   insn->off, insn->src_reg);
	else if (mode == BPF_ATOMIC || mode == SIM_BPF_PROBE_ATOMIC)
		print_atomic(out, insn);
	else
		sim_printf(out, "BUG_%02x", insn->code);
}

static void print_st(const struct sim_out *out, const struct bpf_insn *insn)
{
	if (BPF_MODE(insn->code) == BPF_MEM)
		sim_printf(out, "(%02x) *(%s *)(r%d %+d) = %d", insn->code,
			   name_or_null(mem_size(insn)), insn->dst_reg,
			   insn->off, insn->imm);
	else if (BPF_MODE(insn->code) == SIM_BPF_NOSPEC)
		sim_printf(out, "(%02x) nospec", insn->code);
	else
		sim_printf(out, "BUG_st_%02x", insn->code);
}

static void print_ldx(const struct sim_out *out, const struct bpf_insn *insn)
{
	__u8 mode = BPF_MODE(insn->code);

	if ((mode != BPF_MEM && mode != BPF_MEMSX) ||
	    (mode == BPF_MEMSX && BPF_SIZE(insn->code) == BPF_DW)) {
		sim_printf(out, "BUG_ldx_%02x", insn->code);
		return;
	}
	sim_printf(out, "(%02x) r%d = *(%s *)(r%d %+d)", insn->code,
		   insn->dst_reg,
		   name_or_null(mode == BPF_MEM
					? mem_size(insn)
					: signed_size_string[BPF_SIZE(insn->code) >> 3]),
		   insn->src_reg, insn->off);
}

static void print_ld(const struct sim_out *out, const struct bpf_insn *insn,
		     const struct sim_disasm_names *names, bool allow_ptr_leaks)
{
	__u8 mode = BPF_MODE(insn->code);

	if (mode == BPF_ABS) {
		sim_printf(out, "(%02x) r0 = *(%s *)skb[%d]", insn->code,
			   name_or_null(mem_size(insn)), insn->imm);
	} else if (mode == BPF_IND) {
		sim_printf(out, "(%02x) r0 = *(%s *)skb[r%d + %d]", insn->code,
			   name_or_null(mem_size(insn)), insn->src_reg, insn->imm);
	} else if (mode == BPF_IMM && BPF_SIZE(insn->code) == BPF_DW) {
		bool is_ptr = sim_ld_imm64_is_ptr(insn);
		__u64 imm = sim_ld_imm64_value(insn);

		if (is_ptr && names && names->ldimm64_value)
			imm = names->ldimm64_value(names->ctx, insn);
		if (is_ptr && !allow_ptr_leaks)
			imm = 0;
		/* the verifier passes no cb_imm: __func_imm_name()'s fallback */
		sim_printf(out, "(%02x) r%d = 0x%llx", insn->code, insn->dst_reg,
			   (unsigned long long)imm);
	} else {
		sim_printf(out, "BUG_ld_%02x", insn->code);
	}
}

/* mirrors __func_get_name() with bpf_disasm_kfunc_name() as cb_call */
static const char *call_target_name(const struct bpf_insn *insn,
				    const struct sim_disasm_names *names,
				    char *buf, size_t len)
{
	if (insn->src_reg == 0 && insn->imm >= 0 && insn->imm < sim_helper_count())
		return sim_helper_name(insn->imm);

	if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL && names && names->kfunc_name) {
		const char *name = names->kfunc_name(names->ctx, insn);

		if (name)
			return name;
	}

	if (insn->src_reg == BPF_PSEUDO_CALL)
		snprintf(buf, len, "%+d", insn->imm);
	else if (insn->src_reg == BPF_PSEUDO_KFUNC_CALL)
		snprintf(buf, len, "kernel-function");
	return buf;
}

static void print_jmp(const struct sim_out *out, const struct bpf_insn *insn,
		      const struct sim_disasm_names *names)
{
	bool is32 = BPF_CLASS(insn->code) == BPF_JMP32;
	char r = reg_prefix(is32);
	const char *op_str = name_or_null(jmp_op_string[BPF_OP(insn->code) >> 4]);

	if (BPF_OP(insn->code) == BPF_CALL) {
		char buf[64] = "unknown"; /* what other src_reg values print */

		if (insn->src_reg == BPF_PSEUDO_CALL)
			sim_printf(out, "(%02x) call pc%s", insn->code,
				   call_target_name(insn, names, buf, sizeof(buf)));
		else
			sim_printf(out, "(%02x) call %s#%d", insn->code,
				   call_target_name(insn, names, buf, sizeof(buf)),
				   insn->imm);
	} else if (insn->code == (BPF_JMP | BPF_JA)) {
		sim_printf(out, "(%02x) goto pc%+d", insn->code, insn->off);
	} else if (insn->code == (BPF_JMP | BPF_JA | BPF_X)) {
		sim_printf(out, "(%02x) gotox r%d", insn->code, insn->dst_reg);
	} else if (sim_is_may_goto(insn)) {
		sim_printf(out, "(%02x) may_goto pc%+d", insn->code, insn->off);
	} else if (insn->code == (BPF_JMP32 | BPF_JA)) {
		sim_printf(out, "(%02x) gotol pc%+d", insn->code, insn->imm);
	} else if (insn->code == (BPF_JMP | BPF_EXIT)) {
		sim_printf(out, "(%02x) exit", insn->code);
	} else if (BPF_SRC(insn->code) == BPF_X) {
		sim_printf(out, "(%02x) if %c%d %s %c%d goto pc%+d", insn->code,
			   r, insn->dst_reg, op_str, r, insn->src_reg, insn->off);
	} else {
		sim_printf(out, "(%02x) if %c%d %s 0x%x goto pc%+d", insn->code,
			   r, insn->dst_reg, op_str, (__u32)insn->imm, insn->off);
	}
}

/* mirrors print_bpf_insn() */
void sim_disasm_insn_text(const struct sim_out *out, const struct bpf_insn *insn,
			  const struct sim_disasm_names *names,
			  bool allow_ptr_leaks)
{
	switch (BPF_CLASS(insn->code)) {
	case BPF_ALU:
	case BPF_ALU64:
		print_alu(out, insn);
		break;
	case BPF_STX:
		print_stx(out, insn);
		break;
	case BPF_ST:
		print_st(out, insn);
		break;
	case BPF_LDX:
		print_ldx(out, insn);
		break;
	case BPF_LD:
		print_ld(out, insn, names, allow_ptr_leaks);
		break;
	default: /* BPF_JMP, BPF_JMP32: the eight classes are all covered */
		print_jmp(out, insn, names);
		break;
	}
}

void sim_disasm_insn(const struct sim_out *out, const struct bpf_insn *insn,
		     const struct sim_disasm_names *names, bool allow_ptr_leaks)
{
	sim_disasm_insn_text(out, insn, names, allow_ptr_leaks);
	sim_printf(out, "\n");
}

/* mirrors the instruction line of do_check() */
void sim_disasm_log_line(const struct sim_out *out, int insn_idx,
			 const struct bpf_insn *insn,
			 const struct sim_disasm_names *names,
			 bool allow_ptr_leaks)
{
	sim_printf(out, "%d: ", insn_idx);
	sim_disasm_insn(out, insn, names, allow_ptr_leaks);
}
