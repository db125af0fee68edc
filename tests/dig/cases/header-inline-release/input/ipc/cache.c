/* The entry cache: fixed-size entries carved from a static arena, a free list in front. */
#include <stddef.h>
#include "space.h"

static struct entry arena[1024];
static unsigned used;
static entry_t cache_free;

entry_t
entry_cache_alloc(void)
{
	entry_t e = cache_free;

	if (e != NULL) {
		cache_free = e->next_free;
		return e;
	}
	if (used == sizeof arena / sizeof arena[0])
		return NULL;
	return &arena[used++];
}

void
entry_cache_free(entry_t e)
{
	e->next_free = cache_free;
	cache_free = e;
}
