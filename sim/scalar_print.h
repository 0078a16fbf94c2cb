/* Printing scalars the way kernel/bpf/log.c (Linux 7.3) does in verifier
 * logs: "scalar(smin=...,umax=...,var_off=(0x0; 0xff))", bounds that equal
 * the type's extreme omitted, equal bounds merged ("smin=smin32=0"), small
 * numbers in decimal, constants as a bare number. */
#ifndef VERISTEP_SIM_SCALAR_PRINT_H
#define VERISTEP_SIM_SCALAR_PRINT_H

#include <stdbool.h>
#include <stdint.h>

#include "print.h"
#include "scalar.h"

/* verbose_unum(): decimal up to U16_MAX, else %#llx. */
void sim_print_unum(const struct sim_out *out, uint64_t num);
/* verbose_snum(): decimal within [S16_MIN, S16_MAX], else %#llx. */
void sim_print_snum(const struct sim_out *out, int64_t num);

/* print_scalar_ranges() followed by ",var_off=..." unless var_off is
 * unknown: the part of print_reg_state() shared by scalars and pointers
 * with a variable offset. *sep is "" before the first field and becomes
 * ","; pass the caller's separator state. */
void sim_scalar_print_fields(const struct sim_out *out, const struct sim_scalar *s,
			     const char **sep);

/* A scalar register as print_reg_state() shows it: the constant, or
 * "scalar(...)". */
void sim_scalar_print(const struct sim_out *out, const struct sim_scalar *s);

/* The same with the register fields the kernel prints around it: "P" when
 * precise, "id=N" (id without the BPF_ADD_CONST bits, which add "%+d" of
 * delta). */
void sim_scalar_print_reg(const struct sim_out *out, const struct sim_scalar *s, bool precise,
			  uint32_t id, int32_t delta);


#endif
