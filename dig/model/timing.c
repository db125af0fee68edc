/*
 * dig/model/timing.c: the stage clock behind STRATA_DIG_TIMINGS=1 (model_timing_mark).
 *
 * Each mark prints the wall and CPU seconds since the previous one, the CPU seconds of
 * the marking thread alone (`main`: the stages are marked from the thread that runs them,
 * so cpu - main is what the -j workers and the cache writer did beside it, and a stage
 * whose main is near its cpu ran on one core), and the resident and peak memory, so a
 * slow, serial or fat stage names itself. Off (one getenv, then a flag test)
 * unless the variable is set; the only state is the previous mark, kept below. It prints
 * to stderr, which the model otherwise never does: it is the writers' clock too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "dig/model/model_impl.h"

/* The stage clock (model_timing_mark): read once from the environment. */
static struct model_clock {
	int state;           /* 0 not read yet, 1 off, 2 on */
	double wall, cpu;    /* at the previous mark */
	double main;         /* the marking (main) thread's CPU seconds at the previous mark */
} model_clock;

/* Wall seconds (monotonic) and CPU seconds (user + system) of the process. */
static void model_clock_now(double *wall, double *cpu)
{
	struct timespec ts;
	struct rusage ru;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	*wall = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	*cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
	       (double)ru.ru_stime.tv_usec / 1e6;
}

/* Resident memory now, in KiB (from /proc/self/statm; 0 when unreadable). */
static long model_clock_rss_kib(void)
{
	long size = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%ld %ld", &size, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss * 4;
}

/* Print one stage's wall and CPU time since the previous mark, and the memory. */
void model_timing_mark(const char *stage)
{
	double wall, cpu;
	struct rusage ru;
	if (model_clock.state == 0) {
		const char *e = getenv("STRATA_DIG_TIMINGS");
		model_clock.state = e && *e && strcmp(e, "0") != 0 ? 2 : 1;
	}
	if (model_clock.state != 2)
		return;
	model_clock_now(&wall, &cpu);
	struct timespec own;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &own);
	double main = (double)own.tv_sec + (double)own.tv_nsec / 1e9;
	getrusage(RUSAGE_SELF, &ru);
	if (model_clock.wall == 0)
		fprintf(stderr, "strata: timing %-22s cpu %7.2f (process so far) rss %5ld MiB peak %5ld MiB\n", stage, cpu,
		        model_clock_rss_kib() / 1024, ru.ru_maxrss / 1024);
	else
		fprintf(stderr, "strata: timing %-22s wall %6.2f cpu %6.2f main %6.2f rss %5ld MiB peak %5ld MiB\n", stage,
		        wall - model_clock.wall, cpu - model_clock.cpu, main - model_clock.main, model_clock_rss_kib() / 1024,
		        ru.ru_maxrss / 1024);
	model_clock.wall = wall;
	model_clock.cpu = cpu;
	model_clock.main = main;
}
