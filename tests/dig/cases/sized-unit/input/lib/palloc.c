/* A variable-size pool with a free list; beside it, an accessor whose name carries the
 * allocator's verb. The accessor takes no size, but the allocator does: one unit per call
 * is not what this pool hands out. */
#include <stddef.h>

struct hdr { struct hdr *next; size_t size; };

static unsigned char pool[1 << 16];
static size_t pool_top;
static size_t palloc_max = sizeof pool;
static struct hdr *pool_free;

void *palloc(size_t size)
{
	struct hdr *h = pool_free;
	if (h != NULL && h->size >= size) {
		pool_free = h->next;   /* the last block freed, when it is big enough */
		return h + 1;
	}
	if (pool_top + sizeof *h + size > palloc_max)
		return NULL;
	h = (struct hdr *)&pool[pool_top];
	pool_top += sizeof *h + size;
	h->size = size;
	return h + 1;
}

void pfree(void *p)
{
	struct hdr *h = (struct hdr *)p - 1;
	h->next = pool_free;
	pool_free = h;
}

size_t palloc_max_get(void)
{
	return palloc_max;
}
