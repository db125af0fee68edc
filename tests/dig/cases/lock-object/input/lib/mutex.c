/* A thread library's hooks: a mutex object made on request, beside a record pool whose own
 * lock is a variable of the file. */
#include <stddef.h>

extern void *malloc(size_t);
extern void free(void *);
extern int mutex_init(void *m, int type, void *arg);
extern int mutex_destroy(void *m);
extern int mutex_enter(void *m);
extern int mutex_exit(void *m);

typedef struct { int owner; int waiters; } lmutex_t;

struct rec {
	struct rec *next;
	int data;
};

static lmutex_t rec_lock;
static int rec_lock_made;
static struct rec *rec_freelist;

/* A fresh mutex for the caller. */
void *lib_mutex_alloc(void)
{
	lmutex_t *mp = malloc(sizeof (lmutex_t));
	if (mp == NULL)
		return NULL;
	(void) mutex_init(mp, 0, NULL);
	return mp;
}

/* Destroy a mutex lib_mutex_alloc made. */
void lib_mutex_free(void *m)
{
	(void) mutex_destroy(m);
	free(m);
}

/* A record off the free list, else a new one; the list's lock is made on first use. */
struct rec *rec_alloc(void)
{
	struct rec *r;
	if (!rec_lock_made) {
		mutex_init(&rec_lock, 0, NULL);
		rec_lock_made = 1;
	}
	mutex_enter(&rec_lock);
	r = rec_freelist;
	if (r != NULL)
		rec_freelist = r->next;
	mutex_exit(&rec_lock);
	if (r == NULL)
		r = malloc(sizeof (struct rec));
	return r;
}

/* Put a record back on the free list. */
void rec_free(struct rec *r)
{
	mutex_enter(&rec_lock);
	r->next = rec_freelist;
	rec_freelist = r;
	mutex_exit(&rec_lock);
}
