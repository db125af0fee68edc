/* A lock-free stack of free blocks: a compare-and-swap of variables is no lock. */
#include <stddef.h>

struct node {
	struct node *next;
};

static struct node *volatile top;
static char lf_heap[8192];
static size_t lf_used;

static int push(struct node *n)
{
	struct node *old = top;
	n->next = old;
	return a_cas_p(&top, old, n);
}

void *lf_alloc(size_t n)
{
	struct node *h = top;
	if (h && a_cas_p(&top, h, h->next))
		return h;
	if (lf_used + n > sizeof lf_heap)
		return NULL;
	lf_used += n;
	return lf_heap + lf_used - n;
}

void lf_free(void *p)
{
	while (!push(p))
		;
}
