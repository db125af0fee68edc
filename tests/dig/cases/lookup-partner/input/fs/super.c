/* The superblocks, looked up by device: each holds a block bitmap and an inode bitmap. */
struct super_block {
	int dev;
	unsigned char *zmap;
	unsigned char *imap;
};

static struct super_block super_table[8];

struct super_block *get_super(int dev)
{
	for (int i = 0; i < 8; i++)
		if (super_table[i].dev == dev)
			return &super_table[i];
	return 0;
}
