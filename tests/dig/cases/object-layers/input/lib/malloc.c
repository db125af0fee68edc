/* A small first-fit malloc over a static arena, so that the constructors below have an
 * allocator of another file to call. */
#include <stddef.h>

struct hdr {
	struct hdr *next;
	size_t size;
};

static char arena[65536];
static size_t brkp;
static struct hdr *freelist;

void *malloc(size_t size)
{
	struct hdr **pp, *h;

	size = (size + sizeof(struct hdr) + 15) & ~(size_t)15;
	for (pp = &freelist; (h = *pp) != NULL; pp = &h->next)
		if (h->size >= size) {
			*pp = h->next;
			return h + 1;
		}
	if (brkp + size > sizeof arena)
		return NULL;
	h = (struct hdr *)(arena + brkp);
	brkp += size;
	h->size = size;
	return h + 1;
}

void free(void *p)
{
	struct hdr *h = (struct hdr *)p - 1;

	h->next = freelist;
	freelist = h;
}
