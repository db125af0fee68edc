/* A zone of one object size set when it is made: zone_alloc pops the zone's free list and
 * carves a new chunk from the heap when it is empty (fixed-size, not a wrapper, though
 * what it hands out may come from the chunk the heap just gave). */
#include <stddef.h>

void *heap_alloc(size_t size);

struct zobj {
	struct zobj *next;
};

struct zone {
	size_t elem_size;
	struct zobj *free;
};

static struct zobj *zone_chunk(struct zone *z)
{
	char *p = heap_alloc(z->elem_size * 8);
	for (int i = 0; p && i < 8; i++) {
		struct zobj *o = (struct zobj *)(p + i * z->elem_size);
		o->next = z->free;
		z->free = o;
	}
	return z->free;
}

void *zone_alloc(struct zone *z)
{
	struct zobj *o = z->free;
	if (!o && !(o = zone_chunk(z)))
		return NULL;
	z->free = o->next;
	return o;
}

void zone_free(struct zone *z, void *p)
{
	struct zobj *o = p;
	o->next = z->free;
	z->free = o;
}
