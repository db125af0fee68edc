extern char *blkalloc();
extern void *xmalloc();
extern void xfree();

int
main(argc, argv)
	char **argv;
{
	char *line = blkalloc(128);
	void *buf = xmalloc(512);

	xfree(buf);
	return line == 0;
}
