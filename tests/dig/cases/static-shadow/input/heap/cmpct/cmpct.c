/* A bucketed heap: its state is a global of the same name as the other heap's static. */
#include <stddef.h>

struct block { struct block *next; };
struct heap { struct block *buckets[8]; size_t used; };

struct heap theheap;

static unsigned bucket_of(size_t size)
{
	unsigned b = 0;
	while (b < 7 && ((size_t)16 << b) < size)
		b++;
	return b;
}

void *cmpct_alloc(size_t size)
{
	unsigned b = bucket_of(size);
	struct block *x = theheap.buckets[b];
	if (x == NULL)
		return NULL;
	theheap.buckets[b] = x->next;
	theheap.used += (size_t)16 << b;
	return x;
}

void cmpct_free(void *p, size_t size)
{
	unsigned b = bucket_of(size);
	struct block *x = p;
	x->next = theheap.buckets[b];
	theheap.buckets[b] = x;
	theheap.used -= (size_t)16 << b;
}
