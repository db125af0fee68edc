/* A driver's receive-buffer pool: a buffer record off its free list (a pop it writes by
 * hand), or a new record from kmem_zalloc whose buffer is DMA memory filled in through
 * an address. A table it hands out from: an allocator, not a composite constructor
 * (refute.c). */
#include <stddef.h>

struct rbuf {
	struct rbuf *next;
	void *dmahdl;
	char *vaddr;
};

extern void *kmem_zalloc(size_t, int);
extern void kmem_free(void *, size_t);
extern int dma_alloc_handle(void *, void **);
extern int dma_mem_alloc(void *, size_t, char **);

static struct rbuf *rbuf_freelist;
static size_t rx_buf_size = 2048;

struct rbuf *
rbuf_alloc(void *dip)
{
	struct rbuf *rp;

	if (rbuf_freelist == NULL) {
		rp = kmem_zalloc(sizeof(struct rbuf), 1);
		if (dma_alloc_handle(dip, &rp->dmahdl) != 0)
			goto fail;
		if (dma_mem_alloc(rp->dmahdl, rx_buf_size, &rp->vaddr) != 0)
			goto fail;
		return rp;
	fail:
		kmem_free(rp, sizeof(struct rbuf));
		return NULL;
	}
	rp = rbuf_freelist;
	rbuf_freelist = rp->next;
	return rp;
}

void
rbuf_free(struct rbuf *rp)
{
	rp->next = rbuf_freelist;
	rbuf_freelist = rp;
}
