/* Host-side sanity check of a user's object before it is sent to the guest:
 * a complete 64-bit little-endian ELF for the BPF machine, whose section
 * table and sections all lie inside the file. libbpf in the guest does the
 * real parsing; this only turns garbage and truncated files into a clear
 * message instead of a round trip to the VM. */
#include <elf.h>
#include <stdio.h>
#include <string.h>

#include "kclient.h"

#ifndef EM_BPF
#define EM_BPF 247
#endif

int kc_check_elf(const void *data, size_t len, const char *name, char *err, size_t errlen)
{
	const unsigned char *b = data;
	Elf64_Ehdr eh;

	if (len < EI_NIDENT || memcmp(b, ELFMAG, SELFMAG)) {
		snprintf(err, errlen, "'%s' is not a BPF ELF object", name);
		return -1;
	}
	if (len < sizeof(eh)) {
		snprintf(err, errlen, "'%s' is a truncated ELF object", name);
		return -1;
	}
	memcpy(&eh, b, sizeof(eh));
	if (b[EI_CLASS] != ELFCLASS64 || b[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_BPF) {
		snprintf(err, errlen, "'%s' is an ELF object but not for BPF (machine %u)", name,
			 (unsigned)eh.e_machine);
		return -1;
	}
	if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum == 0 || eh.e_shoff > len ||
	    (len - eh.e_shoff) / sizeof(Elf64_Shdr) < eh.e_shnum) {
		snprintf(err, errlen, "'%s' is a truncated ELF object", name);
		return -1;
	}
	for (unsigned i = 0; i < eh.e_shnum; i++) {
		Elf64_Shdr sh;

		memcpy(&sh, b + eh.e_shoff + (size_t)i * sizeof(sh), sizeof(sh));
		if (sh.sh_type == SHT_NOBITS || sh.sh_type == SHT_NULL)
			continue;
		if (sh.sh_offset > len || sh.sh_size > len - sh.sh_offset) {
			snprintf(err, errlen, "'%s' is a truncated ELF object (section %u)", name, i);
			return -1;
		}
	}
	return 0;
}
