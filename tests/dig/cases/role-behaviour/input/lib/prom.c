/* prom_alloc asks the firmware for num_bytes through its vector of entry points and
 * returns what the firmware gives; prom_free hands it back the same way: a wrapper of the
 * firmware's allocator (num_bytes is its size, passed through a pointer of the vector). */
struct prom_ops {
	char *(*mem_alloc)(char *hint, unsigned int num_bytes);
	void (*mem_free)(char *vaddr, unsigned int num_bytes);
};
#define romvec ((struct prom_ops *)0xffe81000)   /* the firmware's vector, at a fixed address */
int prom_vers;

char *prom_alloc(char *virtual_hint, unsigned int num_bytes)
{
	if (prom_vers == 0 || num_bytes == 0)
		return (char *)0;
	return (*(romvec->mem_alloc))(virtual_hint, num_bytes);
}

void prom_free(char *vaddr, unsigned int num_bytes)
{
	if (prom_vers == 0 || num_bytes == 0)
		return;
	(*(romvec->mem_free))(vaddr, num_bytes);
}
