/*
 * tests/alloc/test_stats_exit.c: STRATA_STATS=1 prints the counters at exit;
 * STRATA_STATS=file:PATH writes the dump into PATH (%p: the pid); STRATA_VERBOSE=1 prints
 * the options in force once at start.
 * The test runs itself again ("child" mode) with the variable set and its stderr on a
 * pipe; the child uses the core and exits normally; the parent checks the table or file.
 * Without STRATA_STATS the same child prints nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "alloc/core.h"
#include "check.h"

/* Run argv0 child with VAR set to value (NULL: unset); collect its stderr; *child = its pid. */
static int run_child_env(const char *argv0, const char *var, const char *value, char *buf, size_t cap, long *child)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		unsetenv("STRATA_STATS");
		if (value)
			setenv(var, value, 1);
		execl(argv0, argv0, "child", (char *)NULL);
		_exit(127);
	}
	if (child)
		*child = (long)pid;
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

/* Run argv0 child with STRATA_STATS set to value (NULL: unset); collect its stderr. */
static int run_child(const char *argv0, const char *value, char *buf, size_t cap)
{
	return run_child_env(argv0, "STRATA_STATS", value, buf, cap, NULL);
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

	/* file:PATH with %p: the dump, in the file named by the child's pid; nothing on stderr */
	char dir[] = "/tmp/strata-stats-exit.XXXXXX", pattern[128], path[128], line[128];
	static char dump[16384];
	long child = 0;
	CHECK(mkdtemp(dir) != NULL);
	snprintf(pattern, sizeof pattern, "file:%s/run.%%p.dump", dir);
	CHECK_EQ(run_child_env(argv[0], "STRATA_STATS", pattern, buf, sizeof buf, &child), 0);
	CHECK_STREQ(buf, "");
	snprintf(path, sizeof path, "%s/run.%ld.dump", dir, child);
	FILE *f = fopen(path, "r");
	CHECK_MSG(f != NULL, "no dump at %s", path);
	size_t n = f ? fread(dump, 1, sizeof dump - 1, f) : 0;
	dump[n] = '\0';
	if (f)
		fclose(f);
	CHECK(strncmp(dump, "# strata stats dump v2\n", 23) == 0);
	snprintf(line, sizeof line, "\n# program %s\n# pid %ld\n", argv[0], child);
	CHECK_MSG(strstr(dump, line) != NULL, "header: %.200s", dump);
	snprintf(line, sizeof line, "\n# option STATS file:%s/run.%%p.dump\n", dir);
	CHECK(strstr(dump, line) != NULL);
	CHECK(strstr(dump, "\ncounter core pages_alloc 1\n") != NULL);
	remove(path);
	/* a folder that does not exist: one message, no crash */
	snprintf(pattern, sizeof pattern, "file:%s/no/such/dir/x", dir);
	CHECK_EQ(run_child_env(argv[0], "STRATA_STATS", pattern, buf, sizeof buf, NULL), 0);
	CHECK(strstr(buf, "cannot create") != NULL);
	/* "file:" with no path is a bad value: warned, default kept */
	CHECK_EQ(run_child_env(argv[0], "STRATA_STATS", "file:", buf, sizeof buf, NULL), 0);
	CHECK(strstr(buf, "STRATA_STATS=file: is not") != NULL && strstr(buf, "keeping 0") != NULL);
	rmdir(dir);

	/* STRATA_VERBOSE=1: the options in force, once, by name */
	CHECK_EQ(run_child_env(argv[0], "STRATA_VERBOSE", "1", buf, sizeof buf, &child), 0);
	char *first = strstr(buf, "strata: options in force");
	CHECK(first != NULL && strstr(first + 1, "strata: options in force") == NULL);
	CHECK(strstr(buf, "STRATA_PAGE_SOURCE  mmap") != NULL);
	CHECK(strstr(buf, "STRATA_VERBOSE      1                (environment)") != NULL);
	CHECK(strstr(buf, "STRATA_MAGAZINE     64               (default)") != NULL);
	return check_done();
}
