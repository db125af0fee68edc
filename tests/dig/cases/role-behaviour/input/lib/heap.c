/* heap_alloc is a first-fit allocator over a static arena with a free list of blocks;
 * heap_free puts a block back: the lower allocator of the other files of this case
 * (role.c rules: frag.c, sock.c, sizes.c, extent.c say which). */
struct blk { struct blk *next; unsigned long size; };
static char arena[65536];
static unsigned long brkp;
static struct blk *freelist;

void *heap_alloc(unsigned long size)
{
	struct blk **pp, *b;
	for (pp = &freelist; (b = *pp) != 0; pp = &b->next)
		if (b->size >= size) {
			*pp = b->next;
			return b + 1;
		}
	if (brkp + sizeof(struct blk) + size > sizeof arena)
		return 0;
	b = (struct blk *)(arena + brkp);
	brkp += sizeof(struct blk) + size;
	b->size = size;
	return b + 1;
}

void heap_free(void *p)
{
	struct blk *b = (struct blk *)p - 1;
	b->next = freelist;
	freelist = b;
}
