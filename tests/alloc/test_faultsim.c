/*
 * tests/alloc/test_faultsim.c: iterated fault injection across the faces, in SQLite's
 * manner (do_faultsim_test): the Nth page map fails, for N = 1, 2, ... until a run
 * finishes without reaching its Nth map; each N runs in a child of its own (the core
 * starts once per process), in two flavours:
 *   persistent  map N and every later one fail (the system is out of memory for good);
 *   transient   only map N fails (a passing shortage).
 * A boot variant starts on a static region first and switches to the faulty source.
 *
 * The scenario goes through every face: the malloc family (strata_*), kalloc / kget /
 * krealloc / kfree, zones (ordinary, exhaustible, with a constructor; zget; zone_gc;
 * zdestroy), vmem arenas (plain and importing) and a resource map, and the engine's
 * own slab_alloc / slab_alloc_pages. The acceptable outcomes, stated:
 *   - every allocating call returns NULL (0) or a block that can be written in full and
 *     freed (its contents survive until the free);
 *   - nothing reaches the error sink except STRATA_ERR_OOM naming one of the ordinary
 *     (non-exhaustible) zones, as zalloc's contract says;
 *   - slab_verify() is 0 after every step, and everything frees cleanly at the end;
 *   - in transient mode the same calls succeed again afterwards.
 *
 * Usage: test_faultsim [MAX_N]   (default 400: the scenario makes far fewer maps)
 *        test_faultsim one N [transient] [boot]   one round in this process (debugging)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <strata/boot.h>
#include <strata/error.h>
#include <strata/kalloc.h>
#include <strata/malloc.h>
#include <strata/page.h>
#include <strata/rmap.h>
#include <strata/vmem.h>
#include <strata/zone.h>

#include "alloc/zone/slab.h"
#include "check.h"

#define HOLD 512

/* Exit codes of a child: 0 the scenario passed and the fault fired, FAULT_UNREACHED it
 * passed and the scenario made fewer than N maps (the loop is done), else failed. */
#define FAULT_UNREACHED 10

static strata_page_faulty_t faulty;
static struct {
	int other;              /* reports that are not an ordinary zone's OOM */
	int oom;                /* STRATA_ERR_OOM reports */
	char last[256];         /* the last unexpected message */
} seen;
static void *held[HOLD];
static size_t held_size[HOLD];
static int nheld;

/* The handler: OOM of an ordinary (not exhaustible) zone, "ord" or "con", is allowed
 * (zalloc's contract); anything else is counted as a failure. Returns, so the faulting call becomes a no-op. */
static void handler(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	(void)ptr;
	(void)arg;
	if (kind == STRATA_ERR_OOM && (strstr(message, "zone \"ord\"") || strstr(message, "zone \"con\""))) {
		seen.oom++;
		return;
	}
	seen.other++;
	snprintf(seen.last, sizeof seen.last, "%s: %s", strata_error_kind_name(kind), message);
}

/* Keep a block that an allocating call returned (NULL is an acceptable outcome): write
 * all of it, so a bad block faults or trips a later check. */
static void keep(void *p, size_t size)
{
	if (!p || nheld >= HOLD)
		return;
	memset(p, 0x5a, size);
	held[nheld] = p;
	held_size[nheld] = size;
	nheld++;
}

/* Each held block still holds what keep() wrote. */
static int held_intact(void)
{
	for (int i = 0; i < nheld; i++)
		if (((unsigned char *)held[i])[0] != 0x5a || ((unsigned char *)held[i])[held_size[i] - 1] != 0x5a)
			return 0;
	return 1;
}

/* A constructor that marks its object. */
static void ctor(void *obj, size_t size, void *arg)
{
	(void)arg;
	memset(obj, 0xc7, size);
}

/* The scenario: every face, with the outcomes checked after each step. */
static void scenario(int round)
{
	static const size_t sizes[] = { 1, 24, 100, 700, 3000, 9000, 30000, 70000, 300000, 2100000 };
	zone_t ord = zinit(200, 1 << 20, 0, "ord");
	zone_t exh = zinit(72, 1 << 16, 0, "exh");
	zone_t con = zinit_ctor(48, 1 << 16, 0, "con", ctor, NULL, NULL);
	if (exh)
		zone_change(exh, ZONE_EXHAUSTIBLE, 1);
	if (ord)
		zone_change(ord, ZONE_COLLECTABLE, 1);
	CHECK_EQ(slab_verify(), 0);

	for (int r = 0; r < 3; r++) {
		for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
			size_t n = sizes[i] + (size_t)r * 8;
			keep(strata_malloc(n), n);
			keep(strata_calloc(1, n), n);
			keep(kalloc(n), n);
			keep(slab_alloc(n), n);
		}
		keep(strata_memalign(4096, 5000), 5000);
		keep(slab_alloc_pages(12000, 0), 12000);
		void *k = kget(100);
		if (k)
			kfree(k, 100);
		CHECK_EQ(slab_verify(), 0);
		for (int z = 0; z < 40; z++) {
			if (ord)
				keep(zalloc(ord), 200);
			if (exh)
				keep(zalloc(exh), 72);
			if (con) {
				void *c = zalloc(con);
				if (c) {
					CHECK(((unsigned char *)c)[47] == 0xc7);
					zfree(con, c);
				}
			}
		}
		CHECK_EQ(slab_verify(), 0);
	}

	/* realloc and krealloc: NULL leaves the old block intact. */
	char *p = strata_malloc(64);
	if (p) {
		memset(p, 0x33, 64);
		for (size_t n = 128; n <= ((size_t)4 << 20); n *= 4) {
			char *q = strata_realloc(p, n);
			if (!q) {
				CHECK(p[63] == 0x33);
				break;
			}
			CHECK(q[63] == 0x33);
			p = q;
		}
		strata_free(p);
	}
	char *kp = kalloc(40);
	if (kp) {
		memset(kp, 0x44, 40);
		char *kq = krealloc(kp, 40, 40000);
		if (kq) {
			CHECK(kq[39] == 0x44);
			kfree(kq, 40000);
		} else {
			CHECK(kp[39] == 0x44);
			kfree(kp, 40);
		}
	}

	/* vmem: a plain arena and one importing from it; a resource map. */
	strata_vmem_t *base = strata_vmem_create("fs-base", 0x100000, 0x100000, 16, NULL, 0);
	strata_vmem_t *child = base ? strata_vmem_create("fs-child", 0, 0, 16, base, 4096) : NULL;
	uintptr_t va[64];
	int nva = 0;
	for (int i = 0; i < 64 && child; i++) {
		va[nva] = strata_vmem_alloc(child, 16 * (size_t)(1 + i % 5), 0);
		if (va[nva])
			nva++;
	}
	for (int i = 0; i < nva; i++)
		strata_vmem_free(child, va[i], 16 * (size_t)(1 + i % 5));
	if (child) {
		CHECK_EQ(strata_vmem_verify(child), 0);
		strata_vmem_destroy(child);
	}
	if (base) {
		CHECK_EQ(strata_vmem_verify(base), 0);
		strata_vmem_destroy(base);
	}
	static struct rmap map;
	static struct rmap_entry entries[32];
	rminit(&map, entries, 32, "fs-map");
	rmfree(&map, 1000, 1);
	unsigned long a = rmalloc(&map, 100);
	if (a)
		rmfree(&map, 100, a);
	CHECK_EQ(strata_rmap_verify(&map), 0);

	/* Everything held is intact; free it all (zone objects through their zones). */
	CHECK(held_intact());
	CHECK_EQ(slab_verify(), 0);
	for (int i = 0; i < nheld; i++) {
		if (held_size[i] == 200 && ord && slab_kind_of(held[i]) == 1 && slab_usable_size(held[i]) == 208)
			zfree(ord, held[i]);
		else if (held_size[i] == 72 && exh && slab_kind_of(held[i]) == 1 && slab_usable_size(held[i]) == 80)
			zfree(exh, held[i]);
		else
			slab_free(held[i]);
	}
	nheld = 0;
	(void)zone_gc();
	if (ord)
		zdestroy(ord);
	if (exh)
		zdestroy(exh);
	if (con)
		zdestroy(con);
	CHECK(strata_malloc_trim(0) >= 0);
	CHECK_EQ(slab_verify(), 0);
	(void)round;
}

/* One child: N (1-based) is the map that fails; returns the child's exit code. */
static int child_run(long n, int transient, int boot)
{
	static char region[4 << 20];
	faulty.inner.ops = &strata_page_mmap;
	faulty.fail_after = n - 1;
	faulty.transient = transient;
	strata_page_source_t src = { &strata_page_faulty, &faulty };
	if (boot) {
		if (strata_boot_init(region, sizeof region) != 0)
			return 2;
		void *early = strata_boot_malloc(1000);
		CHECK(early != NULL);
		if (strata_page_source_switch(&src) != 0)
			return 2;
		strata_boot_free(early);
	} else if (strata_init(&src) != 0) {
		return 2;
	}
	strata_error_handler_set(handler, NULL);
	scenario(0);
	if (transient)
		scenario(1);   /* after a passing shortage everything works again */
	CHECK_MSG(seen.other == 0, "%d unexpected reports, the last: %s", seen.other, seen.last);
	strata_error_handler_set(NULL, NULL);
	if (check_done() != 0)
		return 1;
	return faulty.failed ? 0 : FAULT_UNREACHED;
}

/* Run N = 1, 2, ... in children until the fault is not reached; count failures. */
static void loop(long max_n, int transient, int boot)
{
	long n;
	for (n = 1; n <= max_n; n++) {
		fflush(stdout);
		fflush(stderr);
		pid_t pid = fork();
		if (pid == 0) {
			check_total = check_failed = 0;   /* the child counts its own checks */
			int quiet = open("/dev/null", O_WRONLY);
			dup2(quiet, 1);   /* the child's "N checks" line: the parent reports */
			_exit(child_run(n, transient, boot));
		}
		int status = 0;
		CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
		int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (code == FAULT_UNREACHED)
			break;
		CHECK_MSG(code == 0, "%s%s fault at map %ld: child exit %d", boot ? "boot, " : "",
		          transient ? "transient" : "persistent", n, code);
	}
	CHECK_MSG(n > 1 && n <= max_n, "%s: the loop ran %ld rounds", transient ? "transient" : "persistent", n);
	printf("%s%s: maps 1..%ld failed in turn\n", boot ? "boot, " : "", transient ? "transient" : "persistent",
	       n - 1);
}

int main(int argc, char **argv)
{
	if (argc > 2 && strcmp(argv[1], "one") == 0) {
		int transient = 0, boot = 0;
		for (int i = 3; i < argc; i++) {
			transient |= strcmp(argv[i], "transient") == 0;
			boot |= strcmp(argv[i], "boot") == 0;
		}
		int code = child_run(atol(argv[2]), transient, boot);
		printf("exit %d, %ld maps, %ld failed\n", code, faulty.maps, faulty.failed);
		return code;
	}
	long max_n = argc > 1 ? atol(argv[1]) : 400;
	loop(max_n, 0, 0);
	loop(max_n, 1, 0);
	loop(max_n, 0, 1);
	return check_done();
}
