#ifndef HEAP_H
#define HEAP_H

/* a debug build counts every call; the tree never sets DEBUG_HEAP and defines no
 * dbg_heap_alloc: the build it ships binds heap_alloc */
#ifdef DEBUG_HEAP
#define heap_alloc(n, f) dbg_heap_alloc(__FILE__, __LINE__, n, f)
#define heap_free(p) dbg_heap_free(__FILE__, __LINE__, p)
void *dbg_heap_alloc(const char *file, int line, unsigned int n, int flags);
void dbg_heap_free(const char *file, int line, void *p);
#else
void *heap_alloc(unsigned int n, int flags);
void heap_free(void *p);
#endif

#endif
