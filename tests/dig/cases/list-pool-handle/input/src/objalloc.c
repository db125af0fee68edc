/* Objects of a class: off its inactive list, which obj_extend refills. */
#include "object.h"

struct object *obj_allocate_unlimited(struct objinfo *info)
{
	return obj_allocate_with_extend(info, obj_extend);
}
