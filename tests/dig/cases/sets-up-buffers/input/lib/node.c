/* A node pool whose chunk refill also returns only a status and fills a variable of its
 * file: but the pool's own allocation entry point calls it to refill the list it pops, so
 * it feeds that allocator and stays with it. */
#include <stddef.h>

struct node {
	struct node *next;
	int value;
};

extern void *malloc(size_t);

#define CHUNK 16

static struct node *node_freelist;

static int
node_alloc_chunk(void)
{
	struct node *c = malloc(CHUNK * sizeof(struct node));
	int i;

	if (c == NULL)
		return -1;
	for (i = 0; i < CHUNK - 1; i++)
		c[i].next = &c[i + 1];
	c[CHUNK - 1].next = node_freelist;
	node_freelist = c;
	return 0;
}

struct node *
node_alloc(void)
{
	struct node *n;

	if (node_freelist == NULL && node_alloc_chunk() == -1)
		return NULL;
	n = node_freelist;
	node_freelist = n->next;
	return n;
}

void
node_free(struct node *n)
{
	n->next = node_freelist;
	node_freelist = n;
}
