/* Page buffers: pcacheAlloc(int nByte) pops a spare slot, else hands nByte to lib_malloc
 * where lib_malloc takes its size, and returns what it gets: nByte is a size, and
 * pcacheAlloc an allocation entry point over lib_malloc (the old code found no allocator
 * here). */
void *lib_malloc(unsigned long n);
void lib_free(void *p);

static void *spareSlots[16];
static int nSpareSlots;

void *pcacheAlloc(int nByte)
{
	void *p;
	if (nByte <= 4096 && nSpareSlots > 0)
		return spareSlots[--nSpareSlots];
	p = lib_malloc(nByte);
	return p;
}

void pcacheFree(void *p)
{
	if (nSpareSlots < 16)
		spareSlots[nSpareSlots++] = p;
	else
		lib_free(p);
}
