/* Near miss: a fixed-size object cache over malloc; its objects go back to a free list,
 * so a release takes them back (an allocator, not a constructor). */
#include <stdlib.h>

struct obj {
	struct obj *next;
	int data[8];
};

static struct obj *objfree;
static int nobj;

struct obj *
obj_alloc(void)
{
	struct obj *o = objfree;
	if (o) {
		objfree = o->next;
		return o;
	}
	o = malloc(sizeof(struct obj));
	nobj++;
	return o;
}

void
obj_free(struct obj *o)
{
	o->next = objfree;
	objfree = o;
}

int
use(void)
{
	struct obj *o = obj_alloc();
	o->data[0] = 1;
	obj_free(o);
	return 0;
}
