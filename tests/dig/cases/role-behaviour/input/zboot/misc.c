/* The zlib hooks of a kernel decompressor in a folder whose name ends in "boot": zalloc
 * bumps avail_ram and zfree gives nothing back: an early-boot allocator (the boot domain
 * by its folder, whatever the machine prefix: zboot, chrpboot, coffboot). */
static char *avail_ram;
static char *end_avail;

void *zalloc(void *x, unsigned items, unsigned size)
{
	void *p = avail_ram;
	size *= items;
	size = (size + 7) & -8;
	avail_ram += size;
	if (avail_ram > end_avail)
		return 0;
	return p;
}

void zfree(void *x, void *addr, unsigned nb)
{
}
