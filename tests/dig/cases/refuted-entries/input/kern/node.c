/* Near miss: a node allocator over kmalloc whose nodes a release of another file takes
 * back (nfree takes the type it returns): an allocator, not a constructor. */
#include "node.h"

static node_t nodelist;
static int nnodes;

node_t
nalloc(void)
{
	node_t n = kmalloc(sizeof(struct node));
	n->next = nodelist;
	nodelist = n;
	nnodes++;
	return n;
}
