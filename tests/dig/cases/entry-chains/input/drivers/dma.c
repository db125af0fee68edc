/* A driver that takes whole pages from the page source. */
unsigned long __get_free_pages(int order);
void free_pages(unsigned long addr, int order);

unsigned long dma_buffer;

void dma_setup(void)
{
	dma_buffer = __get_free_pages(2);
}

void dma_teardown(void)
{
	free_pages(dma_buffer, 2);
}
