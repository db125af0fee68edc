/* share reads the break with sbrk(0) (a literal zero asks for nothing: no chunk it serves
 * from) and attaches a segment of len bytes there: it keeps nothing across calls. */
char *sbrk(long incr);
void *segattach(int attr, const char *class, void *va, unsigned long len);

void *share(unsigned long len)
{
	char *va = sbrk(0);
	if (va == (char *)-1)
		return 0;
	va += 2 * 1024 * 1024;
	if (segattach(0, "shared", va, len) == (void *)-1)
		return 0;
	return va;
}
