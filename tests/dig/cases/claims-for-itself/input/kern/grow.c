/* A process's data segment grown by n bytes: the memory is kept in the process it
 * fetched and the call returns a status, yet the process gets memory of the size asked:
 * it takes a size, so it is no set-up step. */
#include <stddef.h>

struct proc {
	char *data;
	size_t dsize;
};

extern struct proc *curproc(void);
extern void *kmem_alloc(size_t, int);
extern void kmem_free(void *, size_t);

int
proc_grow(size_t n)
{
	struct proc *p = curproc();

	p->data = kmem_alloc(n, 0);
	if (p->data == NULL)
		return -1;
	p->dsize = n;
	return 0;
}

void
proc_shrink(void)
{
	struct proc *p = curproc();

	kmem_free(p->data, p->dsize);
	p->data = NULL;
}
