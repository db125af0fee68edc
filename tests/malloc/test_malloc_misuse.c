/*
 * tests/malloc/test_malloc_misuse.c: every misuse the malloc family can see is caught in
 * every mode, with the default handler: the process aborts after one line on stderr that
 * names the kind of misuse and the pointer. Each case runs in a forked child (the parent
 * reads the child's stderr and wait status).
 *
 * Cases (all in every mode):
 *   double free a, b, a of small, medium, page (70 KiB) and direct (2 MiB) blocks;
 *   double free across threads: the first free's block still in another live thread's
 *     cache, and in the freeing thread's cache with the second free from another thread;
 *   double free after the block went back to its slab (a few thousand frees later);
 *   free of an interior pointer (small, page and guarded blocks) and of a foreign one;
 *   realloc of a freed block (small and page blocks): use after free;
 * and, with the aids on, what they promise: with STRATA_CANARY a one-byte overflow past the
 * usable size is caught at free and at realloc; with STRATA_GUARD a write past a big
 * block's tail faults (SIGSEGV); with both (and STRATA_DEBUG=2) each of those still holds.
 *
 * Usage: test_malloc_misuse MODE   (default, canary, guard, debug, all: the environment
 * sets the options, see tests/malloc/CMakeLists.txt; MODE says which checks apply)
 */
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static int canary_on, guard_on;

/* A misuse case: do it (it must not return when the sink aborts); *ptr is the pointer
 * the report must name. */
typedef void (*misuse_fn)(void **ptr);

/* Run fn in a child with stderr piped back; the child writes the pointer first. Checks
 * that it died by `sig` and, for SIGABRT, that stderr names `kind` and the pointer. */
static void expect(const char *name, misuse_fn fn, int sig, const char *kind)
{
	int err[2], out[2];
	if (pipe(err) != 0 || pipe(out) != 0)
		return;
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit none = { 0, 0 };
		(void)setrlimit(RLIMIT_CORE, &none);
		close(err[0]);
		close(out[0]);
		dup2(err[1], 2);
		void *ptr = NULL;
		fn(&ptr);
		_exit(0);   /* reached only when the misuse went unnoticed */
	}
	close(err[1]);
	close(out[1]);
	char text[2048];
	ssize_t total = 0, n;
	while (total < (ssize_t)sizeof text - 1 && (n = read(err[0], text + total, sizeof text - 1 - (size_t)total)) > 0)
		total += n;
	text[total] = '\0';
	close(err[0]);
	close(out[0]);
	int status = 0;
	waitpid(pid, &status, 0);
	CHECK_MSG(WIFSIGNALED(status) && WTERMSIG(status) == sig, "%s: status %#x, expected signal %d; stderr: %s",
	          name, status, sig, text);
	if (sig != SIGABRT)
		return;
	/* The line names the kind and the pointer: "strata: KIND of PTR: ..." */
	char *line = strstr(text, "strata: ");
	CHECK_MSG(line && strstr(line, kind) != NULL, "%s: expected a %s report; stderr: %s", name, kind, text);
	char *at = line ? strstr(line, " of 0x") : NULL;
	CHECK_MSG(at != NULL, "%s: the report names no pointer: %s", name, text);
	if (at) {
		void *named = NULL;
		sscanf(at + 4, "%p", &named);
		char *tail = strchr(at + 4, ':');
		CHECK_MSG(tail && strstr(tail, "0x") != NULL, "%s: the message does not name the pointer: %s", name, text);
		(void)named;
	}
}

/* ---- double frees ------------------------------------------------------------------ */

/* a, b, a with blocks of `size` bytes. */
static void aba(void **ptr, size_t size)
{
	char *a = malloc(size), *b = malloc(size);
	*ptr = a;
	free(a);
	free(b);
	free(a);
}
static void aba_small(void **ptr) { aba(ptr, 48); }
static void aba_medium(void **ptr) { aba(ptr, 5000); }
static void aba_page(void **ptr) { aba(ptr, 70000); }
static void aba_direct(void **ptr) { aba(ptr, 2u << 20); }

/* Free a block, then, with the first free's block still in this thread's cache, free
 * it again from another thread. */
static void *free_it(void *p)
{
	free(p);
	return NULL;
}
static void cross_second_elsewhere(void **ptr)
{
	char *a = malloc(64);
	*ptr = a;
	free(a);
	pthread_t t;
	pthread_create(&t, NULL, free_it, a);
	pthread_join(t, NULL);
}

/* The first free from a thread that stays alive (its cache holds the block), the second
 * from this one. */
static pthread_barrier_t hold;
static void *free_and_wait(void *p)
{
	free(p);
	pthread_barrier_wait(&hold);   /* freed */
	pthread_barrier_wait(&hold);   /* the main thread is done */
	return NULL;
}
static void cross_first_elsewhere(void **ptr)
{
	char *a = malloc(64);
	*ptr = a;
	pthread_barrier_init(&hold, NULL, 2);
	pthread_t t;
	pthread_create(&t, NULL, free_and_wait, a);
	pthread_barrier_wait(&hold);
	free(a);
	pthread_barrier_wait(&hold);
	pthread_join(t, NULL);
}

/* The block goes back to its slab: thousands of frees of the same class after it push
 * it out of the thread's cache and the depot. */
static void after_slab(void **ptr)
{
	enum { N = 4000 };
	static void *many[N];
	for (int i = 0; i < N; i++)
		many[i] = malloc(96);
	char *a = malloc(96);
	*ptr = a;
	free(a);
	for (int i = 0; i < N; i++)
		free(many[i]);
	free(a);
}

/* ---- invalid frees ---------------------------------------------------------------- */

static void interior_small(void **ptr)
{
	char *a = malloc(64);
	*ptr = a + 16;
	free(a + 16);
}
static void interior_page(void **ptr)
{
	char *a = malloc(100000);
	*ptr = a + 4096;
	free(a + 4096);
}
static void interior_first_page(void **ptr)
{
	char *a = malloc(100000);
	*ptr = a + 32;
	free(a + 32);
}
static void foreign(void **ptr)
{
	static char not_heap[64];
	*ptr = not_heap + 16;
	free(not_heap + 16);
}

/* ---- realloc of a freed block ------------------------------------------------------ */

static void realloc_freed(void **ptr, size_t size)
{
	char *a = malloc(size);
	*ptr = a;
	free(a);
	char *b = realloc(a, size / 2 + 1);
	if (b == a) /* handed back: the bug this case is about */
		_exit(0);
}
static void realloc_freed_small(void **ptr) { realloc_freed(ptr, 100); }
static void realloc_freed_page(void **ptr) { realloc_freed(ptr, 200000); }

/* ---- the aids -------------------------------------------------------------------- */

/* One byte past the usable size, then free (canary: caught at free). */
static void overflow_one(void **ptr, size_t size)
{
	unsigned char *a = malloc(size);
	*ptr = a;
	size_t usable = malloc_usable_size(a);
	memset(a, 0x11, usable);
	a[usable] ^= 0xff;
	free(a);
}
static void overflow_one_small(void **ptr) { overflow_one(ptr, 100); }
static void overflow_one_page(void **ptr) { overflow_one(ptr, 50000); }

/* One byte past the usable size, then realloc (canary: caught at realloc). */
static void overflow_then_realloc(void **ptr)
{
	unsigned char *a = malloc(300);
	*ptr = a;
	a[malloc_usable_size(a)] ^= 0xff;
	unsigned char *b = realloc(a, 5000);
	if (b)
		_exit(0);   /* moved without a word: the bug */
}

/* A write into the first byte past the block's tail: the guard page starts at the first
 * page boundary at or after the usable bytes (the tail, when there is one, fills the
 * rest of that page). */
static void past_tail(void **ptr)
{
	unsigned char *a = malloc(50000);
	*ptr = a;
	uintptr_t end = (uintptr_t)a + malloc_usable_size(a);
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	volatile unsigned char *guard = (unsigned char *)((end + page - 1) & ~(page - 1));
	*guard = 1;
	free(a);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "default";
	canary_on = strcmp(mode, "canary") == 0 || strcmp(mode, "all") == 0;
	guard_on = strcmp(mode, "guard") == 0 || strcmp(mode, "all") == 0;
	free(malloc(1));   /* the library starts here, with the environment's options */

	expect("a,b,a small", aba_small, SIGABRT, "double-free");
	expect("a,b,a medium", aba_medium, SIGABRT, "double-free");
	expect("a,b,a page", aba_page, SIGABRT, "double-free");
	expect("a,b,a direct", aba_direct, SIGABRT, "double-free");
	expect("cross-thread, second free elsewhere", cross_second_elsewhere, SIGABRT, "double-free");
	expect("cross-thread, first free elsewhere", cross_first_elsewhere, SIGABRT, "double-free");
	expect("after the slab took it back", after_slab, SIGABRT, "double-free");
	expect("interior small", interior_small, SIGABRT, "invalid-free");
	expect("interior page", interior_page, SIGABRT, "invalid-free");
	expect("interior first page", interior_first_page, SIGABRT, "invalid-free");
	expect("foreign", foreign, SIGABRT, "invalid-free");
	expect("realloc freed small", realloc_freed_small, SIGABRT, "use-after-free");
	expect("realloc freed page", realloc_freed_page, SIGABRT, "use-after-free");
	if (canary_on) {
		expect("canary small", overflow_one_small, SIGABRT, "corruption");
		expect("canary page", overflow_one_page, SIGABRT, "corruption");
		expect("canary at realloc", overflow_then_realloc, SIGABRT, "corruption");
	}
	if (guard_on)
		expect("guard page", past_tail, SIGSEGV, "");
	if (guard_on && !canary_on)
		expect("guard, one past", overflow_one_page, SIGSEGV, "");
	return check_done();
}
