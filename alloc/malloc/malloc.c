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
 * Fast path. malloc_face.slow is 0 once the face has read its options and no debugging
 * aid (M_PERTURB filling, STRATA_CANARY) is on. Then strata_malloc is: one counter
 * increment, one relaxed load of that word, one unsigned comparison that accepts 1..1024
 * bytes and rejects 0 together (size - 1 wraps for 0), the class from a 65-entry table
 * (sizes 1..16 share the 16-byte class, so every block is 16-byte aligned) and the
 * engine's lock-free per-thread pop (slab_mag_pop), inlined: no call, no frame.
 * strata_free is one counter increment, the same load, and the engine's lock-free push
 * (slab_free_fast: segment map, boundary check, magazine push), inlined too. Neither
 * touches errno on that path: the push never makes a system call, so free saves and
 * restores errno (free must preserve it: the engine's slow path may unmap or purge pages)
 * only on its slow path. Everything else (larger sizes, an empty or full magazine, NULL,
 * page blocks, the first call of the process or of a thread) goes through
 * malloc_alloc_engine / malloc_free_engine (the engine's full paths) or the *_slow
 * functions (debugging aids, first call), all out of line so that the fast paths need
 * no stack frame of their own. Measured with callgrind on bench_malloc_pairs (64-byte
 * malloc/free pairs, loop included): 131 instructions a pair, from 162 with the call into
 * slab_alloc/slab_free and the errno save and restore on every free; glibc 2.36 takes 193.
 *
 * Trace (STRATA_TRACE=1, read once): every call takes the slow path and writes one line,
 * "strata: malloc(24) = 0x...", to standard error through the allocation-free formatter.
 *
 * Canary (STRATA_CANARY=1, read once): every block is asked of the engine one byte larger,
 * and the last usable byte holds a value derived from the block's address; free and
 * realloc check it and report STRATA_ERR_CORRUPT through the error sink. The byte is never
 * part of malloc_usable_size, so a program that writes all the bytes it was told it may
 * use never trips it; one that writes past them does. Blocks the kalloc face handed out
 * carry no canary, so do not free them with free() in this mode.
 *
 * Guard (STRATA_GUARD=1, read once; STRATA_GUARD_MIN): every request of GUARD_MIN bytes
 * or more, and every request the engine serves from whole pages anyway, gets pages of its
 * own from the engine's page path (slab_alloc_pages) plus one more page that the page
 * seam protects (core_pages_protect: mprotect PROT_NONE), and the pointer is placed so
 * that the block (rounded up to 16 bytes or its alignment) ends where that page starts.
 * The pointer then lies less than a page past the block's first page, so free finds the
 * block by rounding down to a page and asking the engine's large-block table, whose
 * "asked" size says where the guard page is (a reused kept block may be larger). free
 * gives the guard page its access back before the pages go back to the engine, so no
 * protected page is ever handed out again. Every page block of the face has this layout
 * in guard mode, so the lookup never guesses; a source that cannot protect pages keeps
 * the layout with the guard page accessible, after one message.
 *
 * Failure. Inner layers return NULL and never print; this face sets errno (ENOMEM, or
 * EINVAL for a bad alignment) exactly as glibc does. Misuse (double or invalid free, a
 * realloc of a pointer strata never handed out, a damaged canary) goes to the error sink,
 * which aborts by default and with STRATA_ERROR=warn makes the faulting call a no-op.
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
	if (options_get(OPT_CANARY))
		bits |= MALLOC_SLOW_CANARY;
	if (options_get(OPT_TRACE))
		bits |= MALLOC_SLOW_TRACE;
	if (options_get(OPT_GUARD)) {
		size_t min = (size_t)options_get(OPT_GUARD_MIN);
		if (min == 0 || min > (size_t)SLAB_SMALL_MAX + 1)
			min = min == 0 ? 1 : (size_t)SLAB_SMALL_MAX + 1;
		atomic_store_explicit(&malloc_face.guard_min, min, memory_order_relaxed);
		bits |= MALLOC_SLOW_GUARD;
	}
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

/* Whether a request takes a guarded block: guard mode, and a size at or above
 * STRATA_GUARD_MIN or one the engine would serve from whole pages anyway (beyond its
 * largest class, or an alignment above it): so in guard mode every page-backed block the
 * face hands out is a guarded one, and free can tell them by address alone. */
static int malloc_guard_wants(size_t ask, size_t align, unsigned slow)
{
	if (!(slow & MALLOC_SLOW_GUARD))
		return 0;
	return ask >= atomic_load_explicit(&malloc_face.guard_min, memory_order_relaxed) ||
	       ask > SLAB_SMALL_MAX || align > SLAB_SMALL_MAX;
}

/* The guarded block holding ptr: its first page in *base and the bytes before the guard
 * page in *data; 0 when ptr is not a guarded block's pointer. (A guarded block's pointer
 * lies less than a page past its first page: see malloc_guard_alloc.) */
static int malloc_guard_find(const void *ptr, uintptr_t *base, size_t *data)
{
	size_t page = core_page_size();
	uintptr_t b = (uintptr_t)ptr & ~(uintptr_t)(page - 1);
	size_t asked;

	if (ptr == NULL || slab_lookup(ptr) != NULL)
		return 0;   /* a class object: never guarded */
	asked = slab_large_asked((const void *)b);
	if (asked <= page)
		return 0;
	*base = b;
	*data = asked - page;
	return 1;
}

/* A guarded block: `ask` bytes ending (rounded up to the alignment, at least 16) exactly
 * at a page made inaccessible, so the first byte written past the block faults. The
 * block is whole pages of its own: data pages D = ask rounded up to pages (to `align`
 * when that is larger), then the guard page; the pointer is base + D - round_up(ask, a),
 * a multiple of a = max(16, align), less than a page past base. NULL on failure. */
static void *malloc_guard_alloc(size_t ask, size_t align)
{
	size_t page = core_page_size();
	size_t a = align > MALLOC_MIN_SIZE ? align : MALLOC_MIN_SIZE;
	size_t unit = align > page ? align : page;
	size_t data, tail;
	char *base;

	if (ask > MALLOC_SIZE_MAX - unit - page)
		return NULL;
	data = (ask + unit - 1) & ~(unit - 1);
	tail = (ask + a - 1) & ~(a - 1);
	base = slab_alloc_pages(data + page, align > page ? align : 0);
	if (base == NULL)
		return NULL;
	if (core_pages_protect(base + data, page, STRATA_PAGE_NONE) != 0 &&
	    atomic_exchange_explicit(&malloc_face.guard_warned, 1, memory_order_relaxed) == 0) {
		/* The page source cannot protect pages (a static region, a host source): say so
		 * once. The block keeps the guarded layout (its last page unprotected), so that
		 * every page block of the face has one layout and free never has to guess. */
		static const char msg[] = "strata: STRATA_GUARD: the page source cannot protect pages; "
		                          "guard pages do not fault\n";
		error_write(msg, sizeof msg - 1);
	}
	return base + data - tail;
}

/* Free a guarded block: give its guard page its access back, then its pages. */
static void malloc_guard_free(uintptr_t base, size_t data)
{
	(void)core_pages_protect((void *)(base + data), core_page_size(), STRATA_PAGE_RW);
	slab_free((void *)base);
}

/* Bytes the engine holds for the block at ptr (the canary byte included); 0 when ptr is
 * not one of the engine's blocks. */
static size_t malloc_block_size(const void *ptr, unsigned slow)
{
	uintptr_t base;
	size_t data;

	if ((slow & MALLOC_SLOW_GUARD) && malloc_guard_find(ptr, &base, &data))
		return base + data - (uintptr_t)ptr;
	return slab_usable_size(ptr);
}

/* Bytes the caller may use at ptr, given the slow bits (the canary byte excluded). */
static size_t malloc_usable(const void *ptr, unsigned slow)
{
	size_t usable = malloc_block_size(ptr, slow);

	if ((slow & MALLOC_SLOW_CANARY) && usable > 0)
		usable--;
	return usable;
}

/* Allocate `size` bytes aligned to `align` (0: the engine's natural alignment), zeroed when
 * `zero`, honouring the canary and perturb aids; NULL on failure, errno untouched. */
static void *malloc_block_alloc(size_t size, size_t align, int zero, unsigned slow)
{
	size_t ask = MALLOC_ASK(size + ((slow & MALLOC_SLOW_CANARY) ? 1 : 0));
	void *ptr;

	int guarded = malloc_guard_wants(ask, align, slow);

	if (guarded)
		ptr = malloc_guard_alloc(ask, align);
	else if (align)
		ptr = slab_alloc_aligned(ask, align);
	else
		ptr = zero ? slab_alloc_zero(ask) : slab_alloc(ask);
	if (ptr == NULL)
		return NULL;
	if ((align || guarded) && zero)
		memset(ptr, 0, size);
	if (slow & MALLOC_SLOW_CANARY) {
		size_t usable = malloc_block_size(ptr, slow);
		((unsigned char *)ptr)[usable - 1] = malloc_canary_byte(ptr);
	}
	if ((slow & MALLOC_SLOW_PERTURB) && !zero) {
		int perturb = atomic_load_explicit(&malloc_face.perturb, memory_order_relaxed);
		memset(ptr, ~perturb & 0xff, size);
	}
	return ptr;
}

/* Check the canary of a block about to be freed or moved; 0 when intact (or no canary). */
static int malloc_canary_check(void *ptr, unsigned slow)
{
	size_t usable;

	if (!(slow & MALLOC_SLOW_CANARY))
		return 0;
	usable = malloc_block_size(ptr, slow);
	if (usable == 0)
		return 0;   /* not ours: slab_free reports it */
	if (((unsigned char *)ptr)[usable - 1] == malloc_canary_byte(ptr))
		return 0;
	error_report(STRATA_ERR_CORRUPT, ptr,
	             "free(): canary after block %p (%zu usable bytes) overwritten: heap overflow",
	             ptr, usable - 1);
	return -1;
}

/* Free a block with the debugging aids on: check the canary, fill with the perturb byte. */
static void malloc_block_free(void *ptr, unsigned slow)
{
	if (malloc_canary_check(ptr, slow) != 0)
		return;   /* the handler returned: leave the damaged block alone */
	if (slow & MALLOC_SLOW_PERTURB) {
		size_t usable = malloc_usable(ptr, slow);
		int perturb = atomic_load_explicit(&malloc_face.perturb, memory_order_relaxed);
		if (usable)
			memset(ptr, perturb & 0xff, usable);
	}
	if (slow & MALLOC_SLOW_GUARD) {
		uintptr_t base;
		size_t data;
		if (malloc_guard_find(ptr, &base, &data)) {
			malloc_guard_free(base, data);
			return;
		}
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

/* Sizes the fast paths serve from the class table (slab_class_lut's reach). */
#define MALLOC_FAST_MAX ((size_t)1024)

/* malloc past its fast path, with the slow bits clear: sizes above MALLOC_FAST_MAX, an
 * empty magazine (the engine's refill), zero and oversize requests. */
static MALLOC_NOINLINE void *malloc_alloc_engine(size_t size)
{
	if (MALLOC_UNLIKELY(size - 1 >= MALLOC_SIZE_MAX))
		return malloc_alloc_slow(size);
	void *ptr = slab_alloc(MALLOC_ASK(size));
	if (MALLOC_UNLIKELY(ptr == NULL))
		MALLOC_ERRNO_SET(ENOMEM);
	return ptr;
}

/* malloc: the engine's size-class pop on the fast path (see the theory statement). */
void *strata_malloc(size_t size)
{
	MALLOC_COUNT(CNT_MALLOC);
	if (MALLOC_LIKELY(atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) == 0)) {
		/* Fast path: 1..1024 bytes, a table lookup and this thread's magazine pop. */
		if (MALLOC_LIKELY(size - 1 < MALLOC_FAST_MAX)) {
			void *ptr = slab_mag_pop(slab_class_lut[(size + 15) >> 4], 0);
			if (MALLOC_LIKELY(ptr != NULL))
				return ptr;
		}
		return malloc_alloc_engine(size);
	}
	return malloc_alloc_slow(size);
}

/* free's slow path: the debugging aids are on or the face has not started. */
static MALLOC_NOINLINE void malloc_free_slow(void *ptr)
{
	unsigned slow = malloc_slow_bits();

	malloc_trace(slow, "strata: free(%p)", ptr);
	malloc_block_free(ptr, slow);
}

/* free past its fast path: NULL ignored, errno saved around the engine's full free (which
 * may unmap or purge pages) or the debugging aids. */
static MALLOC_NOINLINE void malloc_free_engine(void *ptr)
{
	int saved;

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
 * there); NULL, large blocks, full magazines and faults take malloc_free_engine. */
void strata_free(void *ptr)
{
	MALLOC_COUNT(CNT_FREE);
	if (MALLOC_LIKELY(atomic_load_explicit(&malloc_face.slow, memory_order_relaxed) == 0 &&
	                  slab_free_fast(ptr)))
		return;
	malloc_free_engine(ptr);
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

/* realloc's move: a new block, the common bytes copied, the old block freed; on failure
 * the old block stays as it was. */
static void *malloc_realloc_move(void *ptr, size_t old_usable, size_t size, unsigned slow)
{
	void *fresh = malloc_block_alloc(size, 0, 0, slow);

	if (fresh == NULL) {
		MALLOC_ERRNO_SET(ENOMEM);
		return NULL;
	}
	memcpy(fresh, ptr, old_usable < size ? old_usable : size);
	if (slow)
		malloc_block_free(ptr, slow);
	else
		slab_free(ptr);
	return fresh;
}

/* realloc's work (see strata_realloc); `slow` is 0 or the face's resolved slow bits. */
static void *malloc_realloc(void *ptr, size_t size, unsigned slow)
{
	size_t usable;

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
		if (slow)
			malloc_block_free(ptr, slow);
		else
			slab_free(ptr);
		MALLOC_ERRNO_SET(saved);
		(void)saved;
		return NULL;
	}
	if (size > MALLOC_SIZE_MAX) {
		MALLOC_ERRNO_SET(ENOMEM);
		return NULL;
	}
	usable = malloc_usable(ptr, slow);
	if (MALLOC_UNLIKELY(usable == 0)) {
		error_report(STRATA_ERR_INVALID_FREE, ptr,
		             "realloc(): pointer %p was not handed out by strata", ptr);
		MALLOC_ERRNO_SET(EINVAL);
		return NULL;
	}
	if (size <= usable && size >= usable / 2 && !(slow & MALLOC_SLOW_GUARD))
		return ptr;   /* (in guard mode blocks move, so that a block ends at its guard) */
	if (malloc_canary_check(ptr, slow) != 0)
		return NULL;
	return malloc_realloc_move(ptr, usable, size, slow);
}

/* realloc: NULL is malloc, size 0 frees (glibc 2.36 and SVR4 agree); a block stays in place
 * while the new size fits and uses at least half of it, else it moves. */
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
	return malloc_usable(ptr, atomic_load_explicit(&malloc_face.slow, memory_order_relaxed));
}

/* The hidden aliases the override files call (see malloc_impl.h). */
#define MALLOC_ALIAS(name, target) __typeof__(target) name __attribute__((alias(#target)))
MALLOC_ALIAS(malloc_face_malloc, strata_malloc);
MALLOC_ALIAS(malloc_face_free, strata_free);
MALLOC_ALIAS(malloc_face_calloc, strata_calloc);
MALLOC_ALIAS(malloc_face_realloc, strata_realloc);
MALLOC_ALIAS(malloc_face_aligned_alloc, strata_aligned_alloc);
