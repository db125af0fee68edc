/* A pool of fixed-size objects that grows through a provider function its owner gives at
 * init time (or NULL: the pool never grows). */
#include <stddef.h>

typedef void *(*getfunc_t)(size_t size, unsigned align);

struct objpool {
	struct objhdr *next;
	size_t size;
	unsigned align;
	getfunc_t provider;
};

void pool_init_aligned(struct objpool *mp, size_t size, unsigned align, getfunc_t provider);
void *pool_alloc_i(struct objpool *mp);
void *pool_alloc(struct objpool *mp);
void pool_free(struct objpool *mp, void *objp);

static inline void pool_init(struct objpool *mp, size_t size, getfunc_t provider)
{
	pool_init_aligned(mp, size, sizeof(void *), provider);
}
