/* A statement macro whose body calls two functions: the pool's allocator and a note. */
#define POOL_GET(p, n) do { (p) = pool_malloc(n); pool_note(n); } while (0)
void *pool_malloc(unsigned long n);
void pool_note(unsigned long n);
