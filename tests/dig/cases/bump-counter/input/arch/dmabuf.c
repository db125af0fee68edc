/* A boot DMA area handed out by offset: a counter bumped by the size asked, no free. It
 * returns units (an offset into the area), takes one size, keeps its place in a static of
 * its file and calls no allocator: an early-boot allocator of the area. */
struct boot_info {
	unsigned long dma_cache_size;
	int machtype;
};

extern struct boot_info boot_info;
extern int printk(const char *fmt, ...);

static unsigned long allocated;

unsigned long
board_dma_alloc(unsigned long size)
{
	unsigned long ret = allocated;

	allocated += size;
	if (allocated > boot_info.dma_cache_size)
		ret = -1;
	return ret;
}

void
board_dma_init(void)
{
	allocated = 0;
	printk("board DMA (%luk) buffer initialized.\n", boot_info.dma_cache_size >> 10);
}

unsigned long
board_ring_setup(void)
{
	unsigned long rx = board_dma_alloc(2048);
	unsigned long tx = board_dma_alloc(2048);

	return rx == (unsigned long)-1 || tx == (unsigned long)-1 ? 0 : rx;
}
