/*
 * Physical page allocator: one 4096-byte page per call, from a free list.
 */
#define PGSIZE 4096

struct run {
	struct run *next;
};

struct {
	struct spinlock lock;
	struct run *freelist;
} kmem;

void
kfree(char *v)
{
	struct run *r;

	memset(v, 1, PGSIZE);
	acquire(&kmem.lock);
	r = (struct run *)v;
	r->next = kmem.freelist;
	kmem.freelist = r;
	release(&kmem.lock);
}

char *
kalloc(void)
{
	struct run *r;

	acquire(&kmem.lock);
	r = kmem.freelist;
	if (r)
		kmem.freelist = r->next;
	release(&kmem.lock);
	if (r)
		memset((char *)r, 5, PGSIZE);
	return (char *)r;
}
