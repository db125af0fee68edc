struct m_node;
int new_block(int dev);
void free_block(int dev, int block);
struct m_node *new_node(int dev);
void free_node(struct m_node *n);
struct m_node *new_name(int dev);
void free_name(struct m_node *n);

void use(void)
{
	int b = new_block(1);
	struct m_node *n = new_node(1);
	struct m_node *m = new_name(1);
	free_block(1, b);
	free_node(n);
	free_name(m);
}
