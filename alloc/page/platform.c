/*
 * alloc/page/platform.c: the hook table in force and its freestanding fallbacks.
 *
 * Part of the core: includes only freestanding headers. Which table starts in force is
 * decided at compile time: the POSIX table when STRATA_HOSTED, else an empty one (every
 * wrapper then takes its fallback). The pointer is atomic so a kernel may install hooks
 * while other CPUs already run (readers see either the old or the new table).
 */
#include "alloc/page/platform.h"

#include <strata/page.h>

/* Module state: the table in force (NULL until first use means "the build default"). */
static struct platform_state {
	const struct platform_hooks *_Atomic hooks;   /* installed table, or NULL = default */
} platform_state;

/* The table a build starts with. */
static const struct platform_hooks *platform_default(void)
{
#if STRATA_HOSTED
	return &platform_posix_hooks;
#else
	/* The freestanding table: every hook absent. */
	static const struct platform_hooks platform_empty_hooks = { .name = "freestanding" };
	return &platform_empty_hooks;
#endif
}

/* Install a table; NULL goes back to the default. */
const struct platform_hooks *platform_hooks_set(const struct platform_hooks *hooks)
{
	const struct platform_hooks *old = atomic_exchange(&platform_state.hooks, hooks);
	return old ? old : platform_default();
}

/* The table in force. */
const struct platform_hooks *platform_hooks_get(void)
{
	const struct platform_hooks *h = atomic_load_explicit(&platform_state.hooks, memory_order_acquire);
	return h ? h : platform_default();
}

/* Write diagnostics, or discard them when nobody listens. */
void platform_write(const char *text, size_t len)
{
	platform_write_fd(2, text, len);
}

/* Write to a file descriptor (freestanding: whatever the kernel's hook does with it). */
void platform_write_fd(int fd, const char *text, size_t len)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->write)
		h->write(fd, text, len);
}

/* Stop: the hook, else a trap instruction (a kernel's debugger catches it). */
void platform_abort(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->abort)
		h->abort();
	__builtin_trap();
}

/* An environment variable's value, or NULL (freestanding: no environment). */
const char *platform_env_get(const char *name)
{
	const struct platform_hooks *h = platform_hooks_get();
	return h->env_get ? h->env_get(name) : NULL;
}

/* The page size: the hook's when it gives a sane power of two, else 4096. */
size_t platform_page_size(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	size_t ps = h->page_size ? h->page_size() : 4096;
	if (ps < 4096 || (ps & (ps - 1)) != 0)
		ps = 4096;
	return ps;
}

/* The calling thread's id; freestanding there is one thread, id 1. */
uintptr_t platform_thread_id(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	return h->thread_id ? h->thread_id() : 1;
}

/* Register a thread-exit callback; freestanding threads never exit, so accept and drop. */
int platform_thread_exit_hook(void (*fn)(void *), void *arg)
{
	const struct platform_hooks *h = platform_hooks_get();
	return h->thread_exit_hook ? h->thread_exit_hook(fn, arg) : 0;
}

/* Sleep while *word == value; without a hook, yield once (callers loop). */
void platform_wait(atomic_int *word, int value)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->wait)
		h->wait(word, value);
	else
		platform_yield();
}

/* Wake one sleeper on word (nothing to do without a wait hook). */
void platform_wake(atomic_int *word)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->wake)
		h->wake(word);
}

/* Let another thread run; without a hook this is a no-op. */
void platform_yield(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->yield)
		h->yield();
}

/* Run fn at process exit; -1 when the platform has no such notion. */
int platform_at_exit(void (*fn)(void))
{
	const struct platform_hooks *h = platform_hooks_get();
	return h->at_exit ? h->at_exit(fn) : -1;
}

/* Monotonic milliseconds from the hook (0 is moved to 1), or 0: no clock. */
uint64_t platform_clock_ms(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (!h->clock_ms)
		return 0;
	uint64_t ms = h->clock_ms();
	return ms ? ms : 1;
}

/* A 64-bit mixer (splitmix64's finaliser): every input bit moves every output bit. */
uint64_t platform_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

/* Random bytes from the hook, else a fallback from what varies between runs (see the
 * header). */
int platform_entropy(void *buf, size_t len)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->entropy && h->entropy(buf, len) == 0)
		return 0;
	static _Atomic uint64_t counter;
	uint64_t here = (uint64_t)(uintptr_t)&here;
	uint64_t seed = platform_mix64(here ^ platform_clock_ms() ^ (uint64_t)(uintptr_t)&counter ^
	                               (uint64_t)platform_thread_id() * 0x9e3779b97f4a7c15ull);
	unsigned char *out = buf;
	for (size_t i = 0; i < len; i++) {
		if (i % 8 == 0)
			seed = platform_mix64(seed ^ atomic_fetch_add(&counter, 1));
		out[i] = (unsigned char)(seed >> (8 * (i % 8)));
	}
	return -1;
}

/* Create (or empty) a file for writing; -1 without the hook. */
int platform_file_create(const char *path)
{
	const struct platform_hooks *h = platform_hooks_get();
	return h->file_create ? h->file_create(path) : -1;
}

/* Close a file platform_file_create opened. */
void platform_file_close(int fd)
{
	const struct platform_hooks *h = platform_hooks_get();
	if (h->file_close && fd >= 0)
		h->file_close(fd);
}

/* The process id, or 0. */
long platform_process_id(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	return h->process_id ? h->process_id() : 0;
}

/* The program's name, or "?". */
const char *platform_program_name(void)
{
	const struct platform_hooks *h = platform_hooks_get();
	const char *name = h->program_name ? h->program_name() : NULL;
	return name && *name ? name : "?";
}

/* Whether a real sleep exists. */
int platform_can_wait(void)
{
	return platform_hooks_get()->wait != NULL;
}

/* The page size libstrata uses (public). */
size_t strata_page_size(void)
{
	return platform_page_size();
}

/* Append one byte to the formatter's buffer, keeping room for the NUL. */
static void platform_put(char *buf, size_t cap, size_t *len, char c)
{
	if (*len + 1 < cap)
		buf[*len] = c;
	(*len)++;
}

/* Append text of n bytes padded to width (left-justified when left, else with pad). */
static void platform_put_field(char *buf, size_t cap, size_t *len, const char *text, size_t n,
                               size_t width, int left, char pad)
{
	size_t fill = width > n ? width - n : 0;
	if (!left && pad == '0' && n > 0 && text[0] == '-') {
		platform_put(buf, cap, len, '-');
		text++;
		n--;
	}
	if (!left)
		while (fill-- > 0)
			platform_put(buf, cap, len, pad);
	for (size_t i = 0; i < n; i++)
		platform_put(buf, cap, len, text[i]);
	if (left)
		while (fill-- > 0)
			platform_put(buf, cap, len, ' ');
}

/* Write an unsigned number in base 10 or 16 into digits (with a leading '-' when neg). */
static size_t platform_num(char *out, unsigned long long v, unsigned base, int neg)
{
	char tmp[24];
	size_t n = 0, k = 0;
	do {
		unsigned d = (unsigned)(v % base);
		tmp[n++] = (char)(d < 10 ? '0' + d : 'a' + d - 10);
		v /= base;
	} while (v);
	if (neg)
		out[k++] = '-';
	while (n > 0)
		out[k++] = tmp[--n];
	return k;
}

/* The formatter: a printf subset that never allocates (see platform.h). */
size_t platform_vformat(char *buf, size_t cap, const char *fmt, va_list ap)
{
	size_t len = 0;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			platform_put(buf, cap, &len, *f);
			continue;
		}
		f++;
		int left = 0, lng = 0, size = 0;
		char pad = ' ';
		size_t width = 0;
		for (; *f == '-' || *f == '0'; f++) {
			if (*f == '-')
				left = 1;
			else
				pad = '0';
		}
		for (; *f >= '0' && *f <= '9'; f++)
			width = width * 10 + (size_t)(*f - '0');
		for (; *f == 'l'; f++)
			lng++;
		if (*f == 'z') {
			size = 1;
			f++;
		}
		char num[32];
		size_t n;
		switch (*f) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			s = s ? s : "(null)";
			for (n = 0; s[n]; n++)
				;
			platform_put_field(buf, cap, &len, s, n, width, left, ' ');
			break;
		}
		case 'c':
			num[0] = (char)va_arg(ap, int);
			platform_put_field(buf, cap, &len, num, 1, width, left, ' ');
			break;
		case 'd':
		case 'i': {
			long long v = size ? (long long)va_arg(ap, ptrdiff_t)
			            : lng >= 2 ? va_arg(ap, long long)
			            : lng ? (long long)va_arg(ap, long) : (long long)va_arg(ap, int);
			unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
			n = platform_num(num, u, 10, v < 0);
			platform_put_field(buf, cap, &len, num, n, width, left, pad);
			break;
		}
		case 'u':
		case 'x': {
			unsigned long long v = size ? (unsigned long long)va_arg(ap, size_t)
			                     : lng >= 2 ? va_arg(ap, unsigned long long)
			                     : lng ? (unsigned long long)va_arg(ap, unsigned long)
			                     : (unsigned long long)va_arg(ap, unsigned);
			n = platform_num(num, v, *f == 'x' ? 16 : 10, 0);
			platform_put_field(buf, cap, &len, num, n, width, left, pad);
			break;
		}
		case 'p':
			num[0] = '0';
			num[1] = 'x';
			n = 2 + platform_num(num + 2, (uintptr_t)va_arg(ap, void *), 16, 0);
			platform_put_field(buf, cap, &len, num, n, width, left, ' ');
			break;
		case '%':
			platform_put(buf, cap, &len, '%');
			break;
		case '\0':
			f--;
			break;
		default:
			platform_put(buf, cap, &len, '%');
			platform_put(buf, cap, &len, *f);
			break;
		}
	}
	if (cap > 0)
		buf[len < cap ? len : cap - 1] = '\0';
	return len < cap ? len : (cap ? cap - 1 : 0);
}

/* Format into buf (see platform_vformat). */
size_t platform_format(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t n = platform_vformat(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

/* Format one line (or less) on the stack and write it to fd. */
void platform_printf_fd(int fd, const char *fmt, ...)
{
	char line[PLATFORM_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = platform_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	platform_write_fd(fd, line, n);
}
