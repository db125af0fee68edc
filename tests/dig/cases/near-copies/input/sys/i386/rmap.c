/* A resource map: units handed out first fit from a map of (addr, size) pairs. */
struct map { unsigned long m_size; unsigned long m_addr; };

unsigned long rmalloc(struct map *mp, unsigned long size)
{
	struct map *bp;
	for (bp = mp; bp->m_size; bp++) {
		if (bp->m_size >= size) {
			unsigned long a = bp->m_addr;
			bp->m_addr += size;
			bp->m_size -= size;
			return a;
		}
	}
	return 0;
}

void rmfree(struct map *mp, unsigned long size, unsigned long a)
{
	struct map *bp;
	for (bp = mp; bp->m_addr <= a && bp->m_size != 0; bp++)
		;
	bp->m_addr = a;
	bp->m_size = size;
}
