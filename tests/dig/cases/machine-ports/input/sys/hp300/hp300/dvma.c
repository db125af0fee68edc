/* The hp300 port's DVMA space: a bitmap of pages. sys/hp300 and sys/vax both define
 * dvma_alloc and dvma_free: one kernel cannot link both, so they are ports. */
static unsigned char dvma_map[256];
static char dvma_space[256 * 4096];

void *
dvma_alloc(int npages)
{
	for (int i = 0; i + npages <= 256; i++) {
		int ok = 1;
		for (int k = 0; k < npages && ok; k++)
			ok = !dvma_map[i + k];
		if (ok) {
			for (int k = 0; k < npages; k++)
				dvma_map[i + k] = 1;
			return dvma_space + (long)i * 4096;
		}
	}
	return 0;
}

void
dvma_free(void *va, int npages)
{
	int page = (int)(((char *)va - dvma_space) / 4096);

	for (int k = 0; k < npages; k++)
		dvma_map[page + k] = 0;
}
