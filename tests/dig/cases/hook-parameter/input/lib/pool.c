/* The pool's backend is whatever its init stored into the provider field: a parameter of
 * pool_init_aligned, so the link follows the calls of the init (through the inline
 * pool_init that passes it on) to the functions their callers give: core_alloc_aligned.
 * The field's name is no backend. */
#include "pool.h"

void sys_lock(void);
void sys_unlock(void);

struct objhdr {
	struct objhdr *next;
};

void pool_init_aligned(struct objpool *mp, size_t size, unsigned align, getfunc_t provider)
{
	mp->next = NULL;
	mp->size = size;
	mp->align = align;
	mp->provider = provider;
}

void *pool_alloc_i(struct objpool *mp)
{
	void *objp = mp->next;
	if (objp != NULL)
		mp->next = mp->next->next;
	else if (mp->provider != NULL)
		objp = mp->provider(mp->size, mp->align);
	return objp;
}

/* The locked face over the unlocked half of the same API: one allocator with it, whose
 * role is the pop's (the pool keeps its free list in what it is given), no wrapper. */
void *pool_alloc(struct objpool *mp)
{
	void *objp;
	sys_lock();
	objp = pool_alloc_i(mp);
	sys_unlock();
	return objp;
}

void pool_free(struct objpool *mp, void *objp)
{
	struct objhdr *php = objp;
	php->next = mp->next;
	mp->next = php;
}
