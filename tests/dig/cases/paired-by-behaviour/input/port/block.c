/* Message blocks from size-indexed caches: allocb hands out a Block for a size, freeb (a
 * release the vocabulary does not name) takes it back. */
typedef struct Block Block;
struct Block {
	Block *next;
	int lim;
};

extern void *kmem_cache_alloc(void *cache, int flags);
extern void kmem_cache_free(void *cache, void *p);

static void *block_cache[16];
static int nblocks;

Block *allocb(int size)
{
	Block *b = kmem_cache_alloc(block_cache[size >> 8 & 15], 0);
	if (b == 0)
		return 0;
	b->lim = size;
	nblocks++;
	return b;
}

void freeb(Block *b)
{
	nblocks--;
	kmem_cache_free(block_cache[b->lim >> 8 & 15], b);
}
