/* A free-list malloc serialised by a lock of its own: spin on a swap, sleep on a wait. */
#include <stddef.h>
#include "futex.h"

struct blk {
	struct blk *next;
	size_t size;
};

static struct blk *free_list;
static volatile int heap_lock[2];
static char heap[65536];
static size_t heap_used;

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

void *spin_malloc(size_t n)
{
	struct blk *b;
	lock(heap_lock);
	b = free_list;
	if (b && b->size >= n) {
		free_list = b->next;
		unlock(heap_lock);
		return b + 1;
	}
	if (heap_used + n + sizeof *b > sizeof heap) {
		unlock(heap_lock);
		return NULL;
	}
	b = (struct blk *)(heap + heap_used);
	heap_used += n + sizeof *b;
	b->size = n;
	unlock(heap_lock);
	return b + 1;
}

void spin_free(void *p)
{
	struct blk *b = (struct blk *)p - 1;
	lock(heap_lock);
	b->next = free_list;
	free_list = b;
	unlock(heap_lock);
}
