/* Bits set and cleared that are no namespace. mark_busy sets a flag bit named by a
 * constant (put_busy clears it): a flag, not a number handed out. reserve_slot sets the bit
 * its caller names (put_slot clears it): the caller chose the number. joy_connect claims a
 * minor for a device record it gets from malloc (joy_release gives the minor back): a
 * constructor, the record is what it returns. */
struct dev {
	unsigned long flags;
	int minor;
};

#define D_BUSY 3

int test_and_set_bit(int nr, void *addr);
int test_bit(int nr, void *addr);
void set_bit(int nr, void *addr);
void clear_bit(int nr, void *addr);
void *malloc(unsigned long n);
void free(void *p);

static unsigned long slots[4];
static unsigned long joy_minors;

int mark_busy(struct dev *d)
{
	if (test_and_set_bit(D_BUSY, &d->flags))
		return -1;
	return 0;
}

void put_busy(struct dev *d)
{
	clear_bit(D_BUSY, &d->flags);
}

int reserve_slot(int nr)
{
	return test_and_set_bit(nr, slots);
}

void put_slot(int nr)
{
	clear_bit(nr, slots);
}

struct dev *joy_connect(int port)
{
	struct dev *joy;
	int minor;

	for (minor = 0; minor < 32 && test_bit(minor, &joy_minors); minor++)
		;
	joy = malloc(sizeof *joy);
	if (!joy)
		return 0;
	joy->minor = minor + port * 0;
	set_bit(joy->minor, &joy_minors);
	return joy;
}

void joy_release(struct dev *joy)
{
	clear_bit(joy->minor, &joy_minors);
	free(joy);
}
