/* Printers for user interfaces: the tracer's panes, the REPL and explain
 * show the state and the instructions exactly as the kernel log spells them,
 * through the same printers the log uses (log_state.c, disasm.c). Nothing
 * here decides anything about a program; it only renders the model. */
#ifndef VERISTEP_SIM_VIEW_PRINT_H
#define VERISTEP_SIM_VIEW_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "print.h"
#include "state.h"
#include "verifier.h"

/* One register as print_reg_state() prints it ("map_value(id=1,...)",
 * "fp-8", "0"), for frame @frameno of @st. */
void sim_view_print_reg(const struct sim_out *out, const struct sim_state *st,
			uint32_t frameno, const struct sim_reg *reg);

/* Stack slot @spi (0 = fp-8) of frame @frameno as print_verifier_state()
 * prints it without the leading space: "fp-8=mmmm????", "fp-16=map_value(...)".
 * Returns false (prints nothing) for a slot the kernel would not print. */
bool sim_view_print_slot(const struct sim_out *out, const struct sim_state *st,
			 uint32_t frameno, int spi);

/* Instruction @idx of @prog as the log prints it after "N: ", without the
 * newline, with kfunc names from the program's kernel BTF. */
void sim_view_disasm(const struct sim_out *out, const struct sim_prog_view *prog, int idx);

/* True when instruction @idx is the second half of an LD_IMM64. */
bool sim_view_insn_is_ldimm64_tail(const struct sim_prog_view *prog, int idx);

#endif
