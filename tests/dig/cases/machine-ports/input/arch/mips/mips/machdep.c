/* The mips port has no pmap_bootstrap_alloc of its own here (its header makes it a macro):
 * its call must not bind to the i386 or the sparc copy. */
void *pmap_bootstrap_alloc(unsigned long size);

void *
mips_init_msgbuf(void)
{
	return pmap_bootstrap_alloc(4096);
}
