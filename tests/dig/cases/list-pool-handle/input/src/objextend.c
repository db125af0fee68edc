#include <stdlib.h>

#include "object.h"

/* One block of objects from malloc, each appended to the inactive list. */
void obj_extend(struct objinfo *info)
{
	char *block = malloc((size_t)info->per_block * info->size);
	if (block == 0)
		return;
	for (unsigned i = 0; i < info->per_block; i++)
		list_append(&info->inactive, (struct node *)(block + (size_t)i * info->size));
}
