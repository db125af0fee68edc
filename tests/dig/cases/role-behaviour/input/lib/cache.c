/* An object cache: each cache hands out objects of its one size from its free list; an
 * empty cache grows by a slab from heap_alloc cut into objects. */
void *heap_alloc(unsigned long size);
struct obj { struct obj *next; };
struct cache { const char *name; unsigned long objsize; struct obj *free; };
static struct cache caches[16];
static int ncaches;

struct cache *cache_create(const char *name, unsigned long objsize)
{
	struct cache *cp = &caches[ncaches++];
	cp->name = name;
	cp->objsize = objsize;
	cp->free = 0;
	return cp;
}

static int cache_grow(struct cache *cp)
{
	char *slab = heap_alloc(4096);
	if (!slab)
		return -1;
	for (unsigned long off = 0; off + cp->objsize <= 4096; off += cp->objsize) {
		struct obj *o = (struct obj *)(slab + off);
		o->next = cp->free;
		cp->free = o;
	}
	return 0;
}

void *cache_alloc(struct cache *cp, int flags)
{
	struct obj *o;
	(void)flags;
	if (!cp->free && cache_grow(cp) < 0)
		return 0;
	o = cp->free;
	cp->free = o->next;
	return o;
}

void cache_free(struct cache *cp, void *obj)
{
	struct obj *o = obj;
	o->next = cp->free;
	cp->free = o;
}
