/* The C library's allocator: free list over sbrk. */
#include <stddef.h>
#include <unistd.h>

struct block { struct block *next; size_t size; };
static struct block *freelist;

void *malloc(size_t size)
{
	struct block *b = freelist;
	if (b) {
		freelist = b->next;
		return b + 1;
	}
	b = sbrk(sizeof *b + size);
	if (b == (void *)-1)
		return NULL;
	b->size = size;
	return b + 1;
}

void free(void *p)
{
	struct block *b = (struct block *)p - 1;
	b->next = freelist;
	freelist = b;
}
