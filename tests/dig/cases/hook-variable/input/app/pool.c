/* The program's pool: a bump over a static arena with a free list of returned blocks,
 * stored into the library's hooks at start-up. */
#include <stddef.h>

extern void *(*mem_alloc_fn)(size_t size);
extern void (*mem_free_fn)(void *p);
extern void *(*xalloc_hook)(size_t size);
void *mem_alloc(size_t size);
void *xalloc(size_t size);
void mem_free(void *p);

struct blk { struct blk *next; size_t size; };

static char pool_space[1 << 16];
static size_t pool_used;
static struct blk *pool_freelist;

void *pool_alloc(size_t size)
{
	struct blk *b = pool_freelist, **pp = &pool_freelist;

	for (; b != NULL; pp = &b->next, b = b->next)
		if (b->size >= size) {
			*pp = b->next;
			return b + 1;
		}
	size = (size + sizeof(struct blk) + 15) & ~(size_t)15;
	if (pool_used + size > sizeof pool_space)
		return NULL;
	b = (struct blk *)&pool_space[pool_used];
	pool_used += size;
	b->size = size - sizeof(struct blk);
	return b + 1;
}

void pool_free(void *p)
{
	struct blk *b = (struct blk *)p - 1;

	b->next = pool_freelist;
	pool_freelist = b;
}

int main(void)
{
	char *a, *b;

	mem_alloc_fn = pool_alloc;
	mem_free_fn = pool_free;
	xalloc_hook = pool_alloc;
	a = mem_alloc(10);
	b = xalloc(20);
	mem_free(a);
	mem_free(b);
	return 0;
}
