/* Swap slots: one bit of swap_map per page-sized run of disk sectors. The slot goes out as
 * a sector number through *sectorp (the status is the return): a number of a namespace,
 * though a page's worth of sectors (SECTORS_PER_PAGE) sizes each slot. */
#define PGSIZE 4096
#define SECTOR_SIZE 512
#define SECTORS_PER_PAGE (PGSIZE / SECTOR_SIZE)
#define BITMAP_ERROR ((size_t)-1)

typedef unsigned long size_t;

typedef unsigned int block_sector_t;
struct bitmap;

size_t bitmap_scan_and_flip(struct bitmap *b, unsigned long start, unsigned long cnt, int value);
void bitmap_set_multiple(struct bitmap *b, unsigned long start, unsigned long cnt, int value);

static struct bitmap *swap_map;

static _Bool swap_map_allocate(block_sector_t *sectorp)
{
	block_sector_t sector = bitmap_scan_and_flip(swap_map, 0, 1, 0);
	if (sector != BITMAP_ERROR)
		*sectorp = sector * SECTORS_PER_PAGE;
	return sector != BITMAP_ERROR;
}

static void swap_map_release(block_sector_t sector)
{
	bitmap_set_multiple(swap_map, sector / SECTORS_PER_PAGE, 1, 0);
}

int swap_out(void *page, block_sector_t *sectorp)
{
	if (!swap_map_allocate(sectorp))
		return -1;
	return page != 0;
}

void swap_release(block_sector_t sector)
{
	swap_map_release(sector);
}
