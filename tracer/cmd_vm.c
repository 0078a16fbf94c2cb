/* `veristep vm status|stop`: the user's persistent lab VM (kernel/client). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "kc_vm.h"

static int vm_status(void)
{
	struct kc_vm_status st;
	char err[512];

	if (kc_vm_status(&st, err, sizeof(err))) {
		cli_error("%s", err);
		return EXIT_BAD_INPUT;
	}
	if (!st.running) {
		printf("lab VM: not running\n");
		return 0;
	}
	printf("lab VM: running\n  pid: %d\n", (int)st.pid);
	if (st.uptime_s >= 0)
		printf("  uptime: %ld s\n", st.uptime_s);
	printf("  accel: %s\n  kernel: %s\n  console: %s\n", st.accel[0] ? st.accel : "unknown",
	       st.kernel[0] ? st.kernel : "unknown", st.console);
	return 0;
}

static int vm_stop(void)
{
	bool was_running;
	char err[512];

	if (kc_vm_stop(&was_running, err, sizeof(err))) {
		cli_error("%s", err);
		return EXIT_BAD_INPUT;
	}
	printf("lab VM: %s\n", was_running ? "stopped" : "was not running");
	return 0;
}

int cmd_vm(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "status"))
		return vm_status();
	if (argc == 2 && !strcmp(argv[1], "stop"))
		return vm_stop();
	if (argc >= 2)
		cli_error("vm: unknown subcommand '%s' (status or stop)", argv[1]);
	else
		cli_error("vm: status or stop");
	return EXIT_BAD_INPUT;
}
