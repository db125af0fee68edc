/* blk_alloc takes a size and returns a number, the first of a run of free blocks in the
 * bitmap: a range of a namespace (resource map), not memory; blk_free clears the run. */
typedef int daddr_t;
static unsigned char blk_map[4096];

daddr_t blk_alloc(int size)
{
	daddr_t b, n;
	for (b = 0; b + size <= 4096; b++) {
		for (n = 0; n < size && !blk_map[b + n]; n++)
			;
		if (n == size) {
			for (n = 0; n < size; n++)
				blk_map[b + n] = 1;
			return b;
		}
	}
	return -1;
}

void blk_free(daddr_t b, int size)
{
	while (size-- > 0)
		blk_map[b++] = 0;
}
