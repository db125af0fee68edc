/* One breakpoint per call, off a free list or the next slot of a static table: no size and
 * nothing says page, so a fixed-size object allocator. */
#define NBKPT 100

struct bkpt { struct bkpt *link; unsigned long addr; };
typedef struct bkpt *bkpt_t;

static struct bkpt bkpt_table[NBKPT];
static struct bkpt *bkpt_next = &bkpt_table[0];
static struct bkpt *bkpt_freelist;

bkpt_t bkpt_alloc(void)
{
	bkpt_t b;
	if ((b = bkpt_freelist) != 0) {
		bkpt_freelist = b->link;
		return b;
	}
	if (bkpt_next == &bkpt_table[NBKPT])
		return 0;
	return bkpt_next++;
}

void bkpt_free(bkpt_t b)
{
	b->link = bkpt_freelist;
	bkpt_freelist = b;
}
