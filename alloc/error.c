/*
 * alloc/error.c: the one error sink of libstrata.
 *
 * Theory. Inner layers never print; when a face or the engine sees misuse or damage it
 * calls error_report(kind, ptr, fmt, ...). The report is formatted on the stack by the
 * allocation-free formatter (platform_vformat), counted, and handed to the handler in
 * force: the one a program installed with strata_error_handler_set(), else the default,
 * which writes
 *     strata: <kind-name> of <ptr>: <message>
 * (or "strata: <kind-name>: <message>" without a pointer) to the platform's diagnostic
 * output and aborts -- unless STRATA_ERROR=warn, in which case it returns. When the
 * handler returns, error_report returns and the caller treats the faulting call as a
 * no-op (a double free frees nothing, a bad rmfree adds nothing).
 *
 * A report made while another report is being handled on the same thread (a handler
 * that itself misuses the allocator) skips the handler and goes straight to the default
 * writer, so the sink never recurses without bound. Nothing here allocates or locks.
 */
#include "alloc/error.h"

#include <stdarg.h>
#include <stdatomic.h>

#include "alloc/assert.h"
#include "alloc/options.h"
#include "alloc/page/platform.h"

/* Longest message a report carries; longer ones are cut. 256 bytes is two full lines. */
#define ERROR_MESSAGE_MAX 256

/* Threads that may be inside a handler at once and still be told apart from a nested
 * report; beyond this, reports just are not checked for nesting. */
#define ERROR_BUSY_SLOTS 16

/* Module state of the sink. */
static struct error_state {
	strata_error_handler_t _Atomic handler;   /* installed handler, NULL = default */
	void *_Atomic arg;                        /* its argument */
	atomic_ulong count;                       /* reports since start */
	atomic_uintptr_t busy[ERROR_BUSY_SLOTS];  /* ids of threads inside a handler, 0 free */
} error_state;

/* Names of the kinds, indexed by kind; stable, lower case, used in messages and tests. */
static const char *const error_kind_names[] = {
	[0] = "error",
	[STRATA_ERR_DOUBLE_FREE] = "double-free",
	[STRATA_ERR_INVALID_FREE] = "invalid-free",
	[STRATA_ERR_SIZE_MISMATCH] = "size-mismatch",
	[STRATA_ERR_OVERLAP] = "overlap",
	[STRATA_ERR_CORRUPT] = "corruption",
	[STRATA_ERR_OVERFLOW] = "overflow",
	[STRATA_ERR_MAP_FULL] = "map-full",
	[STRATA_ERR_MISUSE] = "misuse",
	[STRATA_ERR_OOM] = "out-of-memory",
	[STRATA_ERR_USE_AFTER_FREE] = "use-after-free",
};

/* The stable name of a kind ("error" for values outside the enum). */
const char *strata_error_kind_name(strata_error_kind_t kind)
{
	unsigned k = (unsigned)kind;
	if (k >= sizeof error_kind_names / sizeof error_kind_names[0] || !error_kind_names[k])
		return error_kind_names[0];
	return error_kind_names[k];
}

/* Install a handler; NULL restores the default. Returns the previous one (NULL = default). */
strata_error_handler_t strata_error_handler_set(strata_error_handler_t handler, void *arg)
{
	atomic_store(&error_state.arg, arg);
	return atomic_exchange(&error_state.handler, handler);
}

/* Number of reports since start. */
unsigned long strata_error_count(void)
{
	return atomic_load(&error_state.count);
}

/* Write text to the diagnostic output. */
void error_write(const char *text, size_t len)
{
	platform_write(text, len);
}

/* The default handler's line, then abort unless STRATA_ERROR=warn. */
static void error_default(strata_error_kind_t kind, const void *ptr, const char *message)
{
	char line[ERROR_MESSAGE_MAX + 64];
	size_t n;
	if (ptr)
		n = platform_format(line, sizeof line, "strata: %s of %p: %s\n",
		                    strata_error_kind_name(kind), ptr, message);
	else
		n = platform_format(line, sizeof line, "strata: %s: %s\n", strata_error_kind_name(kind), message);
	if (n > 0 && line[n - 1] != '\n')
		line[n - 1] = '\n';   /* a cut message still ends its line */
	error_write(line, n);
	if (options_get(OPT_ERROR) != 1)
		platform_abort();
}

/* Report one fault: format, count, hand to the handler; returns if the handler does. */
void error_report(strata_error_kind_t kind, const void *ptr, const char *fmt, ...)
{
	char message[ERROR_MESSAGE_MAX];
	va_list ap;
	va_start(ap, fmt);
	platform_vformat(message, sizeof message, fmt, ap);
	va_end(ap);
	atomic_fetch_add(&error_state.count, 1);
	strata_error_handler_t h = atomic_load(&error_state.handler);
	if (!h) {
		error_default(kind, ptr, message);
		return;
	}
	uintptr_t self = platform_thread_id();
	int slot = -1;
	for (int i = 0; i < ERROR_BUSY_SLOTS; i++)
		if (atomic_load(&error_state.busy[i]) == self) {
			error_default(kind, ptr, message);   /* nested: the handler misbehaved */
			return;
		}
	for (int i = 0; i < ERROR_BUSY_SLOTS && slot < 0; i++) {
		uintptr_t expected = 0;
		if (atomic_compare_exchange_strong(&error_state.busy[i], &expected, self))
			slot = i;
	}
	h(kind, ptr, message, atomic_load(&error_state.arg));
	if (slot >= 0)
		atomic_store(&error_state.busy[slot], 0);
}

/* A failed ASSERT (alloc/assert.h): a corruption report naming where and what. */
void assert_fail(const char *file, int line, const char *expr)
{
	error_report(STRATA_ERR_CORRUPT, NULL, "%s:%d: assertion failed: %s", file, line, expr);
}
