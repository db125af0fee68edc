/* Not a wrapper: it passes its own arena (a global the release passes too) to the
 * engine below, so the arena is its state. */
struct lmm { void *regions; unsigned long free; };
struct lmm heap_lmm;
void *lmm_alloc(struct lmm *lmm, unsigned long size, int flags);
void lmm_free(struct lmm *lmm, void *p, unsigned long size);

void *malloc(unsigned long size)
{
	unsigned long *p = lmm_alloc(&heap_lmm, size + sizeof(unsigned long), 0);
	if (p == 0)
		return 0;
	*p = size;
	return p + 1;
}

void free(void *v)
{
	unsigned long *p = (unsigned long *)v - 1;
	lmm_free(&heap_lmm, p, *p + sizeof(unsigned long));
}
