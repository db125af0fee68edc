/* A granule allocator: runs of granules out of a bitmap over a region it is given. */
#define NGRAN 256
#define GRANSHIFT 6

struct gran {
	unsigned long heapstart;
	unsigned char map[NGRAN];
};

void *gran_alloc(struct gran *g, unsigned long size)
{
	unsigned long n = (size + (1ul << GRANSHIFT) - 1) >> GRANSHIFT, run = 0, i;
	for (i = 0; i < NGRAN; i++) {
		run = g->map[i] ? 0 : run + 1;
		if (run == n) {
			unsigned long first = i + 1 - n, k;
			for (k = first; k <= i; k++)
				g->map[k] = 1;
			return (void *)(g->heapstart + (first << GRANSHIFT));
		}
	}
	return 0;
}

void gran_free(struct gran *g, void *p, unsigned long size)
{
	unsigned long first = ((unsigned long)p - g->heapstart) >> GRANSHIFT, n = size >> GRANSHIFT;
	while (n--)
		g->map[first + n] = 0;
}
