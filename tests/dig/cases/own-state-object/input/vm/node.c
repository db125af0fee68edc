/* A constructor: it says it allocates and its release shares the file's state (a count),
 * but the node it returns comes from another file's allocator, filled in from its
 * inputs. Not an allocator of its own. */
typedef unsigned long size_t;
struct tree;
struct node {
	struct tree *t;
	int key;
	int flags;
};

extern void *kmem_alloc(size_t size, int flags);
extern void kmem_free(void *p, size_t size);

static int node_count;

struct node *node_alloc_keyed(struct tree *t, int key, int flags)
{
	struct node *n = kmem_alloc(sizeof(*n), flags);
	if (n == 0)
		return 0;
	n->t = t;
	n->key = key;
	n->flags = flags;
	node_count++;
	return n;
}

void node_free(struct node *n)
{
	node_count--;
	kmem_free(n, sizeof(*n));
}
