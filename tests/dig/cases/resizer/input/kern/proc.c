/* growproc has no verb: it forwards growth to allocuvm and shrinking to deallocuvm (both
 * halves of one range API, the same parameters): a wrapper. scratch takes a buffer from
 * kalloc and gives it back at once: it calls an allocator and a release that are no two
 * halves of one range API, so it is no allocator. */
typedef unsigned int uint;
typedef uint pde_t;

struct proc { uint sz; pde_t *pgdir; };

struct proc *myproc(void);
int allocuvm(pde_t *pgdir, uint oldsz, uint newsz);
int deallocuvm(pde_t *pgdir, uint oldsz, uint newsz);
char *kalloc(void);
void kfree(char *v);
void fill(char *buf, int n);

int growproc(int n)
{
	uint sz;
	struct proc *curproc = myproc();

	sz = curproc->sz;
	if (n > 0) {
		if ((sz = allocuvm(curproc->pgdir, sz, sz + n)) == 0)
			return -1;
	} else if (n < 0) {
		if ((sz = deallocuvm(curproc->pgdir, sz, sz + n)) == 0)
			return -1;
	}
	curproc->sz = sz;
	return 0;
}

int scratch(int n)
{
	char *buf = kalloc();
	if (!buf)
		return -1;
	fill(buf, n);
	kfree(buf);
	return 0;
}
