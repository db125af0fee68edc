/* A heap with a header word per block: the usable size is read back from it. */
static char zarena[1 << 16];
static unsigned long zused;
static unsigned long *zfree_list;

void *zalloc_bytes(unsigned long size)
{
	unsigned long *h;
	if (zfree_list && zfree_list[0] >= size) {
		h = zfree_list;
		zfree_list = (unsigned long *)h[1];
		return h + 2;
	}
	if (zused + size + 2 * sizeof(unsigned long) > sizeof zarena)
		return 0;
	h = (unsigned long *)(zarena + zused);
	zused += size + 2 * sizeof(unsigned long);
	h[0] = size;
	return h + 2;
}

void zfree_bytes(void *p)
{
	unsigned long *h = (unsigned long *)p - 2;
	h[1] = (unsigned long)zfree_list;
	zfree_list = h;
}

unsigned long zusable(void *p)
{
	return ((unsigned long *)p)[-2];
}
