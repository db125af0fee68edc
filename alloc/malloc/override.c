/*
 * alloc/malloc/override.c: the standard malloc-family names, exported from libstrata.a and
 * libstrata.so (never from strata_core, which unit tests link beside the system malloc).
 *
 * Each name is a one-line adapter to its strata_NAME in malloc.c / mallopt.c: no policy,
 * no state. With LD_PRELOAD=libstrata.so the dynamic loader binds every malloc reference of
 * the program, of libc and of ld.so itself (once relocated) to these; linking -lstrata
 * statically does the same for the program.
 *
 * Start-up safety: nothing here, nor in the face or the engine, calls a libc function that
 * may allocate, and nothing calls dlsym (the classic calloc-during-dlsym recursion cannot
 * happen: strata never looks up the system malloc, it replaces it). The engine starts
 * itself on the first call, whoever makes it (ld.so, libc, a constructor).
 *
 * glibc's __libc_malloc, __libc_free, __libc_calloc, __libc_realloc, __libc_memalign,
 * __libc_valloc and __libc_pvalloc are exported too (their names are glibc's ABI, hence the
 * leading underscores), so libc-internal and legacy callers that bind to them come here
 * rather than to a second heap whose blocks we would then be asked to free.
 *
 * Fork: the constructor registers pthread_atfork handlers (glibc keeps the first handlers in
 * static storage, so registering does not allocate): prepare takes every engine and core
 * lock (slab_fork_prepare, core_fork_prepare), the parent releases them, the child
 * re-initialises them (slab_fork_child, core_fork_child). Thread exit: the engine returns each thread's caches from its own exit
 * hook (slab_thread_flush); nothing to do here.
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <stdlib.h>

#include <strata/malloc.h>

#include "alloc/core.h"
#include "alloc/malloc/malloc_impl.h"
#include "alloc/zone/slab.h"

/* malloc: see strata_malloc (its fast path inlined here: no second call). */
STRATA_API void *malloc(size_t size)
{
	return malloc_face_fast_malloc(size);
}

/* free: see strata_free (its fast path inlined here). */
STRATA_API void free(void *ptr)
{
	malloc_face_fast_free(ptr);
}

/* calloc: see strata_calloc. */
STRATA_API void *calloc(size_t count, size_t size)
{
	return malloc_face_calloc(count, size);
}

/* realloc: see strata_realloc. */
STRATA_API void *realloc(void *ptr, size_t size)
{
	return malloc_face_realloc(ptr, size);
}

/* reallocarray: see strata_reallocarray. */
STRATA_API void *reallocarray(void *ptr, size_t count, size_t size)
{
	return strata_reallocarray(ptr, count, size);
}

/* memalign: see strata_memalign. */
STRATA_API void *memalign(size_t align, size_t size)
{
	return strata_memalign(align, size);
}

/* valloc: see strata_valloc. */
STRATA_API void *valloc(size_t size)
{
	return strata_valloc(size);
}

/* pvalloc: see strata_pvalloc. */
STRATA_API void *pvalloc(size_t size)
{
	return strata_pvalloc(size);
}

/* posix_memalign: see strata_posix_memalign. */
STRATA_API int posix_memalign(void **memptr, size_t align, size_t size)
{
	return strata_posix_memalign(memptr, align, size);
}

/* aligned_alloc: see strata_aligned_alloc. */
STRATA_API void *aligned_alloc(size_t align, size_t size)
{
	return strata_aligned_alloc(align, size);
}

/* malloc_usable_size: see strata_malloc_usable_size. */
STRATA_API size_t malloc_usable_size(void *ptr)
{
	return strata_malloc_usable_size(ptr);
}

/* cfree: SVR4's three-argument form (glibc's old one-argument callers work too: the extra
 * arguments are never read). */
STRATA_API void cfree(void *ptr, size_t count, size_t size);
STRATA_API void cfree(void *ptr, size_t count, size_t size)
{
	strata_cfree(ptr, count, size);
}

/* mallopt: see strata_mallopt. */
STRATA_API int mallopt(int param, int value)
{
	return strata_mallopt(param, value);
}

/* Copy the ten SVID mallinfo fields from one struct to another of the same field names
 * (glibc's mallinfo/mallinfo2 from strata's). */
#define MALLINFO_COPY(to, from) \
	do { \
		(to).arena = (from).arena; (to).ordblks = (from).ordblks; (to).smblks = (from).smblks; \
		(to).hblks = (from).hblks; (to).hblkhd = (from).hblkhd; (to).usmblks = (from).usmblks; \
		(to).fsmblks = (from).fsmblks; (to).uordblks = (from).uordblks; \
		(to).fordblks = (from).fordblks; (to).keepcost = (from).keepcost; \
	} while (0)

/* mallinfo: glibc's struct filled from strata_mallinfo (same layout, field by field). */
STRATA_API struct mallinfo mallinfo(void)
{
	struct strata_mallinfo s = strata_mallinfo();
	struct mallinfo m;

	MALLINFO_COPY(m, s);
	return m;
}

/* mallinfo2: glibc's struct filled from strata_mallinfo2. */
STRATA_API struct mallinfo2 mallinfo2(void)
{
	struct strata_mallinfo2 s = strata_mallinfo2();
	struct mallinfo2 m;

	MALLINFO_COPY(m, s);
	return m;
}

/* malloc_trim: see strata_malloc_trim. */
STRATA_API int malloc_trim(size_t pad)
{
	return strata_malloc_trim(pad);
}

/* malloc_stats: see strata_malloc_stats. */
STRATA_API void malloc_stats(void)
{
	strata_malloc_stats();
}

/* glibc's internal entry points. The names are glibc's ABI (GLIBC_2.2.5), hence the
 * reserved-looking identifiers; prototypes first because no header declares them. */
STRATA_API void *__libc_malloc(size_t size);
STRATA_API void __libc_free(void *ptr);
STRATA_API void *__libc_calloc(size_t count, size_t size);
STRATA_API void *__libc_realloc(void *ptr, size_t size);
STRATA_API void *__libc_memalign(size_t align, size_t size);
STRATA_API void *__libc_valloc(size_t size);
STRATA_API void *__libc_pvalloc(size_t size);

/* __libc_malloc: malloc under glibc's internal name. */
void *__libc_malloc(size_t size)
{
	return malloc_face_malloc(size);
}

/* __libc_free: free under glibc's internal name. */
void __libc_free(void *ptr)
{
	malloc_face_free(ptr);
}

/* __libc_calloc: calloc under glibc's internal name. */
void *__libc_calloc(size_t count, size_t size)
{
	return strata_calloc(count, size);
}

/* __libc_realloc: realloc under glibc's internal name. */
void *__libc_realloc(void *ptr, size_t size)
{
	return strata_realloc(ptr, size);
}

/* __libc_memalign: memalign under glibc's internal name (older ld.so used it for TLS). */
void *__libc_memalign(size_t align, size_t size)
{
	return strata_memalign(align, size);
}

/* __libc_valloc: valloc under glibc's internal name. */
void *__libc_valloc(size_t size)
{
	return strata_valloc(size);
}

/* __libc_pvalloc: pvalloc under glibc's internal name. */
void *__libc_pvalloc(size_t size)
{
	return strata_pvalloc(size);
}

/* Before fork: take every engine lock, then the core's (vmem, stats): the engine calls the
 * core with its locks held, so this is the lock order. No other thread holds one across
 * the fork. */
static void override_fork_prepare(void)
{
	slab_fork_prepare();
	core_fork_prepare();
}

/* After fork, in the parent: release them, in reverse. */
static void override_fork_parent(void)
{
	core_fork_parent();
	slab_fork_parent();
}

/* After fork, in the child: fresh engine locks, and the core's (vmem, stats) reset. */
static void override_fork_child(void)
{
	slab_fork_child();
	core_fork_child();
}

/* Register the fork handlers when the library is loaded (before main, after ld.so). */
__attribute__((constructor)) static void override_init(void)
{
	(void)pthread_atfork(override_fork_prepare, override_fork_parent, override_fork_child);
}
