/*
 * strata/malloc.h: the malloc face (the C and POSIX malloc family with the SVR4 extras).
 *
 * Every strata_NAME below is NAME of the C library, served by libstrata's one slab engine
 * (the same engine as the kalloc and zone faces). libstrata.so and libstrata.a also export
 * the standard names themselves (malloc, free, ... and C++ operator new/delete), so
 * `LD_PRELOAD=libstrata.so` or linking `-lstrata` replaces the system allocator; the
 * strata_NAME forms are for programs that want both allocators side by side.
 *
 * Conventions (glibc-compatible by default, SVR4 libmalloc with STRATA_SVR4=1):
 *   malloc(0)          a unique pointer (SVR4: NULL)
 *   realloc(p, 0)      frees p, returns NULL (glibc 2.36 and SVR4 agree)
 *   realloc(NULL, n)   malloc(n)
 *   alignment          16 bytes for every block (requests below 16 bytes get 16 bytes)
 *   failure            NULL with errno = ENOMEM; sizes above PTRDIFF_MAX always fail;
 *                      calloc/reallocarray multiplication overflow fails with ENOMEM
 *   memalign(a, n)     a rounded up to a power of two (glibc); a == 0 or huge: EINVAL
 *   aligned_alloc(a,n) a must be a power of two, else NULL with EINVAL (C17 DR 460; glibc
 *                      >= 2.38); n need not be a multiple of a
 *   posix_memalign     EINVAL (errno untouched, *memptr untouched) unless the alignment is
 *                      a power-of-two multiple of sizeof(void *); ENOMEM on failure
 *   free               preserves errno; free(NULL) is a no-op; a double or invalid free goes
 *                      to the error sink (strata/error.h) naming the pointer: abort by
 *                      default, STRATA_ERROR=warn reports and ignores the call, as SVR4
 *                      tolerated double frees
 *   cfree(p, n, s)     SVR4's obsolete form of free(p); one-argument callers work too
 *
 * mallopt(param, value), by parameter family:
 *   SVID parameters (M_MXFAST 1, M_NLBLKS 2, M_GRAIN 3, M_KEEP 4, the numbers of glibc's
 *   <malloc.h>) return 0 on success and 1 on error, as SVID and SVR4 did, when STRATA_SVR4=1;
 *   otherwise they return glibc's 1 on success and 0 on error, because glibc programs use
 *   M_MXFAST with glibc's convention. glibc's negative parameters always use glibc's
 *   convention (1 success, 0 error). Unknown parameters: 0 (SVR4 mode: 1) as an error.
 *     M_MXFAST v        SVR4's holding blocks are the engine's per-thread caches (every size
 *                       class up to 32 KiB has one). M_MXFAST 0 is honoured: it turns them
 *                       off (STRATA_MAGAZINE=0) if set before the first allocation; other
 *                       values are accepted and recorded without effect: the engine has no
 *                       size limit for its caches to tune. v < 0 (glibc mode: v > 160) is
 *                       an error.
 *     M_NLBLKS v        honoured before the first allocation: objects per per-thread
 *                       magazine (SVR4: little blocks per holding block), STRATA_MAGAZINE;
 *                       later accepted without effect. v <= 1 is an error.
 *     M_GRAIN v         accepted, no effect: the engine's size classes (at most 12.5% waste)
 *                       replace SVR4's fixed grain. v <= 0 is an error.
 *     M_KEEP            accepted, no effect: freed memory is never promised to keep its data.
 *     In SVR4 mode these four fail (return 1) once the engine holds small blocks, as SVR4's
 *     parameters froze at the first small allocation.
 *     M_TRIM_THRESHOLD v honoured before the first allocation: forwarded to
 *                       STRATA_PURGE_DECAY (-1: free pages are purged only by malloc_trim;
 *                       0: purged as soon as they are free; else the default lazy purge),
 *                       which the engine reads when it starts; later accepted without
 *                       effect.
 *     M_TOP_PAD v       honoured: added to the keep amount of malloc_trim.
 *     M_MMAP_THRESHOLD  accepted (0 .. 32 MiB), no effect: sizes above the engine's largest
 *                       class always get whole pages, there is no second heap to choose.
 *     M_MMAP_MAX        accepted (>= 0), no effect: all memory comes from the page source.
 *     M_CHECK_ACTION v  honoured: bit 1 (value 2) set aborts on misuse, clear reports and
 *                       continues (STRATA_ERROR=abort|warn).
 *     M_PERTURB v       honoured: new blocks (not calloc's) are filled with ~v & 0xff and
 *                       freed blocks with v & 0xff; 0 turns filling off.
 *     M_ARENA_TEST, M_ARENA_MAX accepted (> 0), no effect: strata has per-thread caches and
 *                       one shared depot, not arenas.
 *
 * Hardening, always on (the engine's; cost measured in bench/README.md). Three keys are
 * drawn once per process from the kernel's entropy (getrandom, else AT_RANDOM): free-list
 * links are XOR-encoded with one and their own address; a freed block's second word holds
 * another, XORed with its address, which every free checks first: a block that carries
 * it is looked for among the free ones (this thread's cache, the depot, its slab, the
 * other threads' caches), and found, the free is a double free -- in every mode, whatever
 * was freed in between, from whichever thread, after the block went back to its slab.
 * free checks that the pointer is an object boundary of one of strata's slabs or the
 * exact pointer of one of its page blocks: an interior pointer is an invalid free, never
 * rounded down. realloc runs the same checks first: a realloc of a freed block is
 * reported (use-after-free) instead of handing the block back. Each report names the
 * pointer and the kind of misuse, then aborts (STRATA_ERROR=warn: the call does nothing).
 *
 * Debugging aids, read once when the engine starts, and the engine's (they apply to the
 * whole malloc family, and free() of a kalloc block works under them); they combine:
 *   STRATA_CANARY=1    every block is asked 8 bytes larger; malloc_usable_size() is the
 *                      exact request, and every byte from there to the block's end (at
 *                      least 8) holds a canary keyed by the third secret and the address;
 *                      free and realloc check it (a damaged one is reported as corruption).
 *   STRATA_GUARD=1     every page-backed block (above 32 KiB, or aligned above it) and
 *                      every block of STRATA_GUARD_MIN bytes or more (default 32769; 1
 *                      guards every block) gets pages of its own followed by a page with
 *                      no access, and is placed so that it ends at that page (rounded to
 *                      16 bytes, or its alignment: with the canary on, the canary fills
 *                      the rest up to the guard page): the first write past the block
 *                      faults (SIGSEGV) at the faulting instruction. realloc always moves a
 *                      guarded block. Needs a page source that can protect pages (mmap,
 *                      sbrk); on a static region or the host source it says so once on
 *                      standard error and the guard pages stay accessible.
 *   STRATA_DEBUG=2     the request is noted and the rest of each object is a redzone,
 *                      checked on free (with STRATA_CANARY the canary is the redzone);
 *                      STRATA_DEBUG=1 and up also keep a bit per object, so every double
 *                      free is caught twice over, and fill blocks on allocation and free.
 *   STRATA_TRACE=1     writes one line per call ("strata: malloc(24) = 0x...") to
 *                      standard error (the face's own aid, with M_PERTURB).
 *
 * Memory given back (STRATA_PURGE_DECAY=D ms, default 1000): freed memory stays resident
 * for reuse and is purged (madvise) or unmapped between D and 2D ms after it was freed,
 * checked on the allocator's page-level slow paths (no background thread: a program that
 * stops calling malloc keeps what it had until malloc_trim), and sooner when free
 * resident memory exceeds half of what is mapped: empty small-object slabs, the pages
 * wholly inside free blocks of 8 KiB and more in slabs still partly used, freed page
 * blocks (32 KiB and up), and the caller's and the depots' idle cached blocks; wholly free
 * segments and page chunks are unmapped, so after a program frees everything its address
 * space is usable again (a map that fails under ulimit -v is retried after strata gives
 * back what it keeps). D = 0 purges at once, D = -1 only in malloc_trim. malloc_trim(0)
 * does all of it at once, for the calling thread's caches. realloc of a block of 1 MiB
 * or more to another such size resizes it with mremap (no copy).
 *
 * mallinfo/mallinfo2 report the engine's usage (slab_usage_get): arena = bytes mapped from
 * the page source, ordblks = slabs held, smblks = 0 (no separate fast bins), hblks/hblkhd =
 * live page-backed blocks and their bytes, usmblks = peak bytes mapped, fsmblks = bytes of
 * free small objects cached, uordblks = bytes in live blocks, fordblks = arena - uordblks,
 * keepcost = mapped bytes held in neither live nor cached objects (what malloc_trim can give
 * back). mallinfo clamps each field to INT_MAX. malloc_trim(pad) returns 1 when it gave
 * memory back. malloc_stats writes glibc's summary lines to standard error.
 */
#ifndef STRATA_MALLOC_H
#define STRATA_MALLOC_H

#include <strata/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SVID mallopt parameters, with glibc's numbers (guarded: <malloc.h> may define them). */
#ifndef M_MXFAST
#define M_MXFAST 1
#endif
#ifndef M_NLBLKS
#define M_NLBLKS 2
#endif
#ifndef M_GRAIN
#define M_GRAIN 3
#endif
#ifndef M_KEEP
#define M_KEEP 4
#endif
/* glibc's mallopt parameters, spelled token for token as in glibc's <malloc.h> (no
 * parentheses), so that including both headers in either order redefines nothing. */
#ifndef M_TRIM_THRESHOLD
#define M_TRIM_THRESHOLD -1
#endif
#ifndef M_TOP_PAD
#define M_TOP_PAD -2
#endif
#ifndef M_MMAP_THRESHOLD
#define M_MMAP_THRESHOLD -3
#endif
#ifndef M_MMAP_MAX
#define M_MMAP_MAX -4
#endif
#ifndef M_CHECK_ACTION
#define M_CHECK_ACTION -5
#endif
#ifndef M_PERTURB
#define M_PERTURB -6
#endif
#ifndef M_ARENA_TEST
#define M_ARENA_TEST -7
#endif
#ifndef M_ARENA_MAX
#define M_ARENA_MAX -8
#endif

/* glibc's struct mallinfo layout (int fields), under strata's name. */
struct strata_mallinfo {
	int arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
};
/* glibc's struct mallinfo2 layout (size_t fields), under strata's name. */
struct strata_mallinfo2 {
	size_t arena, ordblks, smblks, hblks, hblkhd, usmblks, fsmblks, uordblks, fordblks, keepcost;
};

/* The C and POSIX malloc family, under strata_ names (the library also exports the
 * standard names); each behaves as its libc namesake, within the conventions above. */
STRATA_API void *strata_malloc(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
STRATA_API void strata_free(void *ptr);
STRATA_API void *strata_calloc(size_t count, size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE2(1, 2);
STRATA_API void *strata_realloc(void *ptr, size_t size) STRATA_ALLOC_SIZE(2);
STRATA_API void *strata_reallocarray(void *ptr, size_t count, size_t size) STRATA_ALLOC_SIZE2(2, 3);
STRATA_API void *strata_memalign(size_t align, size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(2);
STRATA_API void *strata_valloc(size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(1);
STRATA_API void *strata_pvalloc(size_t size) STRATA_MALLOC;
STRATA_API int strata_posix_memalign(void **memptr, size_t align, size_t size);
STRATA_API void *strata_aligned_alloc(size_t align, size_t size) STRATA_MALLOC STRATA_ALLOC_SIZE(2);
STRATA_API size_t strata_malloc_usable_size(const void *ptr);
/* SVR4's cfree: free(ptr); count and size are ignored. */
STRATA_API void strata_cfree(void *ptr, size_t count, size_t size);
/* Tune the face: see "mallopt(param, value), by parameter family" above. */
STRATA_API int strata_mallopt(int param, int value);
/* The engine's usage in glibc's layouts (see "mallinfo/mallinfo2" above). */
STRATA_API struct strata_mallinfo strata_mallinfo(void);
STRATA_API struct strata_mallinfo2 strata_mallinfo2(void);
/* Give free memory back to the page source, keeping `pad` bytes (plus M_TOP_PAD); 1 when
 * some was given back. */
STRATA_API int strata_malloc_trim(size_t pad);
/* glibc's malloc_stats summary lines, on standard error. */
STRATA_API void strata_malloc_stats(void);

#ifdef __cplusplus
}
#endif
#endif /* STRATA_MALLOC_H */
