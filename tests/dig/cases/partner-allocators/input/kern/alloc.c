/* Disk blocks and inode numbers handed out per device: alloc(dev) and free(dev, bno). */
typedef int dev_t;
typedef long daddr_t;
struct buf {
	daddr_t blkno;
	char *data;
};

extern struct buf *getblk(dev_t dev, daddr_t bno);
extern struct buf *bread(dev_t dev, daddr_t bno);
extern void brelse(struct buf *bp);
extern daddr_t *superblock_free(dev_t dev, int *nfree);

struct buf *alloc(dev_t dev)
{
	int nfree;
	daddr_t *list = superblock_free(dev, &nfree);
	if (nfree == 0)
		return 0;
	return getblk(dev, list[--nfree]);
}

void free(dev_t dev, daddr_t bno)
{
	int nfree;
	daddr_t *list = superblock_free(dev, &nfree);
	list[nfree++] = bno;
}
