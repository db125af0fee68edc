/* A chunk cache: one chunk size per class, popped off the class's free list, refilled
 * from malloc. The public face forwards to the allocator beside it: its first link. */
#include <stdlib.h>
#include <stddef.h>

struct chunk {
	struct chunk *next;
};

static struct chunk *chunk_free_list[8];
static size_t chunk_size[8] = { 16, 32, 64, 128, 256, 512, 1024, 2048 };

static unsigned int chunk_class(size_t size)
{
	unsigned int id = 0;
	while (id < 7 && chunk_size[id] < size)
		id++;
	return id;
}

void *do_chunk_alloc(size_t size)
{
	unsigned int id = chunk_class(size);
	struct chunk *c = chunk_free_list[id];
	if (c == NULL)
		return malloc(chunk_size[id]);
	chunk_free_list[id] = c->next;
	return c;
}

void do_chunk_free(void *ptr, size_t size)
{
	unsigned int id = chunk_class(size);
	struct chunk *c = ptr;
	c->next = chunk_free_list[id];
	chunk_free_list[id] = c;
}

void *chunk_alloc(size_t size)
{
	return do_chunk_alloc(size);
}

void chunk_free(void *ptr, size_t size)
{
	do_chunk_free(ptr, size);
}
