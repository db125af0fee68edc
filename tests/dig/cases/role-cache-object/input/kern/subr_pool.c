/* Per-CPU object caches in front of the pool layer (here: a stack of cached objects, else
 * one from the pool's backing hook). */
#include "../sys/pool.h"
struct pool_cache {
	unsigned long pc_size;
	void *pc_objects[64];
	int pc_nobjects;
	void *(*pc_backing)(unsigned long size);
};

void *
pool_cache_get_paddr(pool_cache_t pc, int flags, paddr_t *pap)
{
	void *object;
	if (pc->pc_nobjects > 0)
		object = pc->pc_objects[--pc->pc_nobjects];
	else
		object = (*pc->pc_backing)(pc->pc_size);
	if (pap != NULL)
		*pap = (paddr_t)object;
	return object;
}

void
pool_cache_put_paddr(pool_cache_t pc, void *object, paddr_t pa)
{
	if (pc->pc_nobjects < 64)
		pc->pc_objects[pc->pc_nobjects++] = object;
}
