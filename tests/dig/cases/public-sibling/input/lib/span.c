/* An aligned face over a public entry of its own allocator: span_alloc_aligned asks
 * span_alloc for the size plus the alignment and gives the unaligned head back as a hole
 * (span_hole). Its chain names span_alloc; its role is its allocator's, not a wrapper's:
 * the request goes to the same allocator. */
#include <stddef.h>
#include <stdint.h>

struct hole {
	struct hole *next;
	size_t size;
};

static struct hole *holes;
static char span_arena[65536];
static size_t span_top;

void *span_alloc(size_t size)
{
	struct hole **hp;
	for (hp = &holes; *hp; hp = &(*hp)->next)
		if ((*hp)->size >= size) {
			struct hole *h = *hp;
			*hp = h->next;
			return h;
		}
	if (span_top + size > sizeof span_arena)
		return NULL;
	span_top += size;
	return &span_arena[span_top - size];
}

void span_hole(void *p, size_t size)
{
	struct hole *h = p;
	h->size = size;
	h->next = holes;
	holes = h;
}

void *span_alloc_aligned(size_t size, size_t align)
{
	uintptr_t a, v;
	a = (uintptr_t)span_alloc(size + align);
	if (align > 1) {
		v = (a + align - 1) & ~(uintptr_t)(align - 1);
		if (v > a)
			span_hole((void *)a, v - a);
	} else
		v = a;
	return (void *)v;
}
