/*
 * alloc/sync/sync.h: locks and thread identity, in three modes chosen once at start
 * (option STRATA_THREADS: none, spin, mutex; default mutex hosted, spin freestanding).
 *   none   every lock operation is a no-op (single-threaded, embedded)
 *   spin   test-and-test-and-set with exponential backoff
 *   mutex  spin briefly, then sleep (futex hosted; spin + yield hook freestanding)
 * A sync_lock_t is one word (two in debug builds, which record the holder); it is valid
 * zero-initialised (unlocked).
 */
#ifndef STRATA_ALLOC_SYNC_H
#define STRATA_ALLOC_SYNC_H

#include <stdatomic.h>
#include <stdint.h>

typedef struct sync_lock {
	atomic_int word;   /* 0 free, 1 held, 2 held with sleepers (mutex mode) */
#ifdef STRATA_LOCK_DEBUG
	atomic_uintptr_t owner;   /* debug builds: sync_thread_id() of the holder, 0 when free */
#endif
} sync_lock_t;

#define SYNC_LOCK_INITIALIZER { 0 }

enum sync_mode { SYNC_NONE = 0, SYNC_SPIN = 1, SYNC_MUTEX = 2 };

/* The mode in force (read once from the options at core start). */
enum sync_mode sync_mode_get(void);
void sync_mode_set(enum sync_mode mode);

void sync_lock_init(sync_lock_t *lock);
void sync_lock_acquire(sync_lock_t *lock);
void sync_lock_release(sync_lock_t *lock);
int sync_lock_try(sync_lock_t *lock);   /* 1 when acquired */
/* Whether the calling thread holds the lock, for ASSERT(sync_lock_held(&l)) at the top
 * of every *_locked function. Debug builds (STRATA_LOCK_DEBUG) record the holder and
 * answer exactly; other builds answer "someone holds it"; in mode none, always 1. */
int sync_lock_held(const sync_lock_t *lock);

/* A non-zero number unique among live threads (freestanding: 1). */
uintptr_t sync_thread_id(void);

/* Register fn(arg) to run when the calling thread exits (hosted: a pthread key destructor,
 * set up without allocating from malloc; freestanding: never runs). Returns 0 on success. */
int sync_thread_exit_hook(void (*fn)(void *), void *arg);

#endif /* STRATA_ALLOC_SYNC_H */
