/* Aligned blocks of the heap: an over-sized chunk whose leading part is cut off and put
 * back on the heap's free list. It splits the heap's chunks: the heap's role. */
struct chunk {
	unsigned long size;
	struct chunk *next;
};

void *heap_malloc(unsigned long n);
void bin_chunk(struct chunk *c);

void *heap_alloc_aligned(unsigned long align, unsigned long len)
{
	char *mem, *aligned;
	struct chunk *c, *n;
	mem = heap_malloc(len + align + sizeof(struct chunk));
	if (!mem)
		return 0;
	if (((unsigned long)mem & (align - 1)) == 0)
		return mem;
	aligned = (char *)(((unsigned long)mem + sizeof(struct chunk) + align - 1) & ~(align - 1));
	c = (struct chunk *)mem - 1;
	n = (struct chunk *)aligned - 1;
	n->size = c->size - (unsigned long)(aligned - mem);
	c->size = (unsigned long)(aligned - mem) - sizeof(struct chunk);
	bin_chunk(c);
	return aligned;
}
