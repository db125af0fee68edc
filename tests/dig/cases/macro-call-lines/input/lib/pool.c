/*
 * A pool allocator whose definitions each follow a macro call standing alone on its line,
 * with no `;` after it: symbol-export and alias macros the build defines (nothing in the
 * tree does), and one this file defines as a whole declaration. The parser would read each
 * call as the start of the next definition; they are hidden from it, so pool_alloc,
 * pool_free and pool_grow are read with their names, return types and callers. The
 * old-style definition pool_count, whose header looks like such a call, is kept, and is
 * not read as one header with the prototypes before it (`static void pool_trim(),
 * pool_check();` / `pool_count(p)` / `char *p;` / `{`).
 */
#include <stddef.h>

#define POOL_KEEP(v) static const void *const keep_##v = &v;

struct pool_item {
	struct pool_item *next;
};

static struct pool_item *pool_free_list;
static char pool_space[65536];
static size_t pool_used;

POOL_KEEP(pool_used)
static void *
pool_grow(size_t size)
{
	void *p;

	if (pool_used + size > sizeof pool_space)
		return NULL;
	p = &pool_space[pool_used];
	pool_used += size;
	return p;
}
__RCSID("$Id: pool.c,v 1.3 $")
void *
pool_alloc(size_t size)
{
	struct pool_item *it = pool_free_list;

	if (it != NULL) {
		pool_free_list = it->next;
		return it;
	}
	return pool_grow(size < sizeof *it ? sizeof *it : size);
}
EXPORT_SYMBOL(pool_alloc)
__weak_alias(pool_get, pool_alloc)

void
pool_free(void *p)
{
	struct pool_item *it = p;

	if (p == NULL)
		return;
	it->next = pool_free_list;
	pool_free_list = it;
}
EXPORT_SYMBOL(pool_free)
static void pool_trim(), pool_check();

pool_count(p)
	char *p;
{
	struct pool_item *it;
	int n = 0;

	for (it = pool_free_list; it != NULL; it = it->next)
		n++;
	return n + (p != NULL);
}
