/* Reference-counted lock objects, one size, from their own pool cache: mutex_obj_alloc takes
 * no size (a lock type and a priority level), hands out one object of mutex_obj_cache, and
 * mutex_obj_free puts it back into that cache. Fixed-size objects, whatever its two
 * parameters. */
#include "../sys/pool.h"
typedef struct kmutex { volatile unsigned long owner; } kmutex_t;
struct kmutexobj { kmutex_t mo_lock; unsigned int mo_refcnt; };
void mutex_init(kmutex_t *mtx, int type, int ipl);
void mutex_destroy(kmutex_t *mtx);

static pool_cache_t mutex_obj_cache;

void
mutex_obj_init(void)
{
	mutex_obj_cache = pool_cache_init(sizeof(struct kmutexobj), "mutex");
}

kmutex_t *
mutex_obj_alloc(int type, int ipl)
{
	struct kmutexobj *mo;

	mo = pool_cache_get(mutex_obj_cache, PR_WAITOK);
	mutex_init(&mo->mo_lock, type, ipl);
	mo->mo_refcnt = 1;

	return (kmutex_t *)mo;
}

int
mutex_obj_free(kmutex_t *lock)
{
	struct kmutexobj *mo = (struct kmutexobj *)lock;

	if (--mo->mo_refcnt > 0)
		return 0;
	mutex_destroy(&mo->mo_lock);
	pool_cache_put(mutex_obj_cache, mo);
	return 1;
}
