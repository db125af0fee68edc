/* The pool cache interface: pool_cache_get is a macro over pool_cache_get_paddr. */
typedef struct pool_cache *pool_cache_t;
typedef unsigned long paddr_t;
pool_cache_t pool_cache_init(unsigned long size, const char *name);
void *pool_cache_get_paddr(pool_cache_t pc, int flags, paddr_t *pap);
void pool_cache_put_paddr(pool_cache_t pc, void *object, paddr_t pa);
#define pool_cache_get(pc, f)	pool_cache_get_paddr((pc), (f), NULL)
#define pool_cache_put(pc, o)	pool_cache_put_paddr((pc), (o), 0)
#define PR_WAITOK 1
#define NULL ((void *)0)
