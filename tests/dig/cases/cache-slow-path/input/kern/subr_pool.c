/* A pool cache whose get reaches its pool only through a static slow path, and writes
 * the object's physical address through a `paddr_t *`: it hands out the pool's memory,
 * it does not lay out memory its caller gives it. */
typedef unsigned long paddr_t;
typedef struct pool_cache *pool_cache_t;
struct pool_cache {
	void *objs[32];
	int nobjs;
	void *pool;
};

extern void *pool_alloc(void *pp, int flags);
extern void pool_release(void *pp, void *v);
extern paddr_t vtophys(void *v);

static void *pool_cache_get_slow(pool_cache_t pc, int flags)
{
	return pool_alloc(pc->pool, flags);
}

void *pool_cache_get_paddr(pool_cache_t pc, int flags, paddr_t *pap)
{
	void *o;
	if (pc->nobjs > 0)
		o = pc->objs[--pc->nobjs];
	else
		o = pool_cache_get_slow(pc, flags);
	if (o != 0 && pap != 0)
		*pap = vtophys(o);
	return o;
}

void pool_cache_put_paddr(pool_cache_t pc, void *object, paddr_t pa)
{
	(void)pa;
	if (pc->nobjs < 32)
		pc->objs[pc->nobjs++] = object;
	else
		pool_release(pc->pool, object);
}
