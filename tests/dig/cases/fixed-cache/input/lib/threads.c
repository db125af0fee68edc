/* thread_alloc is a cache of one object size in front of malloc: it pops free_threads, else
 * asks malloc for sizeof(struct thread); thread_free pushes the object back. It takes no
 * size and no word in its name says cache: fixed-size by what it does. */
void *malloc(unsigned long n);
typedef void (*thread_fn_t)(void *);
struct thread { struct thread *next; thread_fn_t func; void *arg; };
static struct thread *free_threads;

struct thread *thread_alloc(thread_fn_t func, void *arg)
{
	struct thread *t = free_threads;
	if (t != 0)
		free_threads = t->next;
	else
		t = (struct thread *)malloc(sizeof(struct thread));
	if (t == 0)
		return 0;
	t->func = func;
	t->arg = arg;
	return t;
}

void thread_free(struct thread *t)
{
	t->next = free_threads;
	free_threads = t;
}
