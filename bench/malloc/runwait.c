/*
 * bench/malloc/runwait.c: run a command and report its wall time, its peak RSS and its
 * end-of-run RSS, for bench/run-malloc on machines without /usr/bin/time. Prints
 * "WALL_SECONDS MAXRSS_KB END_RSS_KB CPU_SECONDS" on the file named by -o (else stderr)
 * and exits with the command's status. CPU_SECONDS is user + system time of the whole
 * tree: on a loaded machine it does not count the time spent waiting for a CPU.
 *
 * Peak: the rusage of the waited-for children (the biggest process of the command's tree,
 * as /usr/bin/time reports it). End of run: the command's processes are traced with
 * ptrace, stopping only at fork, exec and exit; at each process's exit stop (before the
 * kernel tears its address space down) VmRSS is read from /proc/PID/status, and the
 * largest is reported: what the biggest process still held when it finished, which is
 * what an allocator's lazy purging leaves behind. Where ptrace is refused the end field
 * is "-". The stops cost a few context switches per process, nothing per allocation.
 *
 * Usage: runwait [-o FILE] COMMAND [ARGS...]
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* VmRSS of a live (or exit-stopped) process in KiB, -1 when unreadable. */
static long rss_of(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmRSS:", 6) == 0) {
			kb = strtol(line + 6, NULL, 10);
			break;
		}
	fclose(f);
	return kb;
}

/* Follow the traced tree until the first child is gone; its wait status in *status.
 * Returns the largest exit-time RSS seen (KiB), -1 if none. */
static long trace_tree(pid_t first, int *status)
{
	long end_rss = -1;
	int done = 0;
	for (;;) {
		int st;
		pid_t pid = waitpid(-1, &st, __WALL);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;   /* ECHILD: everything reaped */
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			if (pid == first) {
				*status = st;
				done = 1;
			}
			continue;
		}
		if (!WIFSTOPPED(st))
			continue;
		int sig = WSTOPSIG(st), event = (unsigned)st >> 16, inject = 0;
		if (event == PTRACE_EVENT_EXIT) {
			long kb = rss_of(pid);
			if (kb > end_rss)
				end_rss = kb;
		} else if (event == 0 && sig != SIGTRAP && sig != SIGSTOP) {
			inject = sig;   /* a real signal for the tracee: deliver it */
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)inject);
	}
	if (!done)
		*status = 0;
	return end_rss;
}

/* Entry: fork, exec (traced when ptrace is allowed), wait, report. */
int main(int argc, char **argv)
{
	const char *out = NULL;
	int first = 1;
	struct timespec t0, t1;
	struct rusage ru;
	int status = 0, fds[2];
	long end_rss = -1;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		first = 3;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: runwait [-o FILE] COMMAND [ARGS...]\n");
		return 2;
	}
	if (pipe(fds) != 0) {
		perror("runwait");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		/* Tell the parent whether tracing is on, then stop until it set the options. */
		char traced = ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0;
		close(fds[0]);
		if (write(fds[1], &traced, 1) != 1)
			_exit(127);
		close(fds[1]);
		if (traced)
			raise(SIGSTOP);
		execvp(argv[first], argv + first);
		perror(argv[first]);
		_exit(127);
	}
	if (pid < 0) {
		perror("runwait");
		return 2;
	}
	close(fds[1]);
	char traced = 0;
	if (read(fds[0], &traced, 1) != 1)
		traced = 0;
	close(fds[0]);
	if (traced) {
		int st;
		if (waitpid(pid, &st, __WALL) == pid && WIFSTOPPED(st)) {
			long opts = PTRACE_O_TRACEEXIT | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			            PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
			ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)opts);
			ptrace(PTRACE_CONT, pid, NULL, NULL);
			end_rss = trace_tree(pid, &status);
		} else {
			status = st;
		}
	} else if (waitpid(pid, &status, 0) < 0) {
		perror("runwait");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	getrusage(RUSAGE_CHILDREN, &ru);
	double wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	double cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	             (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	FILE *f = out ? fopen(out, "w") : stderr;
	if (f) {
		if (end_rss >= 0)
			fprintf(f, "%.3f %ld %ld %.3f\n", wall, ru.ru_maxrss, end_rss, cpu);
		else
			fprintf(f, "%.3f %ld - %.3f\n", wall, ru.ru_maxrss, cpu);
		if (out)
			fclose(f);
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
