/* Disk block numbers out of a bitmap: the number is a unit of a namespace, whatever it
 * names on the disk. */
#define NBLOCKS 1024

static unsigned char blockmap[NBLOCKS / 8];

int block_alloc(void)
{
	int b;
	for (b = 0; b < NBLOCKS; b++) {
		if (!(blockmap[b / 8] & (1 << (b % 8)))) {
			blockmap[b / 8] |= (unsigned char)(1 << (b % 8));
			return b;
		}
	}
	return -1;
}

void block_free(int b)
{
	blockmap[b / 8] &= (unsigned char)~(1 << (b % 8));
}
