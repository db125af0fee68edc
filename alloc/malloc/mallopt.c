/*
 * alloc/malloc/mallopt.c: the malloc face's tuning and reporting calls: mallopt, mallinfo,
 * mallinfo2, malloc_trim, malloc_stats. What each mallopt parameter maps onto, and which
 * are accepted without effect and why, is written once in include/strata/malloc.h.
 *
 * mallopt changes the engine only through the option table (alloc/options.def): the magazine
 * size (M_NLBLKS, M_MXFAST 0) and the purge policy (M_TRIM_THRESHOLD), which the engine reads
 * when it starts, and the error action (M_CHECK_ACTION), read at every report. Everything the face itself does differently
 * (M_PERTURB filling) is a bit in malloc_face.slow, so the fast path stays one load.
 */
#include <limits.h>

#include <strata/malloc.h>

#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/malloc/malloc_impl.h"
#include "alloc/options.h"
#include "alloc/zone/slab.h"

/* glibc's largest M_MXFAST: 80 * sizeof(size_t) / 4 bytes. */
#define MALLOPT_GLIBC_MXFAST_MAX ((int)(80 * sizeof(size_t) / 4))
/* glibc's largest M_MMAP_THRESHOLD on LP64: half of a 64 MiB heap. */
#define MALLOPT_GLIBC_MMAP_THRESHOLD_MAX (32L * 1024 * 1024)

/* Whether SVR4's parameters are frozen: the engine already holds small blocks. */
static int mallopt_svid_frozen(void)
{
	struct slab_usage usage;

	slab_usage_get(&usage);
	return usage.small_slabs != 0;
}

/* mallopt for the SVID parameters; 1 when accepted, 0 when rejected. */
static int mallopt_svid(int param, int value, int svr4)
{
	switch (param) {
	case M_MXFAST:
		if (value < 0 || (!svr4 && value > MALLOPT_GLIBC_MXFAST_MAX))
			return 0;
		atomic_store_explicit(&malloc_face.mxfast, value, memory_order_relaxed);
		if (value == 0)
			options_set(OPT_MAGAZINE, 0);   /* no holding blocks: no per-thread caches */
		return 1;
	case M_NLBLKS:
		if (value <= 1)
			return 0;
		atomic_store_explicit(&malloc_face.nlblks, value, memory_order_relaxed);
		options_set(OPT_MAGAZINE, value);
		return 1;
	case M_GRAIN:
		if (value <= 0)
			return 0;
		atomic_store_explicit(&malloc_face.grain, value, memory_order_relaxed);
		return 1;
	case M_KEEP:
		atomic_store_explicit(&malloc_face.keep, 1, memory_order_relaxed);
		return 1;
	default:
		return 0;
	}
}

/* mallopt for glibc's negative parameters; 1 when accepted, 0 when rejected. */
static int mallopt_glibc(int param, int value)
{
	switch (param) {
	case M_TRIM_THRESHOLD:
		atomic_store_explicit(&malloc_face.trim_keep, value < 0 ? -1 : value, memory_order_relaxed);
		options_set(OPT_PURGE_DECAY, value == -1 ? -1 : value == 0 ? 0 : 1000);
		return 1;
	case M_TOP_PAD:
		if (value < 0)
			return 0;
		atomic_store_explicit(&malloc_face.top_pad, value, memory_order_relaxed);
		return 1;
	case M_MMAP_THRESHOLD:
		if (value < 0 || value > MALLOPT_GLIBC_MMAP_THRESHOLD_MAX)
			return 0;
		atomic_store_explicit(&malloc_face.mmap_threshold, value, memory_order_relaxed);
		return 1;
	case M_MMAP_MAX:
		if (value < 0)
			return 0;
		atomic_store_explicit(&malloc_face.mmap_max, value, memory_order_relaxed);
		return 1;
	case M_CHECK_ACTION:
		options_set(OPT_ERROR, (value & 2) ? 0 : 1);   /* abort | warn */
		return 1;
	case M_PERTURB:
		atomic_store_explicit(&malloc_face.perturb, value & 0xff, memory_order_relaxed);
		if (value & 0xff)
			atomic_fetch_or_explicit(&malloc_face.slow, MALLOC_SLOW_PERTURB, memory_order_relaxed);
		else
			atomic_fetch_and_explicit(&malloc_face.slow, ~MALLOC_SLOW_PERTURB, memory_order_relaxed);
		return 1;
	case M_ARENA_TEST:
		if (value <= 0)
			return 0;
		atomic_store_explicit(&malloc_face.arena_test, value, memory_order_relaxed);
		return 1;
	case M_ARENA_MAX:
		if (value <= 0)
			return 0;
		atomic_store_explicit(&malloc_face.arena_max, value, memory_order_relaxed);
		return 1;
	default:
		return 0;
	}
}

/* mallopt: SVID parameters answer 0/1 (success/error) in SVR4 mode and glibc's 1/0
 * otherwise; glibc's parameters always answer glibc's 1/0. */
int strata_mallopt(int param, int value)
{
	int svr4;

	if (atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) & MALLOC_SLOW_UNINIT)
		malloc_face_init();
	svr4 = atomic_load_explicit(&malloc_face.svr4, memory_order_relaxed);
	if (param < 0)
		return mallopt_glibc(param, value);
	if (svr4) {
		if (param < M_MXFAST || param > M_KEEP || mallopt_svid_frozen())
			return 1;
		return mallopt_svid(param, value, 1) ? 0 : 1;
	}
	return mallopt_svid(param, value, 0);
}

/* mallinfo2: the engine's usage in glibc's fields (meanings in strata/malloc.h). */
struct strata_mallinfo2 strata_mallinfo2(void)
{
	struct strata_mallinfo2 info = { 0 };
	struct slab_usage u;
	size_t used, held;

	(void)core_init();
	slab_usage_get(&u);
	used = u.small_in_use + u.large_in_use;
	held = used + u.small_free;
	info.arena = u.mapped;
	info.ordblks = u.small_slabs;
	info.smblks = 0;
	info.hblks = u.large_blocks;
	info.hblkhd = u.large_in_use;
	info.usmblks = u.peak_mapped;
	info.fsmblks = u.small_free;
	info.uordblks = used;
	info.fordblks = u.mapped > used ? u.mapped - used : 0;
	info.keepcost = u.mapped > held ? u.mapped - held : 0;
	return info;
}

/* A size clamped to INT_MAX, for mallinfo's int fields. */
static int mallinfo_clamp(size_t v)
{
	return v > (size_t)INT_MAX ? INT_MAX : (int)v;
}

/* mallinfo: mallinfo2 with each field clamped to INT_MAX. */
struct strata_mallinfo strata_mallinfo(void)
{
	struct strata_mallinfo2 w = strata_mallinfo2();
	struct strata_mallinfo info;

	info.arena = mallinfo_clamp(w.arena);
	info.ordblks = mallinfo_clamp(w.ordblks);
	info.smblks = mallinfo_clamp(w.smblks);
	info.hblks = mallinfo_clamp(w.hblks);
	info.hblkhd = mallinfo_clamp(w.hblkhd);
	info.usmblks = mallinfo_clamp(w.usmblks);
	info.fsmblks = mallinfo_clamp(w.fsmblks);
	info.uordblks = mallinfo_clamp(w.uordblks);
	info.fordblks = mallinfo_clamp(w.fordblks);
	info.keepcost = mallinfo_clamp(w.keepcost);
	return info;
}

/* malloc_trim: give free pages back, keeping pad (+ M_TOP_PAD) bytes; 1 when any went. */
int strata_malloc_trim(size_t pad)
{
	long top = atomic_load_explicit(&malloc_face.top_pad, memory_order_relaxed);
	size_t keep = pad + (top > 0 ? (size_t)top : 0);

	(void)core_init();
	return slab_trim(keep < pad ? pad : keep) != 0;
}

/* Append the decimal digits of v, right-aligned in `width` columns, at *cursor. */
static void mallinfo_put_num(char **cursor, size_t v, int width)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (width-- > n)
		*(*cursor)++ = ' ';
	while (n > 0)
		*(*cursor)++ = digits[--n];
}

/* Append a NUL-terminated string at *cursor. */
static void mallinfo_put_str(char **cursor, const char *s)
{
	while (*s)
		*(*cursor)++ = *s++;
}

/* malloc_stats: glibc's summary lines on standard error, written without allocating. */
void strata_malloc_stats(void)
{
	struct strata_mallinfo2 w = strata_mallinfo2();
	char text[512], *c = text;

	mallinfo_put_str(&c, "Arena 0:\nsystem bytes     = ");
	mallinfo_put_num(&c, w.arena > w.hblkhd ? w.arena - w.hblkhd : 0, 10);
	mallinfo_put_str(&c, "\nin use bytes     = ");
	mallinfo_put_num(&c, w.uordblks > w.hblkhd ? w.uordblks - w.hblkhd : 0, 10);
	mallinfo_put_str(&c, "\nTotal (incl. mmap):\nsystem bytes     = ");
	mallinfo_put_num(&c, w.arena, 10);
	mallinfo_put_str(&c, "\nin use bytes     = ");
	mallinfo_put_num(&c, w.uordblks, 10);
	mallinfo_put_str(&c, "\nmax mmap regions = ");   /* strata keeps the current count */
	mallinfo_put_num(&c, w.hblks, 10);
	mallinfo_put_str(&c, "\nmax mmap bytes   = ");
	mallinfo_put_num(&c, w.hblkhd, 10);
	mallinfo_put_str(&c, "\n");
	error_write(text, (size_t)(c - text));
}
