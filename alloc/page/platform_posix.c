/*
 * alloc/page/platform_posix.c: the hosted hook table (Linux/glibc and POSIX systems).
 *
 * Every hook runs inside the allocator, possibly inside malloc itself, so none may call a
 * libc function that allocates. What this file relies on, and why it is safe:
 *   write(2), abort(3), sysconf(3), sched_yield(2), syscall(SYS_futex),
 *     clock_gettime(2) (a vDSO call on Linux): no allocation.
 *   environ: read directly, never through getenv (which is fine too, but this way the
 *     reader is obviously allocation-free and works before libc finished starting).
 *   thread id: the address of a _Thread_local byte (initial-exec TLS, so no
 *     __tls_get_addr and no lazy TLS allocation even in an LD_PRELOADed libstrata.so).
 *   thread exit: one pthread key whose destructor runs every registered callback.
 *     glibc's pthread_key_create only claims a slot in a static table, and
 *     pthread_setspecific for the first 32 keys (PTHREAD_KEY_2NDLEVEL_SIZE) stores into
 *     the thread descriptor's static first block: neither calls malloc. libstrata
 *     creates its key at first need, early in the process, so it gets a low key.
 *   atexit: glibc keeps the first 32 registrations in a static block (no malloc).
 *   getrandom(2) by syscall(2), getauxval(3) (reads the auxiliary vector): no allocation.
 *   open(2), close(2), getpid(2), program_invocation_name (a glibc variable set before
 *     main): the statistics dump at exit; no allocation.
 * Errors from these calls are not reported: they degrade (no exit hook, no sleep).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/futex.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#endif

#include "alloc/page/platform.h"

/* Most callbacks one process registers (stats, slab caches, malloc face, spares). */
#define POSIX_EXIT_HOOKS 8

extern char **environ;

/* Per-thread: the argument each registered callback gets at this thread's exit. */
struct posix_thread {
	void *arg[POSIX_EXIT_HOOKS];          /* argument for callback i */
	unsigned char armed[POSIX_EXIT_HOOKS]; /* 1 when callback i runs at exit */
};

/* Module state of the hosted seam. */
static struct posix_state {
	pthread_mutex_t lock;                         /* guards key creation and fns[] */
	pthread_key_t key;                            /* the thread-exit key */
	int key_state;                                /* 0 none, 1 ready, -1 failed */
	void (*fns[POSIX_EXIT_HOOKS])(void *);        /* registered callbacks, in order */
} posix_state = { .lock = PTHREAD_MUTEX_INITIALIZER };

static _Thread_local struct posix_thread posix_thread
	__attribute__((tls_model("initial-exec")));
static _Thread_local char posix_tid_anchor __attribute__((tls_model("initial-exec")));

/* Write all of text to fd, retrying on EINTR; errno is preserved. */
static void posix_write(int fd, const char *text, size_t len)
{
	int saved = errno;
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		text += n;
		len -= (size_t)n;
	}
	errno = saved;
}

/* Abort the process (SIGABRT, a core dump where enabled). */
static void posix_abort(void)
{
	abort();
}

/* Look NAME up in environ without allocating. */
static const char *posix_env_get(const char *name)
{
	size_t n = strlen(name);
	if (!environ)
		return NULL;
	for (char **e = environ; *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* The system page size. */
static size_t posix_page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);
	return ps > 0 ? (size_t)ps : 4096;
}

/* A TLS address: distinct for every live thread and never 0. */
static uintptr_t posix_thread_id(void)
{
	return (uintptr_t)&posix_tid_anchor;
}

/* The key destructor: run the armed callbacks of the exiting thread, in order. */
static void posix_thread_exit(void *value)
{
	struct posix_thread *t = value;
	for (int i = 0; i < POSIX_EXIT_HOOKS; i++) {
		void (*fn)(void *) = posix_state.fns[i];
		if (t->armed[i] && fn) {
			t->armed[i] = 0;
			fn(t->arg[i]);
		}
	}
}

/* Arm fn(arg) for the calling thread's exit. -1 when no key or too many callbacks. */
static int posix_thread_exit_hook(void (*fn)(void *), void *arg)
{
	int slot = -1;
	pthread_mutex_lock(&posix_state.lock);
	if (posix_state.key_state == 0)
		posix_state.key_state = pthread_key_create(&posix_state.key, posix_thread_exit) == 0 ? 1 : -1;
	if (posix_state.key_state == 1) {
		for (int i = 0; i < POSIX_EXIT_HOOKS && slot < 0; i++)
			if (posix_state.fns[i] == fn)
				slot = i;
		for (int i = 0; i < POSIX_EXIT_HOOKS && slot < 0; i++)
			if (!posix_state.fns[i]) {
				posix_state.fns[i] = fn;
				slot = i;
			}
	}
	pthread_mutex_unlock(&posix_state.lock);
	if (slot < 0)
		return -1;
	posix_thread.arg[slot] = arg;
	posix_thread.armed[slot] = 1;
	return pthread_setspecific(posix_state.key, &posix_thread) == 0 ? 0 : -1;
}

/* Sleep while *word == value (futex on Linux; a yield elsewhere). */
static void posix_wait(atomic_int *word, int value)
{
#if defined(__linux__)
	int saved = errno;
	syscall(SYS_futex, (int *)word, FUTEX_WAIT_PRIVATE, value, NULL, NULL, 0);
	errno = saved;
#else
	(void)word;
	(void)value;
	sched_yield();
#endif
}

/* Wake one sleeper on word. */
static void posix_wake(atomic_int *word)
{
#if defined(__linux__)
	int saved = errno;
	syscall(SYS_futex, (int *)word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	errno = saved;
#else
	(void)word;
#endif
}

/* Give up the CPU. */
static void posix_yield(void)
{
	sched_yield();
}

/* Run fn at exit. */
static int posix_at_exit(void (*fn)(void))
{
	return atexit(fn);
}

/* Monotonic milliseconds (CLOCK_MONOTONIC; +1 so that it is never 0). */
static uint64_t posix_clock_ms(void)
{
	struct timespec ts;
	int saved = errno;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		errno = saved;
		return 0;
	}
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u + 1u;
}

/* Random bytes for the engine's secrets: getrandom(2) (the raw system call, so that it
 * works before libc is fully up and never blocks: GRND_NONBLOCK), else the 16 bytes the
 * kernel put in the auxiliary vector at exec (AT_RANDOM), stretched by a mixer; -1 when
 * neither is there (the caller falls back). errno is preserved. */
static int posix_entropy(void *buf, size_t len)
{
	int saved = errno;
	int rc = -1;
#if defined(__linux__) && defined(SYS_getrandom)
	unsigned char *out = buf;
	size_t got = 0;
	while (got < len) {
		long n = syscall(SYS_getrandom, out + got, len - got, 0x1 /* GRND_NONBLOCK */);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got == len) {
		rc = 0;
	} else {
		const unsigned char *aux = (const unsigned char *)getauxval(AT_RANDOM);
		if (aux) {
			uint64_t a, b;
			memcpy(&a, aux, 8);
			memcpy(&b, aux + 8, 8);
			for (size_t i = 0; i < len; i++) {
				if (i % 8 == 0) {
					a += 0x9e3779b97f4a7c15ull;
					b = (b ^ a) * 0xbf58476d1ce4e5b9ull;
					b ^= b >> 31;
				}
				out[i] = (unsigned char)(b >> (8 * (i % 8)));
			}
			rc = 0;
		}
	}
#else
	(void)buf;
	(void)len;
#endif
	errno = saved;
	return rc;
}

/* Create or empty a file for writing. */
static int posix_file_create(const char *path)
{
	int saved = errno;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	errno = saved;
	return fd;
}

/* Close it. */
static void posix_file_close(int fd)
{
	int saved = errno;
	close(fd);
	errno = saved;
}

/* The process id. */
static long posix_process_id(void)
{
	return (long)getpid();
}

/* argv[0] as the program was invoked (glibc); NULL elsewhere. */
static const char *posix_program_name(void)
{
#if defined(__GLIBC__)
	return program_invocation_name;
#else
	return NULL;
#endif
}

const struct platform_hooks platform_posix_hooks = {
	.name = "posix",
	.write = posix_write,
	.abort = posix_abort,
	.env_get = posix_env_get,
	.page_size = posix_page_size,
	.thread_id = posix_thread_id,
	.thread_exit_hook = posix_thread_exit_hook,
	.wait = posix_wait,
	.wake = posix_wake,
	.yield = posix_yield,
	.at_exit = posix_at_exit,
	.clock_ms = posix_clock_ms,
	.entropy = posix_entropy,
	.file_create = posix_file_create,
	.file_close = posix_file_close,
	.process_id = posix_process_id,
	.program_name = posix_program_name,
};
