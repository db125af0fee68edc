/*
 * alloc/malloc/override_cxx.c: C++ operator new and delete, written in C under their
 * Itanium C++ ABI mangled names, so C++ programs allocate through strata whether or not
 * libstrata was built with a C++ compiler. The names (_Znwm and friends) are the ABI's,
 * hence identifiers that C reserves.
 *
 * Variants: new, new[] (throwing and std::nothrow), delete and delete[] (plain, nothrow,
 * sized), and the C++17 aligned forms taking std::align_val_t. Sized and aligned deletes
 * ignore the size (the engine knows every block's size) and the alignment.
 *
 * Failure: operator new must call the installed new_handler until it gives up, then throw
 * std::bad_alloc. A C file cannot throw, so it calls libstdc++'s std::get_new_handler and
 * std::__throw_bad_alloc through weak references (present in every program that uses the
 * throwing operator new, since that program links libstdc++; x86-64 and AArch64 C code
 * carries unwind tables, so the exception passes through this frame). Without libstdc++
 * the failure goes to the error sink as STRATA_ERR_OOM. The nothrow forms return NULL.
 *
 * Only LP64 targets (size_t is unsigned long, mangled 'm') are covered; elsewhere this file
 * compiles to nothing and the system's operators (calling malloc) are used.
 */
#include <stddef.h>

#include <strata/malloc.h>

#include "alloc/error.h"
#include "alloc/malloc/malloc_impl.h"

#if defined(__LP64__)

/* libstdc++'s std::get_new_handler() and std::__throw_bad_alloc(), if linked. */
typedef void (*override_new_handler_t)(void);
extern override_new_handler_t _ZSt15get_new_handlerv(void) __attribute__((weak));
extern void _ZSt17__throw_bad_allocv(void) __attribute__((weak, noreturn));

/* The failure path of a throwing operator new: the new_handler loop, then bad_alloc. */
static void *override_new_fail(size_t size, size_t align)
{
	for (;;) {
		override_new_handler_t handler = _ZSt15get_new_handlerv ? _ZSt15get_new_handlerv() : NULL;
		void *ptr;

		if (handler == NULL)
			break;
		handler();
		ptr = align ? strata_aligned_alloc(align, size) : strata_malloc(size);
		if (ptr != NULL)
			return ptr;
	}
	if (_ZSt17__throw_bad_allocv)
		_ZSt17__throw_bad_allocv();
	error_report(STRATA_ERR_OOM, NULL, "operator new(%zu): out of memory and no std::bad_alloc", size);
	return NULL;
}

/* The throwing operator new of `size` bytes. */
static void *override_new(size_t size)
{
	void *ptr = malloc_face_malloc(size);

	return ptr ? ptr : override_new_fail(size, 0);
}

/* The throwing aligned operator new (align is a power of two by the C++ rules). */
static void *override_new_aligned(size_t size, size_t align)
{
	void *ptr = malloc_face_aligned_alloc(align, size);

	return ptr ? ptr : override_new_fail(size, align);
}

/* Declarations first: no header declares the mangled names. */
STRATA_API void *_Znwm(size_t size);
STRATA_API void *_Znam(size_t size);
STRATA_API void *_ZnwmRKSt9nothrow_t(size_t size, const void *nothrow);
STRATA_API void *_ZnamRKSt9nothrow_t(size_t size, const void *nothrow);
STRATA_API void _ZdlPv(void *ptr);
STRATA_API void _ZdaPv(void *ptr);
STRATA_API void _ZdlPvRKSt9nothrow_t(void *ptr, const void *nothrow);
STRATA_API void _ZdaPvRKSt9nothrow_t(void *ptr, const void *nothrow);
STRATA_API void _ZdlPvm(void *ptr, size_t size);
STRATA_API void _ZdaPvm(void *ptr, size_t size);
STRATA_API void *_ZnwmSt11align_val_t(size_t size, size_t align);
STRATA_API void *_ZnamSt11align_val_t(size_t size, size_t align);
STRATA_API void *_ZnwmSt11align_val_tRKSt9nothrow_t(size_t size, size_t align, const void *nothrow);
STRATA_API void *_ZnamSt11align_val_tRKSt9nothrow_t(size_t size, size_t align, const void *nothrow);
STRATA_API void _ZdlPvSt11align_val_t(void *ptr, size_t align);
STRATA_API void _ZdaPvSt11align_val_t(void *ptr, size_t align);
STRATA_API void _ZdlPvmSt11align_val_t(void *ptr, size_t size, size_t align);
STRATA_API void _ZdaPvmSt11align_val_t(void *ptr, size_t size, size_t align);
STRATA_API void _ZdlPvSt11align_val_tRKSt9nothrow_t(void *ptr, size_t align, const void *nothrow);
STRATA_API void _ZdaPvSt11align_val_tRKSt9nothrow_t(void *ptr, size_t align, const void *nothrow);

/* operator new(size_t) */
void *_Znwm(size_t size)
{
	return override_new(size);
}

/* operator new[](size_t) */
void *_Znam(size_t size)
{
	return override_new(size);
}

/* operator new(size_t, const std::nothrow_t &) */
void *_ZnwmRKSt9nothrow_t(size_t size, const void *nothrow)
{
	(void)nothrow;
	return malloc_face_malloc(size);
}

/* operator new[](size_t, const std::nothrow_t &) */
void *_ZnamRKSt9nothrow_t(size_t size, const void *nothrow)
{
	(void)nothrow;
	return malloc_face_malloc(size);
}

/* operator delete(void *) */
void _ZdlPv(void *ptr)
{
	malloc_face_free(ptr);
}

/* operator delete[](void *) */
void _ZdaPv(void *ptr)
{
	malloc_face_free(ptr);
}

/* operator delete(void *, const std::nothrow_t &) */
void _ZdlPvRKSt9nothrow_t(void *ptr, const void *nothrow)
{
	(void)nothrow;
	malloc_face_free(ptr);
}

/* operator delete[](void *, const std::nothrow_t &) */
void _ZdaPvRKSt9nothrow_t(void *ptr, const void *nothrow)
{
	(void)nothrow;
	malloc_face_free(ptr);
}

/* operator delete(void *, size_t) */
void _ZdlPvm(void *ptr, size_t size)
{
	(void)size;
	malloc_face_free(ptr);
}

/* operator delete[](void *, size_t) */
void _ZdaPvm(void *ptr, size_t size)
{
	(void)size;
	malloc_face_free(ptr);
}

/* operator new(size_t, std::align_val_t) */
void *_ZnwmSt11align_val_t(size_t size, size_t align)
{
	return override_new_aligned(size, align);
}

/* operator new[](size_t, std::align_val_t) */
void *_ZnamSt11align_val_t(size_t size, size_t align)
{
	return override_new_aligned(size, align);
}

/* operator new(size_t, std::align_val_t, const std::nothrow_t &) */
void *_ZnwmSt11align_val_tRKSt9nothrow_t(size_t size, size_t align, const void *nothrow)
{
	(void)nothrow;
	return strata_aligned_alloc(align, size);
}

/* operator new[](size_t, std::align_val_t, const std::nothrow_t &) */
void *_ZnamSt11align_val_tRKSt9nothrow_t(size_t size, size_t align, const void *nothrow)
{
	(void)nothrow;
	return strata_aligned_alloc(align, size);
}

/* operator delete(void *, std::align_val_t) */
void _ZdlPvSt11align_val_t(void *ptr, size_t align)
{
	(void)align;
	malloc_face_free(ptr);
}

/* operator delete[](void *, std::align_val_t) */
void _ZdaPvSt11align_val_t(void *ptr, size_t align)
{
	(void)align;
	malloc_face_free(ptr);
}

/* operator delete(void *, size_t, std::align_val_t) */
void _ZdlPvmSt11align_val_t(void *ptr, size_t size, size_t align)
{
	(void)size;
	(void)align;
	malloc_face_free(ptr);
}

/* operator delete[](void *, size_t, std::align_val_t) */
void _ZdaPvmSt11align_val_t(void *ptr, size_t size, size_t align)
{
	(void)size;
	(void)align;
	malloc_face_free(ptr);
}

/* operator delete(void *, std::align_val_t, const std::nothrow_t &) */
void _ZdlPvSt11align_val_tRKSt9nothrow_t(void *ptr, size_t align, const void *nothrow)
{
	(void)align;
	(void)nothrow;
	malloc_face_free(ptr);
}

/* operator delete[](void *, std::align_val_t, const std::nothrow_t &) */
void _ZdaPvSt11align_val_tRKSt9nothrow_t(void *ptr, size_t align, const void *nothrow)
{
	(void)align;
	(void)nothrow;
	malloc_face_free(ptr);
}

#else
/* ISO C forbids an empty translation unit. */
typedef int override_cxx_not_lp64;
#endif
