struct map { unsigned long m_size; unsigned long m_addr; };
unsigned long rmalloc(struct map *mp, unsigned long size);
void rmfree(struct map *mp, unsigned long size, unsigned long a);

struct map swapmap[16];

unsigned long swap_get(void)
{
	return rmalloc(swapmap, 8);
}
