static char fake_heap[256];
static unsigned long fake_top;

void *
fake_alloc(unsigned long size)
{
	void *p = &fake_heap[fake_top];

	fake_top += size;
	return p;
}

int
test_arena(void)
{
	char *p = arena_alloc(8);
	char *q = fake_alloc(8);

	return p != q;
}
