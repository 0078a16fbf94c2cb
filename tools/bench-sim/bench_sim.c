/* bench-sim: time the simulator on each program of BPF objects, in process
 * (no CLI start-up, BTF parsed once per object), with the trace recorded.
 *
 *   bench-sim [--log-level N] OBJ...
 * prints one line per program:
 *   obj=<file> prog=<name> verdict=accepted|rejected|unsupported usec=<time>
 *   insns=<processed> steps=<trace steps> trace_bytes=<bytes>
 *   mat_max_usec=<slowest of the sampled steps> mat_avg_usec=<average>
 * The materialisation figures come from sim_trace_state_at() on 16 steps
 * spread over the trace plus its last step (time travel cost).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "object.h"
#include "trace.h"
#include "verifier.h"

static double now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static const char *verdict_name(enum sim_verdict v)
{
	static const char *const names[] = {
		[SIM_ACCEPTED] = "accepted", [SIM_REJECTED] = "rejected",
		[SIM_UNSUPPORTED] = "unsupported", [SIM_BUG] = "bug",
	};
	return names[v];
}

static void bench_prog(const struct sim_object *obj, const struct sim_prog *prog, int level)
{
	struct sim_verify_opts opts = { .log_level = level };
	struct sim_trace *t;
	double t0, dt, mat_max = 0, mat_sum = 0;
	size_t steps;
	int samples = 0;

	t0 = now_usec();
	t = sim_verify_object_prog(obj, prog, &opts);
	dt = now_usec() - t0;
	if (!t) {
		printf("obj=%s prog=%s verdict=bug usec=-1\n", sim_object_path(obj), sim_prog_name(prog));
		return;
	}
	steps = sim_trace_steps(t);
	for (int i = 0; i <= 16 && steps; i++) {
		size_t s = i == 16 ? steps - 1 : steps * (size_t)i / 16;
		struct sim_state_view v;
		double m0 = now_usec(), m;

		if (sim_trace_state_at(t, s, &v))
			continue;
		m = now_usec() - m0;
		sim_state_view_release(&v);
		mat_sum += m;
		samples++;
		if (m > mat_max)
			mat_max = m;
	}
	printf("obj=%s prog=%s verdict=%s usec=%.0f insns=%u steps=%zu trace_bytes=%zu "
	       "mat_max_usec=%.0f mat_avg_usec=%.0f\n",
	       strrchr(sim_object_path(obj), '/') ? strrchr(sim_object_path(obj), '/') + 1
						  : sim_object_path(obj),
	       sim_prog_name(prog), verdict_name(sim_trace_verdict(t)), dt,
	       sim_trace_insns_processed(t), steps, sim_trace_bytes(t), mat_max,
	       samples ? mat_sum / samples : 0.0);
	fflush(stdout);
	sim_trace_free(t);
}

int main(int argc, char **argv)
{
	int level = 0, a = 1;

	if (a + 1 < argc && !strcmp(argv[a], "--log-level")) {
		level = atoi(argv[a + 1]);
		a += 2;
	}
	if (a >= argc) {
		fprintf(stderr, "usage: bench-sim [--log-level N] OBJ...\n");
		return 2;
	}
	for (; a < argc; a++) {
		char err[256];
		struct sim_object *obj = sim_object_open(argv[a], NULL, err, sizeof(err));

		if (!obj) {
			fprintf(stderr, "bench-sim: cannot open '%s': %s\n", argv[a], err);
			continue;
		}
		for (size_t i = 0; i < sim_object_prog_count(obj); i++)
			bench_prog(obj, sim_object_prog(obj, i), level);
		sim_object_close(obj);
	}
	return 0;
}
