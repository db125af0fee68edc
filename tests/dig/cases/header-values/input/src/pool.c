/*
 * A fixed-size pool whose entry point's declarator depends on an option the header
 * gives a default for: with POOL_CHECKS 0 (the tree's value) it is pool_alloc.
 */
#include <stdlib.h>
#include "pool/pool.h"

struct slot {
	struct slot *next;
};

static struct slot *free_slots;
static char pool_space[8192];
static size_t pool_used;

void *
#if !POOL_CHECKS
pool_alloc(const struct pool_desc *d)
#else
pool_alloc_fn(const struct pool_desc *d, const char *file, int line)
#endif
{
	struct slot *s = free_slots;

	if (s != NULL) {
		free_slots = s->next;
		return s;
	}
	if (pool_used + d->size > sizeof pool_space)
		return NULL;
	s = (struct slot *)&pool_space[pool_used];
	pool_used += d->size;
	return s;
}

void
pool_free(const struct pool_desc *d, void *p)
{
	struct slot *s = p;

	(void)d;
	s->next = free_slots;
	free_slots = s;
}

#if POOL_STATS
/* statistics kept in a heap table: only with POOL_STATS */
void *
pool_stats_table(size_t n)
{
	return malloc(n * sizeof(unsigned long));
}
#endif

#if POOL_VERSION >= 3
unsigned
pool_version(void)
{
	return 3;
}
#else
void *
pool_old_get(size_t n)
{
	return malloc(n);
}
#endif
