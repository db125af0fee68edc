/* A class of objects: inactive ones wait on a list of the class's information record. */
#ifndef OBJECT_H
#define OBJECT_H

#include "list.h"

struct object {
	struct node node;
	int id;
};

struct objinfo {
	struct list inactive;
	unsigned per_block;
	unsigned size;
};

static inline struct object *obj_get_inactive(struct objinfo *info)
{
	return (struct object *)list_get(&info->inactive);
}

static inline struct object *obj_allocate_with_extend(struct objinfo *info, void (*extend)(struct objinfo *))
{
	struct object *o = obj_get_inactive(info);
	if (o == 0) {
		extend(info);
		o = obj_get_inactive(info);
	}
	return o;
}

void obj_extend(struct objinfo *info);
void obj_free(struct objinfo *info, struct object *o);

#endif
