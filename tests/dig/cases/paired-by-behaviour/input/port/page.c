/* Physical pages off a free list: newpage hands one out (for a segment and an address),
 * putpage puts it back; no allocation verb, no size. */
typedef unsigned long ulong;
typedef struct Page Page;
typedef struct Segment Segment;
struct Page {
	Page *next;
	ulong va;
	int ref;
};

static struct {
	Page *head;
	int freecount;
} palloc;

extern void panic(char *msg);

Page *newpage(int clear, Segment **s, ulong va)
{
	Page *p = palloc.head;
	(void)s;
	if (p == 0)
		panic("newpage");
	palloc.head = p->next;
	palloc.freecount--;
	p->va = va;
	p->ref = clear ? 1 : 1;
	return p;
}

void putpage(Page *p)
{
	if (--p->ref > 0)
		return;
	p->next = palloc.head;
	palloc.head = p;
	palloc.freecount++;
}
