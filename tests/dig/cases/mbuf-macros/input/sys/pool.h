#ifndef SYS_POOL_H
#define SYS_POOL_H
struct pool_cache;
void *pool_cache_alloc(struct pool_cache *pc, int flags);
void pool_cache_free(struct pool_cache *pc, void *obj);
#endif
