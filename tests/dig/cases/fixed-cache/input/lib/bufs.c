/* buf_alloc takes a size and hands out variable sizes from its free list, else malloc(n):
 * general-purpose, no cache of one size. */
void *malloc(unsigned long n);
struct buf { struct buf *next; unsigned long size; };
static struct buf *free_bufs;

void *buf_alloc(unsigned long n)
{
	struct buf *b = free_bufs;
	if (b != 0 && b->size >= n) {
		free_bufs = b->next;
		return b + 1;
	}
	b = malloc(sizeof(struct buf) + n);
	if (b == 0)
		return 0;
	b->size = n;
	return b + 1;
}

void buf_free(void *p)
{
	struct buf *b = (struct buf *)p - 1;
	b->next = free_bufs;
	free_bufs = b;
}
