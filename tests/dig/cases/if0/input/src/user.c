void *bump_alloc(unsigned long n);
void bump_release(void *p);

int
use_bump(void)
{
	char *a = bump_alloc(16);

#if 0
	char *b = bump_alloc(32);
	bump_release(b);
#endif
	bump_release(a);
	return 0;
}
