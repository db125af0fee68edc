/* allocproc takes a slot and fills it with a stack from malloc: it obtains memory from another
 * allocator, so it is a constructor over malloc, not a table allocator of its own. */
#define NPROC 64

struct proc { int state; char *kstack; };

static struct proc ptable[NPROC];

void *malloc(unsigned long n);

struct proc *allocproc(void)
{
	struct proc *p;

	for (p = ptable; p < &ptable[NPROC]; p++)
		if (p->state == 0) {
			p->state = 1;
			p->kstack = malloc(4096);
			return p;
		}
	return 0;
}
