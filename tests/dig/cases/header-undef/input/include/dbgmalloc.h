/* Routes malloc to the debugging allocator in every file that includes this header. */
void *dbg_malloc(unsigned long n, const char *file, int line);
#define malloc(n) dbg_malloc((n), __FILE__, __LINE__)
