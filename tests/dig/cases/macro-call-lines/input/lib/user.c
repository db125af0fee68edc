#include <stddef.h>

void *pool_alloc(size_t size);
void pool_free(void *p);

struct node {
	struct node *left, *right;
	int key;
};

struct node *
node_new(int key)
{
	struct node *n = pool_alloc(sizeof(struct node));

	if (n != NULL) {
		n->left = n->right = NULL;
		n->key = key;
	}
	return n;
}

void
node_drop(struct node *n)
{
	pool_free(n);
}
