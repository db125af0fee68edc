/* A bump arena with a free list of returned blocks. */
struct blk {
	struct blk *next;
};

static char arena[1 << 15];
static unsigned long arena_top;
static struct blk *free_blocks;

void *arena_get(unsigned long size, int flags)
{
	struct blk *b = free_blocks;
	(void)flags;
	if (b && size <= 64) {
		free_blocks = b->next;
		return b;
	}
	if (arena_top + size > sizeof arena)
		return 0;
	arena_top += size;
	return arena + arena_top - size;
}

void arena_put(void *p)
{
	struct blk *b = p;
	b->next = free_blocks;
	free_blocks = b;
}
