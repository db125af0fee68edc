/* the page source: pages carved off a static region, counted back by a put */
static char region[1 << 20];
static unsigned long region_used, pages_put;

void *page_get(unsigned long size)
{
	char *p;
	if (size == 0 || region_used + size > sizeof region)
		return 0;
	p = region + region_used;
	region_used += size;
	return p;
}

void page_put(void *p)
{
	if (p)
		pages_put++;
}
