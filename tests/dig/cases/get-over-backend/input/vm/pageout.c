/* The one caller retries with fewer pages while the allocator returns its failure value, a
 * named constant: a retry, not a drain that takes every block there is. */
typedef long daddr_t;
#define SWAPBLK_NONE ((daddr_t)-1)
daddr_t swp_getswapspace(int npages);
void swp_freeswapspace(daddr_t blk, int npages);

int pageout(int n)
{
	daddr_t blk;
	while ((blk = swp_getswapspace(n)) == SWAPBLK_NONE && n > 4)
		n >>= 1;
	if (blk == SWAPBLK_NONE)
		return -1;
	swp_freeswapspace(blk, n);
	return 0;
}
