/*
 * tests/dig/outdir/strata_faulty.c: the strata command with the fault hook set, for the
 * kill-at-each-step tests (run-kill.sh, fuzz_out.py). Not installed, never in strata.
 *
 *   STRATA_FAULT_LOG=FILE   append the name of every step (dig_fault_point) to FILE
 *   STRATA_FAULT_AT=N       at the Nth step (1-based, counted over all threads in the
 *                           order they reach it), log it and kill the process with
 *                           SIGKILL -- as `kill -9` would, with no chance to clean up
 *   STRATA_FAULT_FAIL=STEP  every step of that name fails (EIO), as a full disk would
 *                           make it: "write cache", "write artifact", "swap"
 *   STRATA_FAULT_PAUSE=STEP the first step of that name stops the process (SIGSTOP) until
 *                           a SIGCONT: a dig held in the middle, for the lock tests
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dig/cli/commands.h"
#include "dig/scan/scan.h"

static pthread_mutex_t fault_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long fault_count, fault_at;
static int fault_log = -1;

static const char *fault_fail, *fault_pause;

/* The hook: count the step, log it, kill at the chosen one, fail the named one. */
static int fault_step(const char *step)
{
	pthread_mutex_lock(&fault_lock);
	unsigned long n = ++fault_count;
	if (fault_log >= 0) {
		char line[128];
		size_t len = strlen(step);
		if (len > sizeof line - 2)
			len = sizeof line - 2;
		memcpy(line, step, len);
		line[len++] = '\n';
		if (write(fault_log, line, len) < 0)
			fault_log = -1;
	}
	if (fault_at && n == fault_at)
		raise(SIGKILL);
	int fail = fault_fail && strcmp(step, fault_fail) == 0;
	int pause = fault_pause && strcmp(step, fault_pause) == 0;
	if (pause)
		fault_pause = NULL;
	pthread_mutex_unlock(&fault_lock);
	if (pause)
		raise(SIGSTOP);
	return fail;
}

int main(int argc, char **argv)
{
	const char *log = getenv("STRATA_FAULT_LOG"), *at = getenv("STRATA_FAULT_AT");

	if (log)
		fault_log = open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (at)
		fault_at = strtoul(at, NULL, 10);
	fault_fail = getenv("STRATA_FAULT_FAIL");
	fault_pause = getenv("STRATA_FAULT_PAUSE");
	dig_fault_hook = fault_step;
	return strata_main(argc, argv);
}
