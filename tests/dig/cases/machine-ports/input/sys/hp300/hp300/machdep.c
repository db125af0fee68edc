/* Machine-dependent startup of the hp300 port: every port defines these. */
void
cpu_startup(void)
{
}

void
consinit(void)
{
}

void *dvma_alloc(int npages);

void *
iomap_init(void)
{
	return dvma_alloc(1);
}
