/* A tag number per call from a bitmap: no size, an integer and nothing says page, so one
 * unit of a namespace (a resource map). */
static unsigned long tagmask[4];

int tagalloc(void)
{
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 32; j++)
			if (!(tagmask[i] & (1UL << j))) {
				tagmask[i] |= 1UL << j;
				return i * 32 + j;
			}
	return -1;
}

void tagfree(int t)
{
	tagmask[t / 32] &= ~(1UL << (t % 32));
}
