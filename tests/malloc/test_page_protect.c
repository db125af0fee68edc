/*
 * tests/malloc/test_page_protect.c: the page seam's protect operation, which the malloc
 * face's guard pages (STRATA_GUARD) stand on. The sources' own tables: mmap and sbrk
 * protect, a static region and the host source have none. Through the core: a range from
 * a static region cannot be protected (-1, nothing changes); after a switch to mmap, a
 * protected page faults (SIGSEGV in a child) and reads and writes again once given
 * its access back.
 */
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strata/page.h>

#include "alloc/core.h"
#include "check.h"

static unsigned char region_bytes[64 * 4096] __attribute__((aligned(4096)));

/* In a child: write one byte at p; the child's wait status. */
static int write_in_child(volatile unsigned char *p)
{
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit none = { 0, 0 };
		(void)setrlimit(RLIMIT_CORE, &none);
		*p = 7;
		_exit(0);
	}
	int st = -1;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* Entry: the tables, then the core on a static region, then on mmap. */
int main(void)
{
	size_t ps = strata_page_size();

	CHECK(strata_page_mmap.protect != NULL);
	CHECK(strata_page_sbrk.protect != NULL);
	CHECK(strata_page_static.protect == NULL);
	CHECK(strata_page_host.protect == NULL);

	/* The mmap source on its own: none, then read-write again. */
	unsigned char *m = strata_page_mmap.map(NULL, 2 * ps, ps);
	CHECK(m != NULL);
	if (m) {
		CHECK_EQ(strata_page_mmap.protect(NULL, m + ps, ps, STRATA_PAGE_NONE), 0);
		int st = write_in_child(m + ps);
		CHECK_MSG(WIFSIGNALED(st) && (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS), "status %d", st);
		CHECK_EQ(strata_page_mmap.protect(NULL, m + ps, ps, STRATA_PAGE_RW), 0);
		m[ps] = 1;
		CHECK(m[ps] == 1);
		strata_page_mmap.unmap(NULL, m, 2 * ps);
	}

	/* The core on a static region: protect is refused and the page stays writable. */
	strata_page_region_t region;
	strata_page_region_init(&region, region_bytes, sizeof region_bytes);
	strata_page_source_t stat = { &strata_page_static, &region };
	CHECK_EQ(strata_init(&stat), 0);
	unsigned char *s = core_pages_alloc(2 * ps, 0);
	CHECK(s != NULL);
	if (s) {
		CHECK_EQ(core_pages_protect(s + ps, ps, STRATA_PAGE_NONE), -1);
		s[ps] = 3;
		CHECK(s[ps] == 3);
	}
	CHECK_EQ(core_pages_protect(NULL, ps, STRATA_PAGE_NONE), -1);

	/* After a switch to mmap: a protected page of a core range faults; given back, works. */
	strata_page_source_t mm = { &strata_page_mmap, NULL };
	CHECK_EQ(strata_page_source_switch(&mm), 0);
	unsigned char *p = core_pages_alloc(3 * ps, 0);
	CHECK(p != NULL);
	if (p) {
		CHECK((uintptr_t)p < (uintptr_t)region_bytes ||
		      (uintptr_t)p >= (uintptr_t)region_bytes + sizeof region_bytes);
		CHECK_EQ(core_pages_protect(p + ps, ps, STRATA_PAGE_NONE), 0);
		int st = write_in_child(p + ps);
		CHECK_MSG(WIFSIGNALED(st) && (WTERMSIG(st) == SIGSEGV || WTERMSIG(st) == SIGBUS), "status %d", st);
		st = write_in_child(p);   /* its neighbours are untouched */
		CHECK_MSG(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %d", st);
		CHECK_EQ(core_pages_protect(p + ps, ps, STRATA_PAGE_RW), 0);
		memset(p, 0x42, 3 * ps);
		CHECK(p[2 * ps - 1] == 0x42);
		CHECK_EQ(core_pages_protect(p + 1, ps, STRATA_PAGE_NONE), -1);   /* not page-aligned */
		core_pages_free(p, 3 * ps);
	}
	return check_done();
}
