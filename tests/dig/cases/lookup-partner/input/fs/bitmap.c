/* new_block hands out a block number of a device from the bitmap of its superblock, reached
 * through get_super; free_block takes the device and the number back. The bits are set and
 * cleared by macros over inline assembly that the model cannot read. new_node hands out an
 * in-core node for a device, free_node takes it back: both reach the bitmap the same way.
 * new_name builds a node and gets its memory from malloc: a constructor, no allocator. */
struct super_block {
	int dev;
	unsigned char *zmap;
	unsigned char *imap;
};
struct m_node {
	int dev;
	int num;
};

#define set_bit(nr, addr) ({ int res; __asm__ __volatile__("btsl %2,%3\n\tsetb %%al" : "=a"(res) : "0"(0), "r"(nr), "m"(*(addr))); res; })
#define clear_bit(nr, addr) ({ int res; __asm__ __volatile__("btrl %2,%3\n\tsetnb %%al" : "=a"(res) : "0"(0), "r"(nr), "m"(*(addr))); res; })

struct super_block *get_super(int dev);
int find_first_zero(unsigned char *map);
void panic(const char *msg);
void *malloc(unsigned long n);
struct m_node *node_slot(void);

int new_block(int dev)
{
	struct super_block *sb;
	int j;

	if (!(sb = get_super(dev)))
		panic("no device");
	j = find_first_zero(sb->zmap);
	if (j >= 8192)
		return 0;
	if (set_bit(j, sb->zmap))
		panic("bit already set");
	return j;
}

void free_block(int dev, int block)
{
	struct super_block *sb;

	if (!(sb = get_super(dev)))
		panic("no device");
	if (clear_bit(block, sb->zmap))
		panic("bit already clear");
}

struct m_node *new_node(int dev)
{
	struct super_block *sb;
	struct m_node *n = node_slot();
	int j;

	if (!n || !(sb = get_super(dev)))
		return 0;
	j = find_first_zero(sb->imap);
	if (set_bit(j, sb->imap))
		panic("bit already set");
	n->dev = dev;
	n->num = j;
	return n;
}

void free_node(struct m_node *n)
{
	struct super_block *sb = get_super(n->dev);
	if (clear_bit(n->num, sb->imap))
		panic("bit already clear");
	n->dev = 0;
}

struct m_node *new_name(int dev)
{
	struct m_node *n = malloc(sizeof *n);
	struct super_block *sb = get_super(dev);
	n->dev = dev;
	n->num = sb ? 1 : 0;
	return n;
}

void free_name(struct m_node *n)
{
	struct super_block *sb = get_super(n->dev);
	(void)sb;
}
