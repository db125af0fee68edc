/*
 * alloc/sync/sync.c: locks in three modes, thread identity and thread-exit hooks.
 *
 * Theory. A sync_lock_t is one atomic int: 0 free, 1 held, 2 held and someone may sleep
 * on it. The mode is process-wide, read once from STRATA_THREADS at first use (or set by
 * sync_mode_set before any thread exists):
 *   none   acquire/release do nothing: single-threaded programs and embedded builds pay
 *          no atomic at all.
 *   spin   test-and-test-and-set: spin on a plain load (the line stays shared in every
 *          waiter's cache) and only then try the exchange; between tries back off
 *          exponentially, 1, 2, 4 ... SYNC_BACKOFF_MAX pause instructions, so that many
 *          waiters do not hammer the line. Critical sections in libstrata are short
 *          (a list splice, a vmem split), so spinning is usually cheapest.
 *   mutex  spin SYNC_SPIN_TRIES rounds as above, then mark the word 2 and sleep on it
 *          (futex hosted; freestanding without a wait hook the "sleep" is a yield, so it
 *          degrades to spin + yield). Release exchanges 0 in and wakes one sleeper only
 *          when the old value was 2 (Drepper, "Futexes are tricky", mutex #2).
 * Changing the mode while a lock is held is undefined: set it before threads start.
 *
 * Failure: nothing here fails; sync_lock_try returns 0 when the lock is taken.
 * Part of the core: freestanding headers only; the OS is reached through the platform
 * hooks (alloc/page/platform.h).
 */
#include "alloc/sync/sync.h"

#include "alloc/options.h"
#include "alloc/page/platform.h"

/* Most pause instructions between two tries: 2^6 pauses is ~ a cache miss or two on
 * x86 (a pause is 10-140 cycles), long enough to let the owner finish a short section. */
#define SYNC_BACKOFF_MAX 64
/* Spin rounds in mutex mode before sleeping: with the backoff above this is a few
 * microseconds, about the cost of the futex round trip it may save. */
#define SYNC_SPIN_TRIES 16

/* Module state: the mode, -1 until read from the options. */
static struct sync_state {
	atomic_int mode;   /* enum sync_mode, or -1 while unknown */
} sync_state = { -1 };

/* A CPU hint that we are spinning (no-op where there is none). */
static inline void sync_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#elif defined(__aarch64__)
	__asm__ __volatile__("yield");
#endif
}

/* The mode in force; read from the option table at first use. */
enum sync_mode sync_mode_get(void)
{
	int m = atomic_load_explicit(&sync_state.mode, memory_order_relaxed);
	if (m < 0) {
		long v = options_get(OPT_THREADS);
		m = (v >= SYNC_NONE && v <= SYNC_MUTEX) ? (int)v : SYNC_MUTEX;
		int expected = -1;
		if (!atomic_compare_exchange_strong(&sync_state.mode, &expected, m))
			m = expected;
	}
	return (enum sync_mode)m;
}

/* Force a mode (before any thread is started). */
void sync_mode_set(enum sync_mode mode)
{
	atomic_store(&sync_state.mode, (int)mode);
}

/* Debug builds: note the holder of a lock just taken (0: just released). */
static inline void sync_owner_set(sync_lock_t *lock, uintptr_t who)
{
#ifdef STRATA_LOCK_DEBUG
	atomic_store_explicit(&lock->owner, who, memory_order_relaxed);
#else
	(void)lock;
	(void)who;
#endif
}

/* Make a lock free. */
void sync_lock_init(sync_lock_t *lock)
{
	atomic_store_explicit(&lock->word, 0, memory_order_relaxed);
	sync_owner_set(lock, 0);
}

/* Whether the calling thread holds the lock (see sync.h for what non-debug builds say). */
int sync_lock_held(const sync_lock_t *lock)
{
	if (sync_mode_get() == SYNC_NONE)
		return 1;
#ifdef STRATA_LOCK_DEBUG
	return atomic_load_explicit(&lock->owner, memory_order_relaxed) == platform_thread_id();
#else
	return atomic_load_explicit(&lock->word, memory_order_relaxed) != 0;
#endif
}

/* Spin until the word looks free or the budget of rounds is spent; 1 when it looked free. */
static int sync_lock_spin(sync_lock_t *lock, int rounds)
{
	unsigned backoff = 1;
	for (int r = 0; rounds < 0 || r < rounds; r++) {
		if (atomic_load_explicit(&lock->word, memory_order_relaxed) == 0)
			return 1;
		for (unsigned i = 0; i < backoff; i++)
			sync_cpu_relax();
		if (backoff < SYNC_BACKOFF_MAX)
			backoff <<= 1;
	}
	return 0;
}

static void sync_lock_take(sync_lock_t *lock);

/* Take the lock, in the mode in force (debug builds: and note the holder). */
void sync_lock_acquire(sync_lock_t *lock)
{
	sync_lock_take(lock);
#ifdef STRATA_LOCK_DEBUG
	if (sync_mode_get() != SYNC_NONE)
		sync_owner_set(lock, platform_thread_id());
#endif
}

/* Take the lock, in the mode in force. */
static void sync_lock_take(sync_lock_t *lock)
{
	enum sync_mode mode = sync_mode_get();
	int expected;
	if (mode == SYNC_NONE)
		return;
	if (mode == SYNC_SPIN) {
		for (;;) {
			expected = 0;
			if (atomic_compare_exchange_weak_explicit(&lock->word, &expected, 1,
			                                          memory_order_acquire, memory_order_relaxed))
				return;
			sync_lock_spin(lock, -1);
		}
	}
	/* mutex: fast path, then a bounded spin, then sleep with the word at 2. */
	expected = 0;
	if (atomic_compare_exchange_strong_explicit(&lock->word, &expected, 1,
	                                            memory_order_acquire, memory_order_relaxed))
		return;
	for (int tries = 0; tries < SYNC_SPIN_TRIES; tries++) {
		sync_lock_spin(lock, 1);
		expected = 0;
		if (atomic_compare_exchange_weak_explicit(&lock->word, &expected, 1,
		                                          memory_order_acquire, memory_order_relaxed))
			return;
	}
	while (atomic_exchange_explicit(&lock->word, 2, memory_order_acquire) != 0)
		platform_wait(&lock->word, 2);
}

/* Release the lock; in mutex mode wake a sleeper if there may be one. */
void sync_lock_release(sync_lock_t *lock)
{
	enum sync_mode mode = sync_mode_get();
	if (mode == SYNC_NONE)
		return;
	sync_owner_set(lock, 0);
	if (mode == SYNC_SPIN) {
		atomic_store_explicit(&lock->word, 0, memory_order_release);
		return;
	}
	if (atomic_exchange_explicit(&lock->word, 0, memory_order_release) == 2)
		platform_wake(&lock->word);
}

/* Take the lock if it is free; 1 when taken (always 1 in none mode). */
int sync_lock_try(sync_lock_t *lock)
{
	if (sync_mode_get() == SYNC_NONE)
		return 1;
	int expected = 0;
	if (!atomic_compare_exchange_strong_explicit(&lock->word, &expected, 1, memory_order_acquire,
	                                             memory_order_relaxed))
		return 0;
#ifdef STRATA_LOCK_DEBUG
	sync_owner_set(lock, platform_thread_id());
#endif
	return 1;
}

/* The calling thread's id (non-zero). */
uintptr_t sync_thread_id(void)
{
	return platform_thread_id();
}

/* Run fn(arg) when the calling thread exits. */
int sync_thread_exit_hook(void (*fn)(void *), void *arg)
{
	return platform_thread_exit_hook(fn, arg);
}
