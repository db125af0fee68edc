/* A page pool: a run of free pages found in a use map, handed out by address. */
#define PGSIZE 4096
#define NPAGES 64

static char pool_base[NPAGES * PGSIZE];
static unsigned char pool_used[NPAGES];

void *page_get_run(int flags, unsigned long page_cnt)
{
	unsigned long i, j;

	for (i = 0; i + page_cnt <= NPAGES; i++) {
		for (j = 0; j < page_cnt && !pool_used[i + j]; j++)
			;
		if (j == page_cnt) {
			for (j = 0; j < page_cnt; j++)
				pool_used[i + j] = 1;
			return pool_base + i * PGSIZE;
		}
	}
	return flags ? 0 : 0;
}

void page_free_run(void *pages, unsigned long page_cnt)
{
	unsigned long i = (unsigned long)((char *)pages - pool_base) / PGSIZE;

	while (page_cnt--)
		pool_used[i++] = 0;
}
