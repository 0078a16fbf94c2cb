/* The disassembler: one instruction as Linux 7.3's verifier log prints it.
 *
 * Mirrors print_bpf_insn() of kernel/bpf/disasm.c, called through
 * bpf_verbose_insn() (verifier.c) with the callbacks the verifier uses:
 * cb_call = bpf_disasm_kfunc_name, no cb_imm. Every branch of the kernel
 * function has its twin here, including the text the kernel prints for
 * encodings it later rejects ("BUG_ldx_%02x", "(null)" where a name table
 * has a hole), because do_check() prints an instruction before checking it.
 *
 * Where each part of a log line comes from (7.3):
 *
 *   "12: (bf) r1 = r6\n"
 *    ^^^^                 do_check(): verbose(env, "%d: ", insn_idx), also
 *                         printed by the backtracker ("... before %d: ")
 *                         and liveness ("%3d: <regs> ") with other prefixes.
 *                         It belongs to the CALLER: print it yourself or
 *                         use sim_disasm_log_line(), which mirrors do_check.
 *        ^^^^^^^^^^^^^^^  print_bpf_insn(), opcode byte "(%02x) " included:
 *                         sim_disasm_insn_text().
 *                       ^ in 7.3 print_bpf_insn() no longer ends the line;
 *                         do_check() prints "\n" after it (diagnostics.c
 *                         reuses the text without one). sim_disasm_insn()
 *                         prints text + "\n", i.e. exactly what follows
 *                         "%d: " in the log.
 *
 * LD_IMM64 in the verifier log. By do_check() time
 * check_and_resolve_insns() (the old resolve_pseudo_ldimm64()) has
 * rewritten the constant of the pointer forms: MAP_FD/MAP_IDX hold the
 * address of the struct bpf_map, MAP_VALUE/MAP_IDX_VALUE that of the map
 * value plus the offset from insn[1].imm, BTF_ID (a ksym variable) the
 * variable's address. print_bpf_insn() prints the 64-bit constant as
 * "0x%llx", but replaces it by 0 for those five forms unless the loader
 * may leak pointers (env->allow_ptr_leaks = perfmon_capable()). So:
 *   root:       "0: (18) r1 = 0xffff888104878200"   (map_ptr)
 *               "2: (18) r2 = 0xffff88810487833c"   (map_value, off=4)
 *   unpriv:     "0: (18) r1 = 0x0"  (verifier_unpriv.c: pseudo btf id)
 * (the two root lines were printed by this machine's kernel, which shares
 * the code). The simulator cannot know kernel addresses: it prints the
 * value names->ldimm64_value() returns for pointer forms (a made-up address
 * of the caller's choosing), or the instruction's own constant when that
 * hook is NULL. Goldens recorded as root must be compared with the
 * address masked. PSEUDO_FUNC (callback address) is not a pointer form at
 * that time: its imm is still the relative instruction offset, printed as
 * is ("r2 = 0x5"); src_reg 0 prints the plain constant.
 *
 * Calls: helpers print "call bpf_map_lookup_elem#1" (func_id_name() from
 * the UAPI list; out-of-range ids "call unknown#N"), bpf-to-bpf calls
 * "call pc+N" (imm, relative), kfuncs "call NAME#BTF_ID" where NAME comes
 * from the kfunc's BTF (bpf_disasm_kfunc_name(), names->kfunc_name()),
 * "kernel-function" when no name is known.
 */
#ifndef VERISTEP_SIM_DISASM_H
#define VERISTEP_SIM_DISASM_H

#include <linux/bpf.h> /* struct bpf_insn, from the tree's libbpf include dir */
#include <stdbool.h>

#include "print.h"

struct sim_disasm_names {
	/* kfunc name for a BPF_PSEUDO_KFUNC_CALL insn (mirrors
	 * bpf_disasm_kfunc_name()); NULL -> kernel's fallback text */
	const char *(*kfunc_name)(void *ctx, const struct bpf_insn *insn);
	void *ctx;
	/* Optional: the constant check_and_resolve_insns() would have put
	 * in a pointer-form LD_IMM64 (map, map value, ksym); see above.
	 * NULL -> the instruction's own constant. Only printed when
	 * allow_ptr_leaks. */
	__u64 (*ldimm64_value)(void *ctx, const struct bpf_insn *insn);
};

/* Print @insn (and for LD_IMM64, @insn[1]) exactly as the kernel's
 * print_bpf_insn() prints it into the verifier log, including the
 * trailing newline do_check() adds. @names may be NULL. */
void sim_disasm_insn(const struct sim_out *out, const struct bpf_insn *insn,
		     const struct sim_disasm_names *names, bool allow_ptr_leaks);

/* The same without the newline (diagnostics.c's "At:" line, alignment). */
void sim_disasm_insn_text(const struct sim_out *out, const struct bpf_insn *insn,
			  const struct sim_disasm_names *names,
			  bool allow_ptr_leaks);

/* do_check()'s whole line: "%d: " + instruction + "\n". */
void sim_disasm_log_line(const struct sim_out *out, int insn_idx,
			 const struct bpf_insn *insn,
			 const struct sim_disasm_names *names,
			 bool allow_ptr_leaks);

/* The kernel's func_id_name(): "bpf_map_lookup_elem", or "unknown"
 * exactly as the kernel does for out-of-range ids. */
const char *sim_helper_name(int func_id);

/* Number of helper ids (__BPF_FUNC_MAX_ID of the UAPI header). */
int sim_helper_count(void);

#endif
