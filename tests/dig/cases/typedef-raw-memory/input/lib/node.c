/* A node constructor: its object comes from mem_alloc, and a handle is no raw memory. */
#include "types.h"

struct node {
	struct node *next;
	int key;
};

node_ref
node_create(int key)
{
	node_ref n = mem_alloc(sizeof *n);

	n->next = NULL;
	n->key = key;
	return n;
}

void
node_destroy(node_ref n)
{
	mem_free(n);
}
