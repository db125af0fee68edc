/* An audio buffer hook: the buffer is DMA memory that dmabuf_fill obtains; kmem_alloc
 * only makes the list record that remembers it (`return d->addr`, not d). */
#include <stddef.h>

struct dmabuf { void *addr; size_t size; struct dmabuf *next; };

void *kmem_alloc(size_t size, int flags);
void kmem_free(void *p, size_t size);
int bus_dmamem_alloc(size_t size, size_t align, void **segp);
void bus_dmamem_free(void *seg, size_t size);

static struct dmabuf *dmabufs;

static int
dmabuf_fill(size_t size, struct dmabuf *d)
{
	d->size = size;
	return bus_dmamem_alloc(size, 16, &d->addr);
}

void *
audio_allocm(void *priv, int dir, size_t size)
{
	struct dmabuf *d;

	d = kmem_alloc(sizeof(*d), 0);
	if (d == NULL)
		return NULL;
	if (dmabuf_fill(size, d) != 0) {
		kmem_free(d, sizeof(*d));
		return NULL;
	}
	d->next = dmabufs;
	dmabufs = d;
	return d->addr;
}

void
audio_freem(void *priv, void *addr, size_t size)
{
	struct dmabuf **pp, *d;

	for (pp = &dmabufs; (d = *pp) != NULL; pp = &d->next)
		if (d->addr == addr) {
			*pp = d->next;
			bus_dmamem_free(d->addr, d->size);
			kmem_free(d, sizeof(*d));
			return;
		}
}
