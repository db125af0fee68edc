/* The public free, in a file of its own: it forwards its pointer to the allocator's
 * release, so it folds under that allocator as its wrapper. */
void __libc_free(void *p);

void free(void *p)
{
	__libc_free(p);
}
