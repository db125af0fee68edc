/* A third port without its own DVMA allocator in this tree: not hp300's, not vax's. */
void *dvma_alloc(int npages);

void *
news_dma_setup(void)
{
	return dvma_alloc(4);
}
