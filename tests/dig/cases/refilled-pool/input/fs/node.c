/* in-core nodes: a free list refilled a page at a time from the page allocator, each
 * node handed out by get_unused_node and pushed back by put_unused_node */
#define PAGE_SIZE 4096

unsigned long get_free_page(int prio);

struct node {
	struct node *next_free;
	int dev, nr;
	char *data;
};

static struct node *unused_nodes;
static int nr_nodes;

static void more_nodes(void)
{
	struct node *n;
	int i;

	if (unused_nodes)
		return;
	n = (struct node *)get_free_page(0);
	if (!n)
		return;
	for (nr_nodes += i = PAGE_SIZE / sizeof *n; i > 0; i--) {
		n->next_free = unused_nodes;
		unused_nodes = n++;
	}
}

static void put_unused_node(struct node *n)
{
	n->dev = n->nr = 0;
	n->data = 0;
	n->next_free = unused_nodes;
	unused_nodes = n;
}

static struct node *get_unused_node(void)
{
	struct node *n;

	more_nodes();
	if (!unused_nodes)
		return 0;
	n = unused_nodes;
	unused_nodes = n->next_free;
	n->next_free = 0;
	return n;
}

int node_open(int dev, int nr, struct node **out)
{
	struct node *n = get_unused_node();

	if (!n)
		return -1;
	n->dev = dev;
	n->nr = nr;
	*out = n;
	return 0;
}

void node_close(struct node *n)
{
	put_unused_node(n);
}
