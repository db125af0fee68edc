void
use_allocators(void)
{
	char *a = log_alloc(16, "tag", 3);
	char *b = oalloc(32, 1);
	char *c = log_alloc();

	(void)a;
	(void)b;
	(void)c;
}
