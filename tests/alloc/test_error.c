/*
 * tests/alloc/test_error.c: the error sink -- the handler gets kind, pointer and the
 * formatted message; counts; kind names; the default line format in warn mode; a
 * handler that misuses the sink itself does not recurse; and the default abort (in a
 * forked child, whose stderr line and SIGABRT are checked).
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strata/error.h>

#include "alloc/error.h"
#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "check.h"
#include "outcap.h"
#include "errcap.h"


/* A handler that reports again from inside itself. */
static int nested_calls;
/* A misbehaving handler that reports again from inside itself. */
static void nesting_handler(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	(void)kind;
	(void)message;
	(void)arg;
	nested_calls++;
	error_report(STRATA_ERR_CORRUPT, ptr, "inside the handler");
}

/* Handler, formatter, nesting, warn-mode line and abort-mode line. */
int main(void)
{
	/* Kind names are stable. */
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_DOUBLE_FREE), "double-free");
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_INVALID_FREE), "invalid-free");
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_SIZE_MISMATCH), "size-mismatch");
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_OVERLAP), "overlap");
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_MAP_FULL), "map-full");
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_OOM), "out-of-memory");
	CHECK_STREQ(strata_error_kind_name(STRATA_ERR_USE_AFTER_FREE), "use-after-free");
	CHECK_STREQ(strata_error_kind_name((strata_error_kind_t)999), "error");

	/* The handler receives kind, pointer and the formatted message. */
	unsigned long before = strata_error_count();
	errcap_start();
	int x;
	error_report(STRATA_ERR_SIZE_MISMATCH, &x, "kfree(%p, %zu): class %u, not %d; %s %ld %lx %%",
	             (void *)0x1000, (size_t)48, 64u, -3, "ok", -1234567890123L, 0xbeefUL);
	CHECK_EQ(errcap.count, 1);
	CHECK_EQ(errcap.kind, STRATA_ERR_SIZE_MISMATCH);
	CHECK(errcap.ptr == &x);
	CHECK_STREQ(errcap.message, "kfree(0x1000, 48): class 64, not -3; ok -1234567890123 beef %");
	CHECK_EQ(strata_error_count(), before + 1);

	/* Widths and truncation of the formatter (no overrun). */
	char small[8];
	size_t n = platform_format(small, sizeof small, "%s", "abcdefghijkl");
	CHECK_EQ(n, 7);
	CHECK_STREQ(small, "abcdefg");
	char wide[64];
	platform_format(wide, sizeof wide, "[%-5s|%5s|%05d|%3u]", "ab", "cd", -42, 7u);
	CHECK_STREQ(wide, "[ab   |   cd|-0042|  7]");

	/* A handler that reports from inside itself: the nested report takes the default
	 * path (warn mode here, so it returns) instead of recursing. */
	options_set(OPT_ERROR, 1);
	static const struct platform_hooks *prev;
	static struct platform_hooks capture;
	prev = platform_hooks_get();
	capture = *prev;
	capture.write = capture_write;
	platform_hooks_set(&capture);
	strata_error_handler_set(nesting_handler, NULL);
	error_report(STRATA_ERR_MISUSE, NULL, "outer");
	CHECK_EQ(nested_calls, 1);
	CHECK(strstr(out, "strata: corruption: inside the handler") != NULL);

	/* Default handler in warn mode: the documented line, and the call returns. */
	strata_error_handler_set(NULL, NULL);
	outlen = 0;
	out[0] = '\0';
	error_report(STRATA_ERR_DOUBLE_FREE, (void *)0xdead0, "block freed twice");
	CHECK_STREQ(out, "strata: double-free of 0xdead0: block freed twice\n");
	outlen = 0;
	error_report(STRATA_ERR_OOM, NULL, "no pages");
	CHECK_STREQ(out, "strata: out-of-memory: no pages\n");
	platform_hooks_set(NULL);

	/* Default handler in abort mode: one line on stderr, then SIGABRT. */
	options_set(OPT_ERROR, 0);
	int fds[2];
	CHECK(pipe(fds) == 0);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		signal(SIGABRT, SIG_DFL);
		error_report(STRATA_ERR_INVALID_FREE, (void *)0x1234, "not ours");
		_exit(0);   /* not reached when the sink aborts */
	}
	close(fds[1]);
	char buf[256];
	ssize_t got = read(fds[0], buf, sizeof buf - 1);
	buf[got > 0 ? got : 0] = '\0';
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	CHECK_STREQ(buf, "strata: invalid-free of 0x1234: not ours\n");
	return check_done();
}
