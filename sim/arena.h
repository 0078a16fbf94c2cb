/* BPF arenas (BPF_MAP_TYPE_ARENA, kernel/bpf/arena.c): the verifier's
 * side of them, as Linux 7.3 checks it. A program that loads an arena map
 * has an associated arena (prog->aux->arena); addr_space_cast converts
 * between the arena's user addresses (scalars) and PTR_TO_ARENA pointers,
 * which may be read, written and computed with freely (no bounds: the JIT
 * guards every access). */
#ifndef SIM_ARENA_H
#define SIM_ARENA_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/bpf.h>

struct sim_env;
struct sim_map_view;
struct sim_reg;

/* prog->aux->arena: the first arena map the program loads (in
 * instruction order), or NULL */
const struct sim_map_view *sim_prog_arena(struct sim_env *env);

/* the arena part of check_map_prog_compatibility() for one used map:
 * "Only one arena per program" */
int sim_arena_check_used_map(struct sim_env *env, const struct sim_map_view *m);

/* mirrors the BPF_ADDR_SPACE_CAST case of check_alu_op(): the arena
 * check before the operands, then the result (after check_reg_arg) */
int sim_arena_cast_check(struct sim_env *env, const struct bpf_insn *insn);
void sim_arena_cast_result(struct sim_env *env, const struct bpf_insn *insn);

/* mirrors the arena part at the top of adjust_reg_min_max_vals(): 1 when
 * an operand is an arena pointer (the instruction is done), 0 to go on,
 * or a negative error */
int sim_arena_adjust_reg(struct sim_env *env, const struct bpf_insn *insn, struct sim_reg *dst,
			 const struct sim_reg *src);

/* mirrors btf_scan_type_tags(): the first pointer in @type_id's chain
 * points through a btf_type_tag("arena") (what __arena declares) */
struct btf;
bool sim_btf_type_tag_arena(const struct btf *btf, uint32_t type_id);

#endif
