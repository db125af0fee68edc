/* The old resource-map API on an arena: a number out of the map (a void * handle) for a
 * size, given back with the same map, size and number. */
typedef unsigned long size_t;
typedef unsigned long ulong_t;

extern void *vmem_alloc(void *vmp, size_t size, int flags);
extern void vmem_free(void *vmp, void *p, size_t size);

ulong_t rmalloc(void *mp, size_t size)
{
	return (ulong_t)vmem_alloc(mp, size, 1);
}

void rmfree(void *mp, size_t size, ulong_t addr)
{
	vmem_free(mp, (void *)addr, size);
}
