/* Circular numbers, instantiated at 32 and 64 bits from the width-generic
 * sim/cnum_defs.h, as kernel/bpf/cnum.c does with its cnum_defs.h. */
#include "cnum.h"

#define T 32
#include "cnum_defs.h"
#undef T

#define T 64
#include "cnum_defs.h"
#undef T

#define TW 64
#define TN 32
#include "cnum_cross_defs.h"
#undef TW
#undef TN
