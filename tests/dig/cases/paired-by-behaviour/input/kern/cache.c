/* Per-CPU object caches in front of a pool: a get/put pair whose names carry no
 * allocation verb the vocabulary knows; the put takes back the memory the get hands out,
 * through the same handle. */
typedef unsigned long paddr_t;
typedef struct pool_cache *pool_cache_t;
struct pool_cache {
	void *objs[64];
	int nobjs;
	void *pool;
	unsigned long hits, misses, fails;
};

extern void *pool_alloc(void *pp, int flags);
extern void pool_put(void *pp, void *v);

#define pool_cache_get(pc, f) pool_cache_get_paddr((pc), (f), 0)
#define pool_cache_put(pc, o) pool_cache_put_paddr((pc), (o), 0)

void *pool_cache_get_paddr(pool_cache_t pc, int flags, paddr_t *pap)
{
	void *o;
	if (pc->nobjs > 0) {
		o = pc->objs[--pc->nobjs];
		pc->hits++;
	} else {
		o = pool_alloc(pc->pool, flags);
		pc->misses++;
	}
	if (o == 0) {
		pc->fails++;
		return 0;
	}
	if (pap != 0)
		*pap = (paddr_t)o;
	return o;
}

void pool_cache_put_paddr(pool_cache_t pc, void *object, paddr_t pa)
{
	(void)pa;
	if (pc->nobjs < 64)
		pc->objs[pc->nobjs++] = object;
	else
		pool_put(pc->pool, object);
}
