/* The return value a program type may return (retval_range.c). */
#ifndef VERISTEP_SIM_RETVAL_RANGE_H
#define VERISTEP_SIM_RETVAL_RANGE_H

#include <stdbool.h>
#include <stdint.h>

struct sim_prog_view;

/* mirrors struct bpf_retval_range */
struct sim_retval_range {
	int minval, maxval;
	bool return_32bit;  /* compare the 32-bit bounds (LSM hooks return int) */
};

/* The cgroup sock_addr hooks that only read an address (recvmsg,
 * getpeername, getsockname): they must return 1 and have no retval. */
bool sim_sock_addr_getter(uint32_t attach_type);

/* mirrors return_retval_range(): false when any value may be returned */
bool sim_return_retval_range(const struct sim_prog_view *p, struct sim_retval_range *r);

/* mirrors program_returns_void() for the types whose hook may be void
 * (LSM); struct_ops is struct_ops.c's, freplace is not modelled */
bool sim_program_returns_void(const struct sim_prog_view *p);

#endif
