/* A zone of fixed-size objects carved from pages of the page level. */
#include <stddef.h>

void *page_get(void);

struct obj { struct obj *next; };

struct zone {
	size_t size;
	struct obj *free;
};

void zone_init(struct zone *z, size_t size)
{
	z->size = size < sizeof(struct obj) ? sizeof(struct obj) : size;
	z->free = NULL;
}

void *zone_get(struct zone *z)
{
	struct obj *o = z->free;

	if (!o) {
		char *pg = page_get();
		if (!pg)
			return NULL;
		for (size_t off = 0; off + z->size <= 4096; off += z->size) {
			o = (struct obj *)(pg + off);
			o->next = z->free;
			z->free = o;
		}
		o = z->free;
	}
	z->free = o->next;
	return o;
}

void zone_put(struct zone *z, void *v)
{
	struct obj *o = v;

	o->next = z->free;
	z->free = o;
}
