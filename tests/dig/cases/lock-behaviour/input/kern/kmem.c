/* A kernel allocator that masks interrupts around its free list: splsched() is no
 * vocabulary word, but raising a level and restoring it with splx is a lock. */
struct blk { struct blk *next; };

static struct blk *kmem_free_list;

int splsched(void);
void splx(int s);
void panic(const char *msg);

void *kbuf_alloc(unsigned long size)
{
	int s = splsched();
	struct blk *b = kmem_free_list;
	if (b == 0)
		panic("kbuf_alloc");
	kmem_free_list = b->next;
	splx(s);
	return b;
}

void kbuf_free(void *p, unsigned long size)
{
	struct blk *b = p;
	int s = splsched();
	b->next = kmem_free_list;
	kmem_free_list = b;
	splx(s);
}

int split(void);

int kmem_count(void)
{
	return split();
}
