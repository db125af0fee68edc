/* An OS layer: its allocation forwards to malloc; the release of a lock is no free. */
void *__libc_malloc(unsigned long n);
void free(void *p);

struct lock { int held; };

void *AcpiOsAllocate(unsigned long size)
{
	return __libc_malloc(size);
}

void AcpiOsFree(void *p)
{
	free(p);
}

void AcpiOsReleaseLock(struct lock *l, unsigned long flags)
{
	l->held = 0;
}
