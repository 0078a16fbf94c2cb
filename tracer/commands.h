/* The veristep command line: one X-macro row per subcommand (name, handler,
 * one-line help). main.c dispatches; each command lives in its own cmd_*.c. */
#ifndef VERISTEP_COMMANDS_H
#define VERISTEP_COMMANDS_H

#define VERISTEP_COMMANDS(X)                                                              \
	X(verify, cmd_verify, "verify [--json] [--log-level 0|1|2] [--prog NAME] OBJ   the simulated verifier") \
	X(run, cmd_run, "run [--json] [--prog NAME] OBJ   load OBJ into the lab kernel (QEMU)") \
	X(vm, cmd_vm, "vm status|stop                    the persistent lab VM") \
	X(tui, cmd_tui, "tui [--prog NAME] [--lesson DIR] [--dump-after KEYS] OBJ   step through the verifier (full screen)") \
	X(repl, cmd_repl, "repl [--prog NAME] [--lesson DIR] OBJ   the tracer as a prompt (scriptable from stdin)") \
	X(explain, cmd_explain, "explain [--json] [--prog NAME] OBJ   why a program was rejected, or a summary") \
	X(compare, cmd_compare, "compare [--prog NAME] OBJ        the simulator beside the lab kernel, and where they differ") \
	X(lesson, cmd_lesson, "lesson [N]                       the lessons and your progress; N opens lesson N in the tracer") \
	X(lab, cmd_lab, "lab check N [--sim-only] [FILE|DIR]   check an edited exercise on the simulator and the kernel")

#define DECLARE_COMMAND(name, fn, help) int fn(int argc, char **argv);
VERISTEP_COMMANDS(DECLARE_COMMAND)
#undef DECLARE_COMMAND

/* Exit codes of the batch contract (DESIGN.md). */
enum {
	EXIT_ACCEPTED = 0, /* every selected program accepted */
	EXIT_REJECTED = 1, /* at least one rejected */
	EXIT_BAD_INPUT = 2, /* bad usage, unreadable input, engine failure */
};

/* One-line error on stderr in the project's style: "veristep: <what>". */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
