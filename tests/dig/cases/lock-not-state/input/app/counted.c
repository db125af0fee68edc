/* The heap's memory as is, its bytes counted under a lock: the lock guards a counter and
 * is no state of an allocator, so this is a wrapper. */
#include <pthread.h>

void *heap_malloc(unsigned long n);
void heap_free(void *p);

static pthread_mutex_t counted_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long counted_bytes;

void *counted_alloc(unsigned long size)
{
	void *p = heap_malloc(size);
	if (p == 0)
		return 0;
	pthread_mutex_lock(&counted_lock);
	counted_bytes += size;
	pthread_mutex_unlock(&counted_lock);
	return p;
}

void counted_free(void *p, unsigned long size)
{
	pthread_mutex_lock(&counted_lock);
	counted_bytes -= size;
	pthread_mutex_unlock(&counted_lock);
	heap_free(p);
}
