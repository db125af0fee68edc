/* An allocator that takes its caller's lock through hooks the pool holds (p->lock(p)), and
 * Plan 9's ilock around its counters. */
struct pool {
	char *next;
	char *end;
	void (*lock)(struct pool *);
	void (*unlock)(struct pool *);
	int lk;
	unsigned long nalloc;
};

static struct pool mainpool;

void ilock(int *lk);
void iunlock(int *lk);

void *poolalloc(struct pool *p, unsigned long n)
{
	char *v;
	p->lock(p);
	v = p->next;
	if (v + n > p->end)
		v = 0;
	else
		p->next += n;
	p->unlock(p);
	ilock(&p->lk);
	p->nalloc++;
	iunlock(&p->lk);
	return v;
}

void poolfree(struct pool *p, void *v)
{
	p->lock(p);
	p->unlock(p);
}

void *pool_malloc(unsigned long n)
{
	return poolalloc(&mainpool, n);
}
