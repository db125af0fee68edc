/* A pool allocator whose state is declared behind a build word in front of its struct's
 * tag (`static LIB_WSD struct pool_global {...} pool;`): the word is no part of the type,
 * and pool is the free list and buffer that poolMallocUnsafe pops and poolFreeUnsafe
 * pushes. poolMalloc, the face over that worker under a lock, hands out memory of its own:
 * general-purpose (variable sizes), not a wrapper. */
#include "config.h"

static LIB_WSD struct pool_global {
	char *zPool;
	int szAtom;
	int nBlock;
	int aiFreelist[30];
	int nAlloc;
} pool;

static void poolEnter(void) {}
static void poolLeave(void) {}

static void *poolMallocUnsafe(int nByte)
{
	int iBin, i;

	for (iBin = 0; iBin < 30 && (pool.szAtom << iBin) < nByte; iBin++)
		;
	if (iBin == 30 || pool.aiFreelist[iBin] < 0)
		return 0;
	i = pool.aiFreelist[iBin];
	pool.aiFreelist[iBin] = -1;
	pool.nAlloc++;
	return &pool.zPool[i * pool.szAtom];
}

static void poolFreeUnsafe(void *p, int iBin)
{
	int i = (int)(((char *)p - pool.zPool) / pool.szAtom);

	pool.aiFreelist[iBin] = i;
	pool.nAlloc--;
}

static void *poolMalloc(int nBytes)
{
	void *p = 0;

	if (nBytes > 0) {
		poolEnter();
		p = poolMallocUnsafe(nBytes);
		poolLeave();
	}
	return p;
}

static void poolFree(void *p)
{
	poolEnter();
	poolFreeUnsafe(p, 0);
	poolLeave();
}

const struct mem_methods *libPoolMethods(void)
{
	static const struct mem_methods m = { .xMalloc = poolMalloc, .xFree = poolFree };
	return &m;
}
