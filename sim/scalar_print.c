/* Scalar printing in the kernel's log format: mirrors verbose_unum(),
 * verbose_snum(), print_scalar_ranges() and the scalar case of
 * print_reg_state() in kernel/bpf/log.c (Linux 7.3). */
#include "scalar_print.h"

#include <inttypes.h>

#define UNUM_MAX_DECIMAL UINT16_MAX
#define SNUM_MAX_DECIMAL INT16_MAX
#define SNUM_MIN_DECIMAL INT16_MIN

static bool is_snum_decimal(int64_t num)
{
	return num >= SNUM_MIN_DECIMAL && num <= SNUM_MAX_DECIMAL;
}

void sim_print_unum(const struct sim_out *out, uint64_t num)
{
	if (num <= UNUM_MAX_DECIMAL)
		sim_printf(out, "%" PRIu64, num);
	else
		sim_printf(out, "0x%" PRIx64, num);
}

void sim_print_snum(const struct sim_out *out, int64_t num)
{
	if (is_snum_decimal(num))
		sim_printf(out, "%" PRId64, num);
	else
		sim_printf(out, "0x%" PRIx64, (uint64_t)num);
}

struct minmax {
	const char *name;
	uint64_t val;
	bool omit;
};

/* A signed 32-bit bound is sign-extended only when it prints as decimal:
 * in hex smin32=0xfffffffe reads better than 0xfffffffffffffffe, and it
 * must not merge with a 64-bit bound of that hex value. */
static uint64_t s32_field(int32_t v)
{
	return is_snum_decimal(v) ? (uint64_t)(int64_t)v : (uint64_t)(uint32_t)v;
}

/* mirrors print_scalar_ranges(): each field not at its type's extreme is
 * printed once; later fields of the same kind of value (every second
 * entry: smin with smin32, umax with smax32 ...) holding the same number
 * and sign are merged into it as "a=b=N" */
static void print_ranges(const struct sim_out *out, const struct sim_scalar *s, const char **sep)
{
	int32_t smin32 = sim_scalar_s32_min(s), smax32 = sim_scalar_s32_max(s);
	struct minmax mm[] = {
		{ "smin", (uint64_t)sim_scalar_smin(s), sim_scalar_smin(s) == INT64_MIN },
		{ "smax", (uint64_t)sim_scalar_smax(s), sim_scalar_smax(s) == INT64_MAX },
		{ "umin", sim_scalar_umin(s), sim_scalar_umin(s) == 0 },
		{ "umax", sim_scalar_umax(s), sim_scalar_umax(s) == UINT64_MAX },
		{ "smin32", s32_field(smin32), smin32 == INT32_MIN },
		{ "smax32", s32_field(smax32), smax32 == INT32_MAX },
		{ "umin32", sim_scalar_u32_min(s), sim_scalar_u32_min(s) == 0 },
		{ "umax32", sim_scalar_u32_max(s), sim_scalar_u32_max(s) == UINT32_MAX },
	};
	const size_t n = sizeof(mm) / sizeof(mm[0]);

	for (size_t i = 0; i < n; i++) {
		bool neg1;

		if (mm[i].omit)
			continue;
		neg1 = mm[i].name[0] == 's' && (int64_t)mm[i].val < 0;
		sim_printf(out, "%s%s=", *sep, mm[i].name);
		*sep = ",";
		for (size_t j = i + 2; j < n; j += 2) {
			bool neg2;

			if (mm[j].omit || mm[j].val != mm[i].val)
				continue;
			neg2 = mm[j].name[0] == 's' && (int64_t)mm[j].val < 0;
			if (neg2 != neg1)
				continue;       /* never merge a negative with a positive */
			mm[j].omit = true;
			sim_printf(out, "%s=", mm[j].name);
		}
		if (mm[i].name[0] == 's')
			sim_print_snum(out, (int64_t)mm[i].val);
		else
			sim_print_unum(out, mm[i].val);
	}
}

void sim_scalar_print_fields(const struct sim_out *out, const struct sim_scalar *s,
			     const char **sep)
{
	print_ranges(out, s, sep);
	if (!tnum_is_unknown(s->var_off)) {
		char buf[48];

		tnum_strn(buf, sizeof(buf), s->var_off);
		sim_printf(out, "%svar_off=%s", *sep, buf);
		*sep = ",";
	}
}

/* mirrors print_reg_state() for SCALAR_VALUE */
void sim_scalar_print_reg(const struct sim_out *out, const struct sim_scalar *s, bool precise,
			  uint32_t id, int32_t delta)
{
	const char *sep = "";

	if (precise)
		sim_printf(out, "P");
	if (tnum_is_const(s->var_off)) {
		sim_print_snum(out, (int64_t)s->var_off.value);
		return;
	}
	sim_printf(out, "scalar(");
	if (id) {
		sim_printf(out, "%sid=%u", sep, id & ~SIM_ADD_CONST);
		sep = ",";
	}
	if (id & SIM_ADD_CONST)
		sim_printf(out, "%+d", delta);
	sim_scalar_print_fields(out, s, &sep);
	sim_printf(out, ")");
}

void sim_scalar_print(const struct sim_out *out, const struct sim_scalar *s)
{
	sim_scalar_print_reg(out, s, false, 0, 0);
}
