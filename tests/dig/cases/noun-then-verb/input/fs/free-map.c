/* Disk sectors out of the free map: free_map_allocate's release word names the map (a
 * noun), its last word is the verb. It hands out cnt sectors as a number through *sectorp
 * (the status is the return): a range of a namespace; free_map_release gives them back.
 * free_map_dealloc and free_alloc stay releases by their names. */
#define BITMAP_ERROR ((size_t)-1)

typedef unsigned long size_t;
typedef unsigned int block_sector_t;
struct bitmap;

size_t bitmap_scan_and_flip(struct bitmap *b, size_t start, size_t cnt, int value);
void bitmap_set_multiple(struct bitmap *b, size_t start, size_t cnt, int value);
int bitmap_write(struct bitmap *b, int fd);

static struct bitmap *free_map;
static int free_map_fd;

_Bool free_map_allocate(size_t cnt, block_sector_t *sectorp)
{
	block_sector_t sector = bitmap_scan_and_flip(free_map, 0, cnt, 0);
	if (sector != BITMAP_ERROR && !bitmap_write(free_map, free_map_fd)) {
		bitmap_set_multiple(free_map, sector, cnt, 0);
		sector = BITMAP_ERROR;
	}
	if (sector != BITMAP_ERROR)
		*sectorp = sector;
	return sector != BITMAP_ERROR;
}

void free_map_release(block_sector_t sector, size_t cnt)
{
	bitmap_set_multiple(free_map, sector, cnt, 0);
	bitmap_write(free_map, free_map_fd);
}

void free_map_dealloc(block_sector_t sector)
{
	free_map_release(sector, 1);
}

void free_alloc(block_sector_t sector)
{
	free_map_release(sector, 1);
}
