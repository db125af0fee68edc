/* A transfer request and its buffer in one block: xfer_alloc gives mem_alloc the header's
 * size and the bytes its caller asked for, and returns the block as the request;
 * xfer_free gives it back to mem_free. A layer over mem_alloc for a size of the caller's. Not
 * one: rec_new returns a record of a fixed size, its item array (sized by n) kept inside
 * it; rec_free frees both. */
#include <stddef.h>

void *mem_alloc(unsigned int nbytes);
void mem_free(void *p, unsigned int nbytes);

struct xfer {
	unsigned int size;
	int status;
	unsigned char *buf;
};

struct rec {
	unsigned int n;
	int *items;
};

struct xfer *xfer_alloc(unsigned int bufsize)
{
	struct xfer *x;

	x = mem_alloc(sizeof(struct xfer) + bufsize);
	if (x == NULL)
		return NULL;
	x->size = bufsize;
	x->status = 0;
	x->buf = (unsigned char *)(x + 1);
	return x;
}

void xfer_free(struct xfer *x)
{
	if (x != NULL)
		mem_free(x, sizeof(struct xfer) + x->size);
}

struct rec *rec_new(unsigned int n)
{
	struct rec *r;

	r = mem_alloc(sizeof(struct rec));
	if (r == NULL)
		return NULL;
	r->n = n;
	r->items = mem_alloc(n * sizeof(int));
	return r;
}

void rec_free(struct rec *r)
{
	mem_free(r->items, r->n * sizeof(int));
	mem_free(r, sizeof(struct rec));
}
