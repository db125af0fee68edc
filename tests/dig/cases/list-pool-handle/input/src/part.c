/* A partition of buffers: a static pop of the partition's list, and the public get that
 * returns a status and the buffer through a pointer. */
#include "list.h"

struct part {
	struct list buffers;
	unsigned long used;
};

static void *part_allocate_buffer(struct part *part)
{
	return list_get(&part->buffers);
}

int part_get_buffer(struct part *part, void **buffer)
{
	void *b = part_allocate_buffer(part);
	if (b == 0)
		return -1;
	part->used++;
	*buffer = b;
	return 0;
}

int part_return_buffer(struct part *part, void *buffer)
{
	list_append(&part->buffers, (struct node *)buffer);
	part->used--;
	return 0;
}
