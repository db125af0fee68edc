/* get_unnamed_dev hands out the first free minor of the unnamed major: it claims a bit of
 * the in-use bitmap with test_and_set_bit; put_unnamed_dev clears it again. No verb of the
 * vocabulary, no size, no memory: the set/clear pair on one map shows the allocator. */
typedef unsigned int kdev_t;

int test_and_set_bit(int nr, void *addr);
int test_and_clear_bit(int nr, void *addr);
void printk(const char *fmt, ...);

static unsigned int unnamed_dev_in_use[8];

kdev_t get_unnamed_dev(void)
{
	int i;

	for (i = 1; i < 256; i++) {
		if (!test_and_set_bit(i, unnamed_dev_in_use))
			return 12 * 256 + i;
	}
	return 0;
}

void put_unnamed_dev(kdev_t dev)
{
	if (!dev)
		return;
	if (test_and_clear_bit(dev & 0xff, unnamed_dev_in_use))
		return;
	printk("put_unnamed_dev: freeing unused device %d\n", dev);
}
