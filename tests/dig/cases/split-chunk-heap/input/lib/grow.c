/* A realloc of the heap that shrinks in place: the tail it no longer needs goes back to the
 * heap through free, as a chunk of its own. */
struct chunk {
	unsigned long size;
	struct chunk *next;
};

void *heap_malloc(unsigned long n);
void heap_free(void *p);
void copy_bytes(void *to, const void *from, unsigned long n);

#define CHUNK_AT(p, off) ((struct chunk *)((char *)(p) + (off)))

void *heap_realloc(void *old, unsigned long n)
{
	struct chunk *c = (struct chunk *)old - 1, *tail;
	void *fresh;
	n = (n + 15) & ~15ul;
	if (n + sizeof(struct chunk) + 16 <= c->size) {
		tail = CHUNK_AT(old, n);
		tail->size = c->size - n - sizeof(struct chunk);
		c->size = n;
		heap_free(tail + 1);
		return old;
	}
	fresh = heap_malloc(n);
	if (!fresh)
		return 0;
	copy_bytes(fresh, old, c->size);
	heap_free(old);
	return fresh;
}
