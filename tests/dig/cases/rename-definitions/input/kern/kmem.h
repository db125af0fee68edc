/* With KMEM_DEBUG the kernel's allocator is its debugging variant, under another name:
 * the macros pass their arguments on, so they rename the definitions in kmem.c as well as
 * every call of the files that include this header. */
#ifndef KMEM_H
#define KMEM_H
#include <stddef.h>
#define kmem_alloc(size, flags) kmem_alloc_debug(size, flags)
#define kmem_free(p, size) kmem_free_debug(p, size)
#define KM_SLEEP 1
void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);
#endif
