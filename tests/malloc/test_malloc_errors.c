/*
 * tests/malloc/test_malloc_errors.c: misuse through the malloc face reaches the error sink
 * with a message naming the pointer.
 *
 * Usage: test_malloc_errors            handler cases, then the default handler in children
 *                                      (abort with the message on stderr)
 *        test_malloc_errors warn       with STRATA_ERROR=warn: double free reported, survived
 *        test_malloc_errors canary     with STRATA_CANARY=1: a one-byte overflow is caught
 *        test_malloc_errors trace      with STRATA_TRACE=1: one line per call on stderr
 *        test_malloc_errors guard      with STRATA_GUARD=1 (STRATA_GUARD_MIN=1000): a write
 *                                      one byte past a guarded block faults (SIGSEGV in a
 *                                      child), and guarded blocks otherwise behave
 */
#include <malloc.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strata/error.h>
#include <strata/malloc.h>

#include "check.h"

/* What the test handler saw last. */
static struct {
	int calls;
	strata_error_kind_t kind;
	const void *ptr;
	char message[512];
} seen;

/* A handler that records the report and returns (the call becomes a no-op). */
static void record(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	(void)arg;
	seen.calls++;
	seen.kind = kind;
	seen.ptr = ptr;
	snprintf(seen.message, sizeof seen.message, "%s", message);
}

/* Whether the recorded message names ptr as %p prints it. */
static int names_pointer(const char *message, const void *ptr)
{
	char text[64];

	snprintf(text, sizeof text, "%p", ptr);
	return strstr(message, text) != NULL;
}

/* Double free, interior-pointer free, and a pointer never handed out, with a handler. */
static void test_handler(void)
{
	strata_error_handler_set(record, NULL);

	char *p = malloc(48);
	free(p);
	memset(&seen, 0, sizeof seen);
	free(p);
	CHECK_EQ(seen.calls, 1);
	CHECK_EQ(seen.kind, STRATA_ERR_DOUBLE_FREE);
	CHECK(seen.ptr == p);
	CHECK_MSG(names_pointer(seen.message, p), "message: %s", seen.message);

	char *big = malloc(1 << 20);
	free(big);
	memset(&seen, 0, sizeof seen);
	free(big);
	CHECK_EQ(seen.calls, 1);
	CHECK(seen.kind == STRATA_ERR_DOUBLE_FREE || seen.kind == STRATA_ERR_INVALID_FREE);
	CHECK_MSG(names_pointer(seen.message, big), "message: %s", seen.message);

	char *q = malloc(64);
	memset(&seen, 0, sizeof seen);
	free(q + 16);
	CHECK_EQ(seen.calls, 1);
	CHECK_EQ(seen.kind, STRATA_ERR_INVALID_FREE);
	CHECK(seen.ptr == q + 16);
	CHECK_MSG(names_pointer(seen.message, q + 16), "message: %s", seen.message);
	free(q);

	static char not_heap[64];
	memset(&seen, 0, sizeof seen);
	free(not_heap + 16);
	CHECK_EQ(seen.calls, 1);
	CHECK_EQ(seen.kind, STRATA_ERR_INVALID_FREE);
	CHECK_MSG(names_pointer(seen.message, not_heap + 16), "message: %s", seen.message);

	/* realloc of a pointer strata never handed out: reported, NULL. */
	memset(&seen, 0, sizeof seen);
	CHECK(realloc(not_heap + 16, 100) == NULL);
	CHECK_EQ(seen.calls, 1);
	CHECK_EQ(seen.kind, STRATA_ERR_INVALID_FREE);

	/* The heap is still usable after every reported misuse. */
	void *r = malloc(48);
	CHECK(r != NULL);
	free(r);
	strata_error_handler_set(NULL, NULL);
}

/* In a child with the default handler, do one misuse; return its stderr and status. */
static int child_misuse(int which, char *out, size_t outlen, int *status)
{
	int fds[2];
	pid_t pid;
	ssize_t n, total = 0;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		char *p = malloc(40);
		free(p);
		if (which == 0) {
			printf("%p\n", (void *)p);   /* the pointer, for the parent to look for */
			fflush(stdout);
			free(p);
		} else {
			printf("%p\n", (void *)(p + 8));
			fflush(stdout);
			free(p + 8);
		}
		_exit(0);   /* reached only if the sink did not abort */
	}
	close(fds[1]);
	while (total < (ssize_t)outlen - 1 && (n = read(fds[0], out + total, outlen - 1 - (size_t)total)) > 0)
		total += n;
	out[total] = '\0';
	close(fds[0]);
	waitpid(pid, status, 0);
	return 0;
}

/* The default handler prints a line naming the pointer and aborts the process. */
static void test_default_abort(void)
{
	for (int which = 0; which < 2; which++) {
		char text[1024];
		int status = 0;
		int rc;

		/* stdout of the child carries the pointer: redirect it to a pipe too. */
		int pfd[2];
		if (pipe(pfd) != 0)
			continue;
		int saved = dup(1);
		fflush(stdout);
		dup2(pfd[1], 1);
		rc = child_misuse(which, text, sizeof text, &status);
		fflush(stdout);
		dup2(saved, 1);
		close(saved);
		close(pfd[1]);
		char ptrtext[64] = { 0 };
		ssize_t n = read(pfd[0], ptrtext, sizeof ptrtext - 1);
		close(pfd[0]);
		if (n > 0 && ptrtext[n - 1] == '\n')
			ptrtext[n - 1] = '\0';
		CHECK_EQ(rc, 0);
		CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "status %#x", status);
		CHECK_MSG(n > 0 && strstr(text, ptrtext) != NULL, "stderr: %s / pointer %s", text, ptrtext);
		CHECK_MSG(strstr(text, which == 0 ? "double" : "invalid") != NULL ||
		          strstr(text, which == 0 ? "twice" : "not") != NULL, "stderr: %s", text);
	}
}

/* mallopt(M_CHECK_ACTION, 1) (print, do not abort): in a child, a double free is reported
 * and the child goes on to exit 0. */
static void test_check_action(void)
{
	int fds[2];

	if (pipe(fds) != 0)
		return;
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 2);
		if (mallopt(M_CHECK_ACTION, 1) != 1)
			_exit(3);
		char *p = malloc(40);
		free(p);
		free(p);
		_exit(0);
	}
	close(fds[1]);
	char text[1024];
	ssize_t n = read(fds[0], text, sizeof text - 1);
	text[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
	CHECK_MSG(strstr(text, "double") != NULL, "stderr: %s", text);
}

/* STRATA_TRACE=1: malloc, realloc and free each write their line. */
static void test_trace(void)
{
	char path[] = "/tmp/strata-malloc-trace-XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	int saved = dup(2);
	dup2(fd, 2);
	char *p = malloc(77);
	char *q = realloc(p, 5000);
	free(q);
	dup2(saved, 2);
	close(saved);
	char text[4096] = { 0 }, want[128];
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	CHECK(n > 0);
	snprintf(want, sizeof want, "strata: malloc(77) = %p", (void *)p);
	CHECK_MSG(strstr(text, want) != NULL, "trace: %s", text);
	snprintf(want, sizeof want, "strata: free(%p)", (void *)q);
	CHECK_MSG(strstr(text, want) != NULL, "trace: %s", text);
	CHECK_MSG(strstr(text, "strata: realloc(") != NULL, "trace: %s", text);
	close(fd);
	unlink(path);
}

/* STRATA_ERROR=warn: a double free is reported on stderr and the program goes on. */
static void test_warn(void)
{
	unsigned long before = strata_error_count();
	char *p = malloc(40);
	free(p);
	free(p);
	CHECK_EQ(strata_error_count(), before + 1);
	void *q = malloc(40);
	CHECK(q != NULL);
	free(q);
}

/* STRATA_CANARY=1: writing the byte after malloc_usable_size is caught at free. */
static void test_canary(void)
{
	strata_error_handler_set(record, NULL);
	for (size_t n = 1; n < 3000; n = n * 2 + 3) {
		unsigned char *p = malloc(n);
		size_t usable = malloc_usable_size(p);
		CHECK(usable >= n);
		memset(p, 0x11, usable);   /* every usable byte: no report */
		memset(&seen, 0, sizeof seen);
		free(p);
		CHECK_EQ(seen.calls, 0);

		p = malloc(n);
		usable = malloc_usable_size(p);
		p[usable] = (unsigned char)~p[usable];   /* one byte too far */
		memset(&seen, 0, sizeof seen);
		free(p);
		CHECK_EQ(seen.calls, 1);
		CHECK_EQ(seen.kind, STRATA_ERR_CORRUPT);
		CHECK_MSG(names_pointer(seen.message, p), "message: %s", seen.message);
	}
	strata_error_handler_set(NULL, NULL);
}

/* In a child: allocate n bytes aligned to align (0: malloc), write every usable byte,
 * then, when `past`, the byte after them. Returns the child's wait status. */
static int guard_child(size_t n, size_t align, int past)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit none = { 0, 0 };
		(void)setrlimit(RLIMIT_CORE, &none);   /* the expected fault writes no core file */
		unsigned char *p = align ? memalign(align, n) : malloc(n);
		if (p == NULL)
			_exit(3);
		size_t usable = malloc_usable_size(p);
		if (usable < n)
			_exit(4);
		memset(p, 0x5a, usable);
		if (past) {
			/* into the guard page (the read faults); with the canary on, a byte that
			 * surely differs from the canary's (a keyed, random one) */
			volatile unsigned char *past_end = p + usable;
			*past_end = (unsigned char)~*past_end;
		}
		free(p);
		_exit(0);
	}
	int status = -1;
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* STRATA_GUARD=1, STRATA_GUARD_MIN=1000: blocks of 1000 bytes and more end at a guard
 * page; a write past one faults; in-bounds use, realloc, calloc and reuse all work. */
static void test_guard(void)
{
	static const size_t sizes[] = { 1000, 1001, 4000, 4096, 5000, 40000, 65536, 300000, 3u << 20 };
	static const size_t aligns[] = { 0, 0, 64, 4096, 0, 0, 65536, 0, 0 };
	const char *canary_env = getenv("STRATA_CANARY");
	int canary = canary_env && strcmp(canary_env, "1") == 0;
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		int st = guard_child(sizes[i], aligns[i], 0);
		CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "in bounds, %zu bytes: status %d", sizes[i], st);
		st = guard_child(sizes[i], aligns[i], 1);
		/* With STRATA_CANARY=1 too, the byte past the usable ones is the canary: free
		 * reports it and the default handler aborts before the guard is reached. */
		CHECK_MSG(WIFSIGNALED(st) && (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS ||
		                              (canary && WTERMSIG(st) == SIGABRT)),
		          "one byte past %zu bytes (align %zu): status %d", sizes[i], aligns[i], st);
	}
	/* Below STRATA_GUARD_MIN: a class object, no guard (the write stays in its slack). */
	int st = guard_child(100, 0, 0);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* Guarded blocks: the usable size ends within 15 bytes of the request (16-byte
	 * alignment), alignment holds, realloc keeps the data, calloc zeroes recycled pages. */
	for (int round = 0; round < 3; round++) {
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			size_t n = sizes[i], align = aligns[i];
			unsigned char *p = align ? memalign(align, n) : malloc(n);
			CHECK(p != NULL);
			if (!p)
				continue;
			size_t usable = malloc_usable_size(p);
			size_t a = align > 16 ? align : 16;
			CHECK_MSG(usable >= n && usable < n + a, "%zu bytes: usable %zu", n, usable);
			CHECK(((uintptr_t)p & (a - 1)) == 0);
			memset(p, (int)(i + 1), usable);
			unsigned char *q = realloc(p, n + 5000);
			CHECK(q != NULL);
			if (!q) {
				free(p);
				continue;
			}
			CHECK(q[0] == (unsigned char)(i + 1) && q[n - 1] == (unsigned char)(i + 1));
			CHECK(malloc_usable_size(q) >= n + 5000 && malloc_usable_size(q) < n + 5000 + 16);
			memset(q, 0x77, malloc_usable_size(q));
			free(q);
			unsigned char *z = calloc(1, n);
			CHECK(z != NULL);
			if (z) {
				size_t bad = 0;
				for (size_t k = 0; k < n; k++)
					bad += z[k] != 0;
				CHECK_EQ(bad, 0);
				memset(z, 0x33, malloc_usable_size(z));
				free(z);
			}
		}
	}
	/* A double free of a guarded block is still reported. */
	strata_error_handler_set(record, NULL);
	char *big = malloc(50000);
	free(big);
	memset(&seen, 0, sizeof seen);
	free(big);
	CHECK_EQ(seen.calls, 1);
	CHECK_MSG(names_pointer(seen.message, big), "message: %s", seen.message);
	strata_error_handler_set(NULL, NULL);
}

/* Entry: the mode from argv (see the file comment). */
int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "warn") == 0)
		test_warn();
	else if (strcmp(mode, "canary") == 0)
		test_canary();
	else if (strcmp(mode, "trace") == 0)
		test_trace();
	else if (strcmp(mode, "guard") == 0)
		test_guard();
	else {
		test_handler();
		test_default_abort();
		test_check_action();
	}
	return check_done();
}
