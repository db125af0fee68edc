#define malloc(x) Malloc(x, __FILE__, __LINE__)
#define LMALLOC _ast_malloc
#define ROUND(x) (((x) + 7) & ~7)
#if 0
void dead(void) { kalloc(1); }
#else
void live(void) { kalloc(2); }
#endif
#ifdef __cplusplus
extern "C" {
#endif
void *LMALLOC(size_t n) { return malloc(n); }
#ifdef __cplusplus
}
#endif
