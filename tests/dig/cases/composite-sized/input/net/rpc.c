/* A mount driver's rpc cache: a header off its free list, or a new one from malloc with a
 * data buffer of the size its caller asks (msize) from mallocz. The caller's size sizes a
 * part: an allocator of headers with data, not a constructor (refute.c). */
#include <stddef.h>

typedef struct Mntrpc Mntrpc;
struct Mntrpc {
	Mntrpc *list;
	char *rpc;
	unsigned long rpclen;
	void *c;
};

extern void *malloc(unsigned long);
extern void *mallocz(unsigned long, int);
extern void free(void *);

static struct {
	Mntrpc *rpcfree;
	int nrpcfree;
	int nrpcused;
} mntalloc;

Mntrpc *
mntralloc(void *c, unsigned long msize)
{
	Mntrpc *new;

	new = mntalloc.rpcfree;
	if (new == NULL) {
		new = malloc(sizeof(Mntrpc));
		if (new == NULL)
			return NULL;
		new->rpc = mallocz(msize, 0);
		if (new->rpc == NULL) {
			free(new);
			return NULL;
		}
		new->rpclen = msize;
	} else {
		mntalloc.rpcfree = new->list;
		mntalloc.nrpcfree--;
		if (new->rpclen < msize) {
			free(new->rpc);
			new->rpc = mallocz(msize, 0);
			new->rpclen = msize;
		}
	}
	mntalloc.nrpcused++;
	new->c = c;
	return new;
}

void
mntfree(Mntrpc *r)
{
	r->list = mntalloc.rpcfree;
	mntalloc.rpcfree = r;
	mntalloc.nrpcfree++;
	mntalloc.nrpcused--;
}
