/* A table set-up named like an allocator: fills a global table, returns nothing (its one
 * call is a statement). Beside it a near miss: a K&R allocator whose value one caller
 * discards and another uses. */
#define NF 10
#define SL 100
char *tmp[NF];
char *pool;
int left;
char *malloc();
char *sbrk();

talloc()
{
	int i;
	for (i = 0; i < NF; i++)
		tmp[i] = malloc(SL);
}

char *
galloc(n)
int n;
{
	char *p;
	if (n > left) {
		pool = sbrk(1024);
		left = 1024;
	}
	p = pool;
	pool += n;
	left -= n;
	return p;
}

main(argc, argv)
char **argv;
{
	char *s;
	talloc();
	if (argc > 1)
		galloc(16);
	s = galloc(32);
	return s == 0;
}
