/* A cache of one object type: obj_alloc pops obj_free_list (a variable it writes), else
 * asks the heap for one object; obj_free pushes it back. Fixed-size, no wrapper. */
#include <stddef.h>

void *heap_alloc(size_t size);

struct obj {
	struct obj *next;
	int value;
};

static struct obj *obj_free_list;

struct obj *obj_alloc(void)
{
	struct obj *o = obj_free_list;
	if (o != NULL) {
		obj_free_list = o->next;
		return o;
	}
	return heap_alloc(sizeof(struct obj));
}

void obj_free(struct obj *o)
{
	o->next = obj_free_list;
	obj_free_list = o;
}
