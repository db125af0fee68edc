/* The C library's malloc, kept in this port's folder: a first-fit list grown by sbrk.
 * User programs of every port link with it. */
#include <stddef.h>

struct hdr { struct hdr *next; size_t size; };

static struct hdr *freep;

void *sbrk(long incr);

void *
malloc(size_t size)
{
	struct hdr **pp, *p;

	for (pp = &freep; (p = *pp) != NULL; pp = &p->next)
		if (p->size >= size) {
			*pp = p->next;
			return p + 1;
		}
	p = sbrk((long)(sizeof *p + size));
	if (p == (void *)-1)
		return NULL;
	p->size = size;
	return p + 1;
}

void
free(void *v)
{
	struct hdr *p = (struct hdr *)v - 1;

	p->next = freep;
	freep = p;
}
