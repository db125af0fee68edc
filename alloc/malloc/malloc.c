/*
 * alloc/malloc/malloc.c: the malloc face, the C and POSIX malloc family on the slab engine.
 *
 * Theory. The seed tree had three user-space allocator families: SVR4 libmalloc (holding
 * blocks for small sizes, a first-fit arena for the rest, one global mutex, mallopt and
 * mallinfo), the UCB/V7 sbrk arena, and a "root" malloc that forwarded to kalloc, which
 * forwarded back to the host malloc (infinite recursion when both were linked). strata
 * serves all three from the one slab engine (alloc/zone/slab.h) that also serves kalloc and
 * the zones: SVR4's holding blocks are the engine's per-thread caches of size classes, the
 * sbrk arena is the core's sbrk page source (STRATA_PAGE_SOURCE=sbrk), and malloc and kalloc
 * are two faces on one engine, so neither calls the other and nothing can recurse.
 *
 * This file is a thin adapter with no policy: it checks arguments, keeps the family's
 * contract (errno, zero sizes, alignment rules, overflow) and counts the call; the engine
 * owns every free list. The contract is written once, in include/strata/malloc.h.
 *
 * Fast path (malloc_impl.h, inlined into the overrides too). malloc_face.slow is 0 once
 * the face has read its options and neither of its own aids (M_PERTURB filling,
 * STRATA_TRACE) is on. Then malloc is: one relaxed load of that word, one unsigned
 * comparison that accepts 1..1024 bytes and rejects 0 together (size - 1 wraps for 0),
 * the class's magazine offset from a 64-entry table (sizes 1..16 share the 16-byte class,
 * so every block is 16-byte aligned) and the engine's lock-free per-thread pop
 * (slab_mag_pop_at), which also counts the call in the thread cache: no call, no frame.
 * free is the same load and the engine's lock-free push (slab_free_fast: segment map,
 * boundary check, free key, magazine push), counted the same way. Neither
 * touches errno on that path: the push never makes a system call, so free saves and
 * restores errno (free must preserve it: the engine's slow path may unmap or purge pages)
 * only on its slow path. Everything else (larger sizes, an empty or full magazine, NULL,
 * page blocks, the first call of the process or of a thread) goes through
 * malloc_alloc_engine / malloc_free_engine (the engine's full paths) or the *_slow
 * functions (debugging aids, first call), all out of line so that the fast paths need
 * no stack frame of their own; a call that misses is counted there (stats_count).
 * Instructions per pair: bench/README.md.
 *
 * Trace (STRATA_TRACE=1, read once): every call takes the slow path and writes one line,
 * "strata: malloc(24) = 0x...", to standard error through the allocation-free formatter.
 *
 * Canaries, guard pages and redzones (STRATA_CANARY, STRATA_GUARD, STRATA_DEBUG >= 2) are
 * the engine's (alloc/zone/slab_alloc.c): it applies them to every slab_alloc and
 * slab_free, and the classes they apply to keep no magazines, so this face's inlined fast
 * paths miss and its calls reach the engine's aid paths without knowing of them. So
 * free() of a kalloc block works in every mode, and usable sizes, double frees and
 * realloc of freed blocks are the engine's to check.
 *
 * Failure. Inner layers return NULL and never print; this face sets errno (ENOMEM, or
 * EINVAL for a bad alignment or a realloc the engine refused as misuse) exactly as glibc
 * does. Misuse (double or invalid free, a realloc of a pointer strata never handed out or
 * already freed, a damaged canary) goes to the error sink, which aborts by default and
 * with STRATA_ERROR=warn makes the faulting call a no-op.
 *
 * Freestanding builds (STRATA_HOSTED undefined) have no errno; the face then reports
 * failure by its return value only.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <strata/malloc.h>

#include "alloc/core.h"
#include "alloc/error.h"
#include "alloc/malloc/malloc_impl.h"
#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "alloc/stats/stats.h"
#include "alloc/zone/slab.h"
#include "alloc/zone/slab_fast.h"

#if defined(STRATA_HOSTED)
#include <errno.h>
#define MALLOC_ERRNO_SET(e) (errno = (e))
#define MALLOC_ERRNO_GET() (errno)
#else
#define MALLOC_ERRNO_SET(e) ((void)0)
#define MALLOC_ERRNO_GET() (0)
#endif
#ifndef ENOMEM
#define ENOMEM 12
#endif
#ifndef EINVAL
#define EINVAL 22
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MALLOC_LIKELY(x) __builtin_expect(!!(x), 1)
#define MALLOC_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define MALLOC_NOINLINE __attribute__((noinline))
#else
#define MALLOC_LIKELY(x) (x)
#define MALLOC_UNLIKELY(x) (x)
#define MALLOC_NOINLINE
#endif

/* The largest request any call accepts, as glibc: an object must fit in ptrdiff_t. */
#define MALLOC_SIZE_MAX ((size_t)PTRDIFF_MAX)

/* Every block is 16-byte aligned, as glibc's on LP64: the engine aligns sizes of 16 and up
 * to 16, so smaller requests are asked as 16 (glibc's smallest chunk holds 24 anyway). */
#define MALLOC_MIN_SIZE ((size_t)16)
#define MALLOC_ASK(size) ((size) < MALLOC_MIN_SIZE ? MALLOC_MIN_SIZE : (size))

/* Count one face call (a thread-local increment in alloc/stats). Overridable at compile
 * time only so that bench runs can measure what counting costs. */
#ifndef MALLOC_COUNT
#define MALLOC_COUNT(c) stats_count(c)
#endif

struct malloc_face malloc_face = {
	.slow = MALLOC_SLOW_UNINIT,
	.mxfast = -1,
	.nlblks = -1,
	.trim_keep = 0,
};

/* Read the face's options once; racing first calls compute the same bits. The option bits
 * are set before MALLOC_SLOW_UNINIT is cleared, by atomic or/and, so a concurrent mallopt
 * (M_PERTURB) keeps its bit. */
void malloc_face_init(void)
{
	unsigned bits = 0;

	(void)core_init();
	atomic_store_explicit(&malloc_face.svr4, options_get(OPT_SVR4) != 0, memory_order_relaxed);
	if (options_get(OPT_TRACE))
		bits |= MALLOC_SLOW_TRACE;
	atomic_fetch_or_explicit(&malloc_face.slow, bits, memory_order_relaxed);
	atomic_fetch_and_explicit(&malloc_face.slow, ~MALLOC_SLOW_UNINIT, memory_order_release);
}

/* The face's slow-path bits, reading the options first if no call has yet. */
static unsigned malloc_slow_bits(void)
{
	unsigned slow = atomic_load_explicit(&malloc_face.slow, memory_order_relaxed);

	if (slow & MALLOC_SLOW_UNINIT) {
		malloc_face_init();
		slow = atomic_load_explicit(&malloc_face.slow, memory_order_relaxed);
	}
	return slow;
}

/* Whether the SVR4 conventions are in force (options read first). */
static int malloc_svr4(void)
{
	(void)malloc_slow_bits();
	return atomic_load_explicit(&malloc_face.svr4, memory_order_relaxed);
}

/* Write one trace line (STRATA_TRACE) when the trace bit is set in `slow`. */
static void malloc_trace(unsigned slow, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	size_t n;

	if (!(slow & MALLOC_SLOW_TRACE))
		return;
	va_start(ap, fmt);
	n = platform_vformat(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	line[n++] = '\n';
	error_write(line, n);
}

/* Allocate `size` bytes aligned to `align` (0: the engine's natural alignment), zeroed when
 * `zero`, filled with the M_PERTURB byte otherwise when that is on; NULL on failure,
 * errno untouched. */
static void *malloc_block_alloc(size_t size, size_t align, int zero, unsigned slow)
{
	size_t ask = MALLOC_ASK(size);
	void *ptr;

	if (align)
		ptr = slab_alloc_aligned(ask, align);
	else
		ptr = zero ? slab_alloc_zero(ask) : slab_alloc(ask);
	if (ptr == NULL)
		return NULL;
	if (align && zero)
		memset(ptr, 0, size);
	if ((slow & MALLOC_SLOW_PERTURB) && !zero) {
		int perturb = atomic_load_explicit(&malloc_face.perturb, memory_order_relaxed);
		memset(ptr, ~perturb & 0xff, size);
	}
	return ptr;
}

/* Free a block with M_PERTURB on: fill it with the perturb byte first. */
static void malloc_block_free(void *ptr, unsigned slow)
{
	if (slow & MALLOC_SLOW_PERTURB) {
		size_t usable = slab_usable_size(ptr);
		int perturb = atomic_load_explicit(&malloc_face.perturb, memory_order_relaxed);
		if (usable)
			memset(ptr, perturb & 0xff, usable);
	}
	slab_free(ptr);
}

/* malloc's slow path: first call, zero size, oversize, debugging aids, engine failure. */
static MALLOC_NOINLINE void *malloc_alloc_slow(size_t size)
{
	unsigned slow = malloc_slow_bits();
	void *ptr;

	if (size == 0 && atomic_load_explicit(&malloc_face.svr4, memory_order_relaxed))
		ptr = NULL;
	else if (size > MALLOC_SIZE_MAX)
		ptr = NULL;
	else
		ptr = malloc_block_alloc(size, 0, 0, slow);
	if (ptr == NULL && size != 0)
		MALLOC_ERRNO_SET(ENOMEM);
	malloc_trace(slow, "strata: malloc(%zu) = %p", size, ptr);
	return ptr;
}

/* malloc past its fast path (malloc_impl.h), with the slow bits clear: sizes above
 * MALLOC_FAST_MAX, an empty magazine (the engine's refill), zero and oversize requests. */
static MALLOC_NOINLINE void *malloc_alloc_engine(size_t size)
{
	if (MALLOC_UNLIKELY(size - 1 >= MALLOC_SIZE_MAX))
		return malloc_alloc_slow(size);
	void *ptr = slab_alloc(MALLOC_ASK(size));
	if (MALLOC_UNLIKELY(ptr == NULL))
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* malloc past its fast path: counted here (the fast path counts in the engine's thread
 * cache), then the slow bits' path or the engine's. */
void *malloc_alloc_miss(size_t size)
{
	MALLOC_COUNT(CNT_MALLOC);
	if (MALLOC_LIKELY(atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) == 0))
		return malloc_alloc_engine(size);
	return malloc_alloc_slow(size);
}

/* malloc: the engine's size-class pop on the fast path (see the theory statement). */
void *strata_malloc(size_t size)
{
	return malloc_face_fast_malloc(size);
}

/* free's slow path: the debugging aids are on or the face has not started. */
static MALLOC_NOINLINE void malloc_free_slow(void *ptr)
{
	unsigned slow = malloc_slow_bits();

	malloc_trace(slow, "strata: free(%p)", ptr);
	malloc_block_free(ptr, slow);
}

/* free past its fast path: counted here; NULL ignored, errno saved around the engine's
 * full free (which may unmap or purge pages) or the debugging aids. */
void malloc_free_miss(void *ptr)
{
	int saved;

	MALLOC_COUNT(CNT_FREE);
	if (ptr == NULL)
		return;
	saved = MALLOC_ERRNO_GET();
	if (MALLOC_LIKELY(atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) == 0))
		slab_free(ptr);
	else
		malloc_free_slow(ptr);
	MALLOC_ERRNO_SET(saved);
	(void)saved;
}

/* free: the engine's lock-free push on the fast path (errno untouched: no system call
 * there); NULL, large blocks, full magazines and faults take malloc_free_miss. */
void strata_free(void *ptr)
{
	malloc_face_fast_free(ptr);
}

/* cfree: SVR4's obsolete free with the calloc arguments, which it ignores. */
void strata_cfree(void *ptr, size_t count, size_t size)
{
	(void)count;
	(void)size;
	strata_free(ptr);
}

/* calloc: overflow-checked product, zeroed by the engine (fresh pages not cleared twice). */
void *strata_calloc(size_t count, size_t size)
{
	size_t total;
	unsigned slow;
	void *ptr;

	MALLOC_COUNT(CNT_CALLOC);
	if (MALLOC_UNLIKELY(__builtin_mul_overflow(count, size, &total) || total > MALLOC_SIZE_MAX)) {
		MALLOC_ERRNO_SET(ENOMEM);
		return NULL;
	}
	slow = atomic_load_explicit(&malloc_face.slow, memory_order_relaxed);
	if (MALLOC_LIKELY(slow == 0 && total != 0)) {
		ptr = slab_alloc_zero(MALLOC_ASK(total));
	} else {
		slow = malloc_slow_bits();
		if (total == 0 && atomic_load_explicit(&malloc_face.svr4, memory_order_relaxed))
			return NULL;
		ptr = malloc_block_alloc(total, 0, 1, slow);
		malloc_trace(slow, "strata: calloc(%zu, %zu) = %p", count, size, ptr);
	}
	if (MALLOC_UNLIKELY(ptr == NULL))
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* realloc's work (see strata_realloc); `slow` is 0 or the face's resolved slow bits. */
static void *malloc_realloc(void *ptr, size_t size, unsigned slow)
{
	if (ptr == NULL) {
		if (size == 0 && malloc_svr4())
			return NULL;
		if (size > MALLOC_SIZE_MAX) {
			MALLOC_ERRNO_SET(ENOMEM);
			return NULL;
		}
		ptr = malloc_block_alloc(size, 0, 0, slow);
		if (ptr == NULL)
			MALLOC_ERRNO_SET(ENOMEM);
		return ptr;
	}
	if (size == 0) {
		int saved = MALLOC_ERRNO_GET();
		malloc_block_free(ptr, slow);
		MALLOC_ERRNO_SET(saved);
		(void)saved;
		return NULL;
	}
	if (size > MALLOC_SIZE_MAX) {
		MALLOC_ERRNO_SET(ENOMEM);
		return NULL;
	}
	int misuse;
	void *fresh = slab_realloc(ptr, MALLOC_ASK(size), &misuse);
	if (fresh == NULL)
		MALLOC_ERRNO_SET(misuse ? EINVAL : ENOMEM);
	return fresh;
}

/* realloc: NULL is malloc, size 0 frees (glibc 2.36 and SVR4 agree); the engine keeps a
 * block in place while the new size fits and uses at least half of it, else moves it. */
void *strata_realloc(void *ptr, size_t size)
{
	unsigned slow = atomic_load_explicit(&malloc_face.slow, memory_order_relaxed);
	void *fresh;

	MALLOC_COUNT(CNT_REALLOC);
	if (MALLOC_LIKELY(slow == 0))
		return malloc_realloc(ptr, size, 0);
	slow = malloc_slow_bits();
	fresh = malloc_realloc(ptr, size, slow);
	malloc_trace(slow, "strata: realloc(%p, %zu) = %p", ptr, size, fresh);
	return fresh;
}

/* reallocarray: realloc of count * size, the product checked for overflow (ENOMEM). */
void *strata_reallocarray(void *ptr, size_t count, size_t size)
{
	size_t total;

	if (__builtin_mul_overflow(count, size, &total)) {
		MALLOC_COUNT(CNT_REALLOC);
		MALLOC_ERRNO_SET(ENOMEM);
		return NULL;
	}
	return strata_realloc(ptr, total);
}

/* The aligned allocation behind memalign, valloc, pvalloc, aligned_alloc, posix_memalign:
 * `align` a power of two; alignments the engine gives anyway take the plain path. NULL on
 * failure with errno untouched. */
static void *malloc_aligned(size_t align, size_t size)
{
	unsigned slow = malloc_slow_bits();

	void *ptr;

	if (size > MALLOC_SIZE_MAX || align > MALLOC_SIZE_MAX / 2 + 1)
		ptr = NULL;
	else
		ptr = malloc_block_alloc(size, align <= MALLOC_MIN_SIZE ? 0 : align, 0, slow);
	malloc_trace(slow, "strata: memalign(%zu, %zu) = %p", align, size, ptr);
	return ptr;
}

/* The smallest power of two >= x (x >= 1, x <= SIZE_MAX / 2 + 1). */
static size_t malloc_pow2_ceil(size_t x)
{
	size_t p = 1;

	while (p < x)
		p <<= 1;
	return p;
}

/* memalign: glibc rounds a non-power-of-two alignment up; 0 or a huge one is EINVAL. */
void *strata_memalign(size_t align, size_t size)
{
	void *ptr;

	MALLOC_COUNT(CNT_MEMALIGN);
	if (align == 0 || align > MALLOC_SIZE_MAX / 2 + 1) {
		MALLOC_ERRNO_SET(EINVAL);
		return NULL;
	}
	if (size == 0 && malloc_svr4())
		return NULL;
	ptr = malloc_aligned(malloc_pow2_ceil(align), size);
	if (ptr == NULL)
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* aligned_alloc: C17 (DR 460) and glibc >= 2.38: the alignment must be a power of two. */
void *strata_aligned_alloc(size_t align, size_t size)
{
	void *ptr;

	MALLOC_COUNT(CNT_MEMALIGN);
	if (align == 0 || (align & (align - 1)) != 0 || align > MALLOC_SIZE_MAX / 2 + 1) {
		MALLOC_ERRNO_SET(EINVAL);
		return NULL;
	}
	if (size == 0 && malloc_svr4())
		return NULL;
	ptr = malloc_aligned(align, size);
	if (ptr == NULL)
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* posix_memalign: EINVAL or ENOMEM as the return value; errno and *memptr untouched on
 * failure. */
int strata_posix_memalign(void **memptr, size_t align, size_t size)
{
	void *ptr;

	MALLOC_COUNT(CNT_MEMALIGN);
	if (align < sizeof(void *) || (align & (align - 1)) != 0 || align > MALLOC_SIZE_MAX / 2 + 1)
		return EINVAL;
	if (size == 0 && malloc_svr4()) {
		*memptr = NULL;
		return 0;
	}
	ptr = malloc_aligned(align, size);
	if (ptr == NULL)
		return ENOMEM;
	*memptr = ptr;
	return 0;
}

/* valloc: memalign to the page size. */
void *strata_valloc(size_t size)
{
	void *ptr;

	MALLOC_COUNT(CNT_MEMALIGN);
	if (size == 0 && malloc_svr4())
		return NULL;
	ptr = malloc_aligned(core_page_size(), size);
	if (ptr == NULL)
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* pvalloc: valloc of the size rounded up to whole pages (0 gives one page, as glibc). */
void *strata_pvalloc(size_t size)
{
	size_t page, rounded;
	void *ptr;

	MALLOC_COUNT(CNT_MEMALIGN);
	(void)malloc_slow_bits();
	page = core_page_size();
	if (size > MALLOC_SIZE_MAX - page) {
		MALLOC_ERRNO_SET(ENOMEM);
		return NULL;
	}
	rounded = size == 0 ? page : (size + page - 1) & ~(page - 1);
	ptr = malloc_aligned(page, rounded);
	if (ptr == NULL)
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* malloc_usable_size: bytes the caller may use (0 for NULL or a pointer not strata's). */
size_t strata_malloc_usable_size(const void *ptr)
{
	if (ptr == NULL)
		return 0;
	return slab_usable_size(ptr);
}

/* The hidden aliases the override files call (see malloc_impl.h). */
#define MALLOC_ALIAS(name, target) __typeof__(target) name __attribute__((alias(#target)))
MALLOC_ALIAS(malloc_face_malloc, strata_malloc);
MALLOC_ALIAS(malloc_face_free, strata_free);
MALLOC_ALIAS(malloc_face_calloc, strata_calloc);
MALLOC_ALIAS(malloc_face_realloc, strata_realloc);
MALLOC_ALIAS(malloc_face_aligned_alloc, strata_aligned_alloc);
