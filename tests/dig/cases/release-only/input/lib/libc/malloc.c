/* A first-fit malloc over sbrk; its release half lives in free.c (below). */
struct block { struct block *next; unsigned long size; };

struct block *__malloc_freelist;

void *sbrk(long incr);

void *__libc_malloc(unsigned long n)
{
	struct block *b = __malloc_freelist;
	if (b && b->size >= n) {
		__malloc_freelist = b->next;
		return b + 1;
	}
	b = sbrk((long)(n + sizeof *b));
	b->size = n;
	return b + 1;
}

void __libc_free(void *p)
{
	struct block *b = (struct block *)p - 1;
	b->next = __malloc_freelist;
	__malloc_freelist = b;
}
