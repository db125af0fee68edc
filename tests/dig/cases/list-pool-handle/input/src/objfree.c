#include "object.h"

/* An object back to the inactive list of its class. */
void obj_free(struct objinfo *info, struct object *o)
{
	list_append(&info->inactive, &o->node);
}
