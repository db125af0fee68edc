/* get_empty_node hands out an in-core node whose count is 0 from the node table and sets the
 * count to 1; nput gives it back by stepping the count down. No verb, no size, no raw memory:
 * the count written and given back shows the allocator. find_node takes a key and steps the
 * count of the entry it finds (a lookup, no allocator); make_pipe_node builds a pipe node
 * from a slot and a page (a constructor, no allocator); hold_root takes a reference on the
 * root node without looking for a free one, and init_nodes lays the table out and returns
 * the root: neither tests a count for a free slot, so neither is an allocator. */
#define NR_NODE 32

struct node { int n_count; int n_dirt; int n_dev; int n_num; unsigned long n_page; };

struct node node_table[NR_NODE];
struct node *root_node;

unsigned long get_free_page(void);
void free_page(unsigned long addr);
void write_node(struct node *np);

struct node *get_empty_node(void)
{
	struct node *np;
	int i;

	for (i = 0; i < NR_NODE; i++) {
		np = node_table + i;
		if (!np->n_count)
			break;
	}
	if (i == NR_NODE)
		return 0;
	while (np->n_dirt)
		write_node(np);
	np->n_count = 1;
	return np;
}

void nput(struct node *np)
{
	if (!np || !np->n_count)
		return;
	if (np->n_dirt)
		write_node(np);
	np->n_count--;
}

struct node *find_node(int dev, int num)
{
	struct node *np;

	for (np = node_table; np < node_table + NR_NODE; np++)
		if (np->n_dev == dev && np->n_num == num) {
			np->n_count++;
			return np;
		}
	return 0;
}

struct node *make_pipe_node(void)
{
	struct node *np = get_empty_node();

	if (!np)
		return 0;
	np->n_page = get_free_page();
	np->n_count = 2;
	return np;
}

struct node *hold_root(void)
{
	struct node *np = root_node;

	while (np->n_dirt)
		write_node(np);
	np->n_count++;
	return np;
}

struct node *init_nodes(void)
{
	struct node *np;

	for (np = node_table; np < node_table + NR_NODE; np++)
		np->n_count = 0;
	np = node_table;
	np->n_count = 1;
	root_node = np;
	return np;
}
