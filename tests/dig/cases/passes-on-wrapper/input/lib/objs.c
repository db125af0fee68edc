typedef unsigned long size_t;

void *malloc(size_t n);

struct obj { struct obj *next; char body[60]; };
static struct obj *objfree;

struct obj *obj_alloc(void)
{
	struct obj *o = objfree;
	if (o) {
		objfree = o->next;
		return o;
	}
	return malloc(sizeof(struct obj));
}

void obj_free(struct obj *o)
{
	o->next = objfree;
	objfree = o;
}
