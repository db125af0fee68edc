/* Two pools: one grows from the core allocator, one is loaded with a static array and
 * never grows (NULL provider). */
#include "../lib/pool.h"

void *core_alloc_aligned(size_t size, unsigned align);

struct sem { int count; void *waiters; };
struct timer { long when; void (*fn)(void); };

static struct objpool sem_pool;
static struct objpool timer_pool;
static struct timer timers[8];

void objects_init(void)
{
	pool_init(&sem_pool, sizeof(struct sem), core_alloc_aligned);
	pool_init(&timer_pool, sizeof(struct timer), NULL);
	for (int i = 0; i < 8; i++)
		pool_free(&timer_pool, &timers[i]);
}

struct sem *sem_new(void)
{
	struct sem *s = pool_alloc(&sem_pool);
	if (s)
		s->count = 0;
	return s;
}

struct timer *timer_new(void)
{
	return pool_alloc(&timer_pool);
}
