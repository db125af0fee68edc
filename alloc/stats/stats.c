/*
 * alloc/stats/stats.c: face-call counters, usage sources, and their three writers.
 *
 * Theory. A counter is one slot of a per-thread block. stats_count() adds 1 to the
 * calling thread's slot with a relaxed load and a relaxed store -- no lock, no atomic
 * read-modify-write (on x86 and arm64 these are plain loads and stores); only the owning
 * thread ever stores to its block, so no increment is lost, and readers may see a value
 * a few increments old, which is all a statistic needs. (Relaxed atomics rather than
 * plain ints only so that ThreadSanitizer sees no data race between a reader and an
 * owner.) A thread's block is linked into a global list under the stats lock on its
 * first count, and a thread-exit hook folds it into the global block and unlinks it; a
 * thread that counts after its exit hook ran (another layer's exit hook, say) counts
 * straight into the global block with an atomic add. stats_read() sums the global block
 * and every linked block under the lock, and adds what a registered count source says:
 * the slab engine counts the face calls its fast paths serve in its thread caches
 * (stats_counts_register), where the count is one increment of a line already loaded.
 * Freestanding builds have no TLS: every count is an atomic add to the global block.
 *
 * Usage sources are functions that layers register; they report (name, key, value)
 * triples on demand; the layer that owns the pages registers a function naming the page
 * source (stats_backend_set), so that this layer, below it, never names it. Writers:
 * strata_stats_print (a table for people) and strata_stats_dump (the line format
 * `counter FACE CALL N` / `usage NAME KEY VALUE` that `strata stats FILE` reads back);
 * the runtime graph is drawn above the faces, in alloc/topology.c.
 * Nothing here allocates: output is formatted line by line on the stack.
 */
#include "alloc/stats/stats.h"

#include <stdatomic.h>

#include <strata/stats.h>

#include "alloc/options.h"
#include "alloc/page/platform.h"
#include "alloc/sync/sync.h"


/* Face and call names, indexed by counter. */
static const struct stats_name {
	const char *face;   /* face name, as in counters.def and strata dig */
	const char *call;   /* call name */
} stats_names[CNT_COUNT] = {
#define COUNTER(id, face, call) [id] = { face, call },
#include "alloc/stats/counters.def"
#undef COUNTER
};

/* Module state of the stats layer. */
static struct stats_state {
	sync_lock_t lock;                    /* guards the list and usage[] */
	struct stats_block global;           /* exited threads, and freestanding counts */
	struct stats_block *head;            /* linked per-thread blocks */
	stats_usage_fn usage[STATS_USAGE_MAX]; /* registered usage sources */
	int nusage;                          /* how many */
	atomic_int exit_armed;               /* 1 once the at-exit print is registered */
	const char *(*_Atomic backend)(void); /* names the page source (stats_backend_set) */
	stats_count_fn _Atomic counts;       /* a layer's own counts (stats_counts_register) */
} stats_state;

#if STRATA_HOSTED
_Thread_local struct stats_block stats_tls __attribute__((tls_model("initial-exec")));

/* Thread exit: fold the block into the global one and unlink it. */
static void stats_thread_exit(void *arg)
{
	struct stats_block *b = arg;
	sync_lock_acquire(&stats_state.lock);
	for (int i = 0; i < CNT_COUNT; i++)
		atomic_fetch_add_explicit(&stats_state.global.count[i],
		                          atomic_load_explicit(&b->count[i], memory_order_relaxed),
		                          memory_order_relaxed);
	if (b->prev)
		b->prev->next = b->next;
	else
		stats_state.head = b->next;
	if (b->next)
		b->next->prev = b->prev;
	b->state = -1;
	sync_lock_release(&stats_state.lock);
}

/* First count of a thread: link its block and arm the exit hook. */
static void stats_block_link(struct stats_block *b)
{
	sync_lock_acquire(&stats_state.lock);
	b->prev = NULL;
	b->next = stats_state.head;
	if (stats_state.head)
		stats_state.head->prev = b;
	stats_state.head = b;
	b->state = 1;
	sync_lock_release(&stats_state.lock);
	if (sync_thread_exit_hook(stats_thread_exit, b) != 0) {
		/* No exit hook: the block would dangle after exit; count globally instead. */
		stats_thread_exit(b);
	}
}
#endif

/* Add n to counter c for the calling thread (stats_count's slow path too). */
void stats_add(enum stats_counter c, unsigned long n)
{
	if ((unsigned)c >= CNT_COUNT)
		return;
#if STRATA_HOSTED
	struct stats_block *b = &stats_tls;
	if (b->state == 0)
		stats_block_link(b);
	if (b->state == 1) {
		unsigned long v = atomic_load_explicit(&b->count[c], memory_order_relaxed);
		atomic_store_explicit(&b->count[c], v + n, memory_order_relaxed);
		return;
	}
#endif
	atomic_fetch_add_explicit(&stats_state.global.count[c], n, memory_order_relaxed);
}

/* The sum of counter c over every thread, live and exited. */
unsigned long stats_read(enum stats_counter c)
{
	if ((unsigned)c >= CNT_COUNT)
		return 0;
	sync_lock_acquire(&stats_state.lock);
	unsigned long sum = atomic_load_explicit(&stats_state.global.count[c], memory_order_relaxed);
	for (struct stats_block *b = stats_state.head; b; b = b->next)
		sum += atomic_load_explicit(&b->count[c], memory_order_relaxed);
	stats_count_fn fn = atomic_load_explicit(&stats_state.counts, memory_order_acquire);
	sync_lock_release(&stats_state.lock);
	if (fn)
		sum += fn(c);   /* outside the lock: the source takes its own */
	return sum;
}

/* Register the layer that counts calls of its own (the slab engine's fast paths count in
 * the thread caches); stats_read adds what it reports. One source; NULL removes it. */
void stats_counts_register(stats_count_fn fn)
{
	atomic_store_explicit(&stats_state.counts, fn, memory_order_release);
}

/* Face name of a counter. */
const char *stats_face_name(enum stats_counter c)
{
	return (unsigned)c < CNT_COUNT ? stats_names[c].face : NULL;
}

/* Call name of a counter. */
const char *stats_call_name(enum stats_counter c)
{
	return (unsigned)c < CNT_COUNT ? stats_names[c].call : NULL;
}

/* String equality without libc. */
static int stats_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* A counter's value by face and call name; 0 when unknown. */
unsigned long strata_stats_get(const char *face, const char *call)
{
	if (!face || !call)
		return 0;
	for (int i = 0; i < CNT_COUNT; i++)
		if (stats_streq(stats_names[i].face, face) && stats_streq(stats_names[i].call, call))
			return stats_read((enum stats_counter)i);
	return 0;
}

/* Register a usage source (idempotent). */
int stats_usage_register(stats_usage_fn fn)
{
	int rc = 0;
	sync_lock_acquire(&stats_state.lock);
	for (int i = 0; i < stats_state.nusage; i++)
		if (stats_state.usage[i] == fn)
			goto out;
	if (stats_state.nusage < STATS_USAGE_MAX)
		stats_state.usage[stats_state.nusage++] = fn;
	else
		rc = -1;
out:
	sync_lock_release(&stats_state.lock);
	return rc;
}

/* Call every usage source with emit (sources are copied first: they may take locks). */
void stats_usage_walk(stats_emit_fn emit, void *ctx)
{
	stats_usage_fn fns[STATS_USAGE_MAX];
	sync_lock_acquire(&stats_state.lock);
	int n = stats_state.nusage;
	for (int i = 0; i < n; i++)
		fns[i] = stats_state.usage[i];
	sync_lock_release(&stats_state.lock);
	for (int i = 0; i < n; i++)
		fns[i](emit, ctx);
}

/* Copy s into buf as one word: spaces and control bytes become '_'. */
static const char *stats_word(const char *s, char *buf, size_t cap)
{
	size_t i = 0;
	for (; s && s[i] && i + 1 < cap; i++)
		buf[i] = (s[i] <= ' ' || s[i] == 0x7f) ? '_' : s[i];
	if (i == 0 && cap > 1)
		buf[i++] = '-';
	buf[i] = '\0';
	return buf;
}

/* Copy s into buf as the rest of a line: control bytes become '_'. */
static const char *stats_line(const char *s, char *buf, size_t cap)
{
	size_t i = 0;
	for (; s && s[i] && i + 1 < cap; i++)
		buf[i] = ((unsigned char)s[i] < ' ' || s[i] == 0x7f) ? '_' : s[i];
	buf[i] = '\0';
	return buf;
}

/* Emit one usage line of the dump format. */
static void stats_dump_usage(void *ctx, const char *name, const char *key, unsigned long value)
{
	char n[96], k[64];
	platform_printf_fd(*(int *)ctx, "usage %s %s %lu\n", stats_word(name, n, sizeof n),
	                   stats_word(key, k, sizeof k), value);
}

/* The dump: a header naming the program, its pid and the options in force (by name), one
 * line per counter, one line per usage triple. */
void strata_stats_dump(int fd)
{
	char value[96], prog[160];
	platform_printf_fd(fd, "# strata stats dump v2\n# program %s\n# pid %ld\n",
	                   stats_line(platform_program_name(), prog, sizeof prog), platform_process_id());
	for (int i = 0; i < OPT_COUNT; i++)
		platform_printf_fd(fd, "# option %s %s\n", options_name((enum option_id)i),
		                   stats_word(options_format((enum option_id)i, value, sizeof value), prog, sizeof prog));
	for (int i = 0; i < CNT_COUNT; i++)
		platform_printf_fd(fd, "counter %s %s %lu\n", stats_names[i].face, stats_names[i].call,
		                   stats_read((enum stats_counter)i));
	stats_usage_walk(stats_dump_usage, &fd);
}

/* Emit one usage row of the people's table. */
static void stats_print_usage(void *ctx, const char *name, const char *key, unsigned long value)
{
	char n[96], k[64];
	platform_printf_fd(*(int *)ctx, "  %-24s %-16s %14lu\n", stats_word(name, n, sizeof n),
	                   stats_word(key, k, sizeof k), value);
}

/* The table for people: non-zero counters by face, then usage, then the options. */
void strata_stats_print(int fd)
{
	platform_printf_fd(fd, "strata statistics (page source: %s)\n", stats_backend_name());
	platform_printf_fd(fd, "  %-8s %-16s %14s\n", "face", "call", "count");
	int shown = 0;
	for (int i = 0; i < CNT_COUNT; i++) {
		unsigned long v = stats_read((enum stats_counter)i);
		if (v) {
			platform_printf_fd(fd, "  %-8s %-16s %14lu\n", stats_names[i].face, stats_names[i].call, v);
			shown++;
		}
	}
	if (!shown)
		platform_printf_fd(fd, "  (no calls counted)\n");
	platform_printf_fd(fd, "  %-24s %-16s %14s\n", "usage", "key", "value");
	stats_usage_walk(stats_print_usage, &fd);
	platform_printf_fd(fd, "  %-24s %14s  %s\n", "option", "value", "meaning");
	for (int i = 0; i < OPT_COUNT; i++) {
		char name[40], value[96];
		platform_format(name, sizeof name, "STRATA_%s", options_name((enum option_id)i));
		platform_printf_fd(fd, "  %-24s %14s  %s\n", name, options_format((enum option_id)i, value, sizeof value),
		                   options_help((enum option_id)i));
	}
}

/* The sum of every counter of a face whose call is not `except` (NULL: all). */
unsigned long stats_face_sum(const char *face, const char *except)
{
	unsigned long sum = 0;
	for (int i = 0; i < CNT_COUNT; i++)
		if (stats_streq(stats_names[i].face, face) && !(except && stats_streq(stats_names[i].call, except)))
			sum += stats_read((enum stats_counter)i);
	return sum;
}

/* Name the backend (the page source in force) through fn; NULL forgets it. */
void stats_backend_set(const char *(*fn)(void))
{
	atomic_store_explicit(&stats_state.backend, fn, memory_order_release);
}

/* The backend's name ("none" before a layer registered one). */
const char *stats_backend_name(void)
{
	const char *(*fn)(void) = atomic_load_explicit(&stats_state.backend, memory_order_acquire);
	const char *name = fn ? fn() : NULL;
	return name ? name : "none";
}

/* Expand STRATA_STATS=file:PATH's %p (the pid) and %% into buf; 0, or -1 when too long. */
static int stats_dump_path(const char *pattern, char *buf, size_t cap)
{
	size_t n = 0;
	for (const char *p = pattern; *p; p++) {
		char num[24];
		const char *piece = p;
		size_t len = 1;
		if (p[0] == '%' && (p[1] == 'p' || p[1] == '%')) {
			p++;
			if (*p == 'p') {
				len = platform_format(num, sizeof num, "%ld", platform_process_id());
				piece = num;
			}
		}
		if (n + len >= cap)
			return -1;
		for (size_t i = 0; i < len; i++)
			buf[n++] = piece[i];
	}
	buf[n] = '\0';
	return 0;
}

/* The at-exit writer: STRATA_STATS=1 prints the table on stderr, file:PATH writes the dump
 * into PATH (a message on stderr when it cannot). */
static void stats_exit_print(void)
{
	char path[1024];
	const char *pattern;
	int fd;
	if (options_get(OPT_STATS) != 2) {
		strata_stats_print(2);
		return;
	}
	pattern = options_text(OPT_STATS);
	if (!pattern || stats_dump_path(pattern, path, sizeof path) != 0) {
		platform_printf_fd(2, "strata: STRATA_STATS=file:%s: path too long, no dump written\n", pattern ? pattern : "");
		return;
	}
	fd = platform_file_create(path);
	if (fd < 0) {
		platform_printf_fd(2, "strata: STRATA_STATS=file:%s: cannot create %s, no dump written\n", pattern, path);
		return;
	}
	strata_stats_dump(fd);
	platform_file_close(fd);
}

/* Arm the at-exit print or dump when STRATA_STATS is on (once). */
void stats_exit_print_arm(void)
{
	if (!options_get(OPT_STATS))
		return;
	int expected = 0;
	if (atomic_compare_exchange_strong(&stats_state.exit_armed, &expected, 1))
		platform_at_exit(stats_exit_print);
}

/* Before fork: hold the stats lock so no list splice is half done in the child. */
void stats_fork_prepare(void)
{
	sync_lock_acquire(&stats_state.lock);
}

/* After fork, in the parent: release it. */
void stats_fork_parent(void)
{
	sync_lock_release(&stats_state.lock);
}

/* After fork, the child's only thread may have inherited a held lock: free it. */
void stats_fork_child(void)
{
	sync_lock_init(&stats_state.lock);
}
