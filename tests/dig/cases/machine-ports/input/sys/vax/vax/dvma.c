/* The vax port's DVMA space: a bitmap of pages. sys/hp300 and sys/vax both define
 * dvma_alloc and dvma_free: one kernel cannot link both, so they are ports. */
void panic(const char *);
static unsigned char dvma_map[256];
static char dvma_space[256 * 8192];

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
			return dvma_space + (long)i * 8192;
		}
	}
	panic("dvma_alloc: out of space");
	return 0;
}

void
dvma_free(void *va, int npages)
{
	int page = (int)(((char *)va - dvma_space) / 8192);

	for (int k = 0; k < npages; k++)
		dvma_map[page + k] = 0;
}

/* vax only: a zeroed variant beside dvma_alloc */
void *
dvma_alloc_zeroed(int npages)
{
	char *va = dvma_alloc(npages);

	for (long k = 0; va && k < (long)npages * 8192; k++)
		va[k] = 0;
	return va;
}
