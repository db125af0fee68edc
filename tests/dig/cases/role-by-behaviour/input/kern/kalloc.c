/* The kernel's general allocator: a free list shared by kalloc and kfree. */
struct blk { struct blk *next; };
static struct blk *kalloc_free;
static char kalloc_arena[65536];
static unsigned long kalloc_top;

void *kalloc(unsigned long size)
{
	struct blk *b = kalloc_free;
	if (b) {
		kalloc_free = b->next;
		return b;
	}
	if (kalloc_top + size > sizeof kalloc_arena)
		return 0;
	kalloc_top += size;
	return kalloc_arena + kalloc_top - size;
}

void kfree(void *p, unsigned long size)
{
	struct blk *b = p;
	(void)size;
	b->next = kalloc_free;
	kalloc_free = b;
}
