/* Machine-independent code: linked with whichever port is built, so its call may be
 * any port's copy. */
void *pmap_bootstrap_alloc(unsigned long size);

void *
startup_bufs(void)
{
	return pmap_bootstrap_alloc(65536);
}
