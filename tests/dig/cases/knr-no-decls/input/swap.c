/*
 * K&R definitions whose parameters have no declarations at all (implicit int), the
 * V6 way: the enclosing function of each call must still be named right.
 */
struct map {
	int	m_size;
	int	m_addr;
};

struct map swapmap[100];

rmalloc(mp, size)
struct map *mp;
{
	register int a;

	a = mp->m_addr;
	mp->m_addr += size;
	mp->m_size -= size;
	return(a);
}

rmfree(mp, size, a)
struct map *mp;
{
	mp->m_addr = a;
	mp->m_size += size;
}

swfree(daddr)
{
	rmfree(swapmap, 8, daddr);
}

swalloc()
{
	return rmalloc(swapmap, 8);
}
