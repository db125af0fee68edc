#include "assert.h"

struct lock {
	int word;
	int owner;
};

struct msg_cache {
	struct lock lock;
	void *free;
	void *slab;
	unsigned size;
};

void *page_get(unsigned long size);
int list_sane(struct lock *l);

/* a refill under the cache's lock: objects off the slab as a list through *out, the
 * count back; the check of the lock hands nothing out */
static unsigned msg_refill_locked(struct msg_cache *c, void **out)
{
	void *head = 0;
	unsigned n = 0;
	ASSERT(list_sane(&c->lock));
	while (n < 16 && c->slab) {
		void *p = c->slab;
		c->slab = *(void **)p;
		*(void **)p = head;
		head = p;
		n++;
	}
	*out = head;
	return n;
}

void *msg_alloc(struct msg_cache *c)
{
	void *p = c->free;
	if (p) {
		c->free = *(void **)p;
		return p;
	}
	if (msg_refill_locked(c, &p) == 0) {
		c->slab = page_get(c->size * 16);
		if (msg_refill_locked(c, &p) == 0)
			return 0;
	}
	c->free = *(void **)p;
	return p;
}

void msg_free(struct msg_cache *c, void *p)
{
	*(void **)p = c->free;
	c->free = p;
}
