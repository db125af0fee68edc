/* Kernel virtual memory handed out from a bump pointer over a fixed range. */
static unsigned long km_next = 0x1000000;
static unsigned long km_end = 0x2000000;

unsigned long uvm_km_alloc(void *map, unsigned long size, unsigned long align, int flags)
{
	unsigned long va = km_next;
	if (va + size > km_end)
		return 0;
	km_next += size;
	return va;
}

void uvm_km_free(void *map, unsigned long va, unsigned long size, int flags)
{
	if (va + size == km_next)
		km_next = va;
}
