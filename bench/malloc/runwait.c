/*
 * bench/malloc/runwait.c: run a command and report its wall time and peak RSS, for
 * bench/run-malloc on machines without /usr/bin/time. Prints "WALL_SECONDS MAXRSS_KB" on
 * the file named by -o (else stderr) and exits with the command's status.
 *
 * Usage: runwait [-o FILE] COMMAND [ARGS...]
 */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Entry: fork, exec, wait4, report. */
int main(int argc, char **argv)
{
	const char *out = NULL;
	int first = 1;
	struct timespec t0, t1;
	struct rusage ru;
	int status = 0;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: runwait [-o FILE] COMMAND [ARGS...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		execvp(argv[first], argv + first);
		perror(argv[first]);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
		perror("runwait");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	FILE *f = out ? fopen(out, "w") : stderr;
	if (f) {
		fprintf(f, "%.3f %ld\n", wall, ru.ru_maxrss);
		if (out)
			fclose(f);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
