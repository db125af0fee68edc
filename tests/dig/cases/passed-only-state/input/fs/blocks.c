/* Blocks by size class on lists of an arena record that carries its own lock: the calls that
 * name the record take and drop its lock, and the lists are popped through a local pointer,
 * so the record is state, not a statistic. */
#include <stddef.h>

void *heap_malloc(unsigned long n);
void qlock(void *l);
void qunlock(void *l);

struct block {
	struct block *flist;
	size_t bsz;
};

struct barena {
	int lk;
	struct block *list[8];
};

static struct barena area;

struct block *allocblock(size_t len)
{
	struct block *bp, **l;
	qlock(&area);
	l = &area.list[(len >> 6) & 7];
	for (bp = *l; bp != NULL; bp = bp->flist) {
		if (bp->bsz >= len) {
			*l = bp->flist;
			qunlock(&area);
			return bp;
		}
		l = &bp->flist;
	}
	qunlock(&area);
	bp = heap_malloc(sizeof (struct block) + len);
	if (bp != NULL)
		bp->bsz = len;
	return bp;
}

void freeblock(struct block *bp)
{
	struct block **l;
	qlock(&area);
	l = &area.list[(bp->bsz >> 6) & 7];
	bp->flist = *l;
	*l = bp;
	qunlock(&area);
}
