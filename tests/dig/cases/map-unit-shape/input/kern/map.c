/* The V7 shape: a map and a size in, the start of a range out (role.c: a resource map). */
struct mapent {
	unsigned long m_size;
	unsigned long m_addr;
};

unsigned long
map_alloc(struct mapent *mp, unsigned long size)
{
	struct mapent *bp;
	unsigned long a;

	for (bp = mp; bp->m_size; bp++) {
		if (bp->m_size >= size) {
			a = bp->m_addr;
			bp->m_addr += size;
			bp->m_size -= size;
			return a;
		}
	}
	return 0;
}

void
map_free(struct mapent *mp, unsigned long size, unsigned long a)
{
	for (; mp->m_size; mp++)
		;
	mp->m_addr = a;
	mp->m_size = size;
}
