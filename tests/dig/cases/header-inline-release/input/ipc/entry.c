/* Entries of a name space: a status, the entry and its name through out-parameters, off
 * the space's free list or from the entry cache (entry_dealloc, the header's inline
 * release, takes both back). */
#include <stddef.h>
#include "space.h"

static int
entry_get(space_t space, port_name_t *namep, entry_t *entryp)
{
	entry_t entry = space->free_list;

	if (entry == NULL)
		return KERN_RESOURCE_SHORTAGE;
	space->free_list = entry->next_free;
	space->free_list_size -= 1;
	*entryp = entry;
	*namep = entry->name;
	return KERN_SUCCESS;
}

int
entry_alloc(space_t space, port_name_t *namep, entry_t *entryp)
{
	entry_t entry;

	if (!space->active)
		return KERN_INVALID_TASK;
	if (entry_get(space, namep, entryp) == KERN_SUCCESS)
		return KERN_SUCCESS;
	entry = entry_cache_alloc();
	if (entry == NULL)
		return KERN_RESOURCE_SHORTAGE;
	space->size += 1;
	entry->object = NULL;
	entry->name = space->next_name++;
	*entryp = entry;
	*namep = entry->name;
	return KERN_SUCCESS;
}
