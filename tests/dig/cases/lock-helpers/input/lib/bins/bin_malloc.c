/* Binned free lists: a lock per bin taken through a helper of a helper (bin_lock ->
 * lock), and a statistics counter updated under a mutex (a critical section, no helper). */
#include <stddef.h>
#include <pthread.h>

int a_swap(volatile int *p, int v);
void a_store(volatile int *p, int v);
void __wait(volatile int *addr, volatile int *waiters, int val, int priv);
void __wake(volatile int *addr, int cnt, int priv);

struct bin {
	volatile int lock[2];
	void *head;
};

static struct bin bins[8];
static pthread_mutex_t stat_mutex = PTHREAD_MUTEX_INITIALIZER;
static unsigned long nallocs;
static char arena[32768];
static size_t arena_used;

static void lock(volatile int *lk)
{
	while (a_swap(lk, 1))
		__wait(lk, lk + 1, 1, 1);
}

static void unlock(volatile int *lk)
{
	a_store(lk, 0);
	if (lk[1])
		__wake(lk, 1, 1);
}

static void bin_lock(int i)
{
	lock(bins[i].lock);
}

static void bin_unlock(int i)
{
	unlock(bins[i].lock);
}

static void stat_count(void)
{
	pthread_mutex_lock(&stat_mutex);
	nallocs++;
	pthread_mutex_unlock(&stat_mutex);
}

void *bin_malloc(size_t n)
{
	int i = n > 512 ? 7 : (int)(n / 64);
	void *p;
	stat_count();
	bin_lock(i);
	p = bins[i].head;
	if (p)
		bins[i].head = *(void **)p;
	bin_unlock(i);
	if (!p && arena_used + 512 <= sizeof arena) {
		p = arena + arena_used;
		arena_used += 512;
	}
	return p;
}

void bin_free(void *p, size_t n)
{
	int i = n > 512 ? 7 : (int)(n / 64);
	bin_lock(i);
	*(void **)p = bins[i].head;
	bins[i].head = p;
	bin_unlock(i);
}
