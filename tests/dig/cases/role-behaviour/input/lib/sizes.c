/* size_alloc takes a size and picks the first cache of the size table cache_sizes[] that
 * is big enough, then asks it for one object; larger sizes go to heap_alloc. The caches
 * behind it have one size each, but the entry hands out variable sizes to any caller: a
 * size-indexed front, general-purpose (not fixed-size, and no wrapper of heap_alloc,
 * though the release keeps no table and the large path forwards the size). */
struct cache;
struct cache *cache_create(const char *name, unsigned long objsize);
void *cache_alloc(struct cache *cp, int flags);
void cache_free(struct cache *cp, void *obj);
void *heap_alloc(unsigned long size);
void heap_free(void *p);
struct cache_size { unsigned long cs_size; struct cache *cs_cachep; };
static struct cache_size cache_sizes[] = { { 32, 0 }, { 128, 0 }, { 512, 0 }, { 0, 0 } };

void *size_alloc(unsigned long size, int flags)
{
	struct cache_size *csizep = cache_sizes;
	for (; csizep->cs_size; csizep++) {
		if (size > csizep->cs_size)
			continue;
		return cache_alloc(csizep->cs_cachep, flags);
	}
	return heap_alloc(size);
}

void size_free(void *p, struct cache *from)
{
	if (from)
		cache_free(from, p);
	else
		heap_free(p);
}

void size_init(void)
{
	for (struct cache_size *csizep = cache_sizes; csizep->cs_size; csizep++)
		csizep->cs_cachep = cache_create("size", csizep->cs_size);
}
