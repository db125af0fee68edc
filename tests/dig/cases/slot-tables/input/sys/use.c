struct node;
struct file;
struct node *get_empty_node(void);
void nput(struct node *np);
struct node *find_node(int dev, int num);
struct node *make_pipe_node(void);
struct node *hold_root(void);
struct node *init_nodes(void);
struct file *falloc(void);
void closef(struct file *fp);

int use(void)
{
	struct node *a = get_empty_node(), *b = find_node(1, 2), *c = make_pipe_node();
	struct node *r = init_nodes(), *h = hold_root();
	struct file *fp = falloc();
	nput(a);
	nput(b);
	nput(c);
	nput(h);
	nput(r);
	closef(fp);
	return 0;
}
