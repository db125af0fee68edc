/* Callers of the cache, so its entry points are used. */
typedef unsigned long paddr_t;
typedef struct pool_cache *pool_cache_t;
extern void *pool_cache_get_paddr(pool_cache_t pc, int flags, paddr_t *pap);
extern void pool_cache_put_paddr(pool_cache_t pc, void *object, paddr_t pa);
extern pool_cache_t cred_cache;

struct cred {
	int refs;
};

struct cred *cred_get(void)
{
	paddr_t pa;
	struct cred *c = pool_cache_get_paddr(cred_cache, 0, &pa);
	c->refs = 1;
	return c;
}
