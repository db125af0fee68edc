#ifndef MEM_H
#define MEM_H
#include <stddef.h>
#include <string.h>

void *mem_alloc (size_t bytes);
void *mem_zalloc (size_t bytes);
void mem_free (void *p);

/* n zeroed bytes: inlined with a memset when optimising, else the zeroing allocator.
 * Neither branch calls only what the other calls; a build takes one of them. */
#if defined (__GNUC__) && defined (__OPTIMIZE__)
#  define mem_zeroed(n) \
	(__extension__ ({ size_t n_ = (n); void *p_ = mem_alloc (n_); memset (p_, 0, n_); p_; }))
#else
#  define mem_zeroed(n) (mem_zalloc ((n)))
#endif

#endif
