/* Shared kernel code calls the port's DVMA allocator: any port's. */
void *dvma_alloc(int npages);
void dvma_free(void *va, int npages);

int
bio_map(int npages)
{
	void *va = dvma_alloc(npages);

	if (va)
		dvma_free(va, npages);
	return va != 0;
}
