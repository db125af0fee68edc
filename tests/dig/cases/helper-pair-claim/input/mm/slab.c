/* Objects of one size in a slab, a bitmap of the ones in use marked by a pair of helpers:
 * one object per call and no size, so a cache of objects, not a namespace. */
#include <stddef.h>

struct slab {
	unsigned long used;
	size_t objsize;
	char *base;
};

static void slab_bit_set(struct slab *s, int i)
{
	s->used |= 1ul << i;
}

static void slab_bit_clear(struct slab *s, int i)
{
	s->used &= ~(1ul << i);
}

void *slab_alloc(struct slab *s)
{
	int i;
	for (i = 0; i < 64; i++)
		if (!(s->used & (1ul << i)))
			break;
	if (i == 64)
		return NULL;
	slab_bit_set(s, i);
	return s->base + (size_t)i * s->objsize;
}

void slab_free(struct slab *s, void *obj)
{
	int i = (int)(((char *)obj - s->base) / s->objsize);
	slab_bit_clear(s, i);
}
