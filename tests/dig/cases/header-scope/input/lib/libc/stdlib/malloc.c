/* The C library's allocator: power-of-two buckets over sbrk. */
#include <stdlib.h>

extern void *sbrk(long);

static void *buckets[32];

void *
malloc(size_t n)
{
	int b = 4;
	void **p;

	while (((size_t)1 << b) < n + sizeof(void *))
		b++;
	if ((p = buckets[b]) != NULL) {
		buckets[b] = *p;
		return p + 1;
	}
	p = sbrk((long)1 << b);
	if (p == (void *)-1)
		return NULL;
	*(int *)p = b;
	return p + 1;
}

void
free(void *v)
{
	void **p = (void **)v - 1;
	int b = *(int *)p;

	*p = buckets[b];
	buckets[b] = p;
}
