/* `veristep verify [--json] [--log-level 0|1|2] [--log-size BYTES] [--prog NAME] [--prog-flags FLAGS] [--cpus N] OBJ`:
 * run the simulated verifier on every (or one) program of OBJ. Exit codes
 * and JSON per DESIGN.md; "the simulator does not support X" exits 2 with
 * one line. --log-size keeps only the log's tail, as a kernel rolling log
 * buffer of that size does (the selftests' loader uses 2 MiB). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "json.h"
#include "object.h"
#include "trace.h"
#include "verifier.h"

static void file_write(void *ctx, const char *s, size_t len)
{
	fwrite(s, 1, len, ctx);
}

static void strbuf_print_log(const struct sim_trace *t, int level, struct sim_strbuf *sb)
{
	struct sim_out out = sim_strbuf_out(sb);

	sim_trace_print_log(t, level, &out);
}

/* The tail of @log that a kernel rolling log buffer of @size bytes keeps
 * (the last size - 1 bytes and the NUL, as bpf_vlog_finalize() leaves it);
 * size 0 keeps everything. */
static const char *log_tail(const struct sim_strbuf *log, size_t size, size_t *len)
{
	const char *buf = log->buf ? log->buf : "";

	*len = log->len;
	if (size && *len > size - 1) {
		buf += *len - (size - 1);
		*len = size - 1;
	}
	return buf;
}

static void json_program(struct json_writer *w, const struct sim_prog *p,
			 const struct sim_trace *t, int level, size_t log_size)
{
	struct sim_strbuf log = { 0 }, ev = { 0 };
	struct sim_out evout = sim_strbuf_out(&ev);
	enum sim_verdict v = sim_trace_verdict(t);
	const char *tail;
	size_t tail_len;

	strbuf_print_log(t, level, &log);
	sim_trace_print_events(t, &evout);
	json_object_begin(w);
	json_key(w, "name");
	json_string(w, sim_prog_name(p));
	json_key(w, "section");
	json_string(w, sim_prog_section(p));
	json_key(w, "verdict");
	json_string(w, v == SIM_ACCEPTED ? "accepted" : v == SIM_REJECTED ? "rejected" : "unsupported");
	json_key(w, "error");
	json_string(w, v == SIM_ACCEPTED ? NULL : sim_trace_error(t));
	json_key(w, "error_insn");
	if (v == SIM_ACCEPTED || sim_trace_error_insn(t) < 0)
		json_null(w);
	else
		json_int(w, sim_trace_error_insn(t));
	json_key(w, "insns_processed");
	json_int(w, sim_trace_insns_processed(t));
	json_key(w, "log");
	tail = log_tail(&log, log_size, &tail_len);
	json_string_len(w, tail, tail_len);
	json_key(w, "events");
	json_array_begin(w);
	for (char *line = ev.buf, *nl; line && *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		json_string_len(w, line, (size_t)(nl - line));
	}
	json_array_end(w);
	json_object_end(w);
	sim_strbuf_free(&log);
	sim_strbuf_free(&ev);
}

int cmd_verify(int argc, char **argv)
{
	const char *path = NULL, *prog_name = NULL;
	struct sim_verify_opts opts = { .log_level = 0 };
	size_t log_size = 0;   /* --log-size: keep the tail, as a kernel log buffer */
	bool json = false, any_rejected = false, unsupported = false;
	struct json_writer w;
	struct sim_object *obj;
	char err[256];
	size_t n;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = true;
		} else if (!strcmp(argv[i], "--log-level") && i + 1 < argc) {
			char *end;
			long l = strtol(argv[++i], &end, 10);

			if (*end || l < 0 || l > 2) {
				cli_error("invalid log level '%s'", argv[i]);
				return EXIT_BAD_INPUT;
			}
			opts.log_level = (int)l;
		} else if (!strcmp(argv[i], "--log-size") && i + 1 < argc) {
			char *end;
			long long sz = strtoll(argv[++i], &end, 10);

			if (*end || sz < 2) {
				cli_error("invalid log size '%s'", argv[i]);
				return EXIT_BAD_INPUT;
			}
			log_size = (size_t)sz;
		} else if (!strcmp(argv[i], "--prog") && i + 1 < argc) {
			prog_name = argv[++i];
		} else if (!strcmp(argv[i], "--prog-flags") && i + 1 < argc) {
			/* BPF_PROG_LOAD's prog_flags, as a test loader passes them
			 * (BPF_F_TEST_STATE_FREQ = 8: a checkpoint at every prune point) */
			char *end;
			unsigned long long f = strtoull(argv[++i], &end, 0);

			if (*end || f > UINT32_MAX) {
				cli_error("invalid prog flags '%s'", argv[i]);
				return EXIT_BAD_INPUT;
			}
			opts.prog_flags = (uint32_t)f;
		} else if (!strcmp(argv[i], "--cpus") && i + 1 < argc) {
			/* nr_cpu_ids of the machine to model (default: the lab VM's 1) */
			char *end;
			unsigned long cpus = strtoul(argv[++i], &end, 10);

			if (*end || cpus < 1 || cpus > 8192) {
				cli_error("invalid CPU count '%s' (1..8192)", argv[i]);
				return EXIT_BAD_INPUT;
			}
			opts.nr_cpus = (uint32_t)cpus;
		} else if (argv[i][0] == '-' || path) {
			cli_error("usage: veristep verify [--json] [--log-level 0|1|2] [--log-size BYTES] [--prog NAME] [--prog-flags FLAGS] [--cpus N] OBJ");
			return EXIT_BAD_INPUT;
		} else {
			path = argv[i];
		}
	}
	if (!path) {
		cli_error("usage: veristep verify [--json] [--log-level 0|1|2] [--log-size BYTES] [--prog NAME] [--prog-flags FLAGS] [--cpus N] OBJ");
		return EXIT_BAD_INPUT;
	}
	/* VERISTEP_VMLINUX_BTF overrides the bundled bpf/vmlinux.btf */
	obj = sim_object_open(path, getenv("VERISTEP_VMLINUX_BTF"), err, sizeof(err));
	if (!obj) {
		cli_error("cannot open '%s': %s", path, err);
		return EXIT_BAD_INPUT;
	}
	if (prog_name && !sim_object_find_prog(obj, prog_name)) {
		cli_error("no program '%s' in '%s'", prog_name, path);
		sim_object_close(obj);
		return EXIT_BAD_INPUT;
	}
	/* a surprise worth saying: the verifier sees no source lines, no
	 * subprogram names and only static subprograms */
	if (!json && sim_object_btf_refused(obj))
		fprintf(stderr,
			"veristep: note: the kernel refuses the BTF of '%s' (%s); libbpf loads its programs without it: no func_info, no line info\n",
			path, sim_object_btf_refused(obj));
	if (json) {
		/* JSON needs a log to carry; level 1 unless asked otherwise */
		json_init(&w, stdout);
		json_object_begin(&w);
		json_key(&w, "object");
		json_string(&w, path);
		json_key(&w, "engine");
		json_string(&w, "sim");
		json_key(&w, "btf_refused");
		json_string(&w, sim_object_btf_refused(obj));
		json_key(&w, "programs");
		json_array_begin(&w);
	}
	n = sim_object_prog_count(obj);
	for (size_t i = 0; i < n; i++) {
		const struct sim_prog *p = sim_object_prog(obj, i);
		struct sim_trace *t;
		enum sim_verdict v;

		if (prog_name && strcmp(sim_prog_name(p), prog_name))
			continue;
		t = sim_verify_object_prog(obj, p, &opts);
		if (!t) {
			cli_error("out of memory verifying '%s'", sim_prog_name(p));
			sim_object_close(obj);
			return EXIT_BAD_INPUT;
		}
		v = sim_trace_verdict(t);
		if (json) {
			json_program(&w, p, t, opts.log_level, log_size);
		} else {
			struct sim_out out = { file_write, stdout };

			if (opts.log_level && log_size) {
				struct sim_strbuf log = { 0 };
				size_t len;
				const char *tail;

				strbuf_print_log(t, opts.log_level, &log);
				tail = log_tail(&log, log_size, &len);
				fwrite(tail, 1, len, stdout);
				sim_strbuf_free(&log);
			} else if (opts.log_level) {
				sim_trace_print_log(t, opts.log_level, &out);
			}
			printf("%s: %s", sim_prog_name(p),
			       v == SIM_ACCEPTED ? "accepted" : v == SIM_REJECTED ? "rejected" : "unsupported");
			/* errors found before the walk (check_cfg() and friends)
			 * have no instruction, as in the kernel's log */
			if (v != SIM_ACCEPTED && sim_trace_error_insn(t) >= 0)
				printf(" at insn %d: %s", sim_trace_error_insn(t), sim_trace_error(t));
			else if (v != SIM_ACCEPTED)
				printf(": %s", sim_trace_error(t));
			printf(" (%u insns processed)\n", sim_trace_insns_processed(t));
		}
		if (v == SIM_REJECTED)
			any_rejected = true;
		if (v == SIM_UNSUPPORTED || v == SIM_BUG) {
			if (!json && sim_prog_load_error(p))
				cli_error("libbpf would not load '%s': %s", sim_prog_name(p),
					  sim_prog_load_error(p));
			else if (!json)
				cli_error("simulator %s in '%s': %s",
					  v == SIM_BUG ? "bug" : "does not support this", sim_prog_name(p),
					  sim_trace_error(t));
			unsupported = true;
		}
		sim_trace_free(t);
	}
	if (json) {
		json_array_end(&w);
		json_object_end(&w);
	}
	sim_object_close(obj);
	if (unsupported)
		return EXIT_BAD_INPUT;
	return any_rejected ? EXIT_REJECTED : EXIT_ACCEPTED;
}
