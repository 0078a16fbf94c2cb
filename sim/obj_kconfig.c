/* CONFIG_* __kconfig externs: the values the bundled kernel's .config gives
 * them (bpf/kernel.config, beside bpf/vmlinux.btf), set exactly as libbpf
 * sets them when it reads /boot/config-$(uname -r) on a real machine.
 *
 * Which C type an extern has decides how a config value may be stored in
 * it (libbpf's find_kcfg_type()): y/n/m only into bool, tristate or char,
 * numbers into integers, quoted strings into char arrays. A value that does
 * not fit is an error, as libbpf refuses to load such an object; a name the
 * config does not set stays zero when weak and fails when strong. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

#include "btf_util.h"
#include "obj_internal.h"

enum kcfg_type { KCFG_UNKNOWN, KCFG_CHAR, KCFG_BOOL, KCFG_INT, KCFG_TRISTATE, KCFG_CHAR_ARR };

/* mirrors libbpf's find_kcfg_type() */
static enum kcfg_type find_kcfg_type(const struct btf *btf, unsigned id, bool *is_signed)
{
	const struct btf_type *t = sim_btf_skip_mods(btf, id, NULL);

	if (is_signed)
		*is_signed = false;
	if (!t)
		return KCFG_UNKNOWN;
	if (btf_is_int(t)) {
		unsigned enc = btf_int_encoding(t);

		if (enc & BTF_INT_BOOL)
			return t->size == 1 ? KCFG_BOOL : KCFG_UNKNOWN;
		if (is_signed)
			*is_signed = enc & BTF_INT_SIGNED;
		if (t->size == 1)
			return KCFG_CHAR;
		if (t->size < 1 || t->size > 8 || (t->size & (t->size - 1)))
			return KCFG_UNKNOWN;
		return KCFG_INT;
	}
	if (btf_is_enum(t) || btf_is_enum64(t)) {
		if (btf_is_enum(t) && t->size != 4)
			return KCFG_UNKNOWN;
		return strcmp(btf__name_by_offset(btf, t->name_off), "libbpf_tristate") ? KCFG_UNKNOWN
											 : KCFG_TRISTATE;
	}
	if (btf_is_array(t)) {
		if (!btf_array(t)->nelems || find_kcfg_type(btf, btf_array(t)->type, NULL) != KCFG_CHAR)
			return KCFG_UNKNOWN;
		return KCFG_CHAR_ARR;
	}
	return KCFG_UNKNOWN;
}

static void store(unsigned char *dst, unsigned size, unsigned long long v)
{
	for (unsigned i = 0; i < size && i < 8; i++)
		dst[i] = (unsigned char)(v >> (8 * i)); /* little-endian target */
}

/* mirrors is_kcfg_value_in_range() */
static bool in_range(unsigned size, bool is_signed, unsigned long long v)
{
	unsigned bits = size * 8;

	if (size >= 8)
		return true;
	if (is_signed)
		return v + (1ULL << (bits - 1)) < (1ULL << bits);
	return (v >> bits) == 0;
}

/* mirrors bpf_object__process_kconfig_line() and set_kcfg_value_{tri,str,num}() */
static int set_value(struct obj_build *b, struct obj_extern *e, unsigned char *dst, const char *value)
{
	bool is_signed;
	unsigned var_type = btf__type_by_id(b->btf, e->btf_id)->type;
	enum kcfg_type type = find_kcfg_type(b->btf, var_type, &is_signed);
	char *end;
	unsigned long long num;

	switch (*value) {
	case 'y':
	case 'n':
	case 'm':
		if (type == KCFG_BOOL && *value == 'm')
			return obj_fail(b, "extern (kcfg) '%s': value '%c' implies tristate or char type",
					e->name, *value);
		if (type == KCFG_BOOL)
			store(dst, 1, *value == 'y');
		else if (type == KCFG_TRISTATE) /* TRI_NO, TRI_YES, TRI_MODULE */
			store(dst, 4, *value == 'y' ? 1 : *value == 'm' ? 2 : 0);
		else if (type == KCFG_CHAR)
			store(dst, 1, (unsigned char)*value);
		else
			return obj_fail(b, "extern (kcfg) '%s': value '%c' implies bool, tristate, or char type",
					e->name, *value);
		return 0;
	case '"': {
		size_t len = strlen(value);

		if (type != KCFG_CHAR_ARR)
			return obj_fail(b, "extern (kcfg) '%s': value '%s' implies char array type", e->name, value);
		if (len < 2 || value[len - 1] != '"')
			return obj_fail(b, "extern (kcfg) '%s': invalid string config '%s'", e->name, value);
		len -= 2;
		if (len >= e->kcfg_size) /* libbpf truncates with a warning */
			len = e->kcfg_size - 1;
		memcpy(dst, value + 1, len);
		dst[len] = '\0';
		return 0;
	}
	default:
		errno = 0;
		num = strtoull(value, &end, 0);
		if (errno || *end)
			return obj_fail(b, "extern (kcfg) '%s': value '%s' isn't a valid integer", e->name, value);
		if (type != KCFG_INT && type != KCFG_CHAR)
			return obj_fail(b, "extern (kcfg) '%s': value '%s' implies integer type", e->name, value);
		if (!in_range(e->kcfg_size, is_signed, num))
			return obj_fail(b, "extern (kcfg) '%s': value '%llu' doesn't fit in %u bytes", e->name, num,
					e->kcfg_size);
		store(dst, e->kcfg_size, num);
		return 0;
	}
}

/* The value of "CONFIG_X=value" for @name in @path into @value; 1 found,
 * 0 not set, -1 the file cannot be read. */
static int lookup(const char *path, const char *name, char *value, size_t size)
{
	FILE *f = fopen(path, "re");
	char line[1024];
	size_t n = strlen(name);
	int found = 0;

	if (!f)
		return -1;
	while (!found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, name, n) || line[n] != '=')
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(value, size, "%s", line + n + 1);
		found = 1;
	}
	fclose(f);
	return found;
}

int obj_kconfig_set(struct obj_build *b, struct obj_extern *e, unsigned char *dst)
{
	char value[512];
	int found;

	if (!b->kconfig_path)
		return obj_fail(b, "extern (kcfg) '%s': no kernel config to read it from "
				"(bpf/kernel.config beside the kernel BTF)", e->name);
	found = lookup(b->kconfig_path, e->name, value, sizeof(value));
	if (found < 0)
		return obj_fail(b, "extern (kcfg) '%s': cannot read kernel config '%s': %s", e->name,
				b->kconfig_path, strerror(errno));
	if (!found) {
		if (!e->weak) /* bpf_object__resolve_externs() */
			return obj_fail(b, "extern '%s' (strong): not resolved", e->name);
		return 0; /* weak: defaulting to zero */
	}
	if (!value[0])
		return obj_fail(b, "failed to parse '%s=': no value", e->name);
	return dst ? set_value(b, e, dst, value) : 0;
}
