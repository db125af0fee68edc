/* Not an allocator: a ring's slots are addresses computed in the ring's buffer; the get
 * and the free compute them the same way, neither takes a slot off a list. */
struct buf {
	char *direct;
	unsigned shift;
};

struct ring {
	struct buf buf;
	int tail;
};

struct slot {
	int next;
};

static inline void *buf_offset(struct buf *b, int offset)
{
	return b->direct + offset;
}

static void *get_slot(struct ring *r, int n)
{
	return buf_offset(&r->buf, n << r->buf.shift);
}

void ring_free_slot(struct ring *r, int index)
{
	struct slot *s;
	s = get_slot(r, r->tail);
	s->next = index;
	r->tail = index;
}
