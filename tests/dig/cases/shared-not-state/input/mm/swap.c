/* swap slots out of a map of its own; it reads the page allocator's counter and takes its
 * lock, which makes it no part of that allocator */
struct spinlock {
	int locked;
};

extern int nr_free;
extern struct spinlock mem_lock;
unsigned char swap_map[1024];

void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);

long swap_alloc(void)
{
	long i;
	if (nr_free > 64)
		return 0;
	spin_lock(&mem_lock);
	for (i = 1; i < 1024; i++)
		if (!swap_map[i]) {
			swap_map[i] = 1;
			spin_unlock(&mem_lock);
			return i;
		}
	spin_unlock(&mem_lock);
	return 0;
}

void swap_free(long i)
{
	if (swap_map[i])
		swap_map[i]--;
}
