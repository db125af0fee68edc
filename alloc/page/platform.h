/*
 * alloc/page/platform.h: the platform seam below every layer of libstrata.
 *
 * The core (everything in STRATA_CORE_SOURCES) never calls the OS. What it needs from the
 * world beyond pages -- a place to write diagnostics, a way to stop, the environment, the
 * page size, thread identity and exit, a way to sleep on a lock word, a clock -- it asks through
 * one const table of hooks. Hosted builds (STRATA_HOSTED) start with the POSIX table from
 * alloc/page/platform_posix.c; freestanding builds start with no hooks at all, and every
 * wrapper below falls back to a safe default: write discards, abort traps, the
 * environment is empty, the page size is 4096, there is one thread, waiting spins, there
 * is no clock, no file can be created, the process id is 0 and the program is "?".
 * A kernel installs its own table (all fields optional) with platform_hooks_set().
 *
 * No hook may allocate through libstrata or libc malloc: they run inside the allocator.
 */
#ifndef STRATA_ALLOC_PLATFORM_H
#define STRATA_ALLOC_PLATFORM_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct platform_hooks {
	const char *name;                                   /* "posix", or the kernel's name */
	void (*write)(int fd, const char *text, size_t len); /* output to fd (2: diagnostics) */
	void (*abort)(void);                                /* stop the program; never returns */
	const char *(*env_get)(const char *name);           /* value of an env variable or NULL */
	size_t (*page_size)(void);                          /* a power of two >= 4096 */
	uintptr_t (*thread_id)(void);                       /* non-zero, unique among live threads */
	int (*thread_exit_hook)(void (*fn)(void *), void *arg); /* fn(arg) at thread exit; 0 ok */
	void (*wait)(atomic_int *word, int value);          /* sleep while *word == value */
	void (*wake)(atomic_int *word);                     /* wake one sleeper on word */
	void (*yield)(void);                                /* let another thread run */
	int (*at_exit)(void (*fn)(void));                   /* run fn at process exit; 0 ok */
	uint64_t (*clock_ms)(void);                         /* monotonic milliseconds, never 0 */
	int (*entropy)(void *buf, size_t len);              /* len random bytes (kernel RNG); 0 ok */
	int (*file_create)(const char *path);               /* open path for writing, created or
	                                                       emptied (0644); fd, or -1 */
	void (*file_close)(int fd);                         /* close what file_create opened */
	long (*process_id)(void);                           /* this process's id */
	const char *(*program_name)(void);                  /* how the program was invoked */
};

/* Install hooks (NULL restores the build's default table); returns the previous table. */
const struct platform_hooks *platform_hooks_set(const struct platform_hooks *hooks);
/* The table in force (never NULL: an empty table when none is installed). */
const struct platform_hooks *platform_hooks_get(void);

/* Wrappers with the freestanding fallbacks described above. */
void platform_write(const char *text, size_t len);          /* to fd 2 */
void platform_write_fd(int fd, const char *text, size_t len);
void platform_abort(void);
const char *platform_env_get(const char *name);
size_t platform_page_size(void);
uintptr_t platform_thread_id(void);
int platform_thread_exit_hook(void (*fn)(void *), void *arg);
void platform_wait(atomic_int *word, int value);
void platform_wake(atomic_int *word);
void platform_yield(void);
int platform_at_exit(void (*fn)(void));
/* Monotonic milliseconds since some fixed point, never 0; 0 when the platform has no
 * clock (freestanding without the hook): time-based purging is then off. */
uint64_t platform_clock_ms(void);
/* A file to write (the statistics dump): fd, or -1 (always, freestanding without the
 * hook). Close it with platform_file_close. */
int platform_file_create(const char *path);
void platform_file_close(int fd);
/* The process id (0 unknown) and the program's name ("?" unknown). */
long platform_process_id(void);
const char *platform_program_name(void);
/* Fill buf with len unpredictable bytes for the engine's secrets: the hook (getrandom,
 * else the kernel's AT_RANDOM bytes, hosted; a kernel's own RNG), and 0; without a hook,
 * or when it fails, bytes mixed from the clock, an address of the stack and a counter,
 * and -1 (the secrets then differ from run to run only as much as those do). */
int platform_entropy(void *buf, size_t len);
/* A 64-bit mixer (splitmix64's finaliser), for deriving keys from a draw. */
uint64_t platform_mix64(uint64_t x);
/* 1 when a wait hook exists (mutex mode can sleep), else 0. */
int platform_can_wait(void);

/* The allocation-free formatter every layer uses (%s %c %d %i %u %x %p with the
 * l, ll and z modifiers, the '-' and '0' flags and a width, and %%): writes at most cap - 1 bytes and a NUL into buf and
 * returns the length written (output beyond cap is cut, never overrun). */
size_t platform_vformat(char *buf, size_t cap, const char *fmt, va_list ap);
size_t platform_format(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Format into a stack buffer of PLATFORM_LINE_MAX bytes and write it to fd. */
#define PLATFORM_LINE_MAX 512
void platform_printf_fd(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#if STRATA_HOSTED
/* The POSIX table (alloc/page/platform_posix.c). */
extern const struct platform_hooks platform_posix_hooks;
#endif

#endif /* STRATA_ALLOC_PLATFORM_H */
