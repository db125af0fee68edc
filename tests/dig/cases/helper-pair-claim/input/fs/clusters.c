/* A file system's clusters: a bitmap of the ones in use, marked and unmarked by a pair of
 * helpers; the allocator searches the map itself and hands out a cluster number. */
struct mount {
	unsigned char inuse[512];
	unsigned long maxcluster;
	unsigned long lookhere;
	unsigned long nfree;
};

static void inuse_alloc(struct mount *mp, unsigned long cn)
{
	mp->inuse[cn / 8] |= 1 << (cn % 8);
	mp->nfree--;
	mp->lookhere = cn + 1;
}

static void inuse_free(struct mount *mp, unsigned long cn)
{
	mp->nfree++;
	mp->inuse[cn / 8] &= ~(1 << (cn % 8));
	if (mp->lookhere > cn)
		mp->lookhere = cn;
}

int cluster_alloc(struct mount *mp, unsigned long *retcn)
{
	unsigned long idx, bit, cn;
	for (idx = mp->lookhere / 8; idx <= mp->maxcluster / 8; idx++)
		if (mp->inuse[idx] != 0xff)
			for (bit = 0; bit < 8; bit++)
				if ((mp->inuse[idx] & (1 << bit)) == 0) {
					cn = idx * 8 + bit;
					goto found;
				}
	return 28;
found:
	inuse_alloc(mp, cn);
	*retcn = cn;
	return 0;
}

int cluster_free(struct mount *mp, unsigned long cluster)
{
	if (cluster > mp->maxcluster)
		return 22;
	inuse_free(mp, cluster);
	return 0;
}
