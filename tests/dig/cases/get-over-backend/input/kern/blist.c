/* A radix-tree bitmap of blocks: blist_alloc hands out count blocks of the tree's
 * namespace, blist_free takes them back. */
typedef long daddr_t;
struct blist {
	daddr_t bl_blocks;
	daddr_t bl_free;
	unsigned long *bl_map;
};
typedef struct blist *blist_t;

static daddr_t blst_alloc(unsigned long *map, daddr_t blocks, daddr_t count);
static void blst_free(unsigned long *map, daddr_t blk, daddr_t count);

daddr_t blist_alloc(blist_t bl, daddr_t count)
{
	daddr_t blk = blst_alloc(bl->bl_map, bl->bl_blocks, count);
	if (blk != -1)
		bl->bl_free -= count;
	return blk;
}

void blist_free(blist_t bl, daddr_t blk, daddr_t count)
{
	blst_free(bl->bl_map, blk, count);
	bl->bl_free += count;
}

static daddr_t blst_alloc(unsigned long *map, daddr_t blocks, daddr_t count)
{
	for (daddr_t i = 0; i + count <= blocks; i++) {
		daddr_t j;
		for (j = 0; j < count && !(map[(i + j) / 64] & (1ul << ((i + j) % 64))); j++)
			;
		if (j == count) {
			for (j = 0; j < count; j++)
				map[(i + j) / 64] |= 1ul << ((i + j) % 64);
			return i;
		}
	}
	return -1;
}

static void blst_free(unsigned long *map, daddr_t blk, daddr_t count)
{
	for (daddr_t j = 0; j < count; j++)
		map[(blk + j) / 64] &= ~(1ul << ((blk + j) % 64));
}
