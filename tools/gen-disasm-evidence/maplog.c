#include <bpf/bpf.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static char log[65536];
int main(void){
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "m", 4, 8, 1, NULL);
	if (fd < 0) { perror("map"); return 1; }
	struct bpf_insn insns[] = {
		{ .code = BPF_LD|BPF_IMM|BPF_DW, .dst_reg = 1, .src_reg = BPF_PSEUDO_MAP_FD, .imm = fd },
		{ 0 },
		{ .code = BPF_LD|BPF_IMM|BPF_DW, .dst_reg = 2, .src_reg = BPF_PSEUDO_MAP_VALUE, .imm = fd },
		{ .imm = 4 },
		{ .code = BPF_LD|BPF_IMM|BPF_DW, .dst_reg = 3, .src_reg = 0, .imm = -3 },
		{ .imm = 0x12345678 },
		{ .code = BPF_ALU64|BPF_MOV|BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP|BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = sizeof log, .log_level = 2);
	int p = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "t", "GPL", insns, 8, &o);
	printf("prog=%d\n%s", p, log);
	return 0;
}
