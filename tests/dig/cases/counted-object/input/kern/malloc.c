/* the kernel heap: power-of-two buckets */
#include <stddef.h>

struct bucket {
	char *next;
};

static struct bucket buckets[16];
static char heap[1 << 16];
static size_t top;

void *malloc(size_t size)
{
	int i = 0;
	char *p;

	while ((size_t)1 << i < size)
		i++;
	if ((p = buckets[i].next) != NULL) {
		buckets[i].next = *(char **)p;
		return p;
	}
	p = heap + top;
	top += (size_t)1 << i;
	return p;
}

void free(void *p, size_t size)
{
	int i = 0;

	while ((size_t)1 << i < size)
		i++;
	*(char **)p = buckets[i].next;
	buckets[i].next = p;
}
