/* balloc hands out a block number of a device from a bitmap: a number, one parameter that is
 * no size (the device); bfree clears the bit. */
#define NBLOCKS 1024

static unsigned char bmap[NBLOCKS / 8];

unsigned int balloc(unsigned int dev)
{
	for (unsigned int b = 0; b < NBLOCKS; b++)
		if (!(bmap[b / 8] & (1 << (b % 8)))) {
			bmap[b / 8] |= 1 << (b % 8);
			return b;
		}
	return 0;
}

void bfree(unsigned int dev, unsigned int b)
{
	bmap[b / 8] &= ~(1 << (b % 8));
}
