/* The diagnostics event log (diag_history.c): the kernel's struct bpf_diag
 * of kernel/bpf/diagnostics.c, what one walk of a path recorded. */
#ifndef VERISTEP_SIM_DIAG_INTERNAL_H
#define VERISTEP_SIM_DIAG_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "cnum.h"
#include "state.h"
#include "tnum.h"

/* enum bpf_diag_history_kind */
enum { SIM_DIAG_H_BRANCH, SIM_DIAG_H_MOD, SIM_DIAG_H_REF_ACQUIRE, SIM_DIAG_H_REF_RELEASE,
       SIM_DIAG_H_CONTEXT };
/* enum bpf_diag_mod_target_kind */
enum { SIM_DIAG_T_NONE, SIM_DIAG_T_REG, SIM_DIAG_T_STACK_ARG, SIM_DIAG_T_SLOT, SIM_DIAG_T_RANGE };
/* enum bpf_diag_mod_reason */
enum { SIM_DIAG_MOD_WRITE, SIM_DIAG_MOD_SPILL, SIM_DIAG_MOD_VAR_WRITE, SIM_DIAG_MOD_REF_RELEASE,
       SIM_DIAG_MOD_PKT_DATA_CHANGE, SIM_DIAG_MOD_NON_OWN_REF, SIM_DIAG_MOD_CALLER_SAVED };
/* enum bpf_diag_history_scope */
enum { SIM_DIAG_SCOPE_REG, SIM_DIAG_SCOPE_STACK_ARG, SIM_DIAG_SCOPE_REF, SIM_DIAG_SCOPE_CONTEXT };

#define SIM_DIAG_MAX_REFS 64

/* struct bpf_diag_mod_target */
struct sim_diag_target {
	uint32_t frame_id;
	uint8_t frameno, kind, regno;
	uint16_t spi;            /* stack slot, or stack argument */
	int16_t min_off, max_off;
};

/* struct bpf_diag_reg_snapshot */
struct sim_diag_snap {
	uint32_t type;
	uint32_t btf_id;
	const void *map;         /* struct sim_map_view */
	const struct btf *btf;
	struct tnum var_off;
	struct cnum64 r64;
};

/* struct bpf_diag_history_event */
struct sim_diag_event {
	uint32_t insn_idx;
	uint8_t kind, reason;
	bool in_lineage, cond_true, origin_valid;
	uint32_t ref_id;
	/* SIM_DIAG_H_CONTEXT: the region (enum sim_diag_ctx), entered or
	 * left, and its depth after the change */
	uint8_t ctx_kind;
	bool ctx_enter;
	uint32_t ctx_depth;
	struct sim_diag_target target, origin;
	struct sim_diag_snap old, new;
};

struct sim_diag {
	struct sim_diag_event *events;
	uint32_t cnt, cap;
	/* the instruction being checked, as sim_diag_insn_begin() saw it */
	int insn_idx;
	int stack_size;          /* env->stack_size then */
	bool call_recorded;      /* sim_diag_call_recorded() ran */
	uint32_t curframe, frame_id;
	struct sim_reg regs[SIM_MAX_REG];
	/* calls: the registers of the caller frames, which a release
	 * scrubs too (release_reference() walks every frame) */
	struct sim_reg caller_regs[SIM_MAX_FRAMES][SIM_MAX_REG];
	int slot_spi, slot_frameno;
	bool slot_was_spill;
	struct sim_reg slot_old;
	int refs[SIM_DIAG_MAX_REFS];
	uint32_t ref_types[SIM_DIAG_MAX_REFS];
	uint32_t nrefs;
	uint32_t active_locks;
	uint32_t pkt_mask;
	/* struct bpf_diag_mod_scope: a change sim_diag_mod_begin() opened */
	struct {
		bool active;
		int insn_idx;
		struct sim_diag_target target;
		struct sim_reg old;
	} mod;
};

/* diag_history.c: diag_scalar_range(), "signed range [a, b], unsigned
 * range [c, d]" with the S64_MIN/S64_MAX/U64_MAX names */
void sim_diag_scalar_range(char *buf, size_t n, struct cnum64 r);

#endif
