/* A kernel memory API: kmem_alloc (a name the vocabulary calls a backend) is only the
 * front of kmem_intr_alloc's size classes in the same file: the API, not a backend. */
typedef unsigned long size_t;
typedef int km_flag_t;

extern void *pool_cache_alloc(int index, km_flag_t flags);
extern void pool_cache_release(int index, void *p);
extern void *vmem_alloc(void *arena, size_t size, km_flag_t flags);
extern void vmem_free(void *arena, void *p, size_t size);

static void *kmem_va_arena;
static int kmem_cache_count;

void *kmem_intr_alloc(size_t size, km_flag_t flags)
{
	if (size > 4096 || kmem_cache_count == 0)
		return vmem_alloc(kmem_va_arena, size, flags);
	return pool_cache_alloc((int)(size >> 3), flags);
}

void kmem_intr_free(void *p, size_t size)
{
	if (size > 4096 || kmem_cache_count == 0)
		vmem_free(kmem_va_arena, p, size);
	else
		pool_cache_release((int)(size >> 3), p);
}

void *kmem_alloc(size_t size, km_flag_t flags)
{
	return kmem_intr_alloc(size, flags);
}

void kmem_free(void *p, size_t size)
{
	kmem_intr_free(p, size);
}
