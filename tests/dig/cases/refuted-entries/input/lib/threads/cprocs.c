/* A constructor that registers its object: mallocs a thread record for one fixed size,
 * fills it in and links it on a global list; nothing ever frees one. */
#include <stdlib.h>

typedef struct cproc {
	struct cproc *list;
	int state;
	int busy;
} *cproc_t;

static cproc_t cproc_list;
static int cproc_count;

cproc_t
cproc_alloc(void)
{
	cproc_t p = (cproc_t)malloc(sizeof(struct cproc));

	p->state = 0;
	p->busy = 0;
	p->list = cproc_list;
	cproc_list = p;
	cproc_count++;
	return p;
}

int
cproc_fork(void)
{
	cproc_t child = cproc_alloc();
	child->busy = 1;
	return child->state;
}
