/* The sparc port's early memory: pages stolen from the end of physical memory before the
 * VM system runs. Every port has its own copy: one is built into each kernel. */
static unsigned long avail_start, avail_end;

static unsigned long
sparc_round(unsigned long size)
{
	return (size + 7) & ~7ul;
}

void
pmap_bootstrap(unsigned long first, unsigned long last)
{
	avail_start = first;
	avail_end = last;
}

void *
pmap_bootstrap_alloc(unsigned long size)
{
	unsigned long va;

	size = sparc_round(size);      /* sparc: doubleword aligned */
	va = avail_start;
	if (avail_start + size > avail_end)
		return 0;
	avail_start += size;
	return (void *)va;
}
