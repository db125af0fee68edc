/* DMA memory for a device: a handle first (ddi_dma_alloc_handle fills dma->handle), then
 * the memory itself, which ddi_dma_mem_alloc writes into kaddr, the value returned. */
#include <stddef.h>

typedef char *caddr_t;
struct dma_stuff { void *handle; void *acc; };

int ddi_dma_alloc_handle(void *dip, void *attr, int wait, void *arg, void **handlep);
void ddi_dma_free_handle(void **handlep);
int ddi_dma_mem_alloc(void *handle, size_t len, void *acc, int flags, int wait, void *arg,
    caddr_t *kaddrp, size_t *realp, void **accp);
void ddi_dma_mem_free(void **accp);

static int dma_attr, dma_acc;

caddr_t
dev_dma_alloc(void *dip, size_t len, struct dma_stuff *dma)
{
	caddr_t kaddr;
	size_t real;

	if (ddi_dma_alloc_handle(dip, &dma_attr, 0, NULL, &dma->handle) != 0)
		return NULL;
	if (ddi_dma_mem_alloc(dma->handle, len, &dma_acc, 0, 0, NULL, &kaddr, &real, &dma->acc) != 0) {
		ddi_dma_free_handle(&dma->handle);
		return NULL;
	}
	return kaddr;
}

void
dev_dma_free(struct dma_stuff *dma)
{
	ddi_dma_mem_free(&dma->acc);
	ddi_dma_free_handle(&dma->handle);
}
