/* Name buffers kept on a list of their own: the list is taken off through a call whose
 * value is handed out, so it is state, whatever else is only counted. */
#include <stddef.h>

void *heap_malloc(unsigned long n);
void list_push(void **head, void *p);
void *list_pop(void **head);
void atomic_add_64(unsigned long *target, long delta);

static void *namebuf_list;
static unsigned long namebuf_count;

char *namebuf_alloc(size_t size)
{
	char *p = list_pop(&namebuf_list);
	if (p == NULL)
		p = heap_malloc(size < 256 ? 256 : size);
	atomic_add_64(&namebuf_count, 1);
	return p;
}

void namebuf_free(char *p)
{
	atomic_add_64(&namebuf_count, -1);
	list_push(&namebuf_list, p);
}
