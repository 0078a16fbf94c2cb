/* Printers for the tracer's panes (view_print.h): thin wrappers over the
 * log's own printers so a pane shows byte for byte what the log shows. */
#include <stdint.h>
#include <string.h>

#include <bpf/btf.h>

#include "check.h"
#include "disasm.h"
#include "view_print.h"

void sim_view_print_reg(const struct sim_out *out, const struct sim_state *st,
			uint32_t frameno, const struct sim_reg *reg)
{
	sim_print_reg(out, st->frame[frameno], reg);
}

/* the slot letters of print_verifier_state() */
static const char slot_letter[] = {
	[STACK_INVALID] = '?', [STACK_SPILL] = 'r', [STACK_MISC] = 'm',
	[STACK_ZERO] = '0',    [STACK_DYNPTR] = 'd', [STACK_ITER] = 'i',
	[STACK_IRQ_FLAG] = 'f', [STACK_POISON] = 'p',
};

bool sim_view_print_slot(const struct sim_out *out, const struct sim_state *st,
			 uint32_t frameno, int spi)
{
	const struct sim_func *f = st->frame[frameno];
	const struct sim_stack_slot *s;
	char types[SIM_REG_SIZE + 1];
	bool valid = false;
	int j;

	if (!f || spi < 0 || spi >= f->allocated_stack / SIM_REG_SIZE)
		return false;
	s = &f->stack[spi];
	for (j = 0; j < SIM_REG_SIZE; j++) {
		uint8_t t = s->type[j];

		if (t != STACK_INVALID && t != STACK_POISON)
			valid = true;
		types[j] = slot_letter[t <= STACK_POISON ? t : 0];
	}
	types[SIM_REG_SIZE] = '\0';
	if (!valid)
		return false;
	if (s->type[SIM_REG_SIZE - 1] == STACK_SPILL) {
		for (j = 0; j < SIM_REG_SIZE && s->type[j] != STACK_SPILL; j++)
			;
		types[j] = '\0';
		sim_printf(out, "fp%d=%s", (-spi - 1) * SIM_REG_SIZE, types);
		sim_print_reg(out, f, &s->spilled);
	} else {
		sim_printf(out, "fp%d=%s", (-spi - 1) * SIM_REG_SIZE, types);
	}
	return true;
}

/* mirrors bpf_disasm_kfunc_name(): the kfunc's name in the kernel BTF */
static const char *view_kfunc_name(void *ctx, const struct bpf_insn *insn)
{
	const struct sim_prog_view *p = ctx;
	const struct btf_type *t;

	if (!p->vmlinux_btf || insn->imm <= 0)
		return NULL;
	t = btf__type_by_id(p->vmlinux_btf, (uint32_t)insn->imm);
	return t ? btf__name_by_offset(p->vmlinux_btf, t->name_off) : NULL;
}

void sim_view_disasm(const struct sim_out *out, const struct sim_prog_view *prog, int idx)
{
	struct sim_disasm_names names = { .kfunc_name = view_kfunc_name, .ctx = (void *)(uintptr_t)prog };

	if (!prog || idx < 0 || idx >= prog->insn_cnt)
		return;
	sim_disasm_insn_text(out, &prog->insns[idx], &names, true);
}

bool sim_view_insn_is_ldimm64_tail(const struct sim_prog_view *prog, int idx)
{
	const struct bpf_insn *prev;

	if (!prog || idx <= 0 || idx >= prog->insn_cnt)
		return false;
	prev = &prog->insns[idx - 1];
	/* a tail follows a head; a head can itself be a tail's neighbour only
	 * if the previous pair started two back, so walk pairs from the start
	 * only when ambiguous (rare): here the simple test suffices because
	 * a tail's code is 0, never BPF_LD|BPF_IMM|BPF_DW itself */
	return prev->code == (BPF_LD | BPF_IMM | BPF_DW) && prog->insns[idx].code == 0;
}
