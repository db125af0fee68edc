/* Blocks kept on a list of its own under a lock, refilled from the heap: the list is state
 * both sides use, whatever the lock beside it. */
#include <pthread.h>

void *heap_malloc(unsigned long n);

struct rblock {
	struct rblock *next;
};

static pthread_mutex_t recycle_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rblock *recycle_list;

void *recycle_alloc(unsigned long size)
{
	struct rblock *b;
	pthread_mutex_lock(&recycle_lock);
	b = recycle_list;
	if (b != 0)
		recycle_list = b->next;
	pthread_mutex_unlock(&recycle_lock);
	if (b == 0)
		b = heap_malloc(size < sizeof *b ? sizeof *b : size);
	return b;
}

void recycle_free(void *p)
{
	struct rblock *b = p;
	pthread_mutex_lock(&recycle_lock);
	b->next = recycle_list;
	recycle_list = b;
	pthread_mutex_unlock(&recycle_lock);
}
