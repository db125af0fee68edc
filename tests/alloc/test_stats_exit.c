/*
 * tests/alloc/test_stats_exit.c: STRATA_STATS=1 prints the counters at exit.
 * The test runs itself again ("child" mode) with STRATA_STATS=1 and its stderr on a
 * pipe; the child uses the core and exits normally; the parent checks the table.
 * Without STRATA_STATS the same child prints nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc/core.h"
#include "check.h"

/* Run argv0 child with STRATA_STATS set to value (NULL: unset); collect its stderr. */
static int run_child(const char *argv0, const char *value, char *buf, size_t cap)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		if (value)
			setenv("STRATA_STATS", value, 1);
		else
			unsetenv("STRATA_STATS");
		execl(argv0, argv0, "child", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	size_t n = 0;
	ssize_t r;
	while (n + 1 < cap && (r = read(fds[0], buf + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = '\0';
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Parent: run the child with and without STRATA_STATS; child: use the core and exit. */
int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0) {
		void *p = core_pages_alloc(3 * 4096, 0);
		core_pages_free(p, 3 * 4096);
		return p ? 0 : 1;
	}
	static char buf[16384];
	CHECK_EQ(run_child(argv[0], "1", buf, sizeof buf), 0);
	CHECK(strstr(buf, "strata statistics (page source: mmap)") != NULL);
	CHECK(strstr(buf, "pages_alloc") != NULL);
	CHECK(strstr(buf, "mapped_bytes") != NULL);
	CHECK(strstr(buf, "STRATA_THREADS") != NULL && strstr(buf, "locking mode") != NULL);
	CHECK_EQ(run_child(argv[0], NULL, buf, sizeof buf), 0);
	CHECK_STREQ(buf, "");
	CHECK_EQ(run_child(argv[0], "0", buf, sizeof buf), 0);
	CHECK_STREQ(buf, "");
	return check_done();
}
