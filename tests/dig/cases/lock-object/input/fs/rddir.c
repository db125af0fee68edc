/* A readdir cache entry: built with its lock, condition variable and reference count. */
#include <stddef.h>

extern void *kmem_alloc(size_t size, int flags);
extern void kmem_free(void *p, size_t size);
extern void mutex_init(void *m, char *name, int type, void *arg);
extern void mutex_destroy(void *m);
extern void mutex_enter(void *m);
extern void mutex_exit(void *m);
extern void cv_init(void *cv, char *name, int type, void *arg);
extern void cv_destroy(void *cv);

typedef struct rddir_cache {
	void *entries;
	int flags;
	int count;
	char lock[16];
	char cv[16];
} rddir_cache;

extern void atomic_add_64(unsigned long *v, long d);
static unsigned long rddir_entries;     /* entries alive, for the statistics */

/* A new entry, held once by its maker. */
rddir_cache *rddir_cache_alloc(int flags)
{
	rddir_cache *rc;

	rc = kmem_alloc(sizeof (*rc), flags);
	if (rc != NULL) {
		rc->entries = NULL;
		rc->flags = 1;
		cv_init(&rc->cv, NULL, 0, NULL);
		mutex_init(&rc->lock, NULL, 0, NULL);
		rc->count = 1;
		atomic_add_64(&rddir_entries, 1);
	}
	return (rc);
}

/* Tear an entry down when its last hold goes. */
static void rddir_cache_free(rddir_cache *rc)
{
	atomic_add_64(&rddir_entries, -1);
	mutex_destroy(&rc->lock);
	cv_destroy(&rc->cv);
	kmem_free(rc, sizeof (*rc));
}

/* Drop a hold; the last one frees the entry. */
void rddir_cache_rele(rddir_cache *rc)
{
	mutex_enter(&rc->lock);
	if (--rc->count == 0) {
		mutex_exit(&rc->lock);
		rddir_cache_free(rc);
		return;
	}
	mutex_exit(&rc->lock);
}
