/* DMA map registers: a run of free entries of the map table is marked taken and its
 * first index is put in the DMA map the caller gives; the call returns a status. The
 * table is written: it hands out a range, an allocator. */
#include <stddef.h>

#define ENOMEM 12
#define NMAPREGS 64

struct dmamap {
	unsigned size;
	int tbl;
	int tblcnt;
};

static unsigned char maptbl[NMAPREGS];

int
dma_mapalloc(struct dmamap *map)
{
	int i, j, cnt = (int)((map->size + 4095) / 4096);

	for (i = 0; i + cnt <= NMAPREGS; i += j + 1) {
		for (j = 0; j < cnt; j++)
			if (maptbl[i + j])
				break;
		if (j == cnt) {
			for (j = 0; j < cnt; j++)
				maptbl[i + j] = 1;
			map->tbl = i;
			map->tblcnt = cnt;
			return 0;
		}
	}
	return ENOMEM;
}

void
dma_mapfree(struct dmamap *map)
{
	int j;

	for (j = 0; j < map->tblcnt; j++)
		maptbl[map->tbl + j] = 0;
	map->tbl = -1;
}
