/* Not a wrapper though it passes its size down (large or empty classes go to
 * page_alloc_contig): a free list per size class that kbuf_free pushes back onto. */
struct blk { struct blk *next; };
static struct blk *kbuf_freelist[16];
void *page_alloc_contig(unsigned long size, int sel);

void *kbuf_alloc(unsigned long size, int flags)
{
	int c = 0;
	struct blk *b;

	while ((1ul << c) < size)
		c++;
	b = kbuf_freelist[c];
	if (b == 0)
		return page_alloc_contig(size, 0);
	kbuf_freelist[c] = b->next;
	return b;
}

void kbuf_free(void *p, unsigned long size)
{
	struct blk *b = p;
	int c = 0;

	while ((1ul << c) < size)
		c++;
	b->next = kbuf_freelist[c];
	kbuf_freelist[c] = b;
}
