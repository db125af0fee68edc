/*
 * tests/alloc/test_page.c: the page sources on their own -- mmap alignment and purge,
 * sbrk coexisting with the program's own brk use, static region exhaustion, host
 * callbacks, and fault injection after N maps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <strata/page.h>

#include "check.h"

static unsigned char region_bytes[64 * 4096 + 123];

/* mmap: every alignment is honoured, memory is writable, purge zeroes. */
static void test_mmap(void)
{
	size_t ps = strata_page_size();
	CHECK(ps >= 4096 && (ps & (ps - 1)) == 0);
	size_t aligns[] = { ps, 16 * ps, (size_t)2 << 20, (size_t)8 << 20 };
	for (size_t i = 0; i < sizeof aligns / sizeof aligns[0]; i++) {
		size_t size = 3 * ps;
		unsigned char *p = strata_page_mmap.map(NULL, size, aligns[i]);
		CHECK(p != NULL);
		if (!p)
			continue;
		CHECK_EQ((uintptr_t)p % aligns[i], 0);
		memset(p, 0xab, size);
		CHECK(p[size - 1] == 0xab);
		strata_page_mmap.purge(NULL, p, size);
		CHECK(p[0] == 0 && p[size - 1] == 0);
		strata_page_mmap.unmap(NULL, p, size);
	}
	/* Bad requests fail cleanly. */
	CHECK(strata_page_mmap.map(NULL, 0, ps) == NULL);
	CHECK(strata_page_mmap.map(NULL, ps + 1, ps) == NULL);
	CHECK(strata_page_mmap.map(NULL, ps, 3 * ps) == NULL);
	CHECK(strata_page_mmap.unmap != NULL && strata_page_mmap.purge != NULL);
	CHECK_STREQ(strata_page_mmap.name, "mmap");
}

/* sbrk: aligned grants that never overlap, even when the program moves the break. */
static void test_sbrk(void)
{
	size_t ps = strata_page_size();
	unsigned char *a = strata_page_sbrk.map(NULL, 2 * ps, 16 * ps);
	CHECK(a != NULL);
	CHECK_EQ((uintptr_t)a % (16 * ps), 0);
	/* The program's own use of the break, between two grants. */
	unsigned char *mine = sbrk(1000);
	CHECK(mine != (void *)-1);
	unsigned char *b = strata_page_sbrk.map(NULL, ps, ps);
	CHECK(b != NULL);
	if (a && b && mine != (void *)-1) {
		memset(a, 1, 2 * ps);
		memset(mine, 2, 1000);
		memset(b, 3, ps);
		CHECK(a[2 * ps - 1] == 1 && mine[999] == 2 && b[0] == 3);
		CHECK(b >= mine + 1000 || b + ps <= mine);
		CHECK(b >= a + 2 * ps || b + ps <= a);
	}
	CHECK(strata_page_sbrk.unmap == NULL);
	CHECK_STREQ(strata_page_sbrk.name, "sbrk");
}

/* static: grants upward until the region is used up; a failed grant moves nothing. */
static void test_static(void)
{
	size_t ps = strata_page_size();
	strata_page_region_t r;
	strata_page_region_init(&r, region_bytes + 123 % 7, sizeof region_bytes - 7);
	CHECK_EQ(r.next % ps, 0);
	CHECK(r.next >= (uintptr_t)region_bytes && r.end <= (uintptr_t)region_bytes + sizeof region_bytes);
	size_t pages = (r.end - r.next) / ps;
	CHECK(pages >= 60);
	uintptr_t last = 0;
	size_t got = 0;
	for (;;) {
		unsigned char *p = strata_page_static.map(&r, ps, ps);
		if (!p)
			break;
		CHECK((uintptr_t)p > last);
		last = (uintptr_t)p;
		memset(p, 7, ps);
		got++;
	}
	CHECK_EQ(got, pages);
	CHECK_EQ(r.next, r.end);

	/* A grant too big fails without moving next; a smaller one then works. */
	strata_page_region_init(&r, region_bytes, sizeof region_bytes);
	uintptr_t before = r.next;
	CHECK(strata_page_static.map(&r, (pages + 5) * ps, ps) == NULL);
	CHECK_EQ(r.next, before);
	void *big = strata_page_static.map(&r, 8 * ps, 8 * ps);
	CHECK(big != NULL && (uintptr_t)big % (8 * ps) == 0);
	CHECK(strata_page_static.map(NULL, ps, ps) == NULL);
	CHECK(strata_page_static.unmap == NULL && strata_page_static.purge == NULL);
}

/* A fake host VM: bumps through a buffer, may return misaligned memory on purpose. */
struct fake_host {
	uintptr_t next, end;
	int misalign;
	int maps, unmaps;
};

/* The fake vm_map: bump-allocate aligned (or deliberately misaligned) ranges. */
static void *fake_vm_map(void *arg, size_t size, size_t align)
{
	struct fake_host *h = arg;
	uintptr_t a = (h->next + align - 1) & ~(uintptr_t)(align - 1);
	if (h->misalign)
		a += 8;
	if (a + size > h->end)
		return NULL;
	h->next = a + size;
	h->maps++;
	return (void *)a;
}

/* The fake vm_unmap: only counts. */
static void fake_vm_unmap(void *arg, void *addr, size_t size)
{
	struct fake_host *h = arg;
	(void)addr;
	(void)size;
	h->unmaps++;
}

/* host: callbacks are used; a misaligned answer is refused and handed back. */
static void test_host(void)
{
	size_t ps = strata_page_size();
	static unsigned char buf[32 * 4096];
	struct fake_host fh = { (uintptr_t)buf, (uintptr_t)buf + sizeof buf, 0, 0, 0 };
	strata_page_host_t host = { fake_vm_map, fake_vm_unmap, &fh };
	void *p = strata_page_host.map(&host, ps, ps);
	CHECK(p != NULL && (uintptr_t)p % ps == 0);
	CHECK_EQ(fh.maps, 1);
	strata_page_host.unmap(&host, p, ps);
	CHECK_EQ(fh.unmaps, 1);
	fh.misalign = 1;
	CHECK(strata_page_host.map(&host, ps, ps) == NULL);
	CHECK_EQ(fh.unmaps, 2);
	strata_page_host_t nomap = { NULL, NULL, NULL };
	CHECK(strata_page_host.map(&nomap, ps, ps) == NULL);
}

/* faulty: exactly fail_after maps succeed; -1 never fails; unmap forwards. */
static void test_faulty(void)
{
	size_t ps = strata_page_size();
	strata_page_faulty_t f = { .inner = { &strata_page_mmap, NULL }, .fail_after = 3 };
	void *got[5];
	int ok = 0;
	for (int i = 0; i < 5; i++) {
		got[i] = strata_page_faulty.map(&f, ps, ps);
		ok += got[i] != NULL;
	}
	CHECK_EQ(ok, 3);
	CHECK_EQ(f.maps, 3);
	CHECK(got[0] && got[1] && got[2] && !got[3] && !got[4]);
	for (int i = 0; i < 3; i++)
		if (got[i])
			strata_page_faulty.unmap(&f, got[i], ps);
	f.fail_after = -1;
	f.maps = 0;
	for (int i = 0; i < 10; i++) {
		void *p = strata_page_faulty.map(&f, ps, ps);
		CHECK(p != NULL);
		if (p)
			strata_page_faulty.unmap(&f, p, ps);
	}
	CHECK_EQ(f.maps, 10);
	CHECK_STREQ(strata_page_faulty.name, "faulty");
	/* transient: only the map after fail_after successes fails, the next ones work. */
	strata_page_faulty_t t = { .inner = { &strata_page_mmap, NULL }, .fail_after = 2, .transient = 1 };
	void *tg[5];
	for (int i = 0; i < 5; i++)
		tg[i] = strata_page_faulty.map(&t, ps, ps);
	CHECK(tg[0] && tg[1] && !tg[2] && tg[3] && tg[4]);
	CHECK_EQ(t.maps, 4);
	CHECK_EQ(t.failed, 1);
	for (int i = 0; i < 5; i++)
		if (tg[i])
			strata_page_faulty.unmap(&t, tg[i], ps);
	CHECK_EQ(f.failed, 2);   /* the persistent source counted both of its failures */
}

/* Every page source in turn. */
int main(void)
{
	test_mmap();
	test_sbrk();
	test_static();
	test_host();
	test_faulty();
	return check_done();
}
