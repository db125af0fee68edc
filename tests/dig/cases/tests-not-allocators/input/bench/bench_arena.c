void *arena_alloc(unsigned long size);

void *
bench_alloc(unsigned long n)
{
	void *last = 0;

	while (n-- > 0)
		last = arena_alloc(32);
	return last;
}
