/* A user of the space: takes a name for a port, gives it back on failure. */
#include "space.h"

int
port_name_alloc(space_t space, void *port, port_name_t *namep)
{
	entry_t entry;
	int kr = entry_alloc(space, namep, &entry);

	if (kr != KERN_SUCCESS)
		return kr;
	if (port == NULL) {
		entry_dealloc(space, *namep, entry);
		return KERN_RESOURCE_SHORTAGE;
	}
	entry->object = port;
	return KERN_SUCCESS;
}
