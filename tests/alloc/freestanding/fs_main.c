/*
 * tests/alloc/freestanding/fs_main.c: the freestanding proof (issue 4, deliverable 8).
 *
 * This program is linked from STRATA_CORE_SOURCES compiled with -ffreestanding
 * -fno-builtin -nostdlib, with its own _start (fs_start.c) and no libc, no libgcc, no
 * TLS and no OS calls but two raw system calls of its own. Like a kernel, it installs its
 * platform hooks (diagnostics to fd 2, abort = exit 3), picks the spin-lock mode, boots
 * libstrata on a static array with strata_boot_init, and then allocates and frees through
 * every kernel face, checking each result:
 *   zone    zinit, zone_change, zalloc, zget, zfree, zone_info, zdestroy, zone_gc
 *   kalloc  kalloc (small and page path), kalloc_zero, kget, krealloc, kfree, and a kfree
 *           with a wrong size caught by the error sink
 *   vmem    strata_vmem_create / alloc / xalloc / free / verify (the rmap face's engine)
 *   rmap    rminit, rmalloc, rmfree (V6 coremap style: core freed a click at a time)
 *   boot    kget_space, strata_boot_malloc / realloc / free
 * Built with FS_DEBUG, it runs the same with STRATA_DEBUG=1 and also checks that any
 * double free is caught. It prints one line, "freestanding: N checks, M failed", and
 * exits 0 only when every check passed (1 when one failed, 2 when none ran).
 */
#include <stddef.h>
#include <stdint.h>
#include <strata/boot.h>
#include <strata/error.h>
#include <strata/kalloc.h>
#include <strata/stats.h>
#include <strata/vmem.h>
#include <strata/zone.h>
#include <strata/rmap.h>

#include "alloc/boot/space.h"
#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "alloc/sync/sync.h"
#include "alloc/zone/slab.h"
#include "fs.h"

/* The only memory there is: 16 MiB, enough for several 1 MiB slab segments. */
static _Alignas(4096) unsigned char fs_region[16u << 20];

/* The program's state. */
static struct fs_state {
	unsigned long checks;       /* checks made */
	unsigned long failed;       /* checks failed */
	unsigned long errors;       /* reports that reached the error sink */
	strata_error_kind_t last_kind;
	const void *last_ptr;
} fs;

/* Length of a NUL-terminated string. */
static size_t fs_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* Write a string to fd 2. */
static void fs_puts(const char *s)
{
	fs_sys_write(2, s, fs_strlen(s));
}

/* Write an unsigned number in decimal to fd. */
static void fs_putu(int fd, unsigned long v)
{
	char buf[24];
	size_t i = sizeof buf;
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	fs_sys_write(fd, buf + i, sizeof buf - i);
}

/* Count one check; on failure print "fs_main.c:LINE: CHECK failed: TEXT". */
static int fs_check(int ok, int line, const char *text)
{
	fs.checks++;
	if (!ok) {
		fs.failed++;
		fs_puts("fs_main.c:");
		fs_putu(2, (unsigned long)line);
		fs_puts(": CHECK failed: ");
		fs_puts(text);
		fs_puts("\n");
	}
	return ok;
}
#define CHECK(cond) fs_check(!!(cond), __LINE__, #cond)

/* Platform hooks of this "kernel": diagnostics through the raw write, abort = exit 3. */
static void fs_hook_write(int fd, const char *text, size_t len)
{
	fs_sys_write(fd, text, len);
}

/* The abort hook: a kernel would panic; this program exits with status 3. */
static void fs_hook_abort(void)
{
	fs_puts("freestanding: abort hook called\n");
	fs_sys_exit(3);
}

static const struct platform_hooks fs_hooks = {
	.name = "freestanding-test",
	.write = fs_hook_write,
	.abort = fs_hook_abort,
};

/* The error sink's handler: record, print the message, return (the call is a no-op). */
static void fs_error(strata_error_kind_t kind, const void *ptr, const char *message, void *arg)
{
	(void)arg;
	fs.errors++;
	fs.last_kind = kind;
	fs.last_ptr = ptr;
	fs_puts("freestanding: error sink (expected): ");
	fs_puts(message);
	fs_puts("\n");
}

/* Fill n bytes with a pattern keyed by key. */
static void fs_fill(void *p, size_t n, unsigned key)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(key + i * 7u);
}

/* 1 when the pattern keyed by key is intact. */
static int fs_intact(const void *p, size_t n, unsigned key)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != (unsigned char)(key + i * 7u))
			return 0;
	return 1;
}

/* The zone face: a zone of 40-byte objects, filled, checked, freed, reused by zget. */
static void fs_zone(void)
{
	enum { N = 200 };
	static void *obj[N];
	zone_t z = zinit(40, N * 40 * 2, 0, "fs.zone");
	if (!CHECK(z != NULL))
		return;
	size_t got = 0;
	for (size_t i = 0; i < N; i++) {
		obj[i] = zalloc(z);
		if (obj[i] != NULL) {
			got++;
			fs_fill(obj[i], 40, (unsigned)i);
		}
	}
	CHECK(got == N);
	zone_info_t zi;
	CHECK(zone_info(z, &zi) == 0);
	CHECK(zi.elem_size >= 40 && zi.count == N);
	size_t intact = 0;
	for (size_t i = 0; i < N; i++) {
		intact += obj[i] != NULL && fs_intact(obj[i], 40, (unsigned)i);
		zfree(z, obj[i]);
	}
	CHECK(intact == N);
	void *again = zget(z);   /* objects are free now: zget must find one */
	CHECK(again != NULL);
	if (again)
		zfree(z, again);
	CHECK(zone_info(z, &zi) == 0 && zi.count == 0);
	zone_t zz = zinit(64, 64 * 64, 0, "fs.zero");
	if (CHECK(zz != NULL)) {
		zone_change(zz, ZONE_ZERO, 1);
		unsigned char *p = zalloc(zz);
		int zero = p != NULL;
		for (size_t i = 0; p && i < 64; i++)
			zero &= p[i] == 0;
		CHECK(zero);
		if (p) {
			fs_fill(p, 64, 3);
			zfree(zz, p);
		}
		p = zalloc(zz);   /* recycled: must be zeroed again */
		zero = p != NULL;
		for (size_t i = 0; p && i < 64; i++)
			zero &= p[i] == 0;
		CHECK(zero);
		zfree(zz, p);
		zdestroy(zz);
	}
#ifdef FS_DEBUG
	/* STRATA_DEBUG=1 catches any double free, not only of the object freed last. */
	void *a = zalloc(z), *b = zalloc(z);
	CHECK(a != NULL && b != NULL);
	zfree(z, a);
	zfree(z, b);
	zfree(z, a);
	CHECK(fs.errors == 1 && fs.last_kind == STRATA_ERR_DOUBLE_FREE && fs.last_ptr == a);
	fs.errors = 0;
#endif
	zdestroy(z);
	CHECK(fs.errors == 0);   /* destroying emptied zones is not misuse */
	(void)zone_gc();
}

/* The kalloc face: small, page path, zeroed, kget, krealloc, and a wrong-size kfree. */
static void fs_kalloc(void)
{
	static const size_t sizes[] = { 1, 16, 24, 100, 256, 1000, 4096, 8316, 16384, 40000, 200000 };
	enum { NS = sizeof sizes / sizeof sizes[0] };
	void *p[NS];
	for (size_t i = 0; i < NS; i++) {
		p[i] = kalloc(sizes[i]);
		CHECK(p[i] != NULL);
		CHECK(((uintptr_t)p[i] & (sizes[i] >= 16 ? 15u : 7u)) == 0);
		if (p[i])
			fs_fill(p[i], sizes[i], (unsigned)i * 3u);
	}
	size_t intact = 0;
	for (size_t i = 0; i < NS; i++) {
		intact += p[i] && fs_intact(p[i], sizes[i], (unsigned)i * 3u);
		kfree(p[i], sizes[i]);
	}
	CHECK(intact == NS);

	unsigned char *z = kalloc_zero(5000);
	int zero = z != NULL;
	for (size_t i = 0; z && i < 5000; i++)
		zero &= z[i] == 0;
	CHECK(zero);
	kfree(z, 5000);

	void *k = kget(100);   /* a class with free objects (from above): may be served */
	if (k)
		kfree(k, 100);
	CHECK(kget(kalloc_max_size() * 4) == NULL);   /* never the page path */

	unsigned char *r = kalloc(50);
	CHECK(r != NULL);
	if (r) {
		fs_fill(r, 50, 9);
		unsigned char *q = krealloc(r, 50, 30000);
		CHECK(q != NULL);
		if (q) {
			CHECK(fs_intact(q, 50, 9));
			kfree(q, 30000);
		} else {
			kfree(r, 50);
		}
	}

	/* Mach arity: the size is checked against the block's class. */
	unsigned long errors = fs.errors;
	void *w = kalloc(64);
	CHECK(w != NULL);
	kfree(w, 4000);
	CHECK(fs.errors == errors + 1);
	CHECK(fs.last_kind == STRATA_ERR_SIZE_MISMATCH && fs.last_ptr == w);
	kfree(w, 64);
	CHECK(fs.errors == errors + 1);
}

/* The vmem engine behind the resource-map face: an arena of ids. */
static void fs_vmem(void)
{
	strata_vmem_t *vm = strata_vmem_create("fs.ids", 1, 1000, 1, NULL, 0);
	if (!CHECK(vm != NULL))
		return;
	uintptr_t a = strata_vmem_alloc(vm, 10, STRATA_VMEM_INSTANTFIT);
	uintptr_t b = strata_vmem_alloc(vm, 20, STRATA_VMEM_BESTFIT);
	uintptr_t c = strata_vmem_xalloc(vm, 8, 64, 0, 0, 0, 0, STRATA_VMEM_FIRSTFIT);
	CHECK(a != 0 && b != 0 && c != 0);
	CHECK(c % 64 == 0);
	CHECK(a + 10 <= b || b + 20 <= a);
	CHECK(strata_vmem_size(vm, STRATA_VMEM_ALLOC) == 38);
	CHECK(strata_vmem_alloc(vm, 2000, STRATA_VMEM_INSTANTFIT) == 0);
	strata_vmem_free(vm, a, 10);
	strata_vmem_free(vm, b, 20);
	strata_vmem_free(vm, c, 8);
	CHECK(strata_vmem_size(vm, STRATA_VMEM_ALLOC) == 0);
	CHECK(strata_vmem_verify(vm) == 0);
	strata_vmem_destroy(vm);
}

/* The resource-map face: a V6-style coremap, freed one click at a time as V6 main() did,
 * which must coalesce into one run; then first fit from the low end, and frees that
 * coalesce on both sides. */
static void fs_rmap(void)
{
	static struct rmap coremap;
	static struct rmap_entry entries[16];
	rminit(&coremap, entries, 16, "coremap");
	for (unsigned long click = 1; click <= 500; click++)
		rmfree(&coremap, 1, click);
	CHECK(strata_rmap_runs(&coremap) == 1);
	CHECK(strata_rmap_free_units(&coremap) == 500);
	unsigned long a = rmalloc(&coremap, 100);
	unsigned long b = rmalloc(&coremap, 50);
	CHECK(a == 1 && b == 101);   /* low end of the first run that fits */
	CHECK(rmalloc(&coremap, 1000) == 0);
	rmfree(&coremap, 100, a);
	CHECK(strata_rmap_runs(&coremap) == 2);
	rmfree(&coremap, 50, b);   /* joins the run below and the run above */
	CHECK(strata_rmap_runs(&coremap) == 1);
	CHECK(strata_rmap_free_units(&coremap) == 500);
	unsigned long errors = fs.errors;
	rmfree(&coremap, 10, 20);   /* already free */
	CHECK(fs.errors == errors + 1 && fs.last_kind == STRATA_ERR_DOUBLE_FREE);
	CHECK(strata_rmap_verify(&coremap) == 0);
}

/* The boot face: kget_space blocks and the boot malloc family. */
static void fs_boot(void)
{
	enum { N = 64 };
	uintptr_t at[N];
	size_t len[N];
	size_t got = 0;
	for (size_t i = 0; i < N; i++) {
		len[i] = 1 + (i * 97) % 3000;
		void *p = kget_space(len[i]);
		at[i] = (uintptr_t)p;
		if (p) {
			got++;
			fs_fill(p, len[i], (unsigned)i);
		}
	}
	CHECK(got == N);
	size_t overlaps = 0, intact = 0, aligned = 0;
	for (size_t i = 0; i < N; i++) {
		aligned += at[i] % 16 == 0;
		intact += at[i] && fs_intact((void *)at[i], len[i], (unsigned)i);
		for (size_t j = i + 1; j < N; j++)
			overlaps += at[i] < at[j] + len[j] && at[j] < at[i] + len[i];
	}
	CHECK(aligned == N && intact == N && overlaps == 0);

	unsigned char *m = strata_boot_malloc(10);
	CHECK(m != NULL);
	if (m) {
		fs_fill(m, 10, 5);
		unsigned char *q = strata_boot_realloc(m, 70000);   /* to the page path */
		CHECK(q != NULL);
		if (q) {
			CHECK(fs_intact(q, 10, 5));
			m = q;
		}
		strata_boot_free(m);
	}
	strata_boot_free(NULL);
	unsigned long errors = fs.errors;
	strata_boot_free((void *)at[0]);   /* kget_space memory is never freed */
	CHECK(fs.errors == errors + 1 && fs.last_ptr == (void *)at[0]);
}

/* Boot the engine on fs_region and run every face; the exit status is the verdict. */
int fs_main(void)
{
	platform_hooks_set(&fs_hooks);
	/* Freestanding, the lock mode defaults to spin without being asked for. */
	CHECK(options_get(OPT_THREADS) == SYNC_SPIN);
#ifdef FS_DEBUG
	options_set(OPT_DEBUG, 1);
#endif
	strata_error_handler_set(fs_error, NULL);
	CHECK(strata_boot_init(fs_region, sizeof fs_region) == 0);
	CHECK(sync_mode_get() == SYNC_SPIN);

	fs_zone();
	fs_kalloc();
	fs_vmem();
	fs_rmap();
	fs_boot();
	CHECK(slab_verify() == 0);
	CHECK(boot_verify() == 0);
	CHECK(strata_stats_get("kalloc", "kalloc") > 0);
	CHECK(strata_stats_get("zone", "zalloc") > 0);
	CHECK(strata_stats_get("boot", "kget_space") > 0);

#ifdef FS_DEBUG
	fs_sys_write(1, "freestanding (STRATA_DEBUG=1): ", 31);
#else
	fs_sys_write(1, "freestanding: ", 14);
#endif
	fs_putu(1, fs.checks);
	fs_sys_write(1, " checks, ", 9);
	fs_putu(1, fs.failed);
	fs_sys_write(1, " failed", 7);
	fs_sys_write(1, "\n", 1);
	if (fs.checks == 0)
		return 2;
	return fs.failed ? 1 : 0;
}
