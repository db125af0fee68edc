/* The bus DMA interface and the buffer record the sound drivers share. */
#include <stddef.h>
void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);
int bus_dmamem_alloc(void *t, size_t size, size_t align, void *segs, int nsegs, int *rsegs);
int bus_dmamem_map(void *t, void *segs, int nsegs, size_t size, void **kvap);
void bus_dmamem_unmap(void *t, void *kva, size_t size);
void bus_dmamem_free(void *t, void *segs, int nsegs);
struct seg { unsigned long addr, len; };
struct dmabuf { struct seg segs[1]; int nsegs; void *addr; size_t size; bus_dmamap_t map; struct dmabuf *next; };
struct softc { void *dmat; struct dmabuf *dmas; };
typedef struct dmamap *bus_dmamap_t;
int bus_dmamap_create(void *t, size_t size, int nseg, size_t maxseg, int flags, bus_dmamap_t *mapp);
void bus_dmamap_destroy(void *t, bus_dmamap_t map);
void printf(const char *fmt, ...);
