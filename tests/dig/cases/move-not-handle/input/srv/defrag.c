/* Moves a block to a fresh one of the same heap: it takes the block (a void *, no handle of
 * a cache), copies it and gives the old one back. A wrapper of the heap. */
void *zalloc_bytes(unsigned long size);
void zfree_bytes(void *p);
unsigned long zusable(void *p);
void copy_bytes(void *to, const void *from, unsigned long n);

struct stats {
	unsigned long moved;
};
struct stats defrag_stats;

void *defrag_alloc(void *ptr)
{
	unsigned long size = zusable(ptr);
	void *fresh = zalloc_bytes(size);
	copy_bytes(fresh, ptr, size);
	zfree_bytes(ptr);
	defrag_stats.moved++;
	return fresh;
}

void copy_bytes(void *to, const void *from, unsigned long n)
{
	char *t = to;
	const char *f = from;
	while (n--)
		*t++ = *f++;
}
