/* Cluster numbers of a mounted volume: the allocation half returns a status and writes the
 * number it took through a pointer; the release takes that number back by value. What makes
 * them one allocator is the state behind the mount both take first: the in-use bitmap,
 * set by one helper and cleared by its other half. */
struct mount {
	unsigned char *inuse;
	unsigned long lookhere;
	unsigned long maxcluster;
	unsigned long freecount;
	unsigned short *table;
};

int table_entry(struct mount *mp, unsigned long cn, unsigned long *oldp, unsigned long newval)
{
	if (cn > mp->maxcluster)
		return 22;
	if (oldp)
		*oldp = mp->table[cn];
	mp->table[cn] = (unsigned short)newval;
	return 0;
}

void inuse_alloc(struct mount *mp, unsigned long cn)
{
	mp->inuse[cn / 8] |= 1 << (cn % 8);
	mp->freecount--;
	mp->lookhere = cn + 1;
}

void inuse_free(struct mount *mp, unsigned long cn)
{
	mp->freecount++;
	mp->inuse[cn / 8] &= ~(1 << (cn % 8));
	if (mp->lookhere > cn)
		mp->lookhere = cn;
}

int cluster_free(struct mount *mp, unsigned long cluster, unsigned long *oldp)
{
	int error = table_entry(mp, cluster, oldp, 0);
	if (error == 0)
		inuse_free(mp, cluster);
	return error;
}

int cluster_alloc(struct mount *mp, unsigned long *retcluster, unsigned long fillwith)
{
	unsigned long idx, bit, cn;
	for (idx = mp->lookhere / 8; idx <= mp->maxcluster / 8; idx++)
		for (bit = 0; bit < 8; bit++)
			if ((mp->inuse[idx] & (1 << bit)) == 0) {
				cn = idx * 8 + bit;
				goto found;
			}
	return 28;
found:
	if (table_entry(mp, cn, 0, fillwith) != 0)
		return 5;
	inuse_alloc(mp, cn);
	*retcluster = cn;
	return 0;
}
