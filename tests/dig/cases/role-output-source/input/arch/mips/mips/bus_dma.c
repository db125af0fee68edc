/* This port's bus DMA memory: whole pages of its physical memory. */
#include <stddef.h>
struct seg { unsigned long addr, len; };
extern unsigned long mips_page_take(size_t npages);
extern void mips_page_give(unsigned long pa, size_t npages);

int
bus_dmamem_alloc(void *t, size_t size, size_t align, struct seg *segs, int nsegs, int *rsegs)
{
	unsigned long pa = mips_page_take((size + 4095) / 4096);
	if (pa == 0)
		return 12;
	segs[0].addr = pa;
	segs[0].len = size;
	*rsegs = 1;
	return 0;
}

void
bus_dmamem_free(void *t, struct seg *segs, int nsegs)
{
	mips_page_give(segs[0].addr, (segs[0].len + 4095) / 4096);
}

int
bus_dmamem_map(void *t, struct seg *segs, int nsegs, size_t size, void **kvap)
{
	*kvap = (void *)(segs[0].addr | 0x80000000UL);
	return 0;
}

void
bus_dmamem_unmap(void *t, void *kva, size_t size)
{
}
