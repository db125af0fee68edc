/* The Mach kfree takes the size too. */
static char mach_pool[8192];
static unsigned long mach_used;

void *
kalloc(unsigned long size)
{
	void *p = &mach_pool[mach_used];

	mach_used += size;
	return p;
}

void
kfree(void *data, unsigned long size)
{
	mach_used -= size;
	(void)data;
}
