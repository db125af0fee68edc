/* Calls the allocation function it is given until it succeeds or gives up: a wrapper of
 * whatever it is given, though no allocator's name appears in its body. */
void pause_ms(unsigned ms);
void fatal(const char *msg);
void *arena_get(unsigned long size, int flags);

void *svc_alloc_retry(void *f(unsigned long, int), unsigned long sz)
{
	void *p;
	unsigned tries, ms = 10;
	p = f(sz, 0);
	if (p != 0 || sz == 0)
		return p;
	for (tries = 0; p == 0 && tries < 5; tries++) {
		pause_ms(ms);
		ms *= 2;
		p = f(sz, 0);
	}
	if (p == 0)
		fatal("out of memory");
	return p;
}

void *svc_table(unsigned long n)
{
	return svc_alloc_retry(arena_get, n * 16);
}
