/* `veristep run [--json] [--prog NAME] [--log-level 1|2] [--boot-timeout S]
 *  [--log] OBJ`: the object through the real 7.3 verifier in the lab VM
 * (kernel/client). Exit codes as DESIGN.md: 0 all accepted, 1 some
 * rejected, 2 bad usage, unreadable input or VM failure. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "json.h"
#include "kclient.h"

#define MAX_OBJECT_SIZE (64u << 20)

static const char run_usage[] =
	"usage: veristep run [--json] [--prog NAME] [--log-level 1|2] [--boot-timeout S] [--log] OBJ\n";

/* The whole file, or NULL with a message. */
static void *read_object(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		cli_error("cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		cli_error("'%s' is not a regular file", path);
		close(fd);
		return NULL;
	}
	if ((unsigned long long)st.st_size > MAX_OBJECT_SIZE) {
		cli_error("'%s' is too large to be a BPF object (%lld bytes)", path, (long long)st.st_size);
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		cli_error("out of memory reading '%s'", path);
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			cli_error("cannot read '%s': %s", path, n ? strerror(errno) : "file shrank");
			free(buf);
			close(fd);
			return NULL;
		}
		got += (size_t)n;
	}
	close(fd);
	*len = got;
	return buf;
}

/* "  label: first line", further lines indented under it, blank ones dropped. */
static void print_field(const char *label, const char *text)
{
	int indent = (int)strlen(label) + 4;
	bool first = true;

	while (*text) {
		size_t n = strcspn(text, "\n");

		if (n) {
			if (first)
				printf("  %s: %.*s\n", label, (int)n, text);
			else
				printf("%*s%.*s\n", indent, "", (int)n, text);
			first = false;
		}
		text += n + (text[n] == '\n');
	}
}

static void print_human(const char *path, const struct kc_result *r, bool show_log)
{
	printf("%s: kernel %s (%s, %s), bpf_testmod %s\n", path, r->kernel_release,
	       r->accel ? r->accel : "?", r->cold_boot ? "VM booted for this run" : "running VM",
	       r->testmod ? r->testmod : "?");
	for (size_t i = 0; i < r->nprogs; i++) {
		const struct kc_program *p = &r->progs[i];

		printf("\n%s (%s): %s\n", p->name, p->section, p->accepted ? "accepted" : "rejected");
		if (p->error)
			printf("  error: %s\n", p->error);
		if (p->error_insn >= 0)
			printf("  at insn: %ld\n", p->error_insn);
		if (p->insns_processed >= 0)
			printf("  insns processed: %ld\n", p->insns_processed);
		if (p->load_note)
			print_field("note", p->load_note);
		if (p->log_note)
			print_field("log", p->log_note);
		if (p->nevents)
			printf("  lab events: %zu\n", p->nevents);
		if (p->xlated_len)
			printf("  xlated: %zu insns\n", p->xlated_len / 8);
		if (p->has_retval)
			printf("  test run: retval %u\n", p->retval);
		else if (p->test_run)
			printf("  test run: %s\n", p->test_run);
		if (show_log && p->log_len)
			printf("  --- verifier log (level %d) ---\n%s%s", p->log_level, p->log,
			       p->log[p->log_len - 1] == '\n' ? "" : "\n");
	}
}

static void json_hex(struct json_writer *w, const uint8_t *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *hex = malloc(2 * len + 1);

	if (!hex) {
		json_null(w);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		hex[2 * i] = digits[data[i] >> 4];
		hex[2 * i + 1] = digits[data[i] & 15];
	}
	json_string_len(w, hex, 2 * len);
	free(hex);
}

static void json_opt_long(struct json_writer *w, const char *key, long v)
{
	json_key(w, key);
	if (v >= 0)
		json_int(w, v);
	else
		json_null(w);
}

static void print_json(const char *path, const struct kc_result *r)
{
	struct json_writer w;
	char engine[160];

	snprintf(engine, sizeof(engine), "kernel-%s", r->kernel_release);
	json_init(&w, stdout);
	json_object_begin(&w);
	json_key(&w, "object"), json_string(&w, path);
	json_key(&w, "engine"), json_string(&w, engine);
	json_key(&w, "accel"), json_string(&w, r->accel);
	json_key(&w, "cold_boot"), json_bool(&w, r->cold_boot);
	json_key(&w, "testmod"), json_string(&w, r->testmod);
	json_key(&w, "programs");
	json_array_begin(&w);
	for (size_t i = 0; i < r->nprogs; i++) {
		const struct kc_program *p = &r->progs[i];

		json_object_begin(&w);
		json_key(&w, "name"), json_string(&w, p->name);
		json_key(&w, "section"), json_string(&w, p->section);
		json_key(&w, "prog_type"), json_string(&w, p->prog_type);
		json_key(&w, "verdict"), json_string(&w, p->accepted ? "accepted" : "rejected");
		json_key(&w, "error"), json_string(&w, p->error);
		json_opt_long(&w, "error_insn", p->error_insn);
		json_opt_long(&w, "insns_processed", p->insns_processed);
		json_key(&w, "log"), json_string_len(&w, p->log, p->log_len);
		json_key(&w, "log_level"), json_int(&w, p->log_level);
		json_key(&w, "log_note"), json_string(&w, p->log_note);
		json_key(&w, "note"), json_string(&w, p->load_note);
		json_key(&w, "events");
		json_array_begin(&w);
		for (size_t j = 0; j < p->nevents; j++)
			json_string(&w, p->events[j]);
		json_array_end(&w);
		json_key(&w, "retval");
		if (p->has_retval)
			json_int(&w, p->retval);
		else
			json_null(&w);
		json_key(&w, "test_run"), json_string(&w, p->test_run);
		json_key(&w, "xlated");
		if (p->xlated_len)
			json_hex(&w, p->xlated, p->xlated_len);
		else
			json_null(&w);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_object_end(&w);
}

/* A number in [lo, hi], or -1. */
static long parse_number(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	return errno || end == s || *end || v < lo || v > hi ? -1 : v;
}

int cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "prog", required_argument, NULL, 'p' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "boot-timeout", required_argument, NULL, 'b' },
		{ "log", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct kc_options opt = { .log_level = 2 };
	bool json = false, show_log = false, any_rejected = false;
	struct kc_result res;
	char err[1024];
	const char *path;
	void *obj;
	size_t len;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'j': json = true; break;
		case 'L': show_log = true; break;
		case 'p': opt.prog_filter = optarg; break;
		case 'l':
			opt.log_level = (int)parse_number(optarg, 1, 2);
			if (opt.log_level < 0) {
				cli_error("invalid log level '%s' (1 or 2)", optarg);
				return EXIT_BAD_INPUT;
			}
			break;
		case 'b':
			opt.boot_timeout_s = (int)parse_number(optarg, 1, 3600);
			if (opt.boot_timeout_s < 0) {
				cli_error("invalid boot timeout '%s' (seconds, 1 to 3600)", optarg);
				return EXIT_BAD_INPUT;
			}
			break;
		case 'h': fputs(run_usage, stdout); return 0;
		default:
			cli_error("run: unknown or incomplete option '%s' (try 'veristep run --help')",
				  argv[optind - 1]);
			return EXIT_BAD_INPUT;
		}
	}
	if (optind != argc - 1) {
		cli_error(optind == argc ? "run: no object given (try 'veristep run --help')"
					 : "run: one object at a time (try 'veristep run --help')");
		return EXIT_BAD_INPUT;
	}
	path = argv[optind];
	obj = read_object(path, &len);
	if (!obj)
		return EXIT_BAD_INPUT;
	if (kc_check_elf(obj, len, path, err, sizeof(err))) {
		cli_error("%s", err);
		free(obj);
		return EXIT_BAD_INPUT;
	}
	rc = kc_run(obj, len, path, &opt, &res, err, sizeof(err));
	free(obj);
	if (rc) {
		cli_error("%s", err);
		return EXIT_BAD_INPUT;
	}
	if (res.object_error) {
		/* libbpf's message may run over several lines: the first says it */
		cli_error("cannot load '%s': %.*s", path, (int)strcspn(res.object_error, "\n"), res.object_error);
		kc_result_free(&res);
		return EXIT_BAD_INPUT;
	}
	if (res.nprogs == 0) {
		if (opt.prog_filter)
			cli_error("no program named '%s' in '%s'", opt.prog_filter, path);
		else
			cli_error("no BPF programs in '%s'", path);
		kc_result_free(&res);
		return EXIT_BAD_INPUT;
	}
	if (json)
		print_json(path, &res);
	else
		print_human(path, &res, show_log);
	for (size_t i = 0; i < res.nprogs; i++)
		any_rejected |= !res.progs[i].accepted;
	kc_result_free(&res);
	return any_rejected ? EXIT_REJECTED : EXIT_ACCEPTED;
}
