/* Per-thread emulation data: a record made of three allocations (the record, its pid
 * record, a pid from the pid space). Its callers get an object, not memory; its release
 * takes the parts apart. */
#include <stddef.h>

struct pidrec {
	int pid;
};

struct lwpdata {
	struct pidrec *pidp;
	int flags;
};

extern void *kmem_zalloc(size_t, int);
extern void kmem_free(void *, size_t);
extern int pid_allocate(void);
extern void pid_release(int);

void *
lwpdata_alloc(void)
{
	struct lwpdata *d;
	struct pidrec *pr;

	d = kmem_zalloc(sizeof (struct lwpdata), 0);
	pr = kmem_zalloc(sizeof (struct pidrec), 0);
	pr->pid = pid_allocate();
	d->pidp = pr;
	return d;
}

void
lwpdata_free(void *p)
{
	struct lwpdata *d = p;

	pid_release(d->pidp->pid);
	kmem_free(d->pidp, sizeof (struct pidrec));
	kmem_free(d, sizeof (struct lwpdata));
}
