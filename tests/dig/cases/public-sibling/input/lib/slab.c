/* A face that takes its allocator's lock: slab_alloc locks the slab it is given and calls
 * slab_block_alloc under the lock, a public entry point other code calls under its own
 * lock. What an entry calls under a lock it takes is its worker on the same state: the
 * chain looks through it (slab_alloc -> malloc). */
#include <stdlib.h>
#include <stddef.h>

struct slab_block {
	struct slab_block *next;
};

struct slab {
	int lock;
	struct slab_block *free;
};

void mutex_lock(int *l);
void mutex_unlock(int *l);

void *slab_block_alloc(struct slab *s, size_t n)
{
	struct slab_block *b = s->free;
	if (b) {
		s->free = b->next;
		return b;
	}
	return malloc(n);
}

void *slab_alloc(struct slab *s, size_t n)
{
	void *p;
	mutex_lock(&s->lock);
	p = slab_block_alloc(s, n);
	mutex_unlock(&s->lock);
	return p;
}

void slab_free(struct slab *s, void *p)
{
	struct slab_block *b = p;
	mutex_lock(&s->lock);
	b->next = s->free;
	s->free = b;
	mutex_unlock(&s->lock);
}
