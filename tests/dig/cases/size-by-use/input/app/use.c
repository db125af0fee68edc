void *lib_malloc(unsigned long n);
void lib_free(void *p);
void *pcacheAlloc(int nByte);
void pcacheFree(void *p);

int use(void)
{
	void *a = lib_malloc(10);
	void *b = pcacheAlloc(100);
	void *c = pcacheAlloc(200);
	lib_free(a);
	pcacheFree(b);
	pcacheFree(c);
	return 0;
}
