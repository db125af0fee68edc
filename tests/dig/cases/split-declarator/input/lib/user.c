#include <stddef.h>

void *blk_alloc(size_t size);
void blk_free(void *p);

struct node {
	struct node *left, *right;
};

struct node *
node_new(void)
{
	return blk_alloc(sizeof(struct node));
}

void
node_drop(struct node *n)
{
	blk_free(n);
}
