/*
 * A block allocator whose declarations carry attribute macros the build defines (nothing
 * in the tree does) around their types: `static blk_t *` / `LOCAL_FN` / `blk_get(...)`
 * (a typedef name, then the attribute: the parser would name the function LOCAL_FN),
 * `void NO_RETURN blk_panic(void)`, `blk_t * FAST_CALL blk_alloc(...)` and prototypes with
 * attributes after their parameters. The words that cannot be the type are hidden from the
 * parser, so every definition keeps its own name and its callers.
 */
#include <stddef.h>

typedef struct blk {
	struct blk *next;
	size_t size;
} blk_t;

extern int WEAK_FN blk_hook(void *) HIDDEN_SYM;
static blk_t *blk_refill(size_t n) LOCAL_FN HIDDEN_SYM;
void NO_RETURN blk_panic(void);

static blk_t *blk_list;
static char blk_arena[32768];
static size_t blk_top;

void NO_RETURN
blk_panic(void)
{
	for (;;)
		;
}

static blk_t *
LOCAL_FN
blk_refill(size_t n)
{
	blk_t *b;

	if (blk_top + n > sizeof blk_arena)
		blk_panic();
	b = (blk_t *)&blk_arena[blk_top];
	blk_top += n;
	b->size = n;
	return b;
}

blk_t * FAST_CALL
blk_alloc(size_t n)
{
	blk_t *b = blk_list;

	if (b != NULL && b->size >= n) {
		blk_list = b->next;
		return b;
	}
	return blk_refill(n + sizeof *b);
}

static inline ALWAYS_INLINE void
blk_give(blk_t *b)
{
	b->next = blk_list;
	blk_list = b;
}

void
blk_free(void *p)
{
	if (p != NULL)
		blk_give(p);
}
