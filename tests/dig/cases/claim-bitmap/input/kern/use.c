struct unrhdr;
struct dev;
unsigned int get_unnamed_dev(void);
void put_unnamed_dev(unsigned int dev);
int alloc_unit(struct unrhdr *uh);
void free_unit(struct unrhdr *uh, int item);
int mark_busy(struct dev *d);
void put_busy(struct dev *d);
int reserve_slot(int nr);
void put_slot(int nr);
struct dev *joy_connect(int port);
void joy_release(struct dev *joy);

int get_unused_fd(void);
void put_unused_fd(unsigned int fd);

void use(struct unrhdr *uh, struct dev *d)
{
	unsigned int dev = get_unnamed_dev();
	int u = alloc_unit(uh);
	struct dev *j = joy_connect(0);
	put_unused_fd(get_unused_fd());
	if (mark_busy(d) == 0)
		put_busy(d);
	if (reserve_slot(5) == 0)
		put_slot(5);
	free_unit(uh, u);
	put_unnamed_dev(dev);
	joy_release(j);
}
