/* A pool of contiguous runs handed out by address; nothing in its names says page, but it
 * zeroes what it hands out as PGSIZE * cnt bytes: its size counts pages (page-level). */
#define PGSIZE 4096
#define NUNITS 128
#define POOL_ZERO 1

typedef unsigned long size_t;
void *memset(void *p, int c, size_t n);

static char pool_base[NUNITS * PGSIZE];
static unsigned char pool_used[NUNITS];

void *pool_get_multiple(int flags, size_t cnt)
{
	size_t i, j;
	char *run;

	for (i = 0; i + cnt <= NUNITS; i++) {
		for (j = 0; j < cnt && !pool_used[i + j]; j++)
			;
		if (j < cnt)
			continue;
		for (j = 0; j < cnt; j++)
			pool_used[i + j] = 1;
		run = pool_base + i * PGSIZE;
		if (flags & POOL_ZERO)
			memset(run, 0, PGSIZE * cnt);
		return run;
	}
	return 0;
}

void pool_free_multiple(void *run, size_t cnt)
{
	size_t i = (size_t)((char *)run - pool_base) / PGSIZE;

	while (cnt--)
		pool_used[i++] = 0;
}
