/* Not a wrapper: blk_alloc hands out blocks from a free list that blk_free refills, and
 * grows through a helper over malloc only when the list has none of the size. */
#include <stddef.h>
void *malloc(size_t size);
struct blk { struct blk *next; size_t size; };
static struct blk *blk_free_list;

static void *
blk_grow(size_t size)
{
	struct blk *b = malloc(sizeof(struct blk) + size);
	if (b == NULL)
		return NULL;
	b->size = size;
	return b + 1;
}

void *
blk_alloc(size_t size)
{
	struct blk **bp, *b;
	for (bp = &blk_free_list; (b = *bp) != NULL; bp = &b->next)
		if (b->size >= size) {
			*bp = b->next;
			return b + 1;
		}
	return blk_grow(size);
}

void
blk_free(void *p)
{
	struct blk *b = (struct blk *)p - 1;
	b->next = blk_free_list;
	blk_free_list = b;
}
