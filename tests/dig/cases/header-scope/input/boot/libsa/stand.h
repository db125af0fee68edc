/* The boot loader's library: its allocator carries the caller's file and line. */
#ifndef STAND_H
#define STAND_H
#include <stddef.h>

void *Malloc(size_t n, const char *file, int line);
void Free(void *p, const char *file, int line);

#define malloc(x) Malloc(x, __FILE__, __LINE__)
#define free(p) Free(p, __FILE__, __LINE__)
#endif
