#ifndef MEM_H
#define MEM_H
#include <stddef.h>

void *mem_alloc (size_t bytes);
void *mem_alloc_n (size_t n, size_t size);
void *mem_zalloc_n (size_t n, size_t size);
void mem_free (void *p);

/* A family of typed allocations whose callee is pasted from the family's verb: a build
 * that optimises inlines the one-byte case, any other calls the checked _n function. */
#if defined (__GNUC__) && defined (__OPTIMIZE__)
#  define MEM_NEW_(type, n, verb) \
	(type *) (__extension__ ({ size_t n_ = (n); void *p_; \
	  if (sizeof (type) == 1) p_ = mem_##verb (n_); \
	  else p_ = mem_##verb##_n (n_, sizeof (type)); p_; }))
#else
#  define MEM_NEW_(type, n, verb) ((type *) mem_##verb##_n ((n), sizeof (type)))
#endif

#define mem_new(type, n)   MEM_NEW_ (type, n, alloc)
#define mem_new0(type, n)  MEM_NEW_ (type, n, zalloc)

/* a name for the message: stringised, never a call */
#define MEM_NAME(verb) #verb

#endif
