/*
 * SVR4-style malloc with holding blocks for small requests and one mutex.
 */
#include <stddef.h>
#include <string.h>
#include <synch.h>

#define ALIGNSZ 16
#define FASTCT 6
#define NUMLBLKS 100
#define BLOCKSZ 2048

struct header {
	struct header *nextblk;
	struct header *nextfree;
};

struct holdblk {
	struct holdblk *nexthblk;
	char *lfreeq;
	size_t blksz;
};

static mutex_t mlock;
static struct holdblk *holdhead[FASTCT + 1];
static struct header *freeptr;
static size_t maxfast = ALIGNSZ * FASTCT;

extern void *sbrk(long incr);

static void *
morecore(size_t nb)
{
	return sbrk((long)nb);
}

static void *
malloc_unlocked(size_t nbytes)
{
	size_t nb = (nbytes + ALIGNSZ - 1) & ~(ALIGNSZ - 1);
	struct header *blk;

	if (nb <= maxfast && holdhead[nb / ALIGNSZ] != NULL) {
		struct holdblk *hb = holdhead[nb / ALIGNSZ];
		char *p = hb->lfreeq;
		hb->lfreeq = *(char **)p;
		return p;
	}
	blk = freeptr;
	if (blk == NULL)
		blk = morecore(nb < BLOCKSZ ? BLOCKSZ : nb);
	assert(blk != NULL);
	return blk;
}

void *
malloc(size_t nbytes)
{
	void *ret;

	mutex_lock(&mlock);
	ret = malloc_unlocked(nbytes);
	mutex_unlock(&mlock);
	return ret;
}

static void
free_unlocked(void *ptr)
{
	struct header *blk = (struct header *)ptr - 1;

	blk->nextfree = freeptr;
	freeptr = blk;
}

void
free(void *ptr)
{
	if (ptr == NULL)
		return;
	mutex_lock(&mlock);
	free_unlocked(ptr);
	mutex_unlock(&mlock);
}

void *
calloc(size_t num, size_t size)
{
	size_t total = num * size;
	void *mp = malloc(total);

	if (mp != NULL)
		memset(mp, 0, total);
	return mp;
}

void *
memalign(size_t alignment, size_t size)
{
	void *p;

	mutex_lock(&mlock);
	p = malloc_unlocked(size + alignment);
	mutex_unlock(&mlock);
	return (void *)(((size_t)p + alignment - 1) & ~(alignment - 1));
}
