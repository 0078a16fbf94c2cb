/* Record how the running kernel prints instruction forms the selftest
 * annotations do not show. Prints "HEX16 | log line" per instruction. */
#include <bpf/bpf.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
static char log[1 << 20];
#define I(c, d, s, o, i) { .code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) }
static void run(const char *name, struct bpf_insn *insns, int n)
{
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = sizeof log, .log_level = 2);
	log[0] = 0;
	int p = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, name, "GPL", insns, n, &o);
	printf("== %s prog=%d\n", name, p);
	/* the "Live regs before insn" dump prints every instruction */
	char *l = strstr(log, "Live regs before insn:\n");
	for (int i = 0; l && i < n; i++) {
		l = strchr(l, '\n') + 1;
		char *e = strchr(l, '\n'), *t = strchr(l, '(');
		if (!e || !t || t > e) break;
		printf("ROW %02x %d %d %d %d|%.*s\n", insns[i].code, insns[i].dst_reg, insns[i].src_reg, insns[i].off, insns[i].imm, (int)(e - t), t);
	}
}
int main(void)
{
	struct bpf_insn a[] = {
		I(0xb7, 1, 0, 0, 0), I(0x7b, 10, 1, -8, 0),
		I(0xbc, 0, 1, 8, 0), I(0xbc, 0, 1, 16, 0), I(0xbf, 0, 1, 16, 0), I(0xbf, 0, 1, 32, 0),
		I(0x91, 0, 10, -8, 0), I(0x89, 0, 10, -8, 0), I(0x81, 0, 10, -8, 0),
		I(0xdb, 10, 1, -8, 0x40), I(0xdb, 10, 1, -8, 0x50), I(0xdb, 10, 1, -8, 0xa0),
		I(0xc3, 10, 1, -8, 0x40), I(0xc3, 10, 1, -8, 0x50), I(0xc3, 10, 1, -8, 0xa0),
		I(0xc3, 10, 1, -8, 0xe1), I(0xc3, 10, 1, -8, 0x41), I(0xc3, 10, 1, -8, 0x51), I(0xc3, 10, 1, -8, 0xa1),
		I(0xdb, 10, 1, -8, 0x41), I(0xdb, 10, 1, -8, 0x51), I(0xdb, 10, 1, -8, 0xa1),
		I(0x66, 1, 0, 0, 5), I(0xa6, 1, 0, 0, -1), I(0xde, 1, 2, 0, 0), I(0x46, 1, 0, 0, 3),
		I(0x97, 1, 0, 1, -3), I(0x37, 1, 0, 1, 7), I(0x94, 1, 0, 1, 3), I(0x34, 1, 0, 1, -7),
		I(0xd7, 1, 0, 0, 32), I(0xd7, 1, 0, 0, 64), I(0xdc, 1, 0, 0, 32), I(0xdc, 1, 0, 0, 64), I(0xd4, 1, 0, 0, 32),
		I(0x84, 1, 0, 0, 0), I(0xcc, 1, 2, 0, 0), I(0xc4, 1, 0, 0, 3), I(0xa4, 1, 0, 0, -1), I(0x64, 1, 0, 0, 31),
		I(0xbc, 1, 2, 0, 0), I(0xb4, 1, 0, 0, -1),
		I(0xb7, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0),
	};
	run("forms", a, sizeof(a) / sizeof(a[0]));
	struct bpf_insn b[] = { I(0x85, 0, 0, 0, 9999), I(0x95, 0, 0, 0, 0) };
	run("unknown_helper", b, 2);
	struct bpf_insn c[] = { I(0x85, 0, 0, 0, 0), I(0x95, 0, 0, 0, 0) };
	run("helper0", c, 2);
	return 0;
}
