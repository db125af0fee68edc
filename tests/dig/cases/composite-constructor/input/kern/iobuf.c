/* An I/O buffer: a header and the data its caller asks the size of. Two allocations, but
 * the caller gets memory of its size: an allocator. */
#include <stddef.h>

struct iobuf {
	void *data;
	size_t size;
};

extern void *kmem_alloc(size_t, int);
extern void kmem_free(void *, size_t);

void *
iobuf_alloc(size_t size)
{
	struct iobuf *b;

	b = kmem_alloc(sizeof (struct iobuf), 0);
	b->data = kmem_alloc(size, 0);
	b->size = size;
	return b;
}

void
iobuf_free(void *p)
{
	struct iobuf *b = p;

	kmem_free(b->data, b->size);
	kmem_free(b, sizeof (struct iobuf));
}
