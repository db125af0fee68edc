/* A pool of fixed-size nodes on a free list, which also reports through a hook each time it
 * grows: the free list is the pool's state (node_alloc pops it, node_free pushes), the hook is
 * not: node_alloc stays an allocator of its own, node_free its release. */
#include <stdlib.h>

struct node { struct node *next; char data[56]; };

static void (*pool_grown)(size_t count);
static struct node *pool_free_list;
static size_t pool_count;

void *node_alloc(void)
{
	struct node *n = pool_free_list;

	if (n == NULL) {
		n = malloc(sizeof *n);
		if (n == NULL)
			return NULL;
		pool_count++;
		if (pool_grown)
			pool_grown(pool_count);
		return n;
	}
	pool_free_list = n->next;
	return n;
}

void node_free(void *p)
{
	struct node *n = p;

	n->next = pool_free_list;
	pool_free_list = n;
}
