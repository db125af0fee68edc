/* frag_alloc forwards its size to heap_alloc and adds it to an atomic budget that
 * frag_free subtracts: the counter is no free list, so it is a wrapper of heap_alloc
 * (an atomic_t both sides use is a number, not allocator state). */
void *heap_alloc(unsigned long size);
void heap_free(void *p);
typedef struct { volatile int counter; } atomic_t;
void atomic_add(int i, atomic_t *v);
void atomic_sub(int i, atomic_t *v);
atomic_t frag_mem;

void *frag_alloc(int size, int pri)
{
	void *vp = heap_alloc(size);
	if (!vp)
		return 0;
	atomic_add(size, &frag_mem);
	return vp;
}

void frag_free(void *ptr, int len)
{
	atomic_sub(len, &frag_mem);
	heap_free(ptr);
}
