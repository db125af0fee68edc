struct alloc_ops { void *(*alloc)(size_t); };
static struct alloc_ops ops[] = { { .alloc = kalloc }, [1] = { .alloc = &zalloc } };
static char arena[16 * 1024];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
void *f(struct alloc_ops *a, size_t n) {
	a->alloc = boot_alloc;
	memset(arena, 0xa5, sizeof(arena));
	__sync_fetch_and_add(&n, 1);
	return a->alloc(n) ?: (*fp)(n);
}
