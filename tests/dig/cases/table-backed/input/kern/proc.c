/* allocproc hands out an UNUSED slot of the process table and backs it with a kernel stack
 * from kalloc; wait, named like no release, gives the stack back to kfree and the slot back
 * to the table: a table allocator found by what its release does. */
#define NPROC 64
enum procstate { UNUSED, EMBRYO, RUNNABLE, ZOMBIE };

struct spinlock { int locked; };
struct proc { enum procstate state; char *kstack; int pid; };

void acquire(struct spinlock *lk);
void release(struct spinlock *lk);
char *kalloc(void);
void kfree(char *v);

struct {
	struct spinlock lock;
	struct proc proc[NPROC];
} ptable;

static struct proc *allocproc(void)
{
	struct proc *p;

	acquire(&ptable.lock);
	for (p = ptable.proc; p < &ptable.proc[NPROC]; p++)
		if (p->state == UNUSED)
			goto found;
	release(&ptable.lock);
	return 0;
found:
	p->state = EMBRYO;
	release(&ptable.lock);
	if ((p->kstack = kalloc()) == 0) {
		p->state = UNUSED;
		return 0;
	}
	return p;
}

int wait(void)
{
	struct proc *p;

	acquire(&ptable.lock);
	for (p = ptable.proc; p < &ptable.proc[NPROC]; p++)
		if (p->state == ZOMBIE) {
			kfree(p->kstack);
			p->kstack = 0;
			p->state = UNUSED;
			release(&ptable.lock);
			return p->pid;
		}
	release(&ptable.lock);
	return -1;
}

int fork(void)
{
	struct proc *np = allocproc();
	return np ? np->pid : -1;
}
