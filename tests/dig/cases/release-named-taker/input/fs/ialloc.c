/* inode numbers out of per-group bitmaps: the per-group taker's name reads "no dealloc"
 * but it is "node alloc group": it sets the bit a release clears */
#define NGROUPS 8
#define IPG 256
#define setbit(a, i) ((a)[(i) / 8] |= 1 << ((i) % 8))
#define clrbit(a, i) ((a)[(i) / 8] &= ~(1 << ((i) % 8)))
#define isclr(a, i) (((a)[(i) / 8] & (1 << ((i) % 8))) == 0)

struct group {
	unsigned char used[IPG / 8];
	int nfree;
};

static struct group groups[NGROUPS];

static long fs_nodeallocgrp(struct group *g, int gno, long pref)
{
	long i;
	if (g->nfree == 0)
		return 0;
	for (i = pref; i < IPG && !isclr(g->used, i); i++)
		;
	if (i == IPG)
		return 0;
	setbit(g->used, i);
	g->nfree--;
	return gno * IPG + i;
}

/* the inode allocator: tries the preferred group, then the others */
long ino_alloc(int pref)
{
	long ino;
	for (int k = 0; k < NGROUPS; k++) {
		int gno = (pref + k) % NGROUPS;
		if ((ino = fs_nodeallocgrp(&groups[gno], gno, 0)) != 0)
			return ino;
	}
	return 0;
}

/* the release: clears the inode's bit */
void ino_free(long ino)
{
	struct group *g = &groups[ino / IPG];
	long i = ino % IPG;
	clrbit(g->used, i);
	g->nfree++;
}
