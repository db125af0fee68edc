/* The DMA interface and the buffer record the drivers share. */
#include <stddef.h>
void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);
int bus_dmamem_alloc(void *t, size_t size, size_t align, void *segs, int nsegs, int *rsegs);
int bus_dmamem_map(void *t, void *segs, int nsegs, size_t size, void **kvap);
void bus_dmamem_unmap(void *t, void *kva, size_t size);
void bus_dmamem_free(void *t, void *segs, int nsegs);
struct seg { unsigned long addr, len; };
struct dmabuf { struct seg seg; void *addr; size_t size; struct dmabuf *next; };
struct softc { void *dmat; struct dmabuf *dmas; };
