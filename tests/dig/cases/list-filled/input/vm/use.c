/* A caller. */
typedef unsigned long size_t;
struct pglist;
extern int pglistalloc(size_t size, long low, long high, struct pglist *rlist, int waitok);

int dma_pages(struct pglist *l, size_t size)
{
	return pglistalloc(size, 0, 1L << 30, l, 1);
}
