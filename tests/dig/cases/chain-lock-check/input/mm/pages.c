void *sbrk(long n);

static char *brk_next;
static char *brk_end;

/* the page source: bump over sbrk */
void *page_get(unsigned long size)
{
	char *p;
	if (brk_next + size > brk_end) {
		brk_next = sbrk(65536);
		brk_end = brk_next + 65536;
	}
	p = brk_next;
	brk_next += size;
	return p;
}
