#ifndef CORE_MEM_H
#define CORE_MEM_H
#include <stddef.h>

void *core_alloc (size_t bytes);
void core_free (void *p);

/* the library's allocation word: a rename to its allocator */
#define lib_alloc(n) core_alloc (n)

#endif
