/* A memory source that returns a status code and hands its memory out through an
 * out-parameter: no allocation shape, but its name says allocate, and the chain of what
 * calls it names it. */
struct seg { unsigned long addr, len; };

static unsigned long bus_next = 0x100000;

int bus_dmamem_alloc(void *tag, unsigned long size, struct seg *segs, int *rsegs)
{
	segs[0].addr = bus_next;
	segs[0].len = size;
	bus_next += size;
	*rsegs = 1;
	return 0;
}
