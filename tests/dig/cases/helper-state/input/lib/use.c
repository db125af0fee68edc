void *zalloc(unsigned n);
void zfree(void *p);

int main(void)
{
	char *p = zalloc(16);
	zfree(p);
	return 0;
}
