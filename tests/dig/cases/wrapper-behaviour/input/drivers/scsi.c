/* A driver file with two allocators: a forwarding scsi_init_malloc (pages or kmalloc) and
 * a DMA pool with state of its own. The grouping keeps them together (one file); the
 * implementation is named by its most-called entry, scsi_init_malloc, whose paths only
 * forward: the implementation is a wrapper. */
void *kmalloc(unsigned long size, int prio);
void kfree(void *p);
unsigned long __get_free_pages(int prio, int order);
void free_pages(unsigned long addr, int order);

static unsigned char dma_pool[8192];
static unsigned int dma_used[16];

void *scsi_init_malloc(unsigned long size, int prio)
{
	if (size >= 4096)
		return (void *)__get_free_pages(prio, 1);
	return kmalloc(size, prio);
}

void scsi_init_free(void *p, unsigned long size)
{
	if (size >= 4096)
		free_pages((unsigned long)p, 1);
	else
		kfree(p);
}

void *scsi_malloc(unsigned long len)
{
	for (int i = 0; i < 16; i++)
		if (!dma_used[i]) {
			dma_used[i] = 1;
			return dma_pool + i * 512;
		}
	return 0;
}

int scsi_free(void *p, unsigned long len)
{
	dma_used[((unsigned char *)p - dma_pool) / 512] = 0;
	return 0;
}
