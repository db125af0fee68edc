/* A first-fit heap over a static array. On failure it calls the application's hook for
 * its effect alone: the hook hands nothing out, whatever its name says. */
#include <stddef.h>

void vAppMallocFailedHook(void);
void trace_malloc_failure(size_t size);

struct blk { struct blk *next; size_t size; };

static unsigned char arena[65536];
static struct blk *free_list;
static size_t brk_off;

void *heap_malloc(size_t size)
{
	struct blk **pp, *b;
	for (pp = &free_list; *pp; pp = &(*pp)->next)
		if ((*pp)->size >= size) {
			b = *pp;
			*pp = b->next;
			return b + 1;
		}
	if (brk_off + sizeof(struct blk) + size > sizeof arena) {
		vAppMallocFailedHook();
		(void)trace_malloc_failure(size);
		return NULL;
	}
	b = (struct blk *)(arena + brk_off);
	b->size = size;
	brk_off += sizeof(struct blk) + size;
	return b + 1;
}

void heap_free(void *p)
{
	struct blk *b = (struct blk *)p - 1;
	b->next = free_list;
	free_list = b;
}
