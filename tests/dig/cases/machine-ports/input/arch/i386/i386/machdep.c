/* The i386 port's startup: its calls bind to its own port's copy. */
void *pmap_bootstrap_alloc(unsigned long size);

void *
i386_msgbuf_init(void)
{
	return pmap_bootstrap_alloc(8192);
}
