/* Not one: getblk is a cache's lookup. It returns the buffer lookup finds for the device
 * and block when there is one; else it takes a buffer whose count is 0, sets the count to
 * 1 and names it; brelse steps the count down. */
#include <stddef.h>

struct buf {
	int b_count;
	int b_dev, b_blkno;
	struct buf *b_next;
};

static struct buf bufs[32];

static struct buf *lookup(int dev, int blkno)
{
	int i;

	for (i = 0; i < 32; i++)
		if (bufs[i].b_dev == dev && bufs[i].b_blkno == blkno)
			return &bufs[i];
	return NULL;
}

struct buf *getblk(int dev, int blkno)
{
	struct buf *bp;
	int i;

	if ((bp = lookup(dev, blkno)) != NULL)
		return bp;
	for (i = 0; i < 32; i++) {
		bp = &bufs[i];
		if (bp->b_count)
			continue;
		bp->b_count = 1;
		bp->b_dev = dev;
		bp->b_blkno = blkno;
		return bp;
	}
	return NULL;
}

void brelse(struct buf *bp)
{
	bp->b_count--;
}
