/*
 * A block allocator whose entry point's declarator is split by a condition nothing in
 * the tree decides (BLK_DEBUG comes from the build): the parser is given the first
 * branch, so the function is blk_alloc, with its callers.
 */
#include <stddef.h>

struct blk {
	struct blk *next;
};

static struct blk *blk_free_list;
static char blk_space[16384];
static size_t blk_used;

void *
#ifndef BLK_DEBUG
blk_alloc(size_t size)
#else
blk_alloc_debug(size_t size, const char *file,
                int line)
#endif
{
	struct blk *b = blk_free_list;

	if (b != NULL) {
		blk_free_list = b->next;
		return b;
	}
	if (blk_used + size > sizeof blk_space)
		return NULL;
	b = (struct blk *)&blk_space[blk_used];
	blk_used += size;
	return b;
}

void
blk_free(void *p)
{
	struct blk *b = p;

	b->next = blk_free_list;
	blk_free_list = b;
}
