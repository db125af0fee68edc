/*
 * Zones of fixed-size elements, each with a simple lock and a free list.
 */
typedef unsigned long vm_offset_t;
typedef unsigned long vm_size_t;

struct zone {
	simple_lock_data_t lock;
	vm_offset_t free_elements;
	vm_size_t elem_size;
	vm_size_t alloc_size;
};
typedef struct zone *zone_t;

extern void *zone_map;

vm_offset_t
zalloc(zone_t zone)
{
	vm_offset_t addr;

	if (zone == 0)
		panic("zalloc: null zone");
	simple_lock(&zone->lock);
	addr = zone->free_elements;
	if (addr == 0) {
		simple_unlock(&zone->lock);
		if (kmem_alloc_wired(zone_map, &addr, zone->alloc_size) != 0)
			panic("zalloc");
		return addr;
	}
	zone->free_elements = *(vm_offset_t *)addr;
	simple_unlock(&zone->lock);
	return addr;
}

vm_offset_t
zget(zone_t zone)
{
	vm_offset_t addr;

	simple_lock(&zone->lock);
	addr = zone->free_elements;
	if (addr != 0)
		zone->free_elements = *(vm_offset_t *)addr;
	simple_unlock(&zone->lock);
	return addr;
}

void
zfree(zone_t zone, vm_offset_t elem)
{
	simple_lock(&zone->lock);
	*(vm_offset_t *)elem = zone->free_elements;
	zone->free_elements = elem;
	simple_unlock(&zone->lock);
}
