#include "map.h"
struct pool;
void *pool_get(struct pool *pp, int flags);
void pool_put(struct pool *pp, void *v);

int use(struct map *m, struct pool *pp, struct entry *e)
{
	void *b = pool_get(pp, 1);
	void *v = map_get(m, "x");
	void *old = map_put(m, e);
	pool_put(pp, b);
	return v != old;
}
